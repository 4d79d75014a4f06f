import { mean, quantileSorted, quickselect, sum } from 'simple-statistics';

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
 * The mean of finite values whose sum passes the largest double: the sum of each value divided by the
 * count first (compensated, simple-statistics `sum`), which stays finite. Used only where the plain
 * mean overflowed, so every other column keeps its numbers to the last bit.
 */
function overflowFreeMean(values: Float64Array): number {
  const count = values.length;
  return sum(Array.from(values, (value) => value / count));
}

/**
 * A type-7 quantile of sorted values (simple-statistics `quantileSorted`); where the interpolation
 * `a + t (b - a)` overflows between two finite neighbours of opposite sign, `a (1 - t) + b t`, which
 * cannot.
 */
function bandQuantile(sorted: Float64Array, probability: number): number {
  const value = quantileSorted(asNumbers(sorted), probability);
  if (Number.isFinite(value)) return value;
  const position = (sorted.length - 1) * probability;
  const lower = sorted[Math.floor(position)]!;
  const upper = sorted[Math.ceil(position)]!;
  const fraction = position - Math.floor(position);
  return lower * (1 - fraction) + upper * fraction;
}

/**
 * Summarise one column: the mean (simple-statistics `mean`, compensated summation in run order) and
 * P5/P50/P95 as Hyndman–Fan type 7 quantiles (linear interpolation between order statistics, R's and
 * numpy's default), the same numbers as simple-statistics `quantile`. The column is copied into
 * `scratch` (reused across columns, so a summary allocates nothing) and only the order statistics the
 * band reads are placed, with simple-statistics' Floyd–Rivest `quickselect`, in ascending order, each
 * within the range the previous one left. A column holding NaN or an infinity gets NaN percentiles
 * and a non-finite mean, which marks the experiment as failed; finite values near the largest double
 * get finite numbers (see `overflowFreeMean` and `bandQuantile`).
 */
export function summarizeColumn(
  values: Float64Array,
  scratch: Float64Array = new Float64Array(values.length),
): ColumnSummary {
  const length = values.length;
  if (length === 0) throw new RangeError('summarizeColumn(): values is empty');
  if (scratch.length < length)
    throw new RangeError(`summarizeColumn(): scratch holds ${scratch.length} values, needs ${length}`);
  let columnMean = mean(asNumbers(values));
  if (!Number.isFinite(columnMean)) {
    if (!values.every(Number.isFinite)) return { mean: Number.NaN, p5: Number.NaN, p50: Number.NaN, p95: Number.NaN };
    columnMean = overflowFreeMean(values);
  }
  const sorted = scratch.length === length ? scratch : scratch.subarray(0, length);
  sorted.set(values);
  let left = 0;
  for (const position of bandPositions(length)) {
    quickselect(asNumbers(sorted), position, left, length - 1);
    left = position + 1;
  }
  const [p5, p50, p95] = bandProbabilities.map((probability) => bandQuantile(sorted, probability)) as [
    number,
    number,
    number,
  ];
  return { mean: columnMean, p5, p50, p95 };
}
