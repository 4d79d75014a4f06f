import type { TopLevelSpec } from 'vega-lite';
import type { SeriesSummary, TargetSummary } from '../experiment/scenario-summary.js';
import type { ObservedSeries } from '../model/model-history.js';
import {
  chartPalette,
  layeredChart,
  observedLayers,
  thresholdLayers,
  timeAxis,
  valueAxis,
  type ChartLayer,
  type ChartText,
  type LegendEntry,
} from './internal/chart-parts.js';
import type { QuantityFormat } from './quantity-format.js';

/** What one comparison chart shows: each scenario's band and median of one variable. */
export interface CompareChartInput extends ChartText {
  scenarios: readonly { name: string; series: SeriesSummary }[];
  format: QuantityFormat;
  /** Targets on this variable (one per id). */
  targets: readonly TargetSummary[];
  history?: ObservedSeries | undefined;
}

/** Scenario colours: Tableau 10 without its red, which marks targets. */
const scenarioColours = [
  '#4c78a8',
  '#f58518',
  '#54a24b',
  '#b279a2',
  '#72b7b2',
  '#9d755d',
  '#eeca3b',
  '#ff9da6',
  '#bab0ac',
  '#79706e',
];

/**
 * A vega-lite specification overlaying scenarios: each scenario's P5–P95 band (light) and median
 * (P50) line in its own colour, the targets as in the fan chart, and observed history as dots.
 */
export function compareChartSpec(input: CompareChartInput): TopLevelSpec {
  const { format } = input;
  const observed = input.history !== undefined && input.history.years.length > 0 ? input.history : undefined;
  const scenarioEntries: LegendEntry[] = input.scenarios.map(({ name }, index) => ({
    label: name,
    colour: scenarioColours[index % scenarioColours.length]!,
  }));
  const legend = [
    ...scenarioEntries,
    ...(input.targets.length > 0 ? [chartPalette.target] : []),
    ...(observed === undefined ? [] : [chartPalette.observed]),
  ];
  const rows = input.scenarios.flatMap(({ name, series }) =>
    series.time.map((time, index) => ({
      scenario: name,
      time,
      p5: series.p5[index]! * format.scale,
      p50: series.p50[index]! * format.scale,
      p95: series.p95[index]! * format.scale,
    })),
  );
  const x = timeAxis(input.timeTitle);
  const y = (field: string) => ({ field, ...valueAxis(input.valueTitle, format) });
  const colour = {
    field: 'scenario',
    type: 'nominal',
    scale: { domain: legend.map((entry) => entry.label), range: legend.map((entry) => entry.colour) },
    legend: { title: null },
  };
  const firstTime = Math.min(...input.scenarios.map(({ series }) => series.time[0] ?? Number.POSITIVE_INFINITY));
  const layers = [
    {
      data: { values: rows },
      mark: { type: 'area', opacity: 0.18 },
      encoding: { x, y: y('p5'), y2: { field: 'p95' }, color: colour, detail: { field: 'scenario' } },
    },
    {
      data: { values: rows },
      mark: { type: 'line', strokeWidth: 2.5 },
      encoding: { x, y: y('p50'), color: colour, detail: { field: 'scenario' } },
    },
    ...thresholdLayers(input.targets, Number.isFinite(firstTime) ? firstTime : 0, format, input, legend),
    ...observedLayers(observed, format, input, legend),
  ] as ChartLayer[];
  return layeredChart(input, 280, layers);
}
