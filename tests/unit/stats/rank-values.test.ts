import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankValues } from '../../../src/stats/rank-values.js';

describe('rankValues()', () => {
  it('ranks distinct values 1..n, smallest first, in the order the values were given', () => {
    expect(Array.from(rankValues([30, 10, 20, -5]))).toEqual([4, 2, 3, 1]);
    expect(Array.from(rankValues(Float64Array.of(0.5)))).toEqual([1]);
    expect(rankValues([])).toHaveLength(0);
  });

  it('gives tied values the mean of the ranks they span', () => {
    // Sorted: 1 (rank 1), 2 2 (ranks 2 and 3 -> 2.5), 7 7 7 (ranks 4..6 -> 5).
    expect(Array.from(rankValues([7, 2, 1, 7, 2, 7]))).toEqual([5, 2.5, 1, 5, 2.5, 5]);
    expect(Array.from(rankValues([4, 4, 4, 4]))).toEqual([2.5, 2.5, 2.5, 2.5]);
  });

  it('ranks sum to n (n + 1) / 2 with or without ties', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 60 }), (values) => {
        const ranks = rankValues(values);
        const sum = ranks.reduce((total, rank) => total + rank, 0);
        expect(sum).toBe((values.length * (values.length + 1)) / 2);
      }),
    );
  });

  it('leaves ranks unchanged under a strictly increasing transform, and agrees with counting smaller and equal values', () => {
    fc.assert(
      // Integers keep the transform exact in floating point, so it stays strictly increasing.
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 60 }), (values) => {
        const ranks = rankValues(values);
        expect(rankValues(values.map((value) => value ** 3 + 2 * value - 5))).toEqual(ranks);
        values.forEach((value, index) => {
          const below = values.filter((other) => other < value).length;
          const equal = values.filter((other) => other === value).length;
          expect(ranks[index]).toBe(below + (equal + 1) / 2);
        });
      }),
    );
  });
});
