import type { RunSource } from './run-source.js';
import type { DistributionSpec, SamplingDesign } from '../sampling/distribution-spec.js';
import type { TargetQuery } from '../stats/evaluate-target.js';

/**
 * The shard task format: what a worker is asked to do, as plain data. A task holds only numbers,
 * strings, booleans, arrays and plain objects of those, typed arrays, and SharedArrayBuffers: no
 * function, closure or class instance. So a task posts to a worker thread as it is (structured clone
 * shares the SharedArrayBuffers rather than copying them) and can be serialised to another machine
 * (a queue executor sends each buffer's bytes and copies back the bytes the task writes).
 *
 * Every task reads and writes only the buffers it names, and what it writes depends only on the
 * task, never on the thread, the time or the other tasks: so retrying a task, or splitting the same
 * work into other tasks, gives the same bytes. The buffers, and who writes them:
 *
 * | buffer | layout | written by |
 * |---|---|---|
 * | `RunSource.bytes` | UTF-8 of the generated run function | the main thread, once |
 * | `MatrixSample.probabilities` | Float64 `[run][sample column]` | the main thread (factor designs) |
 * | `StreamSample.states` | Float64 `[stream][block][4]`: alea's carry and seeds before each block of `streamBlockRuns` draws (sampling/column-streams.ts) | `streams` tasks |
 * | `StreamSample.strata` | Uint32 `[stream][run]`: each run's Latin hypercube stratum (lhs only) | `streams` tasks |
 * | `results` | Float64 `[store column - firstColumn][run]`, the run store's columns `[firstColumn, endColumn)` (runtime/run-store.ts) | `runs` tasks, each its rows |
 * | `tallies` | Float64, one buffer per `runs` task: `targetCountWidth(saveCount)` counts per target (stats/evaluate-target.ts), then `failureTallyWidth` numbers when `tallyFailures` | its `runs` task |
 * | `status` | Int32 `[0]`: the run a `runs` task is on, written before each run | its `runs` task |
 * | `summaries` | Float64 `[store column][summaryWidth]` (stats/summarize-columns.ts) | `summaries` tasks, each its columns |
 * | `counts` | Float64, `targetCountWidth(saveCount)` per target | `targets` tasks (one per target) |
 */

/** The sample as a matrix of probabilities the main thread made (factor designs: Saltelli, Morris, trials). */
export interface MatrixSample {
  kind: 'matrix';
  /** Float64 `[run][sample column]`, each a probability in (0, 1). */
  probabilities: SharedArrayBuffer;
}

/** The scenario's own sample, drawn by each `runs` task for its rows from walked streams (sampling/column-streams.ts). */
export interface StreamSample {
  kind: 'streams';
  design: SamplingDesign;
  /** For each sample column, the stream it draws from (the members of a joint group share one). */
  streamOfColumn: Int32Array;
  states: SharedArrayBuffer;
  /** lhs only. */
  strata: SharedArrayBuffer | undefined;
}

/** Walk sample streams once, recording where each block of runs starts (sampling/column-streams.ts `walkColumnStream`). */
export interface StreamShardTask {
  kind: 'streams';
  design: SamplingDesign;
  runCount: number;
  /** Each stream's key (`${seed}:${name}`) and its index in `states` and `strata`. */
  streams: readonly { key: string; index: number }[];
  states: SharedArrayBuffer;
  strata: SharedArrayBuffer | undefined;
}

/** Numbers a `runs` task appends to its tallies when it looks for failed runs. */
export const failureTallyWidth = 5;

/** Run rows `[firstRun, endRun)` of an experiment. */
export interface RunShardTask {
  kind: 'runs';
  /** The model's run function, compiled once per thread (see run-source.ts). */
  source: RunSource;
  /** Every parameter's value before sampling (set overrides applied). */
  baseParameters: Float64Array;
  /** For each sample column, the parameter index it writes, or -1 when a fixed value overrides it. */
  sampleParameterIndex: Int32Array;
  /** Each sample column's distribution. */
  distributions: readonly DistributionSpec[];
  sample: MatrixSample | StreamSample;
  results: SharedArrayBuffer;
  runCount: number;
  saveCount: number;
  /** The run function's variables: the full store has `saveCount * variableCount` columns. */
  variableCount: number;
  /** The store columns `results` holds: all of them, or one group of them when columns are summarised in passes. */
  firstColumn: number;
  endColumn: number;
  firstRun: number;
  endRun: number;
  /** This task's place among the experiment's run tasks, in the order they were made. */
  shardIndex: number;
  status: SharedArrayBuffer;
  /** Targets to count as each run finishes (none in the second and later passes). */
  targets: readonly TargetQuery[];
  /**
   * Also look at every value of each run for NaN or an infinity, tallying `failureTallyWidth` numbers:
   * how many runs failed, the first (by index), and its first non-finite value's save index, variable
   * index and value (the store is not kept whole when summarising in passes, so it cannot be scanned later).
   */
  tallyFailures: boolean;
  tallies: SharedArrayBuffer;
}

/** Summarise store columns `[firstColumn, endColumn)` of `results` (stats/summarize-columns.ts), each at `columnOffset + column` of `summaries`. */
export interface SummarizeShardTask {
  kind: 'summaries';
  results: SharedArrayBuffer;
  summaries: SharedArrayBuffer;
  runCount: number;
  saveCount: number;
  firstColumn: number;
  endColumn: number;
  /** The full store's index of `results`' first column (non-zero in the second and later passes). */
  columnOffset: number;
}

/** Count how runs `ranges` meet targets (stats/evaluate-target.ts `countTarget`), adding into each query's slot of `counts`. */
export interface TargetShardTask {
  kind: 'targets';
  results: SharedArrayBuffer;
  counts: SharedArrayBuffer;
  runCount: number;
  saveCount: number;
  /** Each with the offset of its counts. */
  queries: readonly (TargetQuery & { offset: number })[];
  /** The runs to count: those restored from a checkpoint (runs done now are counted as they finish). */
  ranges: readonly { first: number; end: number }[];
}

/** Any task a worker runs. */
export type ShardTask = StreamShardTask | RunShardTask | SummarizeShardTask | TargetShardTask;

/** What a worker receives: a task and which attempt at it this is (1 for the first). */
export interface ShardRequest {
  task: ShardTask;
  attempt: number;
}
