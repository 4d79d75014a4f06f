// Known values from closed forms; each distribution's full CDF is checked statistically in tests/property/sampling.test.ts.
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { describe, expect, it } from 'vitest';
import { createQuantile, distributionSupport } from '../../../src/sampling/create-quantile.js';
import type { DistributionSpec } from '../../../src/sampling/distribution-spec.js';

/** z with Φ(z) = 0.975. */
const z975 = 1.959963984540054;

describe('createQuantile()', () => {
  it('of a uniform is min + p (max - min)', () => {
    const quantile = createQuantile({ dist: 'uniform', min: 2, max: 6 });
    expect(quantile(0.25)).toBe(3);
    expect(quantile(0.5)).toBe(4);
  });

  it('of a triangular is min + sqrt(p (max - min)(mode - min)) below F(mode), max - sqrt((1 - p)(max - min)(max - mode)) above', () => {
    const quantile = createQuantile({ dist: 'triangular', min: 0, mode: 1, max: 4 });
    expect(quantile(0.16)).toBeCloseTo(2 * Math.sqrt(0.16), 15);
    expect(quantile(0.25)).toBeCloseTo(1, 15);
    expect(quantile(1 - 1 / 12)).toBeCloseTo(3, 14);
  });

  it('of a normal is the mean at the median and mean ± 1.96 sd at 0.025 and 0.975', () => {
    const quantile = createQuantile({ dist: 'normal', mean: 10, sd: 2 });
    expect(quantile(0.5)).toBe(10);
    expect(quantile(0.975)).toBeCloseTo(10 + z975 * 2, 12);
    expect(quantile(0.025)).toBeCloseTo(10 - z975 * 2, 12);
  });

  it('of a lognormal is e^mu at the median and e^(mu ± 1.96 sigma) at 0.975 and 0.025', () => {
    const quantile = createQuantile({ dist: 'lognormal', mu: 1.5, sigma: 0.4 });
    expect(quantile(0.5)).toBeCloseTo(Math.exp(1.5), 13);
    expect(quantile(0.975)).toBeCloseTo(Math.exp(1.5 + z975 * 0.4), 12);
    expect(quantile(0.025)).toBeCloseTo(Math.exp(1.5 - z975 * 0.4), 12);
  });

  it('of a symmetric PERT is the mode at the median', () => {
    expect(createQuantile({ dist: 'pert', min: 0, mode: 5, max: 10, lambda: 4 })(0.5)).toBeCloseTo(5, 12);
  });

  it('of a PERT with the mode at an end is the Beta(1, 1 + lambda) closed form 1 - (1 - p)^(1/(1 + lambda)), stretched', () => {
    const atMin = createQuantile({ dist: 'pert', min: 2, mode: 2, max: 4, lambda: 4 });
    const atMax = createQuantile({ dist: 'pert', min: 2, mode: 4, max: 4, lambda: 3 });
    for (const probability of [0.1, 0.5, 0.9]) {
      expect(atMin(probability)).toBeCloseTo(2 + 2 * (1 - (1 - probability) ** (1 / 5)), 12);
      expect(atMax(probability)).toBeCloseTo(2 + 2 * probability ** (1 / 4), 12);
    }
  });

  it('of a beta on [min, max] stretches the unit beta quantile (Beta(2, 1): sqrt(p))', () => {
    const quantile = createQuantile({ dist: 'beta', alpha: 2, beta: 1, min: 10, max: 20 });
    expect(quantile(0.25)).toBeCloseTo(15, 12);
    expect(quantile(0.81)).toBeCloseTo(19, 12);
  });

  it('of a truncated normal symmetric about its mean is the mean at the median; one-sided at the mean is the half-normal', () => {
    expect(createQuantile({ dist: 'truncated_normal', mean: 3, sd: 2, min: 1, max: 5 })(0.5)).toBeCloseTo(3, 14);
    // Half-normal: Q(p) = sd Φ⁻¹((1 + p) / 2); Φ⁻¹(0.75) = 0.6744897501960817.
    expect(createQuantile({ dist: 'truncated_normal', mean: 0, sd: 2, min: 0, max: Infinity })(0.5)).toBeCloseTo(
      2 * 0.6744897501960817,
      13,
    );
    expect(createQuantile({ dist: 'truncated_normal', mean: 0, sd: 2, min: -Infinity, max: 0 })(0.5)).toBeCloseTo(
      -2 * 0.6744897501960817,
      13,
    );
  });

  it('of a truncated normal 20 sd out inverts the truncated CDF (Φ(x) − Φ(a)) / (Φ(b) − Φ(a)), in the upper and the lower tail', () => {
    const upper = createQuantile({ dist: 'truncated_normal', mean: 0, sd: 1, min: 20, max: 21 });
    const lower = createQuantile({ dist: 'truncated_normal', mean: 0, sd: 1, min: -21, max: -20 });
    const lowerTailMass = normalCdf(-20, 0, 1) - normalCdf(-21, 0, 1);
    for (const probability of [1e-9, 0.1, 0.5, 0.9, 1 - 1e-9]) {
      const high = upper(probability);
      const low = lower(probability);
      expect(high).toBeGreaterThan(20);
      expect(high).toBeLessThan(21);
      // By symmetry, 1 - F(x) = (Φ(-x) - Φ(-21)) / mass for the upper interval.
      expect((normalCdf(-high, 0, 1) - normalCdf(-21, 0, 1)) / lowerTailMass).toBeCloseTo(1 - probability, 9);
      expect((normalCdf(low, 0, 1) - normalCdf(-21, 0, 1)) / lowerTailMass).toBeCloseTo(probability, 9);
    }
  });

  it('of a discrete distribution steps at the cumulative weights of the sorted values', () => {
    const quantile = createQuantile({ dist: 'discrete', values: [3, 1, 2], weights: [1, 1, 2] });
    expect([0.1, 0.25, 0.2501, 0.5, 0.75, 0.7501, 0.99].map(quantile)).toEqual([1, 1, 2, 2, 2, 3, 3]);
  });

  it('of a discrete distribution never gives a value of weight 0', () => {
    const quantile = createQuantile({ dist: 'discrete', values: [1, 2, 3], weights: [0, 1, 0] });
    expect([2 ** -53, 0.5, 1 - 2 ** -53].map(quantile)).toEqual([2, 2, 2]);
  });

  it('of an empirical distribution is Hyndman–Fan type 1: the ceil(n p)-th smallest value, jumping just after k/n', () => {
    const quantile = createQuantile({ dist: 'empirical', values: [4, 1, 3, 2] });
    expect([1e-9, 0.25, 0.2501, 0.5, 0.5001, 0.75, 0.7501, 1 - 1e-9].map(quantile)).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
  });

  it('throws a RangeError naming an impossible parameter', () => {
    expect(() => createQuantile({ dist: 'normal', mean: 0, sd: -1 })).toThrow(
      new RangeError('createQuantile(): invalid normal distribution (sd): sd must be positive, found -1'),
    );
  });

  it('throws a TypeError for an unknown distribution', () => {
    const unknown = { dist: 'cauchy', location: 0, scale: 1 } as unknown as DistributionSpec;
    expect(() => createQuantile(unknown)).toThrow(TypeError);
  });
});

describe('distributionSupport()', () => {
  it('gives the bounds of each distribution, infinite when unbounded', () => {
    expect(distributionSupport({ dist: 'normal', mean: 0, sd: 1 })).toEqual({ min: -Infinity, max: Infinity });
    expect(distributionSupport({ dist: 'lognormal', mu: 0, sigma: 1 })).toEqual({ min: 0, max: Infinity });
    expect(distributionSupport({ dist: 'uniform', min: 1, max: 2 })).toEqual({ min: 1, max: 2 });
    expect(distributionSupport({ dist: 'triangular', min: 1, mode: 1.5, max: 2 })).toEqual({ min: 1, max: 2 });
    expect(distributionSupport({ dist: 'pert', min: 1, mode: 1.5, max: 2, lambda: 4 })).toEqual({ min: 1, max: 2 });
    expect(distributionSupport({ dist: 'beta', alpha: 2, beta: 2, min: 0, max: 1 })).toEqual({ min: 0, max: 1 });
    expect(distributionSupport({ dist: 'truncated_normal', mean: 0, sd: 1, min: 0, max: Infinity })).toEqual({
      min: 0,
      max: Infinity,
    });
    expect(distributionSupport({ dist: 'empirical', values: [3, -1, 2] })).toEqual({ min: -1, max: 3 });
  });

  it('of a discrete distribution spans only the values of positive weight', () => {
    expect(distributionSupport({ dist: 'discrete', values: [-5, 1, 2, 9], weights: [0, 1, 1, 0] })).toEqual({
      min: 1,
      max: 2,
    });
  });
});
