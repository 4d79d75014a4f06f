import { mean, quantileSorted, quickselect } from 'simple-statistics';

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
 * Summarise one column: the mean (simple-statistics `mean`, compensated summation in run order) and
 * P5/P50/P95 as Hyndman–Fan type 7 quantiles (linear interpolation between order statistics, R's and
 * numpy's default), the same numbers as simple-statistics `quantile`. The column is copied into
 * `scratch` (reused across columns, so a summary allocates nothing) and only the order statistics the
 * band reads are placed, with simple-statistics' Floyd–Rivest `quickselect`, in ascending order, each
 * within the range the previous one left. A column holding NaN or an infinity gets NaN percentiles
 * and a non-finite mean, which marks the experiment as failed.
 */
export function summarizeColumn(
  values: Float64Array,
  scratch: Float64Array = new Float64Array(values.length),
): ColumnSummary {
  const length = values.length;
  if (length === 0) throw new RangeError('summarizeColumn(): values is empty');
  if (scratch.length < length)
    throw new RangeError(`summarizeColumn(): scratch holds ${scratch.length} values, needs ${length}`);
  const columnMean = mean(asNumbers(values));
  if (!Number.isFinite(columnMean) && !values.every(Number.isFinite))
    return { mean: Number.NaN, p5: Number.NaN, p50: Number.NaN, p95: Number.NaN };
  const sorted = scratch.length === length ? scratch : scratch.subarray(0, length);
  sorted.set(values);
  let left = 0;
  for (const position of bandPositions(length)) {
    quickselect(asNumbers(sorted), position, left, length - 1);
    left = position + 1;
  }
  const [p5, p50, p95] = bandProbabilities.map((probability) => quantileSorted(asNumbers(sorted), probability)) as [
    number,
    number,
    number,
  ];
  return { mean: columnMean, p5, p50, p95 };
}
