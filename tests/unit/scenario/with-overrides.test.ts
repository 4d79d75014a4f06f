import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/scenario/load-scenario.js';
import type { ScenarioSpec } from '../../../src/scenario/scenario-spec.js';
import { withOverrides } from '../../../src/scenario/with-overrides.js';

const scenario = ((): ScenarioSpec => {
  const loaded = loadScenario('tests/fixtures/run/population-mc.yaml', {
    readText: (path) => ({ ok: true, value: readFileSync(path, 'utf8') }),
  });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  return loaded.value;
})();

describe('withOverrides()', () => {
  it('leaves a scenario as it is without overrides', () => {
    const same = withOverrides(scenario, {});
    expect(same.uncertainty).toEqual(scenario.uncertainty);
    expect([...same.set]).toEqual([...scenario.set]);
    expect(same.policies).toEqual(scenario.policies);
  });

  it('replaces the run count and the seed when given, and nothing else of the uncertainty', () => {
    const changed = withOverrides(scenario, { runCount: 10, seed: -3 });
    expect(changed.uncertainty).toEqual({ ...scenario.uncertainty, runCount: 10, seed: -3 });
    expect(withOverrides(scenario, { seed: 5 }).uncertainty.runCount).toBe(3000);
  });

  it('lets --set win over a policy for the same parameter, which it drops', () => {
    expect(scenario.policies.map((policy) => policy.name)).toEqual(['policy_boost']);
    const changed = withOverrides(scenario, { set: new Map([['policy_boost', 0.001]]) });
    expect(changed.set.get('policy_boost')).toBe(0.001);
    expect(changed.policies).toEqual([]);
  });

  it('keeps an overridden sampled parameter in the design, so the other columns keep their draws', () => {
    const changed = withOverrides(scenario, { set: new Map([['birth_rate', 0.008]]) });
    expect(changed.uncertainty.parameters.map((parameter) => parameter.name)).toEqual(['birth_rate', 'death_rate']);
    expect(changed.set.get('birth_rate')).toBe(0.008);
  });

  it('does not change the scenario it is given', () => {
    withOverrides(scenario, { runCount: 1, seed: 1, set: new Map([['policy_boost', 0]]) });
    expect(scenario.uncertainty.runCount).toBe(3000);
    expect(scenario.set.has('policy_boost')).toBe(false);
    expect(scenario.policies).toHaveLength(1);
  });
});
