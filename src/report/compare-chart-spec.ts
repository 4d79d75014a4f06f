import type { TopLevelSpec } from 'vega-lite';
import type { SeriesSummary, TargetSummary } from '../experiment/scenario-summary.js';
import type { ObservedSeries } from '../model/model-history.js';
import {
  boundaryLayers,
  chartLegend,
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
import { reportText, type ReportText } from './report-text.js';

/** What one comparison panel shows: the baseline's band (grey) and up to three other scenarios' bands and medians. */
export interface CompareChartInput extends ChartText {
  /** The first is the baseline, drawn grey in every panel. */
  scenarios: readonly { name: string; series: SeriesSummary }[];
  format: QuantityFormat;
  /** Targets on this variable (one per id). */
  targets: readonly TargetSummary[];
  history?: ObservedSeries | undefined;
  /** The last year of observed data, marked by a line. */
  dataEnd?: number | undefined;
  text?: ReportText;
  /** Plot width in pixels (default 720). */
  width?: number;
}

/** At most this many bands in one panel (the baseline's included), so that they stay apart. */
export const bandsPerPanel = 4;

/** Scenario colours: Tableau 10 without its red (targets) and grey (the baseline). */
const scenarioColours = ['#4c78a8', '#f58518', '#54a24b', '#b279a2', '#72b7b2', '#9d755d', '#eeca3b', '#ff9da6'];

/** The scenarios of each panel: the baseline, then up to `bandsPerPanel - 1` others, in order. */
export function comparePanels<T>(scenarios: readonly T[]): T[][] {
  const [baseline, ...others] = scenarios;
  if (baseline === undefined) return [];
  if (others.length === 0) return [[baseline]];
  const panels: T[][] = [];
  for (let start = 0; start < others.length; start += bandsPerPanel - 1)
    panels.push([baseline, ...others.slice(start, start + bandsPerPanel - 1)]);
  return panels;
}

/** The colour of the scenario at `index` of a comparison (0, the baseline, is grey). */
export function scenarioColour(index: number): string {
  return index === 0 ? '#8c8c8c' : scenarioColours[(index - 1) % scenarioColours.length]!;
}

/**
 * A vega-lite specification of one comparison panel: the baseline's P5–P95 band and median in grey,
 * each other scenario's band (light) and median in its own colour, the targets as in the fan chart,
 * the end of the data marked, and observed history as dots. `colourIndex` gives each scenario's place
 * in the whole comparison, so a scenario keeps its colour across panels.
 */
export function compareChartSpec(input: CompareChartInput, colourIndex: readonly number[] = []): TopLevelSpec {
  const { format } = input;
  const words = input.text ?? reportText('en');
  const palette = chartLegend(words);
  const observed = input.history !== undefined && input.history.years.length > 0 ? input.history : undefined;
  const scenarioEntries: LegendEntry[] = input.scenarios.map(({ name }, index) => ({
    label: name,
    colour: scenarioColour(colourIndex[index] ?? index),
  }));
  const legend = [
    ...scenarioEntries,
    ...(input.targets.length > 0 ? [palette.target] : []),
    ...(observed === undefined ? [] : [palette.observed]),
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
    legend: { title: null, labelLimit: 0, columns: 2 },
  };
  const firstTime = Math.min(...input.scenarios.map(({ series }) => series.time[0] ?? Number.POSITIVE_INFINITY));
  const layers = [
    {
      data: { values: rows },
      mark: { type: 'area', opacity: 0.2 },
      encoding: { x, y: y('p5'), y2: { field: 'p95' }, color: colour, detail: { field: 'scenario' } },
    },
    ...boundaryLayers(input.dataEnd, words, input.timeTitle),
    {
      data: { values: rows },
      mark: { type: 'line', strokeWidth: 2.5 },
      encoding: { x, y: y('p50'), color: colour, detail: { field: 'scenario' } },
    },
    ...thresholdLayers(input.targets, Number.isFinite(firstTime) ? firstTime : 0, format, input, legend, words),
    ...observedLayers(observed, format, input, legend, words),
  ] as ChartLayer[];
  return layeredChart(input, 240, layers, input.width ?? 720);
}
