import { execFileSync } from 'node:child_process';

/** Build dist/ once before the end-to-end tests, so they run the binary a user would run. */
export default function buildOnce(): void {
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
}
