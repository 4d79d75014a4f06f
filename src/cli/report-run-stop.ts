import { RunCrashedError } from '../experiment/run-design.js';
import { messages, type Message } from '../diagnostics/messages.js';
import { CheckpointError, type CheckpointStore } from '../parallel/checkpoint-store.js';
import type { RunRetry } from '../parallel/run-experiment.js';
import { InterruptedError, ShardFailedError } from '../parallel/shard-executor.js';
import { QueueUnavailableError, ShardRefusedError } from '../queue/queue-errors.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { exitCodes, ReportedFailure } from './cli-error.js';
import { InputError, renderMessage } from '../diagnostics/input-error.js';
import type { CommandOutput } from './output.js';

/** What a message about a stopped run needs to say how to go on. */
export interface RunStopContext {
  scenario: ScenarioSpec;
  /** The command that redoes one run alone. */
  rerun: (runIndex: number) => string;
  /** With `--out`: the folder as given, the scenario's checkpoint in it, and the command that continues the run. */
  kept?: { out: string; checkpoint: CheckpointStore; resume: string };
  /** What to say on Ctrl-C, where the command keeps nothing but has more to say than that. */
  interrupted?: () => Message;
}

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Say on stderr that a shard failed and runs again on a fresh worker. */
export function printRetry(retry: RunRetry, scenario: ScenarioSpec, output: CommandOutput): void {
  const detail = messages.shardRetried(
    retry.firstRun,
    retry.endRun - 1,
    retry.attempt,
    retry.attemptCount,
    reasonOf(retry.error),
  );
  output.err(`${renderMessage(detail, scenario.file, 'warning')}\n`);
}

/**
 * Report why a scenario's experiment stopped before its results, and throw the `ReportedFailure`
 * with the exit code that goes with it: Ctrl-C (130, with the command that resumes), a run whose
 * shard failed on every attempt (3, with its inputs), a checkpoint that cannot be written (2), Redis
 * lost or a worker refusing a shard under `--redis` (2). Any other error is thrown on unchanged.
 */
export function reportRunStop(error: unknown, context: RunStopContext, output: CommandOutput): never {
  const { scenario, kept } = context;
  if (error instanceof InterruptedError) {
    const detail =
      kept === undefined
        ? (context.interrupted?.() ?? messages.interruptedUnsaved())
        : messages.interrupted(
            kept.checkpoint.savedRunCount(),
            scenario.uncertainty.runCount,
            kept.checkpoint.folder,
            kept.resume,
          );
    output.err(`\n${renderMessage(detail, scenario.file)}\n`);
    throw new ReportedFailure(exitCodes.interrupted);
  }
  if (error instanceof RunCrashedError) {
    const inputs = Object.entries(error.parameters)
      .map(([name, value]) => `${name}=${value}`)
      .join(', ');
    output.err(
      `${renderMessage(messages.runCrashed(error.runIndex, error.attempts, reasonOf(error.cause), inputs || 'none', context.rerun(error.runIndex)), scenario.file)}\n`,
    );
    if (kept !== undefined) {
      output.err(
        `${renderMessage(messages.runsKept(kept.checkpoint.savedRunCount(), scenario.uncertainty.runCount, kept.checkpoint.folder, kept.resume), scenario.file, 'note')}\n`,
      );
    }
    throw new ReportedFailure(exitCodes.runFailed);
  }
  if (error instanceof ShardFailedError) {
    output.err(
      `${renderMessage(messages.tasksCrashed('computing the statistics', error.attempts, reasonOf(error.cause)), scenario.file)}\n`,
    );
    throw new ReportedFailure(exitCodes.internal);
  }
  if (error instanceof QueueUnavailableError) {
    output.err(`${renderMessage(messages.redisLost(error.shown, error.reason), `--redis ${error.shown}`)}\n`);
    if (kept !== undefined) {
      const { checkpoint, resume } = kept;
      const saved = messages.queueRunsKept(
        checkpoint.savedRunCount(),
        scenario.uncertainty.runCount,
        checkpoint.folder,
        resume,
      );
      output.err(`${renderMessage(saved, scenario.file, 'note')}\n`);
    }
    throw new ReportedFailure(exitCodes.badInput);
  }
  if (error instanceof ShardRefusedError) {
    output.err(`${renderMessage(messages.shardRefused(error.worker, error.reason), `--redis ${error.shown}`)}\n`);
    throw new ReportedFailure(exitCodes.badInput);
  }
  if (error instanceof CheckpointError) throw new InputError(`--out ${kept?.out ?? error.folder}`, error.detail);
  throw error;
}
