import { describe, expect, it } from 'vitest';
import type { ScenarioComparison } from '../../../../src/analysis/compare-scenarios.js';
import type { ScenarioSummary, TargetSummary } from '../../../../src/experiment/scenario-summary.js';
import { comparedTargets, comparedValues, targetFormat } from '../../../../src/report/internal/compare-parts.js';
import { loadScenarioOrThrow, reportFixture } from '../../../helpers/report-fixtures.js';

const target = (id: string, variable: string, threshold: number): TargetSummary => ({
  id,
  variable,
  year: 2035,
  op: '>=',
  threshold,
  probability: 0.5,
  p5: threshold - 1,
  p50: threshold,
  p95: threshold + 1,
  firstMet: { p5: null, p50: null, p95: null, neverShare: 1, shareMetBy: [] },
});
const summary = (name: string, targets: TargetSummary[], p95: number): ScenarioSummary =>
  ({
    scenario: name,
    targets,
    series: { population: { time: [2020], mean: [10], p5: [9], p50: [10], p95: [p95] } },
  }) as unknown as ScenarioSummary;
const comparison = {
  scenarios: [
    summary('a', [target('t1', 'population', 10.3)], 11),
    summary('b', [target('t2', 'population', 10.6), target('t1', 'population', 10.4)], 12),
  ],
} as unknown as ScenarioComparison;

describe('compare parts', () => {
  it('comparedTargets() matches targets by id across scenarios, in order of first appearance', () => {
    const compared = comparedTargets(comparison);
    expect(compared.map((entry) => entry.id)).toEqual(['t1', 't2']);
    expect(compared[0]!.first.threshold).toBe(10.3);
    expect(compared[0]!.byScenario.map((entry) => entry?.threshold)).toEqual([10.3, 10.4]);
    expect(compared[1]!.byScenario.map((entry) => entry?.threshold)).toEqual([undefined, 10.6]);
  });

  it("comparedValues() gathers every scenario's band and target values of a variable", () => {
    expect(comparedValues(comparison, 'population').sort((a, b) => a - b)).toEqual(
      [9, 11, 10.3, 9.3, 11.3, 9, 12, 10.6, 9.6, 11.6, 10.4, 9.4, 11.4].sort((a, b) => a - b),
    );
    expect(comparedValues(comparison, 'nothing')).toEqual([]);
  });

  it("targetFormat() formats a target in its variable's unit, from the first scenario's model", () => {
    const scenario = loadScenarioOrThrow(reportFixture('baseline.yaml'));
    expect(targetFormat(target('t1', 'population', 10.3), comparison, [scenario]).format(10.3)).toBe(
      '10.3 million persons',
    );
  });
});
