import { compileModel } from '../compile/compile-model.js';
import type { Result } from '../diagnostics/diagnostic.js';
import { failure, success } from '../diagnostics/diagnostic.js';
import { simulate, type SimulationResult } from '../runtime/simulate.js';
import { drawSampleMatrix } from '../sampling/draw-sample-matrix.js';
import { applyPolicies } from '../scenario/apply-policies.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { baseParameters, sampledInputs, sampleParameterIndex } from './run-scenario.js';

/** One run of an experiment, redone alone with every variable saved. */
export interface ReproducedRun {
  /** The sampled inputs that run used (overridden ones left out). */
  parameters: Record<string, number>;
  result: SimulationResult;
}

/**
 * Redo run `runIndex` of a scenario's experiment: the same sample matrix row (it depends on the seed,
 * the parameters' names, the run count and the design), saving every stock, flow and aux so a failure can be traced.
 */
export function reproduceRun(scenario: ScenarioSpec, runIndex: number): Result<ReproducedRun> {
  const { runCount, seed, sampling } = scenario.uncertainty;
  if (!Number.isInteger(runIndex) || runIndex < 0 || runIndex >= runCount)
    throw new RangeError(`runIndex must be an integer in [0, ${runCount - 1}], found ${runIndex}`);
  const compiled = compileModel(applyPolicies(scenario.model, scenario.policies));
  if (!compiled.ok) return failure(compiled.diagnostics);
  const model = compiled.value;
  const distributions = scenario.uncertainty.parameters.map((parameter) => parameter.distribution);
  const names = scenario.uncertainty.parameters.map((parameter) => parameter.name);
  const samples = drawSampleMatrix({ distributions, names, runCount, seed, design: sampling });
  const values = baseParameters(scenario, model);
  const columns = sampleParameterIndex(scenario, model);
  const row = samples.subarray(runIndex * columns.length, (runIndex + 1) * columns.length);
  columns.forEach((parameterIndex, column) => {
    if (parameterIndex >= 0) values[parameterIndex] = row[column]!;
  });
  return success({ parameters: sampledInputs(scenario, columns, row), result: simulate(model, values) });
}
