import { describe, expect, it } from 'vitest';
import type { ScenarioComparison } from '../../../src/analysis/compare-scenarios.js';
import type { ScenarioSummary, TargetSummary } from '../../../src/experiment/scenario-summary.js';
import { formatCompareTable } from '../../../src/report/compare-table.js';
import { loadScenarioOrThrow, reportFixture } from '../../helpers/report-fixtures.js';

const scenario = loadScenarioOrThrow(reportFixture('baseline.yaml'));
const target = (id: string, probability: number, p50: number): TargetSummary => ({
  id,
  variable: 'population',
  year: 2035,
  op: '>=',
  threshold: 10.3,
  probability,
  p5: p50 - 0.3,
  p50,
  p95: p50 + 0.3,
  firstMet: { p5: 2030, p50: 2035, p95: null, neverShare: 0.2, shareMetBy: [] },
});
const summary = (name: string, targets: TargetSummary[]) =>
  ({ scenario: name, targets, series: {} }) as unknown as ScenarioSummary;
const comparison: ScenarioComparison = {
  seed: 42,
  runs: 400,
  sampling: 'lhs',
  sharedParameters: ['birth_rate'],
  declared: [],
  scenarios: [
    summary('a-long-scenario-name', [target('pop_2035', 0.375, 10.2134)]),
    summary('b', [target('pop_2035', 0.8125, 10.4), target('pop_2040', 0.5, 10.6)]),
  ],
};

describe('formatCompareTable()', () => {
  it('sets each target id in one row, each scenario its probability and median, a dash where a scenario lacks the target', () => {
    const lines = formatCompareTable(comparison, [scenario, scenario], 200).trimEnd().split('\n');
    expect(lines[0]).toBe(
      'compare 2 scenarios on common random numbers: seed 42, 400 runs, Latin hypercube sampling; shared uncertain parameters: birth_rate',
    );
    const rows = lines
      .filter((line) => line.startsWith('│'))
      .map((line) =>
        line
          .split('│')
          .slice(1, -1)
          .map((cell) => cell.trim()),
      );
    expect(rows).toEqual([
      ['target', 'condition', 'a-long-scenario-name', 'P50', 'b', 'P50'],
      ['pop_2035', 'population ≥ 10.3 million persons in 2035', '37.5%', '10.21', '81.3%', '10.4'],
      ['pop_2040', 'population ≥ 10.3 million persons in 2035', '—', '—', '50.0%', '10.6'],
    ]);
  });

  it('moves the medians to a table of their own where the side-by-side table would be wider than the terminal', () => {
    const text = formatCompareTable(comparison, [scenario, scenario], 90);
    const [probabilities, medians] = text.split(/\n(?=┌)/).slice(1, 3);
    expect(probabilities).not.toContain('P50');
    expect(medians).toContain('P50 in the target year (units as above)');
    expect(
      Math.max(
        ...text
          .split('\n')
          .slice(1)
          .map((line) => line.length),
      ),
    ).toBeLessThanOrEqual(90);
  });
});
