import { checkModel, instantiateSource, type CompiledModel } from '../compile/compile-model.js';
import type { EvaluationPlan } from '../compile/evaluation-plan.js';
import { saveTimes } from '../compile/evaluation-plan.js';
import { generateRunSource } from '../compile/generate-run-source.js';
import { checkRunSize, runTooLargeDiagnostic, RunTooLargeError } from '../compile/run-size-limit.js';
import type { Result } from '../diagnostics/diagnostic.js';
import { failure, success } from '../diagnostics/diagnostic.js';
import { messages } from '../diagnostics/messages.js';
import { encodeRunSource, type RunSource } from '../parallel/run-source.js';
import type { DistributionSpec } from '../sampling/distribution-spec.js';
import { applyPolicies, policyScaleName } from '../scenario/apply-policies.js';
import { savedTimeIndex } from '../scenario/check-scenario.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import type { TargetQuery } from '../stats/evaluate-target.js';
import { runRecipe } from './run-recipe.js';

/**
 * A scenario read, checked, planned and turned into run-function source once, with everything a run
 * needs resolved to indices: what every command runs its designs through (see `runDesign`). It holds
 * the generated source, not a function: the threads that run it compile it, each once (parallel/).
 */
export interface CompiledExperiment {
  readonly scenario: ScenarioSpec;
  readonly plan: EvaluationPlan;
  /** The generated run function's source (compile/generate-run-source.ts), as text and encoded for the threads. */
  readonly source: string;
  readonly runSource: RunSource;
  readonly parameterNames: readonly string[];
  /** The variables each run stores, in the run function's output order. */
  readonly outputNames: readonly string[];
  readonly saveTimes: Float64Array;
  /** Every parameter's value before sampling: the model's, then the scenario's fixed values, then `withParameterValues`'. */
  readonly baseParameters: Float64Array;
  /** For each sample column (`scenario.uncertainty.parameters` order), the parameter it sets, or -1 where a fixed value wins. */
  readonly sampleColumns: Int32Array;
  readonly distributions: readonly DistributionSpec[];
  /** The scenario's targets, in order, as queries on the stored columns (none when `variables` were chosen). */
  readonly targets: readonly TargetQuery[];
  /** For each policy compiled with a scale (`CompileExperimentOptions.scaledPolicies`), its scale parameter's name. */
  readonly policyScales: ReadonlyMap<string, string>;
}

/** What to compile beyond the scenario itself. */
export interface CompileExperimentOptions {
  /**
   * The variables to store per run: default the scenario's outputs, then its targets' variables;
   * `'every'` for every stock, flow and aux (the model's own saved set, see `PlanOptions.outputs`).
   */
  variables?: readonly string[] | 'every';
  /** Policies to compile with a scale parameter, so that scaling them needs no new compile (`solve`). */
  scaledPolicies?: readonly string[];
}

/** The variables a scenario stores per run: its outputs, then any target variable not among them. */
export function storedVariables(scenario: ScenarioSpec): string[] {
  return [...new Set([...scenario.outputs, ...scenario.targets.map((target) => target.variable)])];
}

/** The first saved time after the scenario's last data year (0 without data): where "first met" starts counting. */
export function firstProjectedSaveIndex(scenario: ScenarioSpec): number {
  const { lastDataYear } = scenario;
  if (lastDataYear === undefined) return 0;
  const { start, saveEvery } = scenario.model.time;
  return Math.max(0, Math.floor((lastDataYear - start) / saveEvery + 1e-9) + 1);
}

/**
 * Compile a scenario's experiment: apply its policies, check the model (references, units, loops,
 * clock) and plan it once, generate the run function's source once, and resolve fixed values, sample
 * columns and targets to indices. Diagnostics when the model with its policies does not compile.
 * @throws RangeError when a fixed value or a target names what the compiled model lacks (the scenario
 *   loader rules both out), or a scaled policy is not one of the scenario's.
 */
export function compileExperiment(
  scenario: ScenarioSpec,
  options: CompileExperimentOptions = {},
): Result<CompiledExperiment> {
  const policyScales = new Map<string, string>();
  for (const name of options.scaledPolicies ?? []) {
    if (!scenario.policies.some((policy) => policy.name === name))
      throw new RangeError(`options.scaledPolicies names ${name}, which is not a policy of scenario ${scenario.name}`);
    policyScales.set(name, policyScaleName(scenario.model, name));
  }
  const model = applyPolicies(scenario.model, scenario.policies, { scaled: policyScales });
  const variables =
    options.variables === undefined
      ? storedVariables(scenario)
      : options.variables === 'every'
        ? undefined
        : [...new Set(options.variables)];
  const planned = checkModel(model, variables === undefined ? {} : { outputs: variables });
  if (!planned.ok) return planned;
  const plan = planned.value;
  let source: string;
  try {
    source = generateRunSource(plan, { hoistReciprocals: true });
    checkRunSize(source, plan.method);
  } catch (error) {
    if (error instanceof RunTooLargeError) return failure([runTooLargeDiagnostic(model, error.localCount)]);
    if (!(error instanceof RangeError)) throw error;
    const detail = messages.tooLarge(`the model is too large for one JavaScript function: ${error.message}`);
    return failure([{ file: model.file, line: 1, column: 1, severity: 'error', field: '', ...detail }]);
  }
  const parameterIndex = new Map(plan.parameterNames.map((name, index) => [name, index]));
  const baseParameters = Float64Array.from(plan.defaultParameters);
  for (const [name, value] of scenario.set) {
    const index = parameterIndex.get(name);
    if (index === undefined) throw new RangeError(`set names ${name}, which is not a parameter of the compiled model`);
    baseParameters[index] = value;
  }
  const sampleColumns = Int32Array.from(scenario.uncertainty.parameters, ({ name }) =>
    scenario.set.has(name) ? -1 : (parameterIndex.get(name) ?? -1),
  );
  const targets = (options.variables === undefined ? scenario.targets : []).map((target) => {
    const variableIndex = plan.outputNames.indexOf(target.variable);
    const saveIndex = savedTimeIndex(scenario.model.time, target.year);
    if (variableIndex < 0) throw new RangeError(`target ${target.id}: variable ${target.variable} is not stored`);
    if (saveIndex < 0) throw new RangeError(`target ${target.id}: year ${target.year} is not a saved time`);
    const band = target.about === undefined ? {} : { band: { lower: target.about.lower, upper: target.about.upper } };
    return {
      variableIndex,
      saveIndex,
      op: target.op,
      threshold: target.threshold,
      firstCountedSaveIndex: firstProjectedSaveIndex(scenario),
      ...band,
    };
  });
  return success({
    scenario,
    plan,
    source,
    runSource: encodeRunSource(
      source,
      runRecipe(scenario, { scaledPolicies: [...policyScales.keys()], outputs: variables }),
    ),
    parameterNames: plan.parameterNames,
    outputNames: plan.outputNames,
    saveTimes: saveTimes(plan),
    baseParameters,
    sampleColumns,
    distributions: scenario.uncertainty.parameters.map((parameter) => parameter.distribution),
    targets,
    policyScales,
  });
}

/**
 * The experiment with parameters fixed at `values` in every run, over the scenario's fixed values and
 * distributions (a sampled column is still drawn, so the other columns keep their values). The source
 * is unchanged: threads that compiled it keep their run function.
 * @throws RangeError for a name that is not a parameter of the compiled model.
 */
export function withParameterValues(
  experiment: CompiledExperiment,
  values: ReadonlyMap<string, number>,
): CompiledExperiment {
  const baseParameters = Float64Array.from(experiment.baseParameters);
  const sampleColumns = Int32Array.from(experiment.sampleColumns);
  for (const [name, value] of values) {
    const index = experiment.parameterNames.indexOf(name);
    if (index < 0) throw new RangeError(`values names ${name}, which is not a parameter of the compiled model`);
    baseParameters[index] = value;
    sampleColumns.forEach((parameterIndex, column) => {
      if (parameterIndex === index) sampleColumns[column] = -1;
    });
  }
  return { ...experiment, baseParameters, sampleColumns };
}

/** The experiment's model as a runnable model in this thread, for single runs (`reproduceRun`, `calibrate`). */
export function instantiateExperiment(experiment: CompiledExperiment): CompiledModel {
  return instantiateSource(experiment.plan, experiment.source);
}
