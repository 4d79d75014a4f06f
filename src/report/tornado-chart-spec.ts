import type { TopLevelSpec } from 'vega-lite';
import { chartConfig, vegaText, type LegendEntry } from './internal/chart-parts.js';

/** One bar of a tornado chart: a parameter's value in one series, with an optional interval. */
export interface TornadoBar {
  parameter: string;
  /** The series' legend label (e.g. `total (ST)`). */
  series: string;
  value: number;
  low?: number;
  high?: number;
}

/** What a tornado chart shows. */
export interface TornadoChartInput {
  title: string;
  subtitle: string;
  /** x axis title: what the bars measure. */
  valueTitle: string;
  /** Parameters top to bottom, most important first. */
  parameters: readonly string[];
  /** The series side by side within each parameter's row, and their colours. */
  series: readonly LegendEntry[];
  bars: readonly TornadoBar[];
}

/**
 * A tornado chart as a vega-lite specification: one row per parameter, most important at the top,
 * horizontal bars from 0 (to the left for negative values), one bar per series side by side, and a
 * black rule over each bar's interval where it has one.
 */
export function tornadoChartSpec(input: TornadoChartInput): TopLevelSpec {
  const seriesLabels = input.series.map((entry) => entry.label);
  // Rows in the order given, by a number: a sort list of names would put them into vega expressions.
  const rank = new Map(input.parameters.map((name, index) => [name, index]));
  const y = {
    field: 'parameter',
    type: 'nominal',
    sort: { field: 'rank', op: 'min' },
    axis: { title: null, labelLimit: 260 },
  } as const;
  const yOffset = { field: 'series', type: 'nominal', sort: seriesLabels } as const;
  const data = input.bars.map((bar) => ({
    parameter: bar.parameter,
    rank: rank.get(bar.parameter) ?? input.parameters.length,
    series: bar.series,
    value: bar.value,
    low: bar.low ?? null,
    high: bar.high ?? null,
  }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    // A subtitle is always a sentence of the report's, never a name alone.
    title: { text: vegaText(input.title), subtitle: input.subtitle },
    width: 560,
    // With yOffset the step sizes each series' bar, not the parameter's row.
    height: { step: 12 },
    config: chartConfig,
    data: { values: data },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          y,
          yOffset,
          x: {
            field: 'value',
            type: 'quantitative',
            axis: { title: vegaText(input.valueTitle), grid: true, tickCount: 6 },
          },
          // labelLimit 0: no truncation, the default 160 px cut `sigma (interaction, curvature)` to `sigma (interactio…`.
          color: {
            field: 'series',
            type: 'nominal',
            scale: { domain: seriesLabels, range: input.series.map((entry) => entry.colour) },
            legend: { title: null, labelLimit: 0 },
          },
        },
      },
      {
        transform: [{ filter: 'datum.low != null' }],
        mark: { type: 'rule', color: '#252525' },
        encoding: { y, yOffset, x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } },
      },
    ],
  };
}
