import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { describe, expect, it } from 'vitest';
import {
  buildQuantile,
  largestProbability,
  smallestProbability,
  truncatedNormalTail,
} from '../../../../src/sampling/internal/build-quantile.js';

describe('truncatedNormalTail()', () => {
  it('keeps an interval below the mean as it is: Φ at its standardized ends, and its distance in sd', () => {
    const tail = truncatedNormalTail(0, 1, -3, -2);
    expect(tail.reflected).toBe(false);
    expect(tail.lower).toBe(normalCdf(-3, 0, 1));
    expect(tail.upper).toBe(normalCdf(-2, 0, 1));
    expect(tail.mass).toBeCloseTo(normalCdf(-2, 0, 1) - normalCdf(-3, 0, 1), 15);
    expect(tail.distanceInSd).toBe(2);
  });

  it('reflects an interval above the mean into the lower tail, where Φ keeps its precision 30 sd out', () => {
    const tail = truncatedNormalTail(10, 2, 70, 100);
    expect(tail.reflected).toBe(true);
    expect(tail.distanceInSd).toBe(30);
    expect(tail.upper).toBe(normalCdf(-30, 0, 1));
    expect(tail.mass).toBeGreaterThan(0);
    // Unreflected, 1 - Φ(30) is exactly 0 in doubles.
    expect(1 - normalCdf(30, 0, 1)).toBe(0);
  });

  it('gives distance 0 for an interval that holds the mean', () => {
    expect(truncatedNormalTail(5, 1, 0, 100).distanceInSd).toBe(0);
  });
});

describe('buildQuantile()', () => {
  it('keeps bounded draws inside [min, max] at the extreme probabilities a 53-bit draw can take', () => {
    const specs = [
      { dist: 'uniform', min: 0.1, max: 0.3 },
      { dist: 'triangular', min: 0.1, mode: 0.2, max: 0.3 },
      { dist: 'pert', min: 0.1, mode: 0.12, max: 0.3, lambda: 4 },
      { dist: 'beta', alpha: 0.5, beta: 0.5, min: 0.1, max: 0.3 },
      { dist: 'truncated_normal', mean: 0.2, sd: 0.05, min: 0.1, max: 0.3 },
    ] as const;
    for (const spec of specs) {
      const quantile = buildQuantile(spec);
      for (const probability of [0, smallestProbability, 0.5, largestProbability, 1]) {
        const value = quantile(probability);
        expect(value >= 0.1 && value <= 0.3, `${spec.dist} at ${probability}: ${value}`).toBe(true);
      }
    }
  });

  it('discrete: weights far below the smallest double still divide the probability as their ratios say', () => {
    const quantile = buildQuantile({ dist: 'discrete', values: [3, 1, 2], weights: [1e-310, 2e-310, 1e-310] });
    expect([0.1, 0.49, 0.51, 0.74, 0.76, 1].map(quantile)).toEqual([1, 1, 2, 2, 3, 3]);
  });

  it('empirical: values sorted, each equally likely; with joint, the written order kept so members share rows', () => {
    const values = [30, 10, 20];
    const sorted = buildQuantile({ dist: 'empirical', values });
    const joint = buildQuantile({ dist: 'empirical', values, joint: 'calibration' });
    const probabilities = [0.1, 0.5, 0.9];
    expect(probabilities.map(sorted)).toEqual([10, 20, 30]);
    expect(probabilities.map(joint)).toEqual([30, 10, 20]);
  });

  it('normal and lognormal: the stdlib quantiles with the given parameters', () => {
    expect(buildQuantile({ dist: 'normal', mean: 3, sd: 2 })(0.5)).toBe(3);
    expect(buildQuantile({ dist: 'lognormal', mu: 0, sigma: 1 })(0.5)).toBe(1);
  });
});
