import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { discoverScenarios, type Discovery, type DiscoverQuery } from '../../../src/analysis/discover-scenarios.js';
import { defaultPrimOptions } from '../../../src/analysis/prim-box.js';
import { createShardExecutor } from '../../../src/parallel/shard-executor.js';
import type { ScenarioSpec } from '../../../src/scenario/scenario-spec.js';
import { withOverrides } from '../../../src/scenario/with-overrides.js';
import { loadScenarioOrThrow } from '../../helpers/report-fixtures.js';

const boxScenario = loadScenarioOrThrow(
  fileURLToPath(new URL('../../fixtures/analysis/box-failure.yaml', import.meta.url)),
);

async function discover(
  scenario: ScenarioSpec,
  query: Partial<DiscoverQuery> & { targetIds: string[] },
): Promise<Discovery> {
  const executor = createShardExecutor(1);
  try {
    const targets = query.targetIds.map((id) => scenario.targets.find((target) => target.id === id)!);
    const found = await discoverScenarios(
      scenario,
      { met: false, prim: defaultPrimOptions, ...query, targets },
      { executor, memoryLimitBytes: 1e9 },
    );
    if (!found.ok || !found.value.ok) throw new Error('discover failed');
    return found.value.discovery;
  } finally {
    await executor.close();
  }
}

describe('discoverScenarios()', () => {
  it('finds the failing box of the synthetic model (x1 < 0.3 and x2 > 0.6 on [0,1]^3), x3 unrestricted', async () => {
    const discovery = await discover(boxScenario, { targetIds: ['ok_0'] });
    expect(discovery.class).toBe('missed');
    expect(discovery.inputs.map((input) => input.name)).toEqual(['x1', 'x2', 'x3']);
    const box = discovery.box!;
    expect(box.restrictions.map((restriction) => restriction.name)).toEqual(['x1', 'x2']);
    const [x1, x2] = box.restrictions;
    expect([x1!.min, x2!.max]).toEqual([null, null]);
    expect(Math.abs(x1!.max! - 0.3)).toBeLessThan(0.03);
    expect(Math.abs(x2!.min! - 0.6)).toBeLessThan(0.03);
    expect(box.coverage).toBeGreaterThan(0.9);
    expect(box.density).toBeGreaterThan(0.95);
  });

  it('with met, looks for the complement; with a threshold no run reaches, has nothing to discover', async () => {
    const met = await discover(boxScenario, { targetIds: ['ok_0'], met: true });
    const missed = await discover(boxScenario, { targetIds: ['ok_0'] });
    expect(met.classCount).toBe(met.runs - missed.classCount);
    const never = await discover(boxScenario, { targetIds: ['never_missed'] });
    expect([never.classCount, never.box, never.trajectory]).toEqual([0, null, []]);
    const all = await discover(boxScenario, { targetIds: ['ok_0'], threshold: 2 });
    expect([all.classCount, all.box, all.targets[0]!.threshold]).toEqual([2000, null, 2]);
  });

  it('counts a run as missed when it misses any of several targets, and leaves out inputs fixed by set', async () => {
    const both = await discover(boxScenario, { targetIds: ['ok_0', 'never_missed'] });
    const alone = await discover(boxScenario, { targetIds: ['ok_0'] });
    expect(both.classCount).toBe(alone.classCount);
    const fixed = await discover(withOverrides(boxScenario, { set: new Map([['x3', 0.5]]) }), { targetIds: ['ok_0'] });
    expect(fixed.inputs.map((input) => input.name)).toEqual(['x1', 'x2']);
    expect(fixed.box!.restrictions).toEqual(alone.box!.restrictions);
  });
});
