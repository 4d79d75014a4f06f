import type { RunSource } from './run-source.js';
import type { DistributionSpec } from '../sampling/distribution-spec.js';
import type { TargetQuery } from '../stats/evaluate-target.js';

/**
 * What a worker is asked to do. Everything large travels as SharedArrayBuffers, which postMessage
 * shares rather than copies, the model's source included (compiled once per worker and cached by its
 * hash); the rest is a few hundred bytes.
 */
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
  /** Row-major `[runIndex][column]` probabilities (sampling/draw-sample-matrix.ts `drawProbabilityMatrix`). */
  probabilities: SharedArrayBuffer;
  /** The run store's values (see runtime/run-store.ts). */
  results: SharedArrayBuffer;
  runCount: number;
  saveCount: number;
  firstRun: number;
  endRun: number;
  /** This task's position in the experiment's list of run tasks: its slot in `currentRuns`. */
  shardIndex: number;
  /**
   * One Int32 slot per run task: the run each task is on, written before each run, so that when a
   * worker throws or dies the main thread can name the run it was on.
   */
  currentRuns: SharedArrayBuffer;
}

/** Summarise a range of the run store's columns into a packed summary buffer (see stats/summarize-columns.ts). */
export interface SummarizeShardTask {
  kind: 'summaries';
  results: SharedArrayBuffer;
  summaries: SharedArrayBuffer;
  runCount: number;
  saveCount: number;
  variableCount: number;
  firstColumn: number;
  endColumn: number;
}

/** Count how runs meet targets (see stats/evaluate-target.ts `countTarget`), each into its slot of `counts`. */
export interface TargetShardTask {
  kind: 'targets';
  results: SharedArrayBuffer;
  counts: SharedArrayBuffer;
  runCount: number;
  saveCount: number;
  /** Each with the offset of its counts. */
  queries: readonly (TargetQuery & { offset: number })[];
}

/** Any task a worker runs. */
export type ShardTask = RunShardTask | SummarizeShardTask | TargetShardTask;

/** What a worker receives: a task and which attempt at it this is (1 for the first). */
export interface ShardRequest {
  task: ShardTask;
  attempt: number;
}
