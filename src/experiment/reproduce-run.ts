import type { Result } from '../diagnostics/diagnostic.js';
import { success } from '../diagnostics/diagnostic.js';
import { simulate, type SimulationResult } from '../runtime/simulate.js';
import { applyQuantiles } from '../sampling/draw-sample-matrix.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { compileExperiment, instantiateExperiment } from './compile-experiment.js';
import { sampledInputs } from './run-design.js';
import { sampleRow, scenarioSample } from './sample-matrix.js';

/** One run of an experiment, redone alone with every variable saved. */
export interface ReproducedRun {
  /** The sampled inputs that run used (overridden ones left out). */
  parameters: Record<string, number>;
  result: SimulationResult;
}

/**
 * Redo run `runIndex` of a scenario's experiment: the same sample row (it depends on the seed, the
 * parameters' names, the run count and the design), saving every stock, flow and aux so a failure can
 * be traced.
 */
export function reproduceRun(scenario: ScenarioSpec, runIndex: number): Result<ReproducedRun> {
  const { runCount } = scenario.uncertainty;
  if (!Number.isInteger(runIndex) || runIndex < 0 || runIndex >= runCount)
    throw new RangeError(`runIndex must be an integer in [0, ${runCount - 1}], found ${runIndex}`);
  const compiled = compileExperiment(scenario, { variables: 'every' });
  if (!compiled.ok) return compiled;
  const experiment = compiled.value;
  const sample = scenarioSample(scenario);
  const row = sampleRow(sample, runIndex);
  applyQuantiles(row, experiment.distributions, 0, 1);
  const values = Float64Array.from(experiment.baseParameters);
  experiment.sampleColumns.forEach((parameterIndex, column) => {
    if (parameterIndex >= 0) values[parameterIndex] = row[column]!;
  });
  const parameters = sampledInputs(experiment, sample, runIndex);
  return success({ parameters, result: simulate(instantiateExperiment(experiment), values) });
}
