import { describe, expect, it } from 'vitest';
import type { SeriesSummary } from '../../../src/experiment/scenario-summary.js';
import { compareChartSpec } from '../../../src/report/compare-chart-spec.js';
import { quantityFormat } from '../../../src/report/quantity-format.js';

const series = (start: number, level: number): SeriesSummary => ({
  time: [start, start + 1],
  mean: [level, level],
  p5: [level - 1, level - 1],
  p50: [level, level + 1],
  p95: [level + 1, level + 2],
});

type Layer = {
  data: { values: Record<string, number | string>[] };
  mark: { type: string };
  encoding: Record<string, { field?: string; scale?: { domain: string[]; range: string[] } }>;
};

describe('compareChartSpec()', () => {
  const spec = compareChartSpec({
    title: 'Population',
    subtitle: 'median and band per scenario',
    timeTitle: 'year',
    valueTitle: 'million persons',
    scenarios: [
      { name: 'baseline', series: series(2021, 10) },
      { name: 'boost', series: series(2020, 12) },
    ],
    format: quantityFormat('population', 'million_person', [9, 13]),
    targets: [
      {
        id: 'p',
        variable: 'population',
        year: 2021,
        op: '>=',
        threshold: 11,
        probability: 0.5,
        p5: 0,
        p50: 0,
        p95: 0,
        firstMet: { p5: null, p50: null, p95: null, neverShare: 1, shareMetBy: [] },
      },
    ],
  });
  const layers = (spec as unknown as { layer: Layer[] }).layer;

  it("draws each scenario's band and median, coloured by scenario, the legend naming scenarios then the target", () => {
    expect(layers.slice(0, 2).map((layer) => layer.mark.type)).toEqual(['area', 'line']);
    const colour = layers[1]!.encoding['color']!;
    expect(colour.field).toBe('scenario');
    expect(colour.scale!.domain).toEqual(['baseline', 'boost', 'target']);
    expect(new Set(colour.scale!.range).size).toBe(3);
    expect(layers[1]!.data.values.map((row) => [row['scenario'], row['time'], row['p50']])).toEqual([
      ['baseline', 2021, 10],
      ['baseline', 2022, 11],
      ['boost', 2020, 12],
      ['boost', 2021, 13],
    ]);
  });

  it("starts the targets' rules at the earliest first year of any scenario", () => {
    const rule = layers.find((layer) => layer.mark.type === 'rule')!;
    expect(rule.data.values[0]).toMatchObject({ start: 2020, time: 2021, threshold: 11 });
    expect(spec).toMatchObject({ width: 720, height: 240, title: { text: 'Population' } });
  });
});
