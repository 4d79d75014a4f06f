import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { sampleCorrelation } from 'simple-statistics';
import { partialRankCorrelation } from '../../../src/stats/partial-rank-correlation.js';
import { rankValues } from '../../../src/stats/rank-values.js';

describe('rankValues()', () => {
  it('ranks from 1 and gives ties the mean of the ranks they span', () => {
    expect(Array.from(rankValues([10, 30, 20, 30, 5]))).toEqual([2, 4.5, 3, 4.5, 1]);
    expect(Array.from(rankValues([7, 7, 7]))).toEqual([2, 2, 2]);
  });
});

describe('partialRankCorrelation()', () => {
  const uniform = seedrandom.alea('prcc-test');
  const runCount = 200;
  const x = Array.from({ length: runCount }, () => uniform.double());
  const z = Array.from({ length: runCount }, () => uniform.double());
  const y = x.map((value, index) => Math.exp(value) + 2 * z[index]! ** 3 + 0.3 * uniform.double());

  it('matches the closed form of a first-order partial correlation on the ranks', () => {
    const [rx, rz, ry] = [x, z, y].map((column) => Array.from(rankValues(column)));
    const rxy = sampleCorrelation(rx!, ry!);
    const rxz = sampleCorrelation(rx!, rz!);
    const ryz = sampleCorrelation(ry!, rz!);
    const expected = (rxy - rxz * ryz) / Math.sqrt((1 - rxz ** 2) * (1 - ryz ** 2));
    const [first] = partialRankCorrelation([x, z], y);
    expect(first!.coefficient).toBeCloseTo(expected, 12);
  });

  it('with one input gives Spearman rho and the p-value scipy.stats.spearmanr gives (Student t, n - 2 degrees of freedom)', () => {
    const ranks = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    // scipy 1.17.1: spearmanr(range(1, 13), y) for each y.
    const [strong] = partialRankCorrelation([ranks], [3, 1, 2, 6, 4, 5, 9, 7, 8, 12, 10, 11]);
    expect(strong!.coefficient).toBeCloseTo(0.9160839160839163, 12);
    expect(strong!.pValue).toBeCloseTo(2.8428045348547132e-5, 12);
    const [weak] = partialRankCorrelation([ranks], [5, 9, 1, 12, 3, 7, 2, 10, 6, 11, 4, 8]);
    expect(weak!.coefficient).toBeCloseTo(0.15384615384615385, 12);
    expect(weak!.pValue).toBeCloseTo(0.6330906812462617, 10);
    const [perfect] = partialRankCorrelation([ranks], ranks);
    expect([perfect!.coefficient, perfect!.pValue]).toEqual([1, 0]);
  });

  it('refuses too few runs for the inputs', () => {
    expect(() => partialRankCorrelation([x.slice(0, 3), z.slice(0, 3)], y.slice(0, 3))).toThrow(
      'needs more than 3 runs, found 3',
    );
  });
});
