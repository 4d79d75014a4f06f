import { execFile, spawnSync } from 'node:child_process';
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
  const result = spawnSync(process.execPath, [binary, ...args], {
    encoding: 'utf8',
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `runKechuang` without blocking, with optional extra environment variables. */
export function runKechuangAsync(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [binary, ...args],
      { encoding: 'utf8', cwd: options.cwd, env: { ...process.env, NO_COLOR: '1', ...options.env }, maxBuffer: 64e6 },
      (error, stdout, stderr) => {
        const status = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ status, stdout, stderr });
      },
    );
  });
}

/** Run each argument list through `runKechuangAsync`, at most `concurrency` at a time, results in order. */
export async function runKechuangMany(argLists: readonly (readonly string[])[], concurrency = 4): Promise<CliRun[]> {
  const results: CliRun[] = new Array<CliRun>(argLists.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let index = next++; index < argLists.length; index = next++)
      results[index] = await runKechuangAsync(argLists[index]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, argLists.length) }, lane));
  return results;
}
