import { describe, expect, it } from 'vitest';
import { describeDistribution } from '../../../src/report/describe-distribution.js';

describe('describeDistribution()', () => {
  it('writes each distribution with its parameters named, as a scenario file declares it', () => {
    expect(describeDistribution({ dist: 'normal', mean: 0.05, sd: 0.01 })).toBe('normal(mean 0.05, sd 0.01)');
    expect(describeDistribution({ dist: 'lognormal', mu: -0.7, sigma: 0.3 })).toBe(
      'lognormal(mu -0.7, sigma 0.3 of the logarithm)',
    );
    expect(describeDistribution({ dist: 'uniform', min: 0.05, max: 0.2 })).toBe('uniform(min 0.05, max 0.2)');
    expect(describeDistribution({ dist: 'triangular', min: 0.004, mode: 0.006, max: 0.009 })).toBe(
      'triangular(min 0.004, mode 0.006, max 0.009)',
    );
    expect(describeDistribution({ dist: 'pert', min: 1, mode: 4, max: 8, lambda: 4 })).toBe(
      'pert(min 1, mode 4, max 8, lambda 4)',
    );
    expect(describeDistribution({ dist: 'beta', alpha: 2, beta: 3, min: 0.03, max: 0.08 })).toBe(
      'beta(alpha 2, beta 3, on [0.03, 0.08])',
    );
    expect(describeDistribution({ dist: 'truncated_normal', mean: 0, sd: 1, min: -Infinity, max: 2 })).toBe(
      'truncated normal(mean 0, sd 1, on [-Infinity, 2])',
    );
    expect(describeDistribution({ dist: 'discrete', values: [2, 2.5, 3], weights: [1, 2, 1] })).toBe(
      'discrete(values 2, 2.5, 3; weights 1, 2, 1)',
    );
  });

  it('shows at most eight values of an empirical distribution, with the count', () => {
    expect(describeDistribution({ dist: 'empirical', values: [0, 0.1, 0.2] })).toBe('empirical(3 values: 0, 0.1, 0.2)');
    const many = Array.from({ length: 17 }, (_, index) => index * 1000);
    expect(describeDistribution({ dist: 'empirical', values: many })).toBe(
      'empirical(17 values: 0, 1,000, 2,000, 3,000, 4,000, 5,000, 6,000, 7,000, …)',
    );
  });
});
