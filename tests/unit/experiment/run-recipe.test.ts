import { describe, expect, it } from 'vitest';
import { compileExperiment } from '../../../src/experiment/compile-experiment.js';
import { generateRecipeSource, readRunRecipe, runRecipe } from '../../../src/experiment/run-recipe.js';
import { encodeRunSource } from '../../../src/parallel/run-source.js';
import type { ScenarioSpec } from '../../../src/scenario/scenario-spec.js';
import { loadBeijingScenario } from '../../helpers/beijing-model.js';

/** The recipe a compiled experiment carries, read back as a worker reads it. */
function carriedRecipe(scenario: ScenarioSpec, options: Parameters<typeof compileExperiment>[1] = {}) {
  const compiled = compileExperiment(scenario, options);
  if (!compiled.ok) throw new Error('the scenario did not compile');
  const { runSource } = compiled.value;
  const recipe = readRunRecipe(JSON.parse(Buffer.from(runSource.recipe!).toString('utf8')));
  if (typeof recipe === 'string') throw new Error(recipe);
  return { recipe, hash: runSource.hash };
}

describe('generateRecipeSource()', () => {
  it.each([
    ['the reference scenario', 'bench/reference-mc100k.yaml', {}],
    ['the Beijing baseline, every variable stored', 'scenarios/baseline.yaml', { variables: 'every' as const }],
    ['a Beijing scenario with policies', 'scenarios/basic-research-push.yaml', {}],
    ['a Beijing scenario with a yearly (annual) policy', 'scenarios/enterprise-led.yaml', {}],
  ])('gives %s the very source compileExperiment generated', (_, file, options) => {
    const scenario = loadBeijingScenario(file);
    const { recipe, hash } = carriedRecipe(scenario, options);
    const generated = generateRecipeSource(recipe);
    expect(generated.ok).toBe(true);
    if (generated.ok) expect(encodeRunSource(generated.source).hash).toBe(hash);
  });

  it('gives a policy compiled with a scale (solve) the same source', () => {
    const scenario = loadBeijingScenario('scenarios/basic-research-push.yaml');
    expect(scenario.policies.length).toBeGreaterThan(0);
    const { recipe, hash } = carriedRecipe(scenario, { scaledPolicies: [scenario.policies[0]!.name] });
    expect(recipe.scaledPolicies).toEqual([scenario.policies[0]!.name]);
    const generated = generateRecipeSource(recipe);
    expect(generated.ok && encodeRunSource(generated.source).hash).toBe(hash);
  });

  it('says why a recipe whose model does not read cannot be compiled', () => {
    const { recipe } = carriedRecipe(loadBeijingScenario('bench/reference-mc100k.yaml'));
    const generated = generateRecipeSource({ ...recipe, modelText: 'stocks: [' });
    expect(generated).toMatchObject({ ok: false, reason: expect.stringContaining('does not read') as unknown });
  });
});

describe('runRecipe()', () => {
  it('is undefined for a scenario built without its model text', () => {
    const { modelText: _text, ...scenario } = loadBeijingScenario('bench/reference-mc100k.yaml');
    expect(runRecipe(scenario, { scaledPolicies: [], outputs: undefined })).toBeUndefined();
  });
});

describe('readRunRecipe()', () => {
  const { recipe } = carriedRecipe(loadBeijingScenario('scenarios/basic-research-push.yaml'));

  it('reads back a recipe written as JSON', () => {
    expect(readRunRecipe(JSON.parse(JSON.stringify(recipe)))).toEqual(recipe);
  });

  it.each([
    ['text where a policy value belongs', { points: [{ time: 2025, value: '1); process.exit(' }] }, 'finite time'],
    ['no points', { points: [] }, 'non-empty'],
    ['an unknown interpolation', { interpolate: 'cubic' }, 'step, linear or annual'],
  ])('refuses a policy with %s', (_, change, reason) => {
    const policies = [{ ...recipe.policies[0]!, ...change }];
    expect(readRunRecipe({ ...recipe, policies })).toContain(reason);
  });

  it.each([
    ['another format', { format: 2 }, 'format-1'],
    ['a start that is not a number', { start: 'soon' }, 'start'],
    ['outputs that are not names', { outputs: [1] }, 'outputs'],
    ['scaled policies that are not names', { scaledPolicies: 'all' }, 'scaledPolicies'],
    ['no model text', { modelText: undefined }, 'modelText'],
  ])('refuses %s', (_, change, reason) => {
    expect(readRunRecipe({ ...recipe, ...change })).toContain(reason);
  });
});
