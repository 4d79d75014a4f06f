import { parse, type HTMLElement } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { renderChartSvg } from '../../../src/report/render-chart-svg.js';
import { tornadoChartSpec, type TornadoChartInput } from '../../../src/report/tornado-chart-spec.js';

/** Three parameters, most important first, two series; intervals on the first series only. */
const input: TornadoChartInput = {
  title: 'Population in 2035',
  subtitle: 'population; most important first',
  valueTitle: 'Sobol index (share of variance)',
  parameters: ['death_rate', 'birth_rate', 'migration'],
  series: [
    { label: 'total (ST)', colour: '#9ecae1' },
    { label: 'first order (S1)', colour: '#08519c' },
  ],
  // Given in an order other than the parameters', as a caller may: the y sort, not the data order, places the rows.
  bars: [
    { parameter: 'migration', series: 'total (ST)', value: 0.05, low: 0.01, high: 0.09 },
    { parameter: 'migration', series: 'first order (S1)', value: -0.02 },
    { parameter: 'birth_rate', series: 'total (ST)', value: 0.3, low: 0.25, high: 0.35 },
    { parameter: 'birth_rate', series: 'first order (S1)', value: 0.2 },
    { parameter: 'death_rate', series: 'total (ST)', value: 0.6, low: 0.5, high: 0.7 },
    { parameter: 'death_rate', series: 'first order (S1)', value: 0.55 },
  ],
};

/** A bar's top edge: vega draws a rect mark as a path `M x,y h... v... h... Z`. */
const barTop = (bar: HTMLElement): number => Number(/^M[-\d.e]+,([-\d.e]+)/.exec(bar.getAttribute('d')!)![1]);
/** What vega says a mark shows, e.g. `value: 0.3; parameter: birth_rate; series: total (ST)`. */
const field = (mark: HTMLElement, name: string): string =>
  new RegExp(`(?:^|; )${name}: ([^;]*)`).exec(mark.getAttribute('aria-label')!)![1]!;

describe('tornadoChartSpec()', () => {
  it('sorts the y axis by the parameters given, most important first, and the series within a row by the legend order', () => {
    const spec = tornadoChartSpec(input) as {
      data: { values: { parameter: string; rank: number }[] };
      layer: { encoding: { y: { sort: unknown }; yOffset: { sort: string[] } } }[];
    };
    // The rows are sorted by each parameter's place in the list, a number: names never enter vega expressions.
    for (const layer of spec.layer) {
      expect(layer.encoding.y.sort).toEqual({ field: 'rank', op: 'min' });
      expect(layer.encoding.yOffset.sort).toEqual(['total (ST)', 'first order (S1)']);
    }
    for (const datum of spec.data.values) expect(datum.rank).toBe(input.parameters.indexOf(datum.parameter));
  });

  it('holds one datum per bar, with an interval only where the bar has one', () => {
    const spec = tornadoChartSpec(input) as {
      data: { values: { parameter: string; series: string; value: number; low: number | null; high: number | null }[] };
    };
    expect(spec.data.values).toHaveLength(input.parameters.length * input.series.length);
    expect(
      spec.data.values.filter((datum) => datum.low !== null).map((datum) => [datum.parameter, datum.low, datum.high]),
    ).toEqual([
      ['migration', 0.01, 0.09],
      ['birth_rate', 0.25, 0.35],
      ['death_rate', 0.5, 0.7],
    ]);
    expect(
      spec.data.values
        .filter((datum) => datum.series === 'first order (S1)')
        .every((datum) => datum.low === null && datum.high === null),
    ).toBe(true);
  });

  it('renders to SVG with every parameter named, one bar per parameter and series, most important at the top, and a rule per interval', async () => {
    const svg = parse(await renderChartSvg(tornadoChartSpec(input), 'tornado-'));
    const texts = svg.querySelectorAll('text').map((text) => text.text);
    for (const name of input.parameters) expect(texts).toContain(name);
    for (const entry of input.series) expect(texts).toContain(entry.label);
    expect(texts).toContain(input.valueTitle);

    const bars = svg.querySelectorAll('g.mark-rect.role-mark path');
    expect(bars).toHaveLength(input.parameters.length * input.series.length);
    // Rows top to bottom in the parameters' order, the total above the first order within each row.
    const topDown = [...bars]
      .sort((left, right) => barTop(left) - barTop(right))
      .map((bar) => `${field(bar, 'parameter')} ${field(bar, 'series')}`);
    expect(topDown).toEqual(input.parameters.flatMap((name) => input.series.map((entry) => `${name} ${entry.label}`)));
    // Each series in its colour.
    for (const bar of bars)
      expect(bar.getAttribute('fill')).toBe(input.series.find((entry) => entry.label === field(bar, 'series'))!.colour);

    const rules = svg.querySelectorAll('g.mark-rule.role-mark line');
    expect(rules.map((rule) => field(rule, 'parameter')).sort()).toEqual(['birth_rate', 'death_rate', 'migration']);
    expect(rules.every((rule) => field(rule, 'series') === 'total (ST)')).toBe(true);
  });

  it('writes long legend labels in full, not cut short', async () => {
    const long = 'sigma (interaction, curvature), in output units per whole grid';
    const series = [input.series[0]!, { label: long, colour: '#08519c' }];
    const bars = input.bars.map((bar) => (bar.series === 'first order (S1)' ? { ...bar, series: long } : bar));
    const svg = parse(await renderChartSvg(tornadoChartSpec({ ...input, series, bars }), 'long-'));
    expect(svg.querySelectorAll('text').map((text) => text.text)).toContain(long);
  });

  it('draws no interval rule when no bar has one', async () => {
    const bare = { ...input, bars: input.bars.map(({ parameter, series, value }) => ({ parameter, series, value })) };
    const svg = parse(await renderChartSvg(tornadoChartSpec(bare), 'bare-'));
    expect(svg.querySelectorAll('g.mark-rect.role-mark path')).toHaveLength(6);
    expect(svg.querySelectorAll('g.mark-rule.role-mark line')).toHaveLength(0);
  });
});
