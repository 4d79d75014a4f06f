import { totalmem } from 'node:os';
import type { MemoryLimitError, ScenarioRunFailure } from '../experiment/run-design.js';
import { messages } from '../diagnostics/messages.js';
import { exitCodes, ReportedFailure } from './cli-error.js';
import { InputError, renderMessage } from '../diagnostics/input-error.js';
import type { CommandOutput } from './output.js';

/** Half of the memory this process may use: the experiment's buffers plus everything else must fit. */
export function defaultMemoryLimitBytes(): number {
  const constrained = process.constrainedMemory();
  return Math.min(totalmem(), constrained > 0 ? constrained : Number.POSITIVE_INFINITY) / 2;
}

/** The memory limit in bytes from `--max-memory <GB>` (a positive number), or the default when not given. */
export function memoryLimitOption(text: string | undefined): number {
  if (text === undefined) return defaultMemoryLimitBytes();
  const gigabytes = Number(text);
  if (!(gigabytes > 0 && Number.isFinite(gigabytes)))
    throw new InputError(`--max-memory ${text}`, messages.notPositive());
  return gigabytes * 1e9;
}

/** A byte count as a person reads it: `1.2 GB`, `350 MB`. */
export const byteSize = (bytes: number): string =>
  bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${(bytes / 1e6).toFixed(bytes >= 1e6 ? 0 : 3)} MB`;

/** The input error for an experiment too large for the memory limit: what it needs, and its shape. */
export function memoryLimitInputError(error: MemoryLimitError, subject: string): InputError {
  const { runCount, saveCount, variableCount } = error.shape;
  const shape = `${runCount.toLocaleString('en-US')} runs x ${saveCount} saved times x ${variableCount} stored variables, plus the sample matrix`;
  return new InputError(subject, messages.memoryLimit(byteSize(error.neededBytes), byteSize(error.limitBytes), shape));
}

/** Print a run that produced NaN or infinity (the run, variable, time, inputs, and `rerun`, the command that redoes it) and exit 3. */
export function reportRunFailure(
  failure: ScenarioRunFailure,
  file: string,
  rerun: string,
  output: CommandOutput,
): never {
  const inputs = Object.entries(failure.parameters)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
  const detail = messages.runFailed(
    failure.runIndex,
    failure.variable,
    failure.value,
    failure.time,
    failure.failedRunCount,
    inputs || 'none',
    rerun,
  );
  output.err(`${renderMessage(detail, file)}\n`);
  throw new ReportedFailure(exitCodes.runFailed);
}
