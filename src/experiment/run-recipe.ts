import { basename } from 'node:path';
import { checkModel } from '../compile/compile-model.js';
import { generateRunSource } from '../compile/generate-run-source.js';
import { readModelText } from '../model/read-model-text.js';
import { applyPolicies, policyScaleName } from '../scenario/apply-policies.js';
import type { PolicySpec, ScenarioSpec } from '../scenario/scenario-spec.js';

/**
 * What a compiled experiment's run function is generated from, as plain text and numbers: the model
 * file's text, the clock's start, the policies, the policies compiled with a scale and the stored
 * variables. Another machine turns it into the same source with its own generator
 * (`generateRecipeSource`), so no code ever travels between machines; the source's hash says whether
 * both generators agree.
 */
export interface RunRecipe {
  format: 1;
  /** The model file's name (its ending says the format) and text. */
  modelFile: string;
  modelText: string;
  /** The clock's start as the scenario runs it (a scenario may start a model later). */
  start: number;
  policies: { name: string; interpolate: PolicySpec['interpolate']; points: { time: number; value: number }[] }[];
  scaledPolicies: string[];
  /** The stored variables, or `'every'` for the model's own saved set. */
  outputs: string[] | 'every';
}

/** The recipe of a scenario's experiment, or undefined when the scenario was not read from a file (no model text). */
export function runRecipe(
  scenario: ScenarioSpec,
  options: { scaledPolicies: readonly string[]; outputs: readonly string[] | undefined },
): RunRecipe | undefined {
  if (scenario.modelText === undefined) return undefined;
  return {
    format: 1,
    modelFile: basename(scenario.model.file),
    modelText: scenario.modelText,
    start: scenario.model.time.start,
    policies: scenario.policies.map(({ name, interpolate, points }) => ({
      name,
      interpolate,
      points: points.map(({ time, value }) => ({ time, value })),
    })),
    scaledPolicies: [...options.scaledPolicies],
    outputs: options.outputs === undefined ? 'every' : [...options.outputs],
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * Check that a value received from elsewhere is a recipe: every field of the right type, every number
 * finite. The reason it is not, otherwise. Numbers reach the generated source, so nothing else may
 * stand where a number belongs.
 */
export function readRunRecipe(value: unknown): RunRecipe | string {
  if (!isRecord(value) || value.format !== 1) return 'not a format-1 run recipe';
  const { modelFile, modelText, start, policies, scaledPolicies, outputs } = value;
  if (typeof modelFile !== 'string' || typeof modelText !== 'string') return 'modelFile and modelText must be text';
  if (!isFiniteNumber(start)) return 'start must be a finite number';
  if (!isStringList(scaledPolicies)) return 'scaledPolicies must be a list of names';
  if (outputs !== 'every' && !isStringList(outputs)) return "outputs must be a list of names or 'every'";
  if (!Array.isArray(policies)) return 'policies must be a list';
  const checked: RunRecipe['policies'] = [];
  for (const policy of policies as unknown[]) {
    if (!isRecord(policy) || typeof policy.name !== 'string') return 'each policy needs a name';
    if (policy.interpolate !== 'step' && policy.interpolate !== 'linear' && policy.interpolate !== 'annual')
      return `policy ${policy.name}: interpolate must be step, linear or annual`;
    if (!Array.isArray(policy.points) || policy.points.length === 0)
      return `policy ${policy.name}: points must be a non-empty list`;
    const points: { time: number; value: number }[] = [];
    for (const point of policy.points as unknown[]) {
      if (!isRecord(point) || !isFiniteNumber(point.time) || !isFiniteNumber(point.value))
        return `policy ${policy.name}: each point needs a finite time and value`;
      points.push({ time: point.time, value: point.value });
    }
    checked.push({ name: policy.name, interpolate: policy.interpolate, points });
  }
  return { format: 1, modelFile, modelText, start, policies: checked, scaledPolicies, outputs };
}

/**
 * Generate the run function's source from a recipe, as `compileExperiment` does from the scenario: read
 * the model text, start its clock, apply the policies (with their scales), check and plan it, generate.
 * The reason it cannot, otherwise (a model that does not read or check, a policy naming no parameter).
 */
export function generateRecipeSource(recipe: RunRecipe): { ok: true; source: string } | { ok: false; reason: string } {
  const read = readModelText(recipe.modelText, recipe.modelFile);
  if (!read.ok) return { ok: false, reason: `the model does not read: ${read.diagnostics[0]?.message ?? ''}` };
  const model = { ...read.value, time: { ...read.value.time, start: recipe.start } };
  const location = { file: recipe.modelFile, line: 1, column: 1 };
  const policies: PolicySpec[] = recipe.policies.map((policy) => ({ ...policy, location }));
  const scaled = new Map<string, string>();
  for (const name of recipe.scaledPolicies) {
    if (!policies.some((policy) => policy.name === name)) return { ok: false, reason: `${name} is not a policy` };
    scaled.set(name, policyScaleName(model, name));
  }
  let withPolicies;
  try {
    withPolicies = applyPolicies(model, policies, { scaled });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { ok: false, reason: error.message };
  }
  const planned = checkModel(withPolicies, recipe.outputs === 'every' ? {} : { outputs: recipe.outputs });
  if (!planned.ok) return { ok: false, reason: `the model does not check: ${planned.diagnostics[0]?.message ?? ''}` };
  try {
    return { ok: true, source: generateRunSource(planned.value, { hoistReciprocals: true }) };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { ok: false, reason: error.message };
  }
}
