import { createHash } from 'node:crypto';
import type { Result } from '../diagnostics/diagnostic.js';
import { failure, success } from '../diagnostics/diagnostic.js';
import { compileModel, type CompiledModel } from '../compile/compile-model.js';
import { RunFailedError, runExperiment } from '../parallel/run-experiment.js';
import type { ShardExecutor } from '../parallel/shard-executor.js';
import { columnIndex, runStoreBytes, storeColumn, type RunStore } from '../runtime/run-store.js';
import { applyQuantiles, drawProbabilityMatrix } from '../sampling/draw-sample-matrix.js';
import { applyPolicies } from '../scenario/apply-policies.js';
import { savedTimeIndex } from '../scenario/check-scenario.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { findFailedRun } from '../stats/find-failed-run.js';
import {
  baseParameters,
  MemoryLimitError,
  RunCrashedError,
  sampledInputs,
  sampleParameterIndex,
  type ScenarioRunFailure,
} from './run-scenario.js';
import { uncertainFactors, type UncertainFactor } from './uncertain-factors.js';

/**
 * An experimental design over a scenario's uncertain factors: `rowCount` rows, each giving every
 * factor a probability in (0, 1), row-major (`probabilities[row * factors.length + factorIndex]`).
 * A factor's value is its distribution's quantile of that probability, so designs built on the unit
 * hypercube (Saltelli, Morris) run through the scenario's own distributions.
 */
export interface FactorDesign {
  factors: readonly UncertainFactor[];
  rowCount: number;
  probabilities: Float64Array;
}

/** How to run a design; none of these change its numbers. */
export interface RunDesignOptions {
  executor: ShardExecutor;
  /** Refuse designs whose buffers would need more bytes than this. */
  memoryLimitBytes: number;
  onProgress?: (completedRuns: number) => void;
  signal?: AbortSignal;
}

/** A design's runs, or the first run that produced NaN or infinity. */
export type DesignOutcome = { ok: true; store: RunStore } | { ok: false; failure: ScenarioRunFailure; store: RunStore };

/** The scenario's sample matrix for a design: each factor's probability copied into all its columns, 0.5 in columns no factor drives (their parameters are overridden). */
export function designSampleMatrix(scenario: ScenarioSpec, design: FactorDesign): Float64Array {
  const columnCount = scenario.uncertainty.parameters.length;
  const factorCount = design.factors.length;
  if (design.probabilities.length !== design.rowCount * factorCount) {
    throw new RangeError(
      `design.probabilities holds ${design.probabilities.length} values, expected ${design.rowCount} rows x ${factorCount} factors`,
    );
  }
  const matrix = new Float64Array(
    new SharedArrayBuffer(Math.max(1, design.rowCount * columnCount) * Float64Array.BYTES_PER_ELEMENT),
    0,
    design.rowCount * columnCount,
  );
  matrix.fill(0.5);
  for (let row = 0; row < design.rowCount; row++) {
    design.factors.forEach((factor, factorIndex) => {
      const probability = design.probabilities[row * factorCount + factorIndex]!;
      if (!(probability > 0 && probability < 1))
        throw new RangeError(
          `design row ${row} gives factor ${factor.name} probability ${probability}, outside (0, 1)`,
        );
      for (const column of factor.columns) matrix[row * columnCount + column] = probability;
    });
  }
  return matrix;
}

/**
 * The scenario's own sample matrix, drawn as `runScenario` draws it (its seed, run count and sampling
 * design, one stream per name), as a design over the factors that vary in it; `matrix` is the drawn
 * probability matrix itself, one column per sample column. A joint group's members share one stream,
 * so the group's first column stands for the group. Running the design gives exactly `runScenario`'s runs.
 */
export function scenarioSampleDesign(scenario: ScenarioSpec): { design: FactorDesign; matrix: Float64Array } {
  const { parameters, runCount, seed, sampling } = scenario.uncertainty;
  const columnCount = parameters.length;
  const matrix = drawProbabilityMatrix({
    distributions: parameters.map((parameter) => parameter.distribution),
    names: parameters.map((parameter) => parameter.name),
    runCount,
    seed,
    design: sampling,
  });
  const factors = uncertainFactors(scenario);
  const probabilities = new Float64Array(runCount * factors.length);
  for (let row = 0; row < runCount; row++) {
    factors.forEach((factor, factorIndex) => {
      probabilities[row * factors.length + factorIndex] = matrix[row * columnCount + factor.columns[0]!]!;
    });
  }
  return { design: { factors, rowCount: runCount, probabilities }, matrix };
}

/** Compile a scenario's model (policies applied) saving only `variables`. */
export function compileForVariables(scenario: ScenarioSpec, variables: readonly string[]): Result<CompiledModel> {
  return compileModel(applyPolicies(scenario.model, scenario.policies), { outputs: [...new Set(variables)] });
}

/**
 * Run every row of a design through the scenario's model across the executor's workers, saving
 * `variables`. Fixed values and policies apply as in `runScenario`; the design takes the place of the
 * scenario's own sample matrix. Numbers depend only on the scenario and the design, never on the worker count.
 */
export async function runDesign(
  scenario: ScenarioSpec,
  design: FactorDesign,
  variables: readonly string[],
  options: RunDesignOptions,
): Promise<Result<DesignOutcome>> {
  const compiled = compileForVariables(scenario, variables);
  if (!compiled.ok) return failure(compiled.diagnostics);
  const model = compiled.value;
  const columnCount = scenario.uncertainty.parameters.length;
  const neededBytes =
    runStoreBytes(design.rowCount, model.saveCount, model.outputNames.length) +
    design.rowCount * columnCount * Float64Array.BYTES_PER_ELEMENT;
  if (neededBytes > options.memoryLimitBytes) {
    throw new MemoryLimitError(neededBytes, options.memoryLimitBytes, {
      runCount: design.rowCount,
      saveCount: model.saveCount,
      variableCount: model.outputNames.length,
    });
  }
  const probabilities = designSampleMatrix(scenario, design);
  const distributions = scenario.uncertainty.parameters.map((parameter) => parameter.distribution);
  const columns = sampleParameterIndex(scenario, model);
  const inputsOfRun = (runIndex: number): Record<string, number> => {
    const row = probabilities.slice(runIndex * columnCount, (runIndex + 1) * columnCount);
    applyQuantiles(row, distributions, 0, 1);
    return sampledInputs(scenario, columns, row);
  };
  const { store } = await runExperiment(
    options.executor,
    {
      source: model.source,
      sourceHash: createHash('sha256').update(model.source).digest('hex'),
      baseParameters: baseParameters(scenario, model),
      sampleParameterIndex: columns,
      distributions,
      probabilities,
      runCount: design.rowCount,
      saveTimes: model.saveTimes,
      variableNames: model.outputNames,
      targets: [],
    },
    {
      summarize: false,
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    },
  ).catch((error: unknown) => {
    if (error instanceof RunFailedError)
      throw new RunCrashedError(error.runIndex, error.attempts, inputsOfRun(error.runIndex), error.cause);
    throw error;
  });
  const failed = findFailedRun(store);
  if (failed !== undefined)
    return success({ ok: false, failure: { ...failed, parameters: inputsOfRun(failed.runIndex) }, store });
  return success({ ok: true, store });
}

/** Every run's value of `variable` at saved time `year` (a view into the store, in row order). */
export function designOutput(store: RunStore, scenario: ScenarioSpec, variable: string, year: number): Float64Array {
  const variableIndex = store.variableNames.indexOf(variable);
  if (variableIndex < 0) throw new RangeError(`variable ${variable} is not stored`);
  const saveIndex = savedTimeIndex(scenario.model.time, year);
  if (saveIndex < 0) throw new RangeError(`year ${year} is not a saved time`);
  return storeColumn(store, columnIndex(store, variableIndex, saveIndex));
}
