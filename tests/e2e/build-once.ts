import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Written beside the build: the hash of the sources it was built from. */
const stampPath = join('dist', '.source-hash');

/** A hash of everything `npm run build` reads: src/, the tsconfigs and the package files. */
function sourceHash(): string {
  const hash = createHash('sha256');
  const sources = readdirSync('src', { recursive: true, encoding: 'utf8' })
    .map((name) => join('src', name))
    .filter((path) => statSync(path).isFile())
    .sort();
  for (const path of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', ...sources]) {
    hash.update(`${path}\0`);
    if (existsSync(path)) hash.update(readFileSync(path));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/**
 * Build dist/ once before the tests, so the end-to-end tests run the binary a user would run (and
 * pool workers find their entry file). A dist/ built from exactly these sources is kept: running one
 * test file does not pay for a build.
 */
export default function buildOnce(): void {
  const hash = sourceHash();
  if (existsSync(stampPath) && readFileSync(stampPath, 'utf8') === hash) return;
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  writeFileSync(stampPath, hash);
}
