import type { CommandOutput } from '../../src/cli/output.js';
import { runCli } from '../../src/cli/run-cli.js';
import type { CliRun } from './run-cli.js';

/**
 * What `runCli` printed and returned: the `kechuang` binary's work without a process
 * (dist/cli/main.js is `process.exitCode = await runCli(argv)`).
 */
export async function runInProcess(args: readonly string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const output: CommandOutput = {
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    width: 120,
  };
  const status = await runCli(args, output);
  return { status, stdout, stderr };
}
