import { describe, expect, it } from 'vitest';
import { alignScenarios, compareScenarios } from '../../../src/analysis/compare-scenarios.js';
import { createShardExecutor } from '../../../src/parallel/shard-executor.js';
import { loadScenarioOrThrow, reportFixture } from '../../helpers/report-fixtures.js';

const baseline = loadScenarioOrThrow(reportFixture('baseline.yaml'));
const boost = loadScenarioOrThrow(reportFixture('boost.yaml'));
const unusedInput = loadScenarioOrThrow(reportFixture('unused-input.yaml'));

describe('alignScenarios()', () => {
  it("gives every scenario the first one's seed, run count and design, and lists those that declared others", () => {
    const aligned = alignScenarios([baseline, boost]);
    expect(aligned.design).toEqual({ seed: 42, runCount: 400, sampling: 'lhs' });
    expect(aligned.scenarios.map((scenario) => scenario.uncertainty.seed)).toEqual([42, 42]);
    expect(aligned.scenarios.map((scenario) => scenario.uncertainty.runCount)).toEqual([400, 400]);
    expect(aligned.changed).toEqual([{ scenario: 'boost', file: boost.file, seed: 7, runCount: 250, sampling: 'lhs' }]);
    expect(aligned.sharedParameters).toEqual(['birth_rate', 'death_rate']);
  });

  it('takes --seed and --runs over the first scenario, and lists only differences those options do not explain', () => {
    const aligned = alignScenarios([baseline, boost], { seed: 5, runCount: 30 });
    expect(aligned.design).toEqual({ seed: 5, runCount: 30, sampling: 'lhs' });
    expect(aligned.scenarios.map((scenario) => [scenario.uncertainty.seed, scenario.uncertainty.runCount])).toEqual([
      [5, 30],
      [5, 30],
    ]);
    expect(aligned.changed).toEqual([]);
    expect(
      alignScenarios([baseline, boost], { seed: 5 }).changed.map((entry) => [entry.scenario, entry.runCount]),
    ).toEqual([['boost', 250]]);
  });

  it('throws a RangeError for no scenarios', () => {
    expect(() => alignScenarios([])).toThrow(new RangeError('scenarios must hold at least one scenario'));
  });
});

describe('compareScenarios()', () => {
  it('runs scenarios on common random numbers: an input that cannot matter, in another sample column, leaves every number as it was', async () => {
    const executor = createShardExecutor(1);
    try {
      const compared = await compareScenarios(alignScenarios([baseline, unusedInput, boost]), {
        executor,
        engineVersion: '0.1.0',
        memoryLimitBytes: 1e9,
      });
      expect(compared.ok && compared.value.ok).toBe(true);
      if (!compared.ok || !compared.value.ok) return;
      const { comparison } = compared.value;
      expect([comparison.seed, comparison.runs, comparison.sampling]).toEqual([42, 400, 'lhs']);
      const [base, unused, boosted] = comparison.scenarios;
      expect(unused!.targets[0]).toEqual(base!.targets[0]);
      expect(unused!.series).toEqual(base!.series);
      // The stronger policy moves the odds up, with the same draws behind both.
      expect(boosted!.targets[0]!.probability).toBeGreaterThan(base!.targets[0]!.probability);
      // Before the policy starts (2030) net growth is birth_rate - death_rate: the same draws give the same band.
      const before2030 = (values: number[]) => values.slice(0, 10);
      before2030(boosted!.series['net_growth_rate']!.p50).forEach((value, index) =>
        expect(value).toBeCloseTo(base!.series['net_growth_rate']!.p50[index]!, 15),
      );
    } finally {
      await executor.close();
    }
  });
});
