import { describe, expect, it } from 'vitest';
import { summarizeColumn } from '../../../src/stats/summarize-column.js';

describe('summarizeColumn()', () => {
  it('gives the mean and type 7 percentiles (linear between order statistics), whatever the run order', () => {
    // Sorted 1..101: type 7 puts P5 at position 0.05 * 100 = 5 (value 6), P50 at 51, P95 at 96.
    const values = Float64Array.from({ length: 101 }, (_, index) => ((index * 37) % 101) + 1);
    expect(summarizeColumn(values)).toEqual({ mean: 51, p5: 6, p50: 51, p95: 96 });
  });

  it('interpolates between order statistics when the position falls between them', () => {
    // n = 4: P5 at 0.15 between 10 and 20 -> 11.5; P50 at 1.5 -> 25; P95 at 2.85 -> 38.5.
    const summary = summarizeColumn(Float64Array.of(40, 10, 30, 20));
    expect(summary.p5).toBeCloseTo(11.5, 12);
    expect(summary.p50).toBeCloseTo(25, 12);
    expect(summary.p95).toBeCloseTo(38.5, 12);
  });

  it('leaves the column in run order (it selects on a copy)', () => {
    const values = Float64Array.of(3, 1, 2);
    summarizeColumn(values);
    expect(Array.from(values)).toEqual([3, 1, 2]);
  });

  it('throws a RangeError on an empty column', () => {
    expect(() => summarizeColumn(new Float64Array(0))).toThrow(RangeError);
  });
});
