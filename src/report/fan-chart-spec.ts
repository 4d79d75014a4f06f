import type { TopLevelSpec } from 'vega-lite';
import type { SeriesSummary, TargetSummary } from '../experiment/scenario-summary.js';
import type { ObservedSeries } from '../model/model-history.js';
import { reportText, type ReportText } from './report-text.js';
import {
  boundaryLayers,
  chartLegend,
  layeredChart,
  legendEncoding,
  observedLayers,
  thresholdLayers,
  timeAxis,
  valueAxis,
  type ChartLayer,
  type ChartText,
} from './internal/chart-parts.js';
import type { QuantityFormat } from './quantity-format.js';

/** What one fan chart shows: a variable's band over time, its targets and its observed history. */
export interface FanChartInput extends ChartText {
  series: SeriesSummary;
  format: QuantityFormat;
  /** Targets on this variable: each a rule at its threshold up to its year, marked at the year. */
  targets: readonly TargetSummary[];
  /** Observed values, shown as dots where the model's data file has them. */
  history?: ObservedSeries | undefined;
  /** The last year of observed data: a line marks where data end and projection starts. */
  dataEnd?: number | undefined;
  /** The report's language (legend, target labels); default English. */
  text?: ReportText;
}

/**
 * A vega-lite specification of a fan chart: the P5–P95 band as an area, the median (P50) as a line,
 * the mean as a dashed line, each target as a rule at its threshold ending at a marker in its year,
 * and observed history as dots. Values are scaled by `format.scale`; the legend names each layer.
 */
export function fanChartSpec(input: FanChartInput): TopLevelSpec {
  const { series, format } = input;
  const rows = series.time.map((time, index) => ({
    time,
    p5: series.p5[index]! * format.scale,
    p50: series.p50[index]! * format.scale,
    p95: series.p95[index]! * format.scale,
    mean: series.mean[index]! * format.scale,
  }));
  const x = timeAxis(input.timeTitle);
  const y = (field: string) => ({ field, ...valueAxis(input.valueTitle, format) });
  const observed = input.history !== undefined && input.history.years.length > 0 ? input.history : undefined;
  const words = input.text ?? reportText('en');
  const palette = chartLegend(words);
  const legend = [
    palette.band,
    palette.median,
    palette.mean,
    ...(input.targets.length > 0 ? [palette.target] : []),
    ...(observed === undefined ? [] : [palette.observed]),
  ];
  const layers = [
    {
      data: { values: rows },
      mark: { type: 'area', opacity: 0.35 },
      encoding: { x, y: y('p5'), y2: { field: 'p95' }, color: legendEncoding(palette.band, legend) },
    },
    ...boundaryLayers(input.dataEnd, words, input.timeTitle),
    {
      data: { values: rows },
      mark: { type: 'line', strokeWidth: 2 },
      encoding: { x, y: y('p50'), color: legendEncoding(palette.median, legend) },
    },
    {
      // Drawn over the median, wider and with long dashes, so that it shows where the two coincide.
      data: { values: rows },
      mark: { type: 'line', strokeWidth: 2.5, strokeDash: [7, 5] },
      encoding: { x, y: y('mean'), color: legendEncoding(palette.mean, legend) },
    },
    ...thresholdLayers(input.targets, series.time[0] ?? 0, format, input, legend, words),
    ...observedLayers(observed, format, input, legend, words),
  ] as ChartLayer[];
  return layeredChart(input, 260, layers);
}
