import { mean, quantile } from 'simple-statistics';

/** Mean and percentile band of one column of runs. */
export interface ColumnSummary {
  mean: number;
  p5: number;
  p50: number;
  p95: number;
}

/** The percentiles every band reports, in `ColumnSummary` order after the mean. */
export const bandProbabilities = [0.05, 0.5, 0.95] as const;

/**
 * Summarise one column of finite values: the mean (simple-statistics `mean`, compensated summation in
 * run order) and P5/P50/P95 as Hyndman–Fan type 7 quantiles (linear interpolation between order
 * statistics, R's and numpy's default), found by simple-statistics' quickselect on a copy, not a sort.
 */
export function summarizeColumn(values: Float64Array): ColumnSummary {
  if (values.length === 0) throw new RangeError('summarizeColumn(): values is empty');
  // simple-statistics is typed for arrays; it only indexes and slices, which a Float64Array does too.
  const sample = values as unknown as readonly number[];
  const [p5, p50, p95] = quantile(sample, bandProbabilities) as [number, number, number];
  return { mean: mean(sample), p5, p50, p95 };
}
