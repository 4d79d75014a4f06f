import type { RunStore } from '../runtime/run-store.js';
import type { RunSource } from './run-source.js';
import type { DistributionSpec, SamplingDesign } from '../sampling/distribution-spec.js';
import { streamBlockCount, streamStateWidth } from '../sampling/column-streams.js';
import { runStoreBytes } from '../runtime/run-store.js';
import { targetCountWidth, type TargetQuery } from '../stats/evaluate-target.js';
import { summaryWidth } from '../stats/summarize-columns.js';
import { planShards, subtractRanges, type ShardRange } from './plan-shards.js';
import { ShardFailedError, type ShardExecutor, type ShardTaskSource } from './shard-executor.js';
import { createShardSizer, defaultShardTiming, type ShardSizer, type ShardTiming } from './shard-sizer.js';
import {
  failureTallyWidth,
  type MatrixSample,
  type RunShardTask,
  type ShardTask,
  type StreamSample,
  type StreamShardTask,
  type SummarizeShardTask,
  type TargetShardTask,
} from './shard-task.js';

/**
 * Where an experiment's rows come from: a probability matrix the caller drew (factor designs), or the
 * scenario's own per-column streams, which the workers walk and draw from themselves
 * (sampling/column-streams.ts), so that no thread draws the whole sample and no buffer holds it.
 */
export type ExperimentSample =
  | {
      kind: 'matrix';
      /** Row-major `[runIndex][column]` probabilities, on a SharedArrayBuffer. */
      probabilities: Float64Array;
    }
  | {
      kind: 'streams';
      design: SamplingDesign;
      /** Each sample column's stream key (sampling/column-streams.ts `columnStreamKey`). */
      keys: readonly string[];
    };

/** One Monte Carlo experiment: a compiled model, its base parameters and a sample. */
export interface ExperimentInput {
  /** The generated run function (compile/generate-run-source.ts), encoded once for the threads. */
  source: RunSource;
  baseParameters: Float64Array;
  /** For each sample column, the parameter index it sets, or -1 to leave the base value. */
  sampleParameterIndex: Int32Array;
  /** Each sample column's distribution. */
  distributions: readonly DistributionSpec[];
  sample: ExperimentSample;
  runCount: number;
  saveTimes: Float64Array;
  /** The variables the run function saves, in its output order. */
  variableNames: readonly string[];
  /** Targets to count over the runs. */
  targets: readonly TargetQuery[];
}

/** The first run with a NaN or infinite value, found as the runs finished (when the store is not kept whole). */
export interface FailureTally {
  failedRunCount: number;
  runIndex: number;
  saveIndex: number;
  variableIndex: number;
  value: number;
}

/**
 * The experiment's runs, and each column's mean/P5/P50/P95 packed `summaryWidth` per column (all NaN
 * for a column holding a non-finite value: see stats/find-failed-run.ts for which run).
 */
export interface ExperimentResult {
  /** The runs; undefined when the columns were summarised in passes (the whole store did not fit). */
  store: RunStore | undefined;
  summaries: Float64Array;
  /** Per target, in input order, `targetCountWidth(saveCount)` counts (see stats/evaluate-target.ts `countTarget`). */
  targetCounts: Float64Array;
  /** How many times every run was run: 1, or one pass per group of columns. */
  passCount: number;
  /** With passes, the first failed run as the runs found it (none: undefined); without, scan `store`. */
  failure: FailureTally | undefined;
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
  /** Called with the number of finished runs (restored ones included; with passes, runs of all passes over `passCount`). */
  onProgress?: (completedRuns: number) => void;
  /** Called when a shard of runs failed and is about to be tried again. */
  onRetry?: (retry: RunRetry) => void;
  /** Aborting it stops the experiment with `InterruptedError` (see shard-executor.ts) once saved runs are kept. */
  signal?: AbortSignal;
  /** Needs the whole store (`columnsPerPass` left out or covering every column). */
  checkpoint?: RunCheckpoint;
  /** False to keep only the runs: no column summaries (left empty) and no target counts (analyses read the store themselves). */
  summarize?: boolean;
  /**
   * Hold at most this many store columns at once: the columns are summarised in passes over groups
   * of them, each pass running every run again (runs are deterministic, so each pass computes the
   * same values) and keeping only its group. Default: every column, in one pass.
   */
  columnsPerPass?: number;
  /** How long shards may take (parallel/shard-sizer.ts). */
  shardTiming?: ShardTiming;
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

/** Bytes the buffers of a walked stream sample take: each stream's block states, and strata for lhs. */
export function streamSampleBytes(design: SamplingDesign, streamCount: number, runCount: number): number {
  const states = streamCount * streamBlockCount(runCount) * streamStateWidth * Float64Array.BYTES_PER_ELEMENT;
  return states + (design === 'lhs' ? streamCount * runCount * Uint32Array.BYTES_PER_ELEMENT : 0);
}

function checkInput(input: ExperimentInput): void {
  const { runCount, sample } = input;
  const columnCount = input.sampleParameterIndex.length;
  if (input.distributions.length !== columnCount)
    throw new RangeError(`input.distributions has ${input.distributions.length} entries, expected ${columnCount}`);
  if (sample.kind === 'streams') {
    if (sample.keys.length !== columnCount)
      throw new RangeError(`input.sample.keys has ${sample.keys.length} entries, expected ${columnCount}`);
    return;
  }
  if (!(sample.probabilities.buffer instanceof SharedArrayBuffer))
    throw new TypeError('input.sample.probabilities must be a view on a SharedArrayBuffer');
  if (sample.probabilities.length !== runCount * columnCount || sample.probabilities.byteOffset !== 0)
    throw new RangeError(
      `input.sample.probabilities must be a whole buffer of ${runCount} runs x ${columnCount} columns, found ${sample.probabilities.length} values`,
    );
}

/** The sample as run tasks read it, and the tasks that walk its streams first (none for a matrix). */
function prepareSample(
  input: ExperimentInput,
  workerCount: number,
): { sample: MatrixSample | StreamSample; walks: StreamShardTask[] } {
  const { sample, runCount } = input;
  if (sample.kind === 'matrix')
    return { sample: { kind: 'matrix', probabilities: sample.probabilities.buffer as SharedArrayBuffer }, walks: [] };
  const keys = [...new Set(sample.keys)];
  const streamOfColumn = Int32Array.from(sample.keys, (key) => keys.indexOf(key));
  // Only streams that a column setting a parameter reads need walking.
  const used = new Set<number>();
  input.sampleParameterIndex.forEach((parameterIndex, column) => {
    if (parameterIndex >= 0) used.add(streamOfColumn[column]!);
  });
  const states = new SharedArrayBuffer(
    Math.max(1, keys.length * streamBlockCount(runCount) * streamStateWidth) * Float64Array.BYTES_PER_ELEMENT,
  );
  const strata =
    sample.design === 'lhs'
      ? new SharedArrayBuffer(Math.max(1, keys.length * runCount) * Uint32Array.BYTES_PER_ELEMENT)
      : undefined;
  const streams = [...used].map((index) => ({ key: keys[index]!, index }));
  // One walk per task where there are threads for it; otherwise streams share tasks evenly.
  const walks: StreamShardTask[] = planShards(streams.length, workerCount, 1).map(({ first, end }) => ({
    kind: 'streams',
    design: sample.design,
    runCount,
    streams: streams.slice(first, end),
    states,
    strata,
  }));
  return { sample: { kind: 'streams', design: sample.design, streamOfColumn, states, strata }, walks };
}

/** Hands out phases of tasks in order, each once every task of the phase before has finished. */
interface PhasedSource extends ShardTaskSource {
  finished(task: ShardTask): void;
}

function phasedSource(phases: readonly (() => ShardTaskSource)[]): PhasedSource {
  let phaseIndex = -1;
  let current: ShardTaskSource | undefined;
  let outstanding = 0;
  return {
    next() {
      for (;;) {
        const task = current?.next();
        if (task !== undefined) {
          outstanding++;
          return task;
        }
        if (outstanding > 0 || phaseIndex + 1 >= phases.length) return undefined;
        phaseIndex++;
        current = phases[phaseIndex]!();
      }
    },
    finished() {
      outstanding--;
    },
  };
}

const listOf = (tasks: readonly ShardTask[]): ShardTaskSource => {
  let nextIndex = 0;
  return { next: () => tasks[nextIndex++] };
};

/**
 * Run every row of the sample across the executor's workers into one shared column-major store (or,
 * with `columnsPerPass`, one group of its columns per pass), counting the targets as each run
 * finishes, then summarise the columns across the workers as soon as the last run is in. Sample
 * streams are walked by the workers first (one task per stream), and run shards are sized from the
 * measured cost of the shards before them (parallel/shard-sizer.ts), so the workers finish together.
 * Numbers depend only on the inputs, never on the worker count or the shard plan: each run and each
 * column is computed whole by one thread, and the counts are whole numbers.
 */
export async function runExperiment(
  executor: ShardExecutor,
  input: ExperimentInput,
  options: ExperimentOptions = {},
): Promise<ExperimentResult> {
  checkInput(input);
  const { runCount } = input;
  const saveCount = input.saveTimes.length;
  const variableCount = input.variableNames.length;
  const storeColumnCount = saveCount * variableCount;
  const summarize = options.summarize !== false;
  const groupSize = Math.max(1, Math.min(storeColumnCount, Math.floor(options.columnsPerPass ?? storeColumnCount)));
  const passCount = Math.max(1, Math.ceil(storeColumnCount / groupSize));
  const { checkpoint, onProgress } = options;
  if (passCount > 1 && (checkpoint !== undefined || !summarize))
    throw new TypeError('options.columnsPerPass below the column count needs summaries and no checkpoint');

  const results = new SharedArrayBuffer(Math.max(8, runStoreBytes(runCount, 1, groupSize)));
  const store: RunStore | undefined =
    passCount === 1
      ? {
          runCount,
          saveCount,
          variableNames: input.variableNames,
          saveTimes: input.saveTimes,
          values: new Float64Array(results, 0, runCount * storeColumnCount),
        }
      : undefined;
  const restored = store === undefined ? [] : (checkpoint?.restore(store) ?? []);
  const toRun = subtractRanges([{ first: 0, end: runCount }], restored);
  const restoredRuns = runCount - toRun.reduce((sum, range) => sum + range.end - range.first, 0);
  const { sample, walks } =
    toRun.length > 0 ? prepareSample(input, executor.workerCount) : { sample: undefined, walks: [] };

  const width = targetCountWidth(saveCount);
  const targets = summarize ? input.targets : [];
  const summaries = new SharedArrayBuffer(
    Math.max(1, storeColumnCount * summaryWidth) * Float64Array.BYTES_PER_ELEMENT,
  );
  const targetCounts = new SharedArrayBuffer(Math.max(1, targets.length * width) * Float64Array.BYTES_PER_ELEMENT);
  const tallyWidth = targets.length * width + (passCount > 1 ? failureTallyWidth : 0);
  const runTasks: RunShardTask[] = [];
  const timing = options.shardTiming ?? defaultShardTiming;

  // Runs finished in each pass; the first pass starts from the restored ones.
  const passRuns = Array.from({ length: passCount }, (_, pass) => (pass === 0 ? restoredRuns : 0));
  if (restoredRuns > 0) onProgress?.(restoredRuns);

  const sizers: ShardSizer[] = [];
  const phases: (() => ShardTaskSource)[] = [];
  if (walks.length > 0) phases.push(() => listOf(walks));
  for (let pass = 0; pass < passCount; pass++) {
    const firstColumn = pass * groupSize;
    const endColumn = Math.min(storeColumnCount, firstColumn + groupSize);
    const first = pass === 0;
    phases.push(() => {
      // Later passes run the same rows: they start from the cost the pass before measured.
      const sizer = createShardSizer(
        first ? toRun : [{ first: 0, end: runCount }],
        executor.workerCount,
        timing,
        sizers.at(-1)?.secondsPerRun(),
      );
      sizers.push(sizer);
      return {
        next() {
          const range = sizer.next();
          if (range === undefined || sample === undefined) return undefined;
          const task: RunShardTask = {
            kind: 'runs',
            source: input.source,
            baseParameters: input.baseParameters,
            sampleParameterIndex: input.sampleParameterIndex,
            distributions: input.distributions,
            sample,
            results,
            runCount,
            saveCount,
            variableCount,
            firstColumn,
            endColumn,
            firstRun: range.first,
            endRun: range.end,
            shardIndex: runTasks.length,
            status: new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT),
            targets: first ? targets : [],
            tallyFailures: first && passCount > 1,
            tallies: new SharedArrayBuffer(Math.max(1, first ? tallyWidth : 0) * Float64Array.BYTES_PER_ELEMENT),
          };
          runTasks.push(task);
          return task;
        },
      };
    });
    if (!summarize) continue;
    phases.push(() => {
      const restoredCounts: TargetShardTask[] =
        first && restored.length > 0
          ? targets.map((query, index) => ({
              kind: 'targets',
              results,
              counts: targetCounts,
              runCount,
              saveCount,
              queries: [{ ...query, offset: index * width }],
              ranges: restored,
            }))
          : [];
      // A column is about runCount x 8 bytes of selection work; one per task keeps workers busy to the end.
      const summaryTasks: SummarizeShardTask[] = planShards(endColumn - firstColumn, executor.workerCount, 1).map(
        (range) => ({
          kind: 'summaries',
          results,
          summaries,
          runCount,
          saveCount,
          firstColumn: range.first,
          endColumn: range.end,
          columnOffset: firstColumn,
        }),
      );
      return listOf([...restoredCounts, ...summaryTasks]);
    });
  }
  const source = phasedSource(phases);

  try {
    await executor.execute(source, {
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      onDone: (task, seconds) => {
        source.finished(task);
        if (task.kind !== 'runs') return;
        const range = { first: task.firstRun, end: task.endRun };
        const pass = task.firstColumn / groupSize;
        sizers[pass]?.record(range, seconds);
        if (store !== undefined) checkpoint?.save(store, range);
        passRuns[pass] = passRuns[pass]! + range.end - range.first;
        onProgress?.(Math.floor((pass * runCount + passRuns[pass]) / passCount));
      },
      onRetry: ({ task, attempt, attemptCount, error }) => {
        if (task.kind === 'runs')
          options.onRetry?.({ firstRun: task.firstRun, endRun: task.endRun, attempt, attemptCount, error });
      },
    });
  } catch (error) {
    if (!(error instanceof ShardFailedError) || error.task.kind !== 'runs') throw error;
    const { firstRun, endRun, status } = error.task;
    const runIndex = Atomics.load(new Int32Array(status), 0);
    throw new RunFailedError(
      runIndex >= firstRun && runIndex < endRun ? runIndex : firstRun,
      error.attempts,
      error.cause,
    );
  } finally {
    // Whatever happened, the runs that finished are kept before this returns (an interrupted run resumes from them).
    await checkpoint?.flush();
  }

  const counts = new Float64Array(targetCounts);
  let failure: FailureTally | undefined;
  for (const task of runTasks) {
    if (task.targets.length === 0 && !task.tallyFailures) continue;
    const tallies = new Float64Array(task.tallies);
    for (let index = 0; index < targets.length * width; index++) counts[index] = counts[index]! + tallies[index]!;
    if (!task.tallyFailures) continue;
    const offset = targets.length * width;
    const failedRunCount = tallies[offset]!;
    if (failedRunCount === 0) continue;
    const runIndex = tallies[offset + 1]!;
    if (failure === undefined || runIndex < failure.runIndex) {
      failure = {
        failedRunCount: failure?.failedRunCount ?? 0,
        runIndex,
        saveIndex: tallies[offset + 2]!,
        variableIndex: tallies[offset + 3]!,
        value: tallies[offset + 4]!,
      };
    }
    failure.failedRunCount += failedRunCount;
  }
  return {
    store,
    summaries: summarize ? new Float64Array(summaries, 0, storeColumnCount * summaryWidth) : new Float64Array(0),
    targetCounts: summarize ? counts.subarray(0, targets.length * width) : new Float64Array(0),
    passCount,
    failure,
  };
}
