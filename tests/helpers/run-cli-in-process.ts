import { expect } from 'vitest';
import type { CommandOutput } from '../../src/cli/output.js';
import { runCli } from '../../src/cli/run-cli.js';
import type { CliRun } from './run-cli.js';

/**
 * Run a command line in this process through `runCli`, the function the `kechuang` binary calls with
 * its arguments (dist/cli/main.js is `process.exitCode = await runCli(argv)`), and capture what it
 * prints. Tables are as wide as the binary draws them when its output is not a terminal (120).
 * Pool workers need the built dist/, so commands that take `--workers` get `--workers 1` here: one
 * worker runs in the calling thread.
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

/** Run through `runInProcess`, expect exit 0, and parse what it printed as JSON. */
export async function runJsonInProcess<Result>(args: readonly string[]): Promise<Result> {
  const run = await runInProcess(args);
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Result;
}

/** An error message for a person: no stack trace, and not the internal-error text of a bug. */
export function expectNoStackTrace(text: string): void {
  expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(text).not.toMatch(/internal error/);
}
