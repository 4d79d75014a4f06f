import { readFileSync } from 'node:fs';
import { compileModel, type CompiledModel } from '../../src/compile/compile-model.js';
import type { ModelHistory } from '../../src/model/model-history.js';
import { parseModelHistory } from '../../src/model/model-history.js';
import { simulate } from '../../src/runtime/simulate.js';
import { drawSampleMatrix } from '../../src/sampling/draw-sample-matrix.js';
import { applyPolicies } from '../../src/scenario/apply-policies.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import type { ScenarioSpec } from '../../src/scenario/scenario-spec.js';

/** Read a file for `loadScenario`, as the CLI does (without its size and encoding checks). */
export const readText = (file: string) => ({ ok: true as const, value: readFileSync(file, 'utf8') });

/** A scenario of the Beijing model, loaded or the test fails with its diagnostics. */
export function loadBeijingScenario(file = 'scenarios/baseline.yaml'): ScenarioSpec {
  const loaded = loadScenario(file, { readText });
  if (!loaded.ok)
    throw new Error(
      loaded.diagnostics.map((diagnostic) => `${diagnostic.file}:${diagnostic.line}: ${diagnostic.message}`).join('\n'),
    );
  return loaded.value;
}

/** The Beijing model's observed history from its data file. */
export function beijingHistory(scenario: ScenarioSpec): ModelHistory {
  const history = parseModelHistory(scenario.model, readFileSync(scenario.model.dataFile!, 'utf8'));
  if (!history.ok) throw new Error(history.diagnostics.map((diagnostic) => diagnostic.message).join('\n'));
  return history.value;
}

/** A scenario compiled with its policies, saving `outputs`. */
export function compileBeijingScenario(scenario: ScenarioSpec, outputs: readonly string[]): CompiledModel {
  const compiled = compileModel(applyPolicies(scenario.model, scenario.policies), { outputs: [...outputs] });
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((diagnostic) => diagnostic.message).join('\n'));
  return compiled.value;
}

/**
 * Every Monte Carlo run of a scenario, in-process: its sample matrix (seed, run count and design as the
 * scenario gives them), each row over the model's values and the scenario's fixed ones, a column that a
 * fixed value or a policy overrides left out, as `kechuang run` does. Calls `visit` with each run's
 * saved points and the parameter vector it ran with.
 */
export function forEachScenarioRun(
  scenario: ScenarioSpec,
  outputs: readonly string[],
  visit: (value: (variable: string, year: number) => number, parameters: Float64Array, runIndex: number) => void,
  runCount = scenario.uncertainty.runCount,
): void {
  const model = compileBeijingScenario(scenario, outputs);
  const base = model.defaultParameters();
  for (const [name, value] of scenario.set) base[model.parameterIndex(name)] = value;
  const columns = scenario.uncertainty.parameters.map(({ name }) =>
    scenario.set.has(name) ? -1 : model.parameterIndex(name),
  );
  const matrix = drawSampleMatrix({
    distributions: scenario.uncertainty.parameters.map((parameter) => parameter.distribution),
    names: scenario.uncertainty.parameters.map((parameter) => parameter.name),
    runCount,
    seed: scenario.uncertainty.seed,
    design: scenario.uncertainty.sampling,
  });
  const buffer = new Float64Array(model.saveCount * model.outputNames.length);
  const parameters = base.slice();
  for (let runIndex = 0; runIndex < runCount; runIndex++) {
    parameters.set(base);
    columns.forEach((index, column) => {
      if (index >= 0) parameters[index] = matrix[runIndex * columns.length + column]!;
    });
    const result = simulate(model, parameters, buffer);
    visit(
      (variable, year) =>
        result.values[
          Array.from(result.times).indexOf(year) * result.outputNames.length + result.outputNames.indexOf(variable)
        ]!,
      parameters,
      runIndex,
    );
  }
}

/** The funding scenarios shipped in scenarios/, by file name. */
export const beijingScenarioNames = [
  'baseline',
  'accelerated-funding',
  'constrained-funding',
  'enterprise-led',
  'talent-first',
  'basic-research-push',
] as const;

/** The eight 2025 targets of the Beijing scenarios, in the order the scenario files list them. */
export const beijingTargetIds = [
  'rd_intensity_2025',
  'basic_research_share_2025',
  'rd_personnel_2025',
  'hightech_va_2025',
  'digital_growth_2025',
  'tech_contract_2025',
  'zgc_revenue_2025',
  'unicorns_2025',
] as const;
