import { describe, expect, it } from 'vitest';
import type { SeriesSummary, TargetSummary } from '../../../src/experiment/scenario-summary.js';
import { fanChartSpec, type FanChartInput } from '../../../src/report/fan-chart-spec.js';
import { quantityFormat } from '../../../src/report/quantity-format.js';

const series: SeriesSummary = {
  time: [2020, 2021, 2022],
  mean: [10, 11, 12],
  p5: [9, 9.5, 10],
  p50: [10, 10.8, 11.9],
  p95: [11, 12.5, 14],
};
const target = (op: '>=' | '<=', threshold: number, year: number): TargetSummary => ({
  id: `t_${year}`,
  variable: 'gdp',
  year,
  op,
  threshold,
  probability: 0.5,
  p5: 0,
  p50: 0,
  p95: 0,
  firstMet: { p5: null, p50: null, p95: null, neverShare: 1, shareMetBy: [] },
});
const input = (overrides: Partial<FanChartInput> = {}): FanChartInput => ({
  title: 'GDP',
  subtitle: 'P5–P95 of 400 runs',
  timeTitle: 'year',
  valueTitle: '万亿元 (trillion yuan)',
  series,
  // As `--unit 万亿元` asks: without it, values stay in the model file's unit (亿元).
  format: quantityFormat('gdp', 'yi_yuan', [90_000, 140_000], { unit: '万亿元' }),
  targets: [],
  ...overrides,
});

type Layer = {
  data: { values: Record<string, number | string>[] };
  mark: { type: string };
  encoding: Record<string, { datum?: string; scale?: { domain: string[] } }>;
};
const layersOf = (spec: ReturnType<typeof fanChartSpec>): Layer[] => (spec as unknown as { layer: Layer[] }).layer;

describe('fanChartSpec()', () => {
  it('draws the band as an area, the median as a line and the mean as a dashed line, titled, 720 wide', () => {
    const spec = fanChartSpec(input());
    expect(spec).toMatchObject({ title: { text: 'GDP', subtitle: 'P5–P95 of 400 runs' }, width: 720, height: 260 });
    const layers = layersOf(spec);
    expect(layers.map((layer) => [layer.mark.type, layer.encoding['color']!.datum])).toEqual([
      ['area', 'P5–P95 band'],
      ['line', 'median (P50)'],
      ['line', 'mean (dashed)'],
    ]);
    expect(layers[2]!.mark).toMatchObject({ strokeDash: [7, 5] });
  });

  it("scales every value by the format: 亿元 shown as 万亿元 (--unit), in the file's unit otherwise", () => {
    expect(quantityFormat('gdp', 'yi_yuan', [90_000, 140_000]).scale).toBe(1);
    const format = quantityFormat('gdp', 'yi_yuan', [90_000, 140_000], { unit: '万亿元' });
    expect(format.scale).toBe(1e-4);
    const rows = layersOf(fanChartSpec(input({ series: { ...series, p50: [100_000, 110_000, 120_000] } })))[1]!.data
      .values;
    expect(rows.map((row) => row['p50'])).toEqual([10, 11, 12]);
    expect(rows.map((row) => row['time'])).toEqual([2020, 2021, 2022]);
  });

  it('adds a target as a rule from the first year to its year, a triangle pointing its way, and its condition', () => {
    const layers = layersOf(
      fanChartSpec(input({ targets: [target('>=', 120_000, 2022), target('<=', 50_000, 2021)] })),
    );
    expect(layers.map((layer) => layer.mark.type)).toEqual(['area', 'line', 'line', 'rule', 'point', 'text']);
    const marks = layers[3]!.data.values;
    expect(marks.map((value) => [value['start'], value['time'], value['threshold'], value['shape']])).toEqual([
      [2020, 2022, 12, 'triangle-up'],
      [2020, 2021, 5, 'triangle-down'],
    ]);
    expect(marks[0]!['label']).toMatch(/^target ≥ 12 .* in 2022$/);
    expect(layers[0]!.encoding['color']!.scale!.domain).toEqual([
      'P5–P95 band',
      'median (P50)',
      'mean (dashed)',
      'target',
    ]);
  });

  it('draws observed history as dots, and names it in the legend, only when there is some', () => {
    const withHistory = layersOf(
      fanChartSpec(input({ history: { series: 'gdp_nominal', years: [2020, 2021], values: [100_000, 104_000] } })),
    );
    expect(withHistory.at(-1)!.mark.type).toBe('point');
    expect(withHistory.at(-1)!.data.values).toEqual([
      { time: 2020, value: 10 },
      { time: 2021, value: 10.4 },
    ]);
    expect(withHistory[0]!.encoding['color']!.scale!.domain).toContain('observed');
    const empty = layersOf(fanChartSpec(input({ history: { series: 'gdp_nominal', years: [], values: [] } })));
    expect(empty).toHaveLength(3);
    expect(empty[0]!.encoding['color']!.scale!.domain).not.toContain('observed');
  });
});
