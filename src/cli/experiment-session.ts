import { InputError } from '../diagnostics/input-error.js';
import { MemoryLimitError } from '../experiment/run-design.js';
import { startShardExecutor, type ShardExecutor } from '../parallel/shard-executor.js';
import { ReportedFailure } from './cli-error.js';
import { listenForInterrupt } from './interrupt.js';
import type { CommandOutput } from './output.js';
import { createProgressReporter, type ProgressReporter } from './progress-bar.js';
import { reportRunStop, type RunStopContext } from './report-run-stop.js';
import { memoryLimitInputError } from './run-failure.js';
import type { SharedOptions } from './shared-options.js';

/** What every design a command runs shares: the pool, the memory limit, Ctrl-C, and the progress bar. */
export interface SessionRunOptions {
  executor: ShardExecutor;
  memoryLimitBytes: number;
  signal: AbortSignal;
  onProgress: (completedRuns: number) => void;
}

/** A command's experiments in progress. */
export interface ExperimentSession {
  /** To spread into the options of `runDesign` and the analyses built on it. */
  runOptions: SessionRunOptions;
  /** Start the progress bar afresh for `totalRuns` runs (a command running one scenario after another). */
  restartProgress(totalRuns: number): void;
}

/** How a session runs: the shared options' workers, memory limit and quiet, and the runs its bar counts to. */
export interface SessionSettings {
  shared: Pick<SharedOptions, 'workerCount' | 'memoryLimitBytes' | 'quiet'>;
  totalRuns: number;
}

/**
 * Run a command's experiments on a pool of worker threads with Ctrl-C listened for and a progress bar
 * on stderr, and report why they stopped if they did, the same way in every command: an experiment too
 * large for `--max-memory` (exit 2), Ctrl-C (130, with what was kept), a run whose shard failed on every
 * attempt (3, with the command that redoes it). `context()` says, at the moment of the stop, which
 * scenario was running and how to redo or resume it. Pool, listener and bar end however the work ends.
 */
export async function runExperimentSession<T>(
  settings: SessionSettings,
  context: () => RunStopContext,
  output: CommandOutput,
  work: (session: ExperimentSession) => Promise<T>,
): Promise<T> {
  const { shared } = settings;
  // The threads start now, and load while the command reads and compiles its scenarios.
  const executor = await startShardExecutor(shared.workerCount);
  const interrupt = listenForInterrupt();
  let progress: ProgressReporter = createProgressReporter(settings.totalRuns, !shared.quiet);
  const session: ExperimentSession = {
    runOptions: {
      executor,
      memoryLimitBytes: shared.memoryLimitBytes,
      signal: interrupt.signal,
      onProgress: (completedRuns) => progress.update(completedRuns),
    },
    restartProgress(totalRuns) {
      progress.stop();
      progress = createProgressReporter(totalRuns, !shared.quiet);
    },
  };
  try {
    return await work(session);
  } catch (error) {
    progress.stop();
    if (error instanceof ReportedFailure || error instanceof InputError) throw error;
    const stopped = context();
    if (error instanceof MemoryLimitError) throw memoryLimitInputError(error, stopped.scenario.file);
    return reportRunStop(error, stopped, output);
  } finally {
    progress.stop();
    interrupt.dispose();
    await executor.close();
  }
}
