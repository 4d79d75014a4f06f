import { compileModel } from '../compile/compile-model.js';
import type { Result } from '../diagnostics/diagnostic.js';
import { failure, success } from '../diagnostics/diagnostic.js';
import { simulate, type SimulationResult } from '../runtime/simulate.js';
import { drawSampleMatrix } from '../sampling/draw-sample-matrix.js';
import { applyPolicies } from '../scenario/apply-policies.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';

/** One run of an experiment, redone alone with every variable saved. */
export interface ReproducedRun {
  /** The sampled inputs that run used (overridden ones left out). */
  parameters: Record<string, number>;
  result: SimulationResult;
}

/**
 * Redo run `runIndex` of a scenario's experiment: the same sample matrix row (it depends on the seed,
 * the run count and the design), saving every stock, flow and aux so a failure can be traced.
 */
export function reproduceRun(scenario: ScenarioSpec, runIndex: number): Result<ReproducedRun> {
  const { runCount, seed, sampling } = scenario.uncertainty;
  if (!Number.isInteger(runIndex) || runIndex < 0 || runIndex >= runCount) throw new RangeError(`runIndex must be an integer in [0, ${runCount - 1}], found ${runIndex}`);
  const compiled = compileModel(applyPolicies(scenario.model, scenario.policies));
  if (!compiled.ok) return failure(compiled.diagnostics);
  const model = compiled.value;
  const distributions = scenario.uncertainty.parameters.map((parameter) => parameter.distribution);
  const samples = drawSampleMatrix({ distributions, runCount, seed, design: sampling });
  const values = model.defaultParameters();
  for (const [name, value] of scenario.set) values[model.parameterIndex(name)] = value;
  const parameters: Record<string, number> = {};
  scenario.uncertainty.parameters.forEach(({ name }, column) => {
    const index = model.parameterIndex(name);
    if (index < 0 || scenario.set.has(name)) return;
    values[index] = samples[runIndex * distributions.length + column]!;
    parameters[name] = values[index];
  });
  return success({ parameters, result: simulate(model, values) });
}
