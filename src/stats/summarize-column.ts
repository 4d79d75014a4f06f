import { mean } from 'simple-statistics';
import { createSelectionScratch, selectOrderStatistics, type SelectionScratch } from './select-order-statistics.js';

/** Mean and percentile band of one column of runs. */
export interface ColumnSummary {
  mean: number;
  p5: number;
  p50: number;
  p95: number;
}

/** The percentiles every band reports, in `ColumnSummary` order after the mean. */
export const bandProbabilities = [0.05, 0.5, 0.95] as const;

// simple-statistics is typed for arrays; its functions only index a sequence, which a Float64Array does too.
const asNumbers = (values: Float64Array): number[] => values as unknown as number[];

/** The order-statistic positions type 7 reads for the band, ascending. */
function bandPositions(length: number): number[] {
  const positions = new Set<number>();
  for (const probability of bandProbabilities) {
    const position = (length - 1) * probability;
    positions.add(Math.floor(position));
    positions.add(Math.ceil(position));
  }
  return [...positions].sort((left, right) => left - right);
}

/**
 * Hyndman–Fan type 7 from the order statistics at `floor` and `ceil` of (n − 1)p, with
 * simple-statistics `quantileSorted`'s arithmetic, so the numbers are its numbers.
 */
function type7(length: number, probability: number, orderStatistic: (position: number) => number): number {
  const position = (length - 1) * probability;
  if (position % 1 === 0) return orderStatistic(position);
  const lower = Math.floor(position);
  const fraction = position - lower;
  return orderStatistic(lower) + fraction * (orderStatistic(Math.ceil(position)) - orderStatistic(lower));
}

/**
 * Summarise one column: the mean (simple-statistics `mean`, compensated summation in run order) and
 * P5/P50/P95 as Hyndman–Fan type 7 quantiles (linear interpolation between order statistics, R's and
 * numpy's default), the same numbers as simple-statistics `quantile`. The order statistics the band
 * reads are selected in place (select-order-statistics.ts): the column is neither copied nor
 * reordered, so threads can summarise columns of the shared store while others read it. `scratch`
 * is counting space reused across columns. A column holding NaN or an infinity gets NaN percentiles
 * and a non-finite mean, which marks the experiment as failed.
 */
export function summarizeColumn(
  values: Float64Array,
  scratch: SelectionScratch = createSelectionScratch(),
): ColumnSummary {
  const length = values.length;
  if (length === 0) throw new RangeError('summarizeColumn(): values is empty');
  const columnMean = mean(asNumbers(values));
  if (!Number.isFinite(columnMean) && !values.every(Number.isFinite))
    return { mean: Number.NaN, p5: Number.NaN, p50: Number.NaN, p95: Number.NaN };
  const positions = bandPositions(length);
  const selected = selectOrderStatistics(values, positions, scratch);
  const orderStatistic = (position: number): number => selected[positions.indexOf(position)]!;
  const [p5, p50, p95] = bandProbabilities.map((probability) => type7(length, probability, orderStatistic)) as [
    number,
    number,
    number,
  ];
  return { mean: columnMean, p5, p50, p95 };
}
