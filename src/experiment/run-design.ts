import { nameRecord } from '../model/name-record.js';
import {
  RunFailedError,
  runExperiment,
  streamSampleBytes,
  type ExperimentOptions,
  type ExperimentResult,
  type ExperimentSample,
  type RunCheckpoint,
} from '../parallel/run-experiment.js';
import type { ShardExecutor } from '../parallel/shard-executor.js';
import { columnIndex, runStoreBytes, storeColumn, type RunStore } from '../runtime/run-store.js';
import { applyQuantiles } from '../sampling/draw-sample-matrix.js';
import { savedTimeIndex } from '../scenario/check-scenario.js';
import { findFailedRun, type FailedRun } from '../stats/find-failed-run.js';
import type { CompiledExperiment } from './compile-experiment.js';
import { sampleRow, type SampleMatrix } from './sample-matrix.js';

/** How to run a design; none of these change its numbers. Progress, retries and Ctrl-C as `runExperiment` reports them. */
export interface RunDesignOptions extends Pick<ExperimentOptions, 'onProgress' | 'onRetry' | 'signal'> {
  executor: ShardExecutor;
  /** Refuse designs whose buffers would need more bytes than this. */
  memoryLimitBytes: number;
  /**
   * Where finished runs are kept as they complete, and restored from (parallel/checkpoint-store.ts).
   * Used only when the whole store fits `memoryLimitBytes` (passes keep no store to save).
   */
  checkpoint?: RunCheckpoint;
}

/**
 * Also summarise every stored column and count the experiment's targets (`runScenario` does). Then a
 * store over `memoryLimitBytes` is summarised in passes over groups of columns that fit, each pass
 * running every run again, rather than refused; the numbers are the same.
 */
export type SummarizeOption = { summarize: true };

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

/** The machine could not allocate the experiment's buffers, though they are within the memory limit. */
export class MemoryUnavailableError extends Error {
  constructor(readonly neededBytes: number) {
    super(`could not allocate the ${neededBytes} bytes the experiment needs`);
    this.name = 'MemoryUnavailableError';
  }
}

/** Whether `error` is V8 refusing to allocate a buffer (more memory than the machine gives, or than a buffer may hold). */
export function isAllocationFailure(error: unknown): boolean {
  return (
    error instanceof RangeError &&
    /allocation failed|Invalid array buffer length|Invalid typed array length|Array buffer allocation/i.test(
      error.message,
    )
  );
}

/**
 * Refuse a design of `rowCount` rows whose buffers (or, past `memoryLimitBytes`, the passes they are
 * summarised in) need more than the machine gives: the bytes are reserved once, untouched (so nothing
 * is committed), before the sample is drawn, rather than found missing after minutes of drawing.
 * Returns the bytes reserved. Over the limit, `runDesign` decides whether passes fit.
 * @throws MemoryUnavailableError
 */
export function checkDesignMemory(experiment: CompiledExperiment, rowCount: number, memoryLimitBytes: number): number {
  const neededBytes = Math.min(designBytes(experiment, rowCount), memoryLimitBytes);
  try {
    void new SharedArrayBuffer(neededBytes);
  } catch (error) {
    if (isAllocationFailure(error)) throw new MemoryUnavailableError(neededBytes);
    throw error;
  }
  return neededBytes;
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

/** A design's runs: the store (`summarize` not set). */
export interface DesignRuns {
  store: RunStore;
  summaries: Float64Array;
  targetCounts: Float64Array;
}

/**
 * A design's runs summarised (`summarize: true`): each column's packed summary and the target counts
 * (see parallel/run-experiment.ts `ExperimentResult`), and the store unless it was summarised in passes.
 */
export interface SummarizedRuns {
  store: RunStore | undefined;
  summaries: Float64Array;
  targetCounts: Float64Array;
  /** 1, or the number of passes over groups of columns when the whole store did not fit. */
  passCount: number;
}

/** A design's runs, or the first run that produced NaN or infinity. */
export type DesignOutcome = ({ ok: true } & DesignRuns) | { ok: false; failure: ScenarioRunFailure; store: RunStore };

/** A summarised design's runs, or the first run that produced NaN or infinity. */
export type SummarizedOutcome =
  ({ ok: true } & SummarizedRuns) | { ok: false; failure: ScenarioRunFailure; store: RunStore | undefined };

/** Bytes the sample takes: a matrix, or the scenario's walked streams (sample-matrix.ts `SampleMatrix.streams`). */
function sampleBytes(experiment: CompiledExperiment, sample: SampleMatrix): number {
  if (sample.streams === undefined)
    return sample.rowCount * experiment.sampleColumns.length * Float64Array.BYTES_PER_ELEMENT;
  return streamSampleBytes(sample.streams.design, new Set(sample.streams.keys).size, sample.rowCount);
}

/** Bytes a design's shared buffers take: the run store plus the sample (a matrix unless `sample` says it is streamed). */
export function designBytes(experiment: CompiledExperiment, rowCount: number, sample?: SampleMatrix): number {
  const sampled =
    sample === undefined
      ? rowCount * experiment.sampleColumns.length * Float64Array.BYTES_PER_ELEMENT
      : sampleBytes(experiment, sample);
  return runStoreBytes(rowCount, experiment.saveTimes.length, experiment.outputNames.length) + sampled;
}

/**
 * How many store columns a summarised design may hold at once within `limitBytes`: every column
 * (one pass), or, in as few passes as fit beside the sample, the columns spread evenly over them; 0
 * when not even one column fits.
 */
export function columnsPerPass(experiment: CompiledExperiment, sample: SampleMatrix, limitBytes: number): number {
  const columnCount = experiment.saveTimes.length * experiment.outputNames.length;
  if (designBytes(experiment, sample.rowCount, sample) <= limitBytes) return columnCount;
  const columnBytes = runStoreBytes(sample.rowCount, 1, 1);
  const fitting = Math.min(columnCount, Math.floor((limitBytes - sampleBytes(experiment, sample)) / columnBytes));
  if (fitting < 1) return 0;
  // As many passes as needed, then the columns spread evenly over them.
  return Math.ceil(columnCount / Math.ceil(columnCount / fitting));
}

/** The inputs one row of a sample gives the parameters it sets (overridden columns left out), by name. */
export function sampledInputs(
  experiment: CompiledExperiment,
  sample: SampleMatrix,
  runIndex: number,
): Record<string, number> {
  const row = sampleRow(sample, runIndex);
  applyQuantiles(row, experiment.distributions, 0, 1);
  const inputs = nameRecord<number>();
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
 * With `summarize`, a store over the memory limit is summarised in passes over groups of its columns.
 * @throws MemoryLimitError when the buffers would pass `memoryLimitBytes` (with `summarize`: when not
 *   even one column fits); MemoryUnavailableError when the machine cannot allocate them; RunCrashedError
 *   when a run's shard failed on every attempt; InterruptedError (parallel/) when `signal` aborts.
 */
export async function runDesign(
  experiment: CompiledExperiment,
  sample: SampleMatrix,
  options: RunDesignOptions & SummarizeOption,
): Promise<SummarizedOutcome>;
export async function runDesign(
  experiment: CompiledExperiment,
  sample: SampleMatrix,
  options: RunDesignOptions,
): Promise<DesignOutcome>;
export async function runDesign(
  experiment: CompiledExperiment,
  sample: SampleMatrix,
  options: RunDesignOptions & Partial<SummarizeOption>,
): Promise<DesignOutcome | SummarizedOutcome> {
  const { rowCount } = sample;
  const summarize = options.summarize === true;
  const perPass = summarize
    ? columnsPerPass(experiment, sample, options.memoryLimitBytes)
    : designBytes(experiment, rowCount, sample) <= options.memoryLimitBytes
      ? Number.POSITIVE_INFINITY
      : 0;
  if (perPass < 1) {
    const shape = {
      runCount: rowCount,
      saveCount: experiment.saveTimes.length,
      variableCount: experiment.outputNames.length,
    };
    throw new MemoryLimitError(designBytes(experiment, rowCount, sample), options.memoryLimitBytes, shape);
  }
  const columnCount = experiment.saveTimes.length * experiment.outputNames.length;
  const passes = perPass < columnCount;
  const neededBytes = Math.min(designBytes(experiment, rowCount, sample), options.memoryLimitBytes);
  const { onProgress, onRetry, signal, checkpoint } = options;
  const experimentSample: ExperimentSample =
    sample.streams === undefined
      ? { kind: 'matrix', probabilities: sample.probabilities }
      : { kind: 'streams', design: sample.streams.design, keys: sample.streams.keys };
  const runs: ExperimentResult = await runExperiment(
    options.executor,
    {
      source: experiment.runSource,
      baseParameters: experiment.baseParameters,
      sampleParameterIndex: experiment.sampleColumns,
      distributions: experiment.distributions,
      sample: experimentSample,
      runCount: rowCount,
      saveTimes: experiment.saveTimes,
      variableNames: experiment.outputNames,
      targets: summarize ? experiment.targets : [],
    },
    {
      summarize,
      ...(passes ? { columnsPerPass: perPass } : {}),
      ...(onProgress === undefined ? {} : { onProgress }),
      ...(onRetry === undefined ? {} : { onRetry }),
      ...(signal === undefined ? {} : { signal }),
      ...(checkpoint === undefined || passes ? {} : { checkpoint }),
    },
  ).catch((error: unknown) => {
    if (isAllocationFailure(error)) throw new MemoryUnavailableError(neededBytes);
    if (!(error instanceof RunFailedError)) throw error;
    const inputs = sampledInputs(experiment, sample, error.runIndex);
    throw new RunCrashedError(error.runIndex, error.attempts, inputs, error.cause);
  });
  const { store } = runs;
  const failed = failedRun(runs, experiment, summarize);
  if (failed !== undefined) {
    const failure = { ...failed, parameters: sampledInputs(experiment, sample, failed.runIndex) };
    return store === undefined ? { ok: false, failure, store } : { ok: false, failure, store };
  }
  if (summarize) return { ok: true, ...runs };
  return { ok: true, store: store!, summaries: runs.summaries, targetCounts: runs.targetCounts };
}

/** The first run that produced NaN or infinity, if any. */
function failedRun(runs: ExperimentResult, experiment: CompiledExperiment, summarize: boolean): FailedRun | undefined {
  if (runs.store === undefined) {
    const tally = runs.failure;
    if (tally === undefined) return undefined;
    return {
      runIndex: tally.runIndex,
      variable: experiment.outputNames[tally.variableIndex]!,
      time: experiment.saveTimes[tally.saveIndex]!,
      value: tally.value,
      failedRunCount: tally.failedRunCount,
    };
  }
  // With summaries, a column holding a non-finite value has a non-finite mean (finite values whose sum
  // overflows do too: then no run failed, and the scan finds none).
  const scan = !summarize || !runs.summaries.every(Number.isFinite);
  return scan ? findFailedRun(runs.store) : undefined;
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
