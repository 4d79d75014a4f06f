import type { RunStore } from '../runtime/run-store.js';
import type { RunSource } from './run-source.js';
import type { DistributionSpec } from '../sampling/distribution-spec.js';
import { runStoreBytes } from '../runtime/run-store.js';
import { targetCountWidth, type TargetQuery } from '../stats/evaluate-target.js';
import { summaryWidth } from '../stats/summarize-columns.js';
import { planShards, subtractRanges, type ShardRange } from './plan-shards.js';
import { ShardFailedError, type ShardExecutor } from './shard-executor.js';
import type { RunShardTask, SummarizeShardTask, TargetShardTask } from './shard-task.js';

/** One Monte Carlo experiment: a compiled model, its base parameters and a sample matrix. */
export interface ExperimentInput {
  /** The generated run function (compile/generate-run-source.ts), encoded once for the threads. */
  source: RunSource;
  baseParameters: Float64Array;
  /** For each sample column, the parameter index it sets, or -1 to leave the base value. */
  sampleParameterIndex: Int32Array;
  /** Each sample column's distribution. */
  distributions: readonly DistributionSpec[];
  /** Row-major `[runIndex][column]` probabilities from `drawProbabilityMatrix`, on a SharedArrayBuffer. */
  probabilities: Float64Array;
  runCount: number;
  saveTimes: Float64Array;
  /** The variables the run function saves, in its output order. */
  variableNames: readonly string[];
  /** Targets to count over the runs. */
  targets: readonly TargetQuery[];
}

/**
 * The experiment's runs, and each column's mean/P5/P50/P95 packed `summaryWidth` per column (all NaN
 * for a column holding a non-finite value: see stats/find-failed-run.ts for which run).
 */
export interface ExperimentResult {
  store: RunStore;
  summaries: Float64Array;
  /** Per target, in input order, `targetCountWidth(saveCount)` counts (see stats/evaluate-target.ts `countTarget`). */
  targetCounts: Float64Array;
}

/**
 * Where an experiment keeps finished runs, so that an interrupted one can go on where it stopped
 * (parallel/checkpoint-store.ts writes them to disk).
 */
export interface RunCheckpoint {
  /** Copy the runs it holds into `store` and return their ranges (none on a fresh start). */
  restore(store: RunStore): ShardRange[];
  /** Keep runs `range` of `store`, which are final (written in the background). */
  save(store: RunStore, range: ShardRange): void;
  /** Settle once everything `save` was given is kept; rejects with the first failure. */
  flush(): Promise<void>;
}

/** Runs `firstRun` to `endRun - 1` failed and are tried again on a fresh worker. */
export interface RunRetry {
  firstRun: number;
  endRun: number;
  attempt: number;
  attemptCount: number;
  error: unknown;
}

/** How to report on, keep and stop an experiment; none of it changes its numbers. */
export interface ExperimentOptions {
  /** Called with the number of finished runs (restored ones included) as shards complete. */
  onProgress?: (completedRuns: number) => void;
  /** Called when a shard of runs failed and is about to be tried again. */
  onRetry?: (retry: RunRetry) => void;
  /** Aborting it stops the experiment with `InterruptedError` (see shard-executor.ts) once saved runs are kept. */
  signal?: AbortSignal;
  checkpoint?: RunCheckpoint;
  /** False to keep only the runs: no column summaries (left empty) and no target counts (analyses read the store themselves). */
  summarize?: boolean;
}

/** A run whose shard failed on every attempt: the run it was on, and the last failure. */
export class RunFailedError extends Error {
  constructor(
    readonly runIndex: number,
    readonly attempts: number,
    override readonly cause: unknown,
  ) {
    super(`run ${runIndex} failed ${attempts} times: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'RunFailedError';
  }
}

/**
 * Run every row of the sample matrix across the executor's workers into one shared column-major
 * store, then summarise the columns and count the targets, also across workers. Numbers depend only on the inputs, never on
 * the worker count or the shard plan: each run and each column is computed whole by one thread.
 */
export async function runExperiment(
  executor: ShardExecutor,
  input: ExperimentInput,
  options: ExperimentOptions = {},
): Promise<ExperimentResult> {
  const { runCount } = input;
  const saveCount = input.saveTimes.length;
  const variableCount = input.variableNames.length;
  const columnCount = input.sampleParameterIndex.length;
  if (!(input.probabilities.buffer instanceof SharedArrayBuffer))
    throw new TypeError('input.probabilities must be a view on a SharedArrayBuffer');
  if (input.distributions.length !== columnCount)
    throw new RangeError(`input.distributions has ${input.distributions.length} entries, expected ${columnCount}`);
  if (input.probabilities.length !== runCount * columnCount || input.probabilities.byteOffset !== 0)
    throw new RangeError(
      `input.probabilities must be a whole buffer of ${runCount} runs x ${columnCount} columns, found ${input.probabilities.length} values`,
    );
  const results = new SharedArrayBuffer(runStoreBytes(runCount, saveCount, variableCount));
  const store: RunStore = {
    runCount,
    saveCount,
    variableNames: input.variableNames,
    saveTimes: input.saveTimes,
    values: new Float64Array(results),
  };

  const { checkpoint, onProgress } = options;
  const restored = checkpoint?.restore(store) ?? [];
  const shards = subtractRanges(planShards(runCount, executor.workerCount), restored);
  const currentRuns = new SharedArrayBuffer(Math.max(1, shards.length) * Int32Array.BYTES_PER_ELEMENT);
  const runTasks: RunShardTask[] = shards.map(({ first, end }, shardIndex) => ({
    kind: 'runs',
    source: input.source,
    baseParameters: input.baseParameters,
    sampleParameterIndex: input.sampleParameterIndex,
    distributions: input.distributions,
    probabilities: input.probabilities.buffer as SharedArrayBuffer,
    results,
    runCount,
    saveCount,
    firstRun: first,
    endRun: end,
    shardIndex,
    currentRuns,
  }));
  let completedRuns = runCount - shards.reduce((sum, shard) => sum + shard.end - shard.first, 0);
  if (completedRuns > 0) onProgress?.(completedRuns);
  try {
    await executor.execute(runTasks, {
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      onDone: (task) => {
        if (task.kind !== 'runs') return;
        checkpoint?.save(store, { first: task.firstRun, end: task.endRun });
        completedRuns += task.endRun - task.firstRun;
        onProgress?.(completedRuns);
      },
      onRetry: ({ task, attempt, attemptCount, error }) => {
        if (task.kind === 'runs')
          options.onRetry?.({ firstRun: task.firstRun, endRun: task.endRun, attempt, attemptCount, error });
      },
    });
  } catch (error) {
    if (!(error instanceof ShardFailedError) || error.task.kind !== 'runs') throw error;
    const { firstRun, endRun, shardIndex } = error.task;
    const runIndex = Atomics.load(new Int32Array(currentRuns), shardIndex);
    throw new RunFailedError(
      runIndex >= firstRun && runIndex < endRun ? runIndex : firstRun,
      error.attempts,
      error.cause,
    );
  } finally {
    // Whatever happened, the runs that finished are kept before this returns (an interrupted run resumes from them).
    await checkpoint?.flush();
  }

  if (options.summarize === false) return { store, summaries: new Float64Array(0), targetCounts: new Float64Array(0) };
  const storeColumnCount = saveCount * variableCount;
  const summaries = new SharedArrayBuffer(storeColumnCount * summaryWidth * Float64Array.BYTES_PER_ELEMENT);
  // A column is about runCount x 8 bytes of quickselect work; one per task keeps workers busy to the end.
  const summaryTasks: SummarizeShardTask[] = planShards(storeColumnCount, executor.workerCount, 1).map(
    ({ first, end }) => ({
      kind: 'summaries',
      results,
      summaries,
      runCount,
      saveCount,
      variableCount,
      firstColumn: first,
      endColumn: end,
    }),
  );
  const width = targetCountWidth(saveCount);
  const targetCounts = new SharedArrayBuffer(input.targets.length * width * Float64Array.BYTES_PER_ELEMENT);
  const targetTasks: TargetShardTask[] = input.targets.map((query, index) => ({
    kind: 'targets',
    results,
    counts: targetCounts,
    runCount,
    saveCount,
    queries: [{ ...query, offset: index * width }],
  }));
  await executor.execute(
    [...targetTasks, ...summaryTasks],
    options.signal === undefined ? {} : { signal: options.signal },
  );
  return { store, summaries: new Float64Array(summaries), targetCounts: new Float64Array(targetCounts) };
}
