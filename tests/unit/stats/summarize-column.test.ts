import { describe, expect, it } from 'vitest';
import { createSelectionScratch } from '../../../src/stats/select-order-statistics.js';
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

  it('leaves the column in run order (it selects in place, reading only)', () => {
    const values = Float64Array.of(3, 1, 2);
    summarizeColumn(values);
    expect(Array.from(values)).toEqual([3, 1, 2]);
  });

  it('throws a RangeError on an empty column', () => {
    expect(() => summarizeColumn(new Float64Array(0))).toThrow(RangeError);
  });
});

describe('summarizeColumn() against simple-statistics quantile', () => {
  it('gives bit-identical percentiles to quantile() on columns of every length up to 50 and a large one', async () => {
    const { quantile } = await import('simple-statistics');
    let state = 12345;
    const next = (): number => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648) * 10 - 3;
    const scratch = createSelectionScratch();
    for (const length of [...Array.from({ length: 50 }, (_, index) => index + 1), 4999, 70_001]) {
      const values = Float64Array.from({ length }, next);
      const expected = quantile(Array.from(values), [0.05, 0.5, 0.95]);
      const summary = summarizeColumn(values, scratch);
      expect([summary.p5, summary.p50, summary.p95]).toEqual(expected);
    }
  });

  it('marks a column holding NaN or an infinity with NaN percentiles and mean', () => {
    expect(summarizeColumn(Float64Array.of(1, Number.NaN, 3))).toEqual({ mean: NaN, p5: NaN, p50: NaN, p95: NaN });
    expect(summarizeColumn(Float64Array.of(1, Number.POSITIVE_INFINITY))).toEqual({
      mean: NaN,
      p5: NaN,
      p50: NaN,
      p95: NaN,
    });
  });

  it('keeps the percentiles of finite values whose sum overflows', () => {
    const summary = summarizeColumn(Float64Array.of(1e308, 1e308, 1e308));
    expect(Number.isFinite(summary.mean)).toBe(false);
    expect(summary.p50).toBe(1e308);
  });
});
