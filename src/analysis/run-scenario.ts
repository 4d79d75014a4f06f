import { createHash } from 'node:crypto';
import { compileModel, type CompiledModel } from '../compile/compile-model.js';
import type { Result } from '../diagnostics/diagnostic.js';
import { failure, success } from '../diagnostics/diagnostic.js';
import { columnIndex, runStoreBytes, type RunStore } from '../runtime/run-store.js';
import { applyQuantiles, drawProbabilityMatrix } from '../sampling/draw-sample-matrix.js';
import { applyPolicies } from '../scenario/apply-policies.js';
import { savedTimeIndex } from '../scenario/check-scenario.js';
import type { ScenarioSpec, TargetAbout, TargetSpec } from '../scenario/scenario-spec.js';
import { targetCountWidth, targetOutcome, type TargetOutcome } from '../stats/evaluate-target.js';
import { findFailedRun, type FailedRun } from '../stats/find-failed-run.js';
import { unpackSummary } from '../stats/summarize-columns.js';
import { RunFailedError, runExperiment, type RunCheckpoint, type RunRetry } from '../parallel/run-experiment.js';
import type { ShardExecutor } from '../parallel/shard-executor.js';
import type { ScenarioSummary, SeriesSummary, TargetAboutSummary, TargetSummary } from './scenario-summary.js';

/** How to run a scenario; the numbers depend on none of these except through the scenario itself. */
export interface RunScenarioOptions {
  executor: ShardExecutor;
  engineVersion: string;
  /** Refuse experiments whose buffers would need more bytes than this. */
  memoryLimitBytes: number;
  /** Called with the number of finished runs as shards complete. */
  onProgress?: (completedRuns: number) => void;
  /** Called when a shard of runs failed and is about to be tried again on a fresh worker. */
  onRetry?: (retry: RunRetry) => void;
  /** Aborting it stops the experiment with `InterruptedError` (parallel/shard-executor.ts), finished runs kept. */
  signal?: AbortSignal;
  /** Where finished runs are kept as they complete, and restored from (parallel/checkpoint-store.ts). */
  checkpoint?: RunCheckpoint;
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

/** A finished scenario: its summary, or the first failed run. */
export type ScenarioOutcome =
  { ok: true; summary: ScenarioSummary; store: RunStore } | { ok: false; failure: ScenarioRunFailure; store: RunStore };

/** The variables a scenario stores per run: its outputs, then any target variable not among them. */
export function storedVariables(scenario: ScenarioSpec): string[] {
  return [...new Set([...scenario.outputs, ...scenario.targets.map((target) => target.variable)])];
}

/** Compile the model a scenario runs (policies applied), saving only the variables it stores. */
export function compileScenario(scenario: ScenarioSpec): Result<CompiledModel> {
  return compileModel(applyPolicies(scenario.model, scenario.policies), { outputs: storedVariables(scenario) });
}

/** Bytes the experiment's shared buffers take: the run store plus the sample matrix. */
export function experimentBytes(
  scenario: ScenarioSpec,
  compiled: Pick<CompiledModel, 'saveCount' | 'outputNames'>,
): number {
  const { runCount, parameters } = scenario.uncertainty;
  return (
    runStoreBytes(runCount, compiled.saveCount, compiled.outputNames.length) +
    runCount * parameters.length * Float64Array.BYTES_PER_ELEMENT
  );
}

/** The parameter vector before sampling: model values, then the scenario's fixed values. */
export function baseParameters(scenario: ScenarioSpec, compiled: CompiledModel): Float64Array {
  const parameters = compiled.defaultParameters();
  for (const [name, value] of scenario.set) {
    const index = compiled.parameterIndex(name);
    if (index < 0) throw new RangeError(`set names ${name}, which is not a parameter of the compiled model`);
    parameters[index] = value;
  }
  return parameters;
}

/** Each sample column's parameter index, or -1 where a fixed value or a policy overrides the distribution. */
export function sampleParameterIndex(scenario: ScenarioSpec, compiled: CompiledModel): Int32Array {
  return Int32Array.from(scenario.uncertainty.parameters, ({ name }) =>
    scenario.set.has(name) ? -1 : compiled.parameterIndex(name),
  );
}

/** The inputs one sample row gives the parameters it sets (columns at -1 left out), by name. */
export function sampledInputs(scenario: ScenarioSpec, columns: Int32Array, row: Float64Array): Record<string, number> {
  const inputs: Record<string, number> = {};
  scenario.uncertainty.parameters.forEach(({ name }, column) => {
    if (columns[column]! >= 0) inputs[name] = row[column]!;
  });
  return inputs;
}

function aboutSummary(about: TargetAbout, op: TargetSpec['op'], outcome: TargetOutcome): TargetAboutSummary {
  return {
    stated: about.stated,
    tolerance: about.tolerance,
    lower: about.lower,
    upper: about.upper,
    reading: op === '>=' ? 'at least the lower edge' : 'at most the upper edge',
    withinProbability: outcome.withinProbability ?? Number.NaN,
  };
}

function seriesOf(store: RunStore, summaries: Float64Array, variableIndex: number): SeriesSummary {
  const series: SeriesSummary = { time: Array.from(store.saveTimes), mean: [], p5: [], p50: [], p95: [] };
  for (let saveIndex = 0; saveIndex < store.saveCount; saveIndex++) {
    const summary = unpackSummary(summaries, columnIndex(store, variableIndex, saveIndex));
    series.mean.push(summary.mean);
    series.p5.push(summary.p5);
    series.p50.push(summary.p50);
    series.p95.push(summary.p95);
  }
  return series;
}

/**
 * Run a scenario's Monte Carlo experiment: compile its model, draw its sample matrix on this thread
 * from its seed, run every sample across the executor's workers, and summarise each stored variable
 * and target. Returns diagnostics if the model with its policies does not compile.
 */
export async function runScenario(
  scenario: ScenarioSpec,
  options: RunScenarioOptions,
): Promise<Result<ScenarioOutcome>> {
  const started = performance.now();
  const compiled = compileScenario(scenario);
  if (!compiled.ok) return failure(compiled.diagnostics);
  const model = compiled.value;
  const { runCount, seed, sampling } = scenario.uncertainty;
  const neededBytes = experimentBytes(scenario, model);
  if (neededBytes > options.memoryLimitBytes) {
    throw new MemoryLimitError(neededBytes, options.memoryLimitBytes, {
      runCount,
      saveCount: model.saveCount,
      variableCount: model.outputNames.length,
    });
  }
  const distributions = scenario.uncertainty.parameters.map((parameter) => parameter.distribution);
  const probabilities = new Float64Array(
    new SharedArrayBuffer(runCount * distributions.length * Float64Array.BYTES_PER_ELEMENT),
  );
  const names = scenario.uncertainty.parameters.map((parameter) => parameter.name);
  drawProbabilityMatrix({ distributions, names, runCount, seed, design: sampling, target: probabilities });

  const base = baseParameters(scenario, model);
  const columns = sampleParameterIndex(scenario, model);
  const variableIndex = (name: string): number => model.outputNames.indexOf(name);
  const saveIndexOfYear = (year: number): number => {
    const index = savedTimeIndex(scenario.model.time, year);
    if (index < 0) throw new RangeError(`year ${year} is not a saved time`);
    return index;
  };
  const queries = scenario.targets.map((target) => ({
    variableIndex: variableIndex(target.variable),
    saveIndex: saveIndexOfYear(target.year),
    op: target.op,
    threshold: target.threshold,
    ...(target.about === undefined ? {} : { band: { lower: target.about.lower, upper: target.about.upper } }),
  }));
  const inputsOfRun = (runIndex: number): Record<string, number> => {
    const row = probabilities.slice(runIndex * columns.length, (runIndex + 1) * columns.length);
    applyQuantiles(row, distributions, 0, 1);
    return sampledInputs(scenario, columns, row);
  };
  const experimentOptions = {
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(options.onRetry === undefined ? {} : { onRetry: options.onRetry }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.checkpoint === undefined ? {} : { checkpoint: options.checkpoint }),
  };
  const experiment = await runExperiment(
    options.executor,
    {
      source: model.source,
      sourceHash: createHash('sha256').update(model.source).digest('hex'),
      baseParameters: base,
      sampleParameterIndex: columns,
      distributions,
      probabilities,
      runCount,
      saveTimes: model.saveTimes,
      variableNames: model.outputNames,
      targets: queries,
    },
    experimentOptions,
  ).catch((error: unknown) => {
    if (error instanceof RunFailedError)
      throw new RunCrashedError(error.runIndex, error.attempts, inputsOfRun(error.runIndex), error.cause);
    throw error;
  });
  const { store, summaries, targetCounts } = experiment;
  // A non-finite value anywhere makes its column's mean non-finite (finite values whose sum overflows do too: then no run failed).
  const failed = summaries.every(Number.isFinite) ? undefined : findFailedRun(store);
  if (failed !== undefined)
    return success({ ok: false, failure: { ...failed, parameters: inputsOfRun(failed.runIndex) }, store });

  const series: Record<string, SeriesSummary> = {};
  for (const name of scenario.outputs) series[name] = seriesOf(store, summaries, variableIndex(name));
  const targets: TargetSummary[] = scenario.targets.map((target, index) => {
    const query = queries[index]!;
    const offset = index * targetCountWidth(store.saveCount);
    const outcome = targetOutcome(targetCounts, runCount, store.saveTimes, offset, target.about !== undefined);
    const atYear = unpackSummary(summaries, columnIndex(store, query.variableIndex, query.saveIndex));
    return {
      id: target.id,
      variable: target.variable,
      year: target.year,
      op: target.op,
      threshold: target.threshold,
      probability: outcome.probability,
      p5: atYear.p5,
      p50: atYear.p50,
      p95: atYear.p95,
      firstMet: outcome.firstMet,
      ...(target.about === undefined ? {} : { about: aboutSummary(target.about, target.op, outcome) }),
      ...(target.note === undefined ? {} : { note: target.note }),
    };
  });
  const summary: ScenarioSummary = {
    scenario: scenario.name,
    model: scenario.model.name,
    runs: runCount,
    seed,
    sampling,
    engine: {
      version: options.engineVersion,
      workers: options.executor.workerCount,
      wallSeconds: (performance.now() - started) / 1000,
    },
    provenance: {
      scenarioFile: scenario.file,
      scenarioChain: [...scenario.chain],
      scenarioHash: scenario.scenarioHash,
      modelFile: scenario.modelFile,
      modelHash: scenario.modelHash,
      set: Object.fromEntries(scenario.set),
      uncertain: scenario.uncertainty.parameters.map((parameter) => ({
        name: parameter.name,
        dist: parameter.distribution.dist,
        overridden:
          scenario.set.has(parameter.name) || scenario.policies.some((policy) => policy.name === parameter.name),
      })),
      policies: scenario.policies.map((policy) => policy.name),
    },
    targets,
    series,
  };
  return success({ ok: true, summary, store });
}
