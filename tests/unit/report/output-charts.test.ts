import { describe, expect, it } from 'vitest';
import type { ScenarioSummary } from '../../../src/experiment/scenario-summary.js';
import { formatOutputCharts } from '../../../src/report/output-charts.js';
import { loadScenarioOrThrow, reportFixture } from '../../helpers/report-fixtures.js';

const scenario = loadScenarioOrThrow(reportFixture('baseline.yaml'));
const time = Array.from({ length: 21 }, (_, index) => 2020 + index);
const summary = {
  runs: 400,
  series: {
    population: {
      time,
      mean: time.map(() => 10),
      p5: time.map((year) => 10 - (year - 2020) * 0.01),
      p50: time.map(() => 10),
      p95: time.map((year) => 10 + (year - 2020) * 0.02),
    },
  },
} as unknown as ScenarioSummary;

describe('formatOutputCharts()', () => {
  it('draws each output as an ASCII fan with its label, unit, the P5 to P95 range on its axis and the first and last year', () => {
    const text = formatOutputCharts(summary, scenario.model, 100);
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('Population · 人口 (million persons): P95, P50 (median), P5 of 400 runs');
    expect(lines).toHaveLength(1 + 7 + 1);
    expect(lines[1]).toMatch(/^\s+10\.4 ┤/);
    expect(lines[7]).toMatch(/^\s+9\.8 ┤/);
    expect(lines[8]!.trim()).toMatch(/^2020\s+2040$/);
    // Stretched to the room there is: 20 intervals of 3 columns, the width of every chart row.
    expect(Math.max(...lines.slice(1, 8).map((line) => line.length))).toBeLessThanOrEqual(100);
    expect(lines[1]!.length).toBeGreaterThan(60);
  });

  it('draws nothing where the terminal is too narrow for the series', () => {
    expect(formatOutputCharts(summary, scenario.model, 30)).toBe('');
  });
});
