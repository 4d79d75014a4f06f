import { plot } from 'asciichart';
import type { ScenarioSummary } from '../experiment/scenario-summary.js';
import type { ModelSpec } from '../model/model-spec.js';
import { quantityFormat } from './quantity-format.js';
import { labelText, variableLabel } from './variable-label.js';

/** Characters the value labels left of each chart take. */
const labelWidth = 11;
/** Rows of each chart. */
const chartHeight = 6;
/** At most this many columns of plot: wider says no more about 10 to 50 saved points. */
const widestPlot = 72;

/** `values` with `steps - 1` points linearly between each pair, so a short series fills the width it is given. */
function stretch(values: readonly number[], steps: number): number[] {
  if (steps <= 1 || values.length < 2) return [...values];
  const stretched: number[] = [];
  for (let index = 0; index < values.length - 1; index += 1) {
    for (let step = 0; step < steps; step += 1)
      stretched.push(values[index]! + ((values[index + 1]! - values[index]!) * step) / steps);
  }
  stretched.push(values.at(-1)!);
  return stretched;
}

/**
 * Each output as a small ASCII fan in the terminal (asciichart): its P95, P50 and P5 over the saved
 * times, values in the report's units, the first and last time under it. Empty when the terminal is
 * narrower than a chart of the series needs (`width` columns), or when there are no outputs.
 */
export function formatOutputCharts(summary: ScenarioSummary, model: ModelSpec, width: number): string {
  const charts: string[] = [];
  for (const [name, series] of Object.entries(summary.series)) {
    const pointCount = series.time.length;
    const room = Math.min(width - labelWidth - 3, widestPlot);
    if (pointCount < 2 || room < pointCount) continue;
    const steps = Math.max(1, Math.floor((room - 1) / (pointCount - 1)));
    const label = variableLabel(model, name);
    const format = quantityFormat(name, label.unit, [...series.p5, ...series.p95]);
    const bands = [series.p95, series.p50, series.p5].map((values) =>
      stretch(
        values.map((value) => value * format.scale),
        steps,
      ),
    );
    if (bands.flat().some((value) => !Number.isFinite(value))) continue;
    const tick = (value: number): string => format.number(value / format.scale).padStart(labelWidth - 2);
    const chart = plot(bands, { height: chartHeight, format: tick });
    const first = String(series.time[0]);
    const last = String(series.time.at(-1));
    const plotWidth = (pointCount - 1) * steps + 1;
    const axis = `${' '.repeat(labelWidth)}${first}${last.padStart(Math.max(last.length + 1, plotWidth - first.length))}`;
    const unit = format.unitText === '' ? '' : ` (${format.unitText})`;
    charts.push(
      `${labelText(label)}${unit}: P95, P50 (median), P5 of ${summary.runs.toLocaleString('en-US')} runs\n${chart}\n${axis}`,
    );
  }
  return charts.length === 0 ? '' : `\n${charts.join('\n\n')}\n`;
}
