import { describe, expect, it } from 'vitest';
import type { ScenarioSummary } from '../../../../src/experiment/scenario-summary.js';
import { shownValues } from '../../../../src/report/internal/shown-values.js';

describe('shownValues()', () => {
  it("gives a variable's P5 and P95 over time and its targets' thresholds and bands, not the median or mean", () => {
    const summary = {
      series: { x: { time: [0, 1], mean: [50, 60], p5: [1, 2], p50: [55, 66], p95: [3, 4] } },
      targets: [
        { variable: 'x', threshold: 7, p5: 8, p95: 9 },
        { variable: 'y', threshold: 100, p5: 100, p95: 100 },
      ],
    } as unknown as ScenarioSummary;
    expect(shownValues(summary, 'x')).toEqual([1, 2, 3, 4, 7, 8, 9]);
    expect(shownValues(summary, 'y')).toEqual([100, 100, 100]);
    expect(shownValues(summary, 'z')).toEqual([]);
  });
});
