import { runCli } from '../../src/cli/run-cli.js';
import type { CommandOutput } from '../../src/cli/output.js';
import type { CliRun } from './run-cli.js';

/** Run the command line in this process through `runCli` (what the binary calls), capturing what it prints. */
export async function runInProcess(args: readonly string[], width = 120): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const output: CommandOutput = {
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    width,
  };
  const status = await runCli(args, output);
  return { status, stdout, stderr };
}
