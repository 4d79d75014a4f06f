import { RunFailedError, runExperiment, type RunCheckpoint, type RunRetry } from '../parallel/run-experiment.js';
import type { ShardExecutor } from '../parallel/shard-executor.js';
import { columnIndex, runStoreBytes, storeColumn, type RunStore } from '../runtime/run-store.js';
import { applyQuantiles } from '../sampling/draw-sample-matrix.js';
import { savedTimeIndex } from '../scenario/check-scenario.js';
import { findFailedRun, type FailedRun } from '../stats/find-failed-run.js';
import type { CompiledExperiment } from './compile-experiment.js';
import type { SampleMatrix } from './sample-matrix.js';

/** How to run a design; none of these change its numbers. */
export interface RunDesignOptions {
  executor: ShardExecutor;
  /** Refuse designs whose buffers would need more bytes than this. */
  memoryLimitBytes: number;
  /** Called with the number of finished runs (restored ones included) as shards complete. */
  onProgress?: (completedRuns: number) => void;
  /** Called when a shard of runs failed and is about to be tried again on a fresh worker. */
  onRetry?: (retry: RunRetry) => void;
  /** Aborting it stops the design with `InterruptedError` (parallel/shard-executor.ts), finished runs kept. */
  signal?: AbortSignal;
  /** Where finished runs are kept as they complete, and restored from (parallel/checkpoint-store.ts). */
  checkpoint?: RunCheckpoint;
  /** Also summarise every stored column and count the experiment's targets (`runScenario` does). */
  summarize?: boolean;
}

/** The experiment would not fit: how much it needs and what drives it. */
export class MemoryLimitError extends Error {
  constructor(
    readonly neededBytes: number,
    readonly limitBytes: number,
    readonly shape: { runCount: number; saveCount: number; variableCount: number },
  ) {
    super(`the experiment needs ${neededBytes} bytes, over the limit of ${limitBytes}`);
    this.name = 'MemoryLimitError';
  }
}

/** A run that failed on every attempt (a worker that threw or died each time), with the inputs it had. */
export class RunCrashedError extends Error {
  constructor(
    readonly runIndex: number,
    readonly attempts: number,
    readonly parameters: Record<string, number>,
    override readonly cause: unknown,
  ) {
    super(`run ${runIndex} failed ${attempts} times: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'RunCrashedError';
  }
}

/** A run that produced a NaN or infinity, with the inputs that reproduce it. */
export interface ScenarioRunFailure extends FailedRun {
  parameters: Record<string, number>;
}

/**
 * A design's runs: the store, and with `summarize` each column's packed summary and the target counts
 * (see parallel/run-experiment.ts `ExperimentResult`).
 */
export interface DesignRuns {
  store: RunStore;
  summaries: Float64Array;
  targetCounts: Float64Array;
}

/** A design's runs, or the first run that produced NaN or infinity. */
export type DesignOutcome = ({ ok: true } & DesignRuns) | { ok: false; failure: ScenarioRunFailure; store: RunStore };

/** Bytes a design's shared buffers take: the run store plus the sample matrix. */
export function designBytes(experiment: CompiledExperiment, rowCount: number): number {
  return (
    runStoreBytes(rowCount, experiment.saveTimes.length, experiment.outputNames.length) +
    rowCount * experiment.sampleColumns.length * Float64Array.BYTES_PER_ELEMENT
  );
}

/** The inputs one row of a sample gives the parameters it sets (overridden columns left out), by name. */
export function sampledInputs(
  experiment: CompiledExperiment,
  sample: SampleMatrix,
  runIndex: number,
): Record<string, number> {
  const columnCount = experiment.sampleColumns.length;
  const row = sample.probabilities.slice(runIndex * columnCount, (runIndex + 1) * columnCount);
  applyQuantiles(row, experiment.distributions, 0, 1);
  const inputs: Record<string, number> = {};
  experiment.scenario.uncertainty.parameters.forEach(({ name }, column) => {
    if (experiment.sampleColumns[column]! >= 0) inputs[name] = row[column]!;
  });
  return inputs;
}

/**
 * Run every row of a sample through a compiled experiment across the executor's workers, into one
 * shared store of the experiment's stored variables. Fixed values and policies apply as compiled; the
 * sample gives the uncertain inputs. Numbers depend only on the experiment and the sample, never on
 * the worker count. A run that produced NaN or infinity is reported with the inputs that reproduce it.
 * @throws MemoryLimitError when the buffers would pass `memoryLimitBytes`; RunCrashedError when a run's
 *   shard failed on every attempt; InterruptedError (parallel/) when `signal` aborts.
 */
export async function runDesign(
  experiment: CompiledExperiment,
  sample: SampleMatrix,
  options: RunDesignOptions,
): Promise<DesignOutcome> {
  const { rowCount } = sample;
  const neededBytes = designBytes(experiment, rowCount);
  if (neededBytes > options.memoryLimitBytes) {
    const shape = {
      runCount: rowCount,
      saveCount: experiment.saveTimes.length,
      variableCount: experiment.outputNames.length,
    };
    throw new MemoryLimitError(neededBytes, options.memoryLimitBytes, shape);
  }
  const { onProgress, onRetry, signal, checkpoint } = options;
  const runs = await runExperiment(
    options.executor,
    {
      source: experiment.runSource,
      baseParameters: experiment.baseParameters,
      sampleParameterIndex: experiment.sampleColumns,
      distributions: experiment.distributions,
      probabilities: sample.probabilities,
      runCount: rowCount,
      saveTimes: experiment.saveTimes,
      variableNames: experiment.outputNames,
      targets: options.summarize === true ? experiment.targets : [],
    },
    {
      summarize: options.summarize === true,
      ...(onProgress === undefined ? {} : { onProgress }),
      ...(onRetry === undefined ? {} : { onRetry }),
      ...(signal === undefined ? {} : { signal }),
      ...(checkpoint === undefined ? {} : { checkpoint }),
    },
  ).catch((error: unknown) => {
    if (!(error instanceof RunFailedError)) throw error;
    const inputs = sampledInputs(experiment, sample, error.runIndex);
    throw new RunCrashedError(error.runIndex, error.attempts, inputs, error.cause);
  });
  // With summaries, a column holding a non-finite value has a non-finite mean (finite values whose sum
  // overflows do too: then no run failed, and the scan finds none).
  const scan = options.summarize !== true || !runs.summaries.every(Number.isFinite);
  const failed = scan ? findFailedRun(runs.store) : undefined;
  if (failed !== undefined) {
    const failure = { ...failed, parameters: sampledInputs(experiment, sample, failed.runIndex) };
    return { ok: false, failure, store: runs.store };
  }
  return { ok: true, ...runs };
}

/** Every run's value of `variable` at saved time `year` (a view into the store, in row order). */
export function outputColumn(
  experiment: CompiledExperiment,
  store: RunStore,
  variable: string,
  year: number,
): Float64Array {
  const variableIndex = store.variableNames.indexOf(variable);
  if (variableIndex < 0) throw new RangeError(`variable ${variable} is not stored`);
  const saveIndex = savedTimeIndex(experiment.scenario.model.time, year);
  if (saveIndex < 0) throw new RangeError(`year ${year} is not a saved time`);
  return storeColumn(store, columnIndex(store, variableIndex, saveIndex));
}
