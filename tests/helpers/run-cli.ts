import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const binary = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** What a run of the built `kechuang` binary printed, and how it exited. */
export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the built `kechuang` binary as a user would, in a child process. */
export function runKechuang(args: readonly string[], options: { cwd?: string } = {}): CliRun {
  const result = spawnSync(process.execPath, [binary, ...args], { encoding: 'utf8', cwd: options.cwd, env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
