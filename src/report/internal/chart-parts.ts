import type { SignalRef } from 'vega';
import type { Config, TopLevelSpec } from 'vega-lite';
import type { TargetSummary } from '../../experiment/scenario-summary.js';
import type { ObservedSeries } from '../../model/model-history.js';
import type { QuantityFormat } from '../quantity-format.js';
import { reportText, type ReportText } from '../report-text.js';

/**
 * A text from a user's files (a title, an axis title) as a vega-lite text. Vega's expression parser
 * reads a string literal whose value is a key of `Object.prototype` (`"constructor"`, `"toString"`) as
 * a name, so such a text would make vega look for a signal of that name ("Operator not defined"); it is
 * given as an expression that joins its first character to the rest, which no parser reads as a name.
 */
export function vegaText(text: string): string | SignalRef {
  if (!Object.hasOwn(Object.prototype, text)) return text;
  return { signal: `${JSON.stringify(text.slice(0, 1))} + ${JSON.stringify(text.slice(1))}` };
}

/** One layer of a layered vega-lite chart. */
export type ChartLayer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

/** The words around a chart: what it shows and what its axes measure (with units). */
export interface ChartText {
  title: string;
  subtitle: string;
  /** x axis title: `year`. */
  timeTitle: string;
  /** y axis title: the unit the values are shown in (`万亿元 (trillion yuan)`, `percent`); the chart title names the indicator. */
  valueTitle: string;
}

/** Font stack of the page, charts included: Latin first, then the common Chinese fonts of each system. */
export const fontStack =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Kechuang CJK", "Noto Sans SC", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Zen Hei", sans-serif';

/** The family name of the CJK font subset a report embeds (see `cjkFontCss`). */
export const embeddedCjkFamily = 'Kechuang CJK';

/** Legend entries of a fan chart and their colours (ColorBrewer blues, an orange mean, a red target, a grey baseline). */
export const chartPalette = {
  band: { label: 'P5–P95 band', colour: '#9ecae1' },
  median: { label: 'median (P50)', colour: '#08519c' },
  mean: { label: 'mean (dashed)', colour: '#e6550d' },
  target: { label: 'target', colour: '#cb181d' },
  observed: { label: 'observed', colour: '#252525' },
  baseline: { label: 'baseline', colour: '#9e9e9e' },
} as const;

/** The palette with its labels in a report's language. */
export function chartLegend(text: ReportText): Record<keyof typeof chartPalette, LegendEntry> {
  const entries = Object.entries(chartPalette).map(([key, entry]) => [
    key,
    { label: text.legend[key as keyof typeof chartPalette], colour: entry.colour },
  ]);
  return Object.fromEntries(entries) as Record<keyof typeof chartPalette, LegendEntry>;
}

/**
 * A vertical line at the last year of observed data, labelled where data end and projection starts
 * (`text.boundary`), so no one reads history as forecast; none without a data year.
 */
export function boundaryLayers(year: number | undefined, text: ReportText, timeTitle: string): ChartLayer[] {
  if (year === undefined) return [];
  const x = timeAxis(timeTitle);
  return [
    {
      data: { values: [{ time: year }] },
      mark: { type: 'rule', color: '#777777', strokeWidth: 1.5, strokeDash: [2, 2] },
      encoding: { x },
    },
    {
      data: { values: [{ time: year, label: text.boundary }] },
      mark: {
        type: 'text',
        align: 'center',
        baseline: 'bottom',
        dy: -3,
        fontSize: 11,
        color: '#555555',
        y: { expr: 'height' },
      },
      encoding: { x, text: { field: 'label' } },
    },
  ] as ChartLayer[];
}

/** A legend entry: what a layer is called and its colour. */
export interface LegendEntry {
  label: string;
  colour: string;
}

/** Shared look: fonts, sizes, no border around the plot. */
export const chartConfig: Config = {
  font: fontStack,
  view: { stroke: null },
  title: { fontSize: 15, subtitleFontSize: 12, subtitleColor: '#555', anchor: 'start', offset: 10 },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#e5e5e5' },
  legend: { orient: 'bottom', labelFontSize: 11, symbolOpacity: 1, symbolStrokeWidth: 3 },
};

/** A colour encoding that puts a layer in the legend under its own name, beside the chart's other `entries`. */
export function legendEncoding(entry: LegendEntry, entries: readonly LegendEntry[]): Record<string, unknown> {
  return {
    datum: entry.label,
    scale: { domain: entries.map((item) => item.label), range: entries.map((item) => item.colour) },
    legend: { title: null },
  };
}

/** The time axis: whole years, no thousands separator. */
export function timeAxis(title: string): Record<string, unknown> {
  return {
    field: 'time',
    type: 'quantitative',
    scale: { zero: false, nice: false },
    axis: { title: vegaText(title), format: 'd', tickMinStep: 1 },
  };
}

/** The value axis of a quantity, formatted as the report formats its numbers. */
export function valueAxis(title: string, format: QuantityFormat): Record<string, unknown> {
  return {
    type: 'quantitative',
    scale: { zero: false },
    axis: { title: vegaText(title), ...(format.axisFormat === undefined ? {} : { format: format.axisFormat }) },
  };
}

/**
 * `≥ 10.3 in 2035`: a target's condition in the report's number format (and language). An "about" target
 * also says the value it states and its tolerance, `≥ 5.5% in 2025 (about 6.0% ± 0.5%)`: the condition is
 * the band's near edge, the reading its probability uses (`withinBandText` says so beside the share inside
 * the band).
 */
export function conditionText(
  target: Pick<TargetSummary, 'op' | 'threshold' | 'year'> & { about?: { stated: number; tolerance: number } },
  format: Pick<QuantityFormat, 'format' | 'number'>,
  text: ReportText = reportText('en'),
): string {
  const condition = text.condition(target.op, format.format(target.threshold), target.year);
  if (target.about === undefined) return condition;
  return `${condition} ${text.about(format.number(target.about.stated), format.number(target.about.tolerance))}`;
}

/**
 * `at least the lower edge; within 5.5% to 6.5%: 41.0% of runs`: for an "about" target, the reading its
 * probability uses and the share of runs inside its band; undefined for other targets.
 */
export function withinBandText(target: TargetSummary, format: Pick<QuantityFormat, 'format'>): string | undefined {
  if (target.about === undefined) return undefined;
  const { lower, upper, withinProbability, reading } = target.about;
  return `${reading}; within ${format.format(lower)} to ${format.format(upper)}: ${(withinProbability * 100).toFixed(1)}% of runs`;
}

/**
 * Each target as a rule at its threshold from the first saved time to its year, a triangle at its year
 * (pointing up for "at least", down for "at most") and its condition written beside it.
 */
export function thresholdLayers(
  targets: readonly TargetSummary[],
  firstTime: number,
  format: QuantityFormat,
  text: Pick<ChartText, 'valueTitle' | 'timeTitle'>,
  legend: readonly LegendEntry[],
  words: ReportText = reportText('en'),
): ChartLayer[] {
  if (targets.length === 0) return [];
  const values = targets.map((target) => ({
    start: firstTime,
    time: target.year,
    threshold: target.threshold * format.scale,
    shape: target.op === '>=' ? 'triangle-up' : 'triangle-down',
    label: `${words.legend.target} ${conditionText(target, format, words)}`,
  }));
  const x = timeAxis(text.timeTitle);
  const y = { field: 'threshold', ...valueAxis(text.valueTitle, format) };
  return [
    {
      data: { values },
      mark: { type: 'rule', strokeDash: [3, 3], strokeWidth: 1.5 },
      encoding: {
        x: { ...x, field: 'start' },
        x2: { field: 'time' },
        y,
        color: legendEncoding(chartLegend(words).target, legend),
      },
    },
    {
      data: { values },
      mark: { type: 'point', filled: true, size: 90, opacity: 1 },
      encoding: {
        x,
        y,
        shape: { field: 'shape', type: 'nominal', scale: null },
        color: legendEncoding(chartLegend(words).target, legend),
      },
    },
    {
      data: { values },
      mark: { type: 'text', align: 'right', dx: -8, dy: -9, fontSize: 11, color: chartPalette.target.colour },
      encoding: { x, y, text: { field: 'label' } },
    },
  ] as ChartLayer[];
}

/** Observed history as dots, in the chart's scale; none when there is no history. */
export function observedLayers(
  observed: ObservedSeries | undefined,
  format: QuantityFormat,
  text: Pick<ChartText, 'valueTitle' | 'timeTitle'>,
  legend: readonly LegendEntry[],
  words: ReportText = reportText('en'),
): ChartLayer[] {
  if (observed === undefined) return [];
  const points = observed.years.map((time, index) => ({ time, value: observed.values[index]! * format.scale }));
  return [
    {
      data: { values: points },
      mark: { type: 'point', filled: true, size: 40, opacity: 0.9 },
      encoding: {
        x: timeAxis(text.timeTitle),
        y: { field: 'value', ...valueAxis(text.valueTitle, format) },
        color: legendEncoding(chartLegend(words).observed, legend),
      },
    },
  ] as ChartLayer[];
}

/** A report chart: its layers under the title and subtitle, at the page's width and the given height. */
export function layeredChart(
  text: Pick<ChartText, 'title' | 'subtitle'>,
  height: number,
  layers: ChartLayer[],
  width = 720,
): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    // A subtitle is always a sentence of the report's, never a name alone.
    title: { text: vegaText(text.title), subtitle: text.subtitle },
    width,
    height,
    config: chartConfig,
    layer: layers,
  };
}
