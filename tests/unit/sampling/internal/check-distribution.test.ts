import { describe, expect, it } from 'vitest';
import { checkDistribution } from '../../../../src/sampling/internal/check-distribution.js';

const fields = (problems: ReturnType<typeof checkDistribution>): string[] => problems.map((problem) => problem.field);

describe('checkDistribution()', () => {
  it('accepts valid parameters of every distribution', () => {
    const valid = [
      { dist: 'normal', mean: 0, sd: 1 },
      { dist: 'lognormal', mu: 0, sigma: 0.5 },
      { dist: 'uniform', min: 0, max: 1 },
      { dist: 'triangular', min: 0, mode: 0, max: 1 },
      { dist: 'pert', min: 0, mode: 1, max: 1, lambda: 4 },
      { dist: 'beta', alpha: 2, beta: 3, min: 0, max: 1 },
      { dist: 'truncated_normal', mean: 0, sd: 1, min: -Infinity, max: 0 },
      { dist: 'discrete', values: [1, 2], weights: [0, 1] },
      { dist: 'empirical', values: [5] },
    ] as const;
    for (const spec of valid) expect(checkDistribution(spec), spec.dist).toEqual([]);
  });

  it('reports non-finite numbers first, each at its field or list index, and nothing else until they are fixed', () => {
    const problems = checkDistribution({ dist: 'discrete', values: [1, NaN, Infinity], weights: [-1, 1, 1] });
    expect(fields(problems)).toEqual(['values[1]', 'values[2]']);
    expect(problems[0]!.message.message).toBe('values[1] must be a finite number, found NaN');
  });

  it('allows infinite bounds only on a truncated normal', () => {
    expect(fields(checkDistribution({ dist: 'uniform', min: -Infinity, max: 1 }))).toEqual(['min']);
    expect(checkDistribution({ dist: 'truncated_normal', mean: 0, sd: 1, min: 0, max: Infinity })).toEqual([]);
  });

  it('refuses bounds so far apart that max - min overflows', () => {
    const [problem] = checkDistribution({ dist: 'uniform', min: -1e308, max: 1e308 });
    expect(problem!.field).toBe('');
    expect(problem!.message.message).toContain('max - min overflows');
  });

  it('refuses parameters whose draws at 2^-53 or 1 - 2^-53 are not finite', () => {
    const [problem] = checkDistribution({ dist: 'lognormal', mu: 0, sigma: 200 });
    expect(problem!.message.message).toMatch(/^draws from this lognormal distribution are not finite numbers/);
  });

  it('checks the mode only once min < max holds', () => {
    expect(fields(checkDistribution({ dist: 'triangular', min: 2, mode: 9, max: 1 }))).toEqual(['max']);
    expect(fields(checkDistribution({ dist: 'triangular', min: 1, mode: 9, max: 2 }))).toEqual(['mode']);
  });

  it('reports every problem of a distribution at once', () => {
    expect(fields(checkDistribution({ dist: 'beta', alpha: 0, beta: -1, min: 1, max: 1 }))).toEqual([
      'alpha',
      'beta',
      'max',
    ]);
    expect(fields(checkDistribution({ dist: 'discrete', values: [1, 2, 3], weights: [-1, 0, -2] }))).toEqual([
      'weights[0]',
      'weights[2]',
    ]);
  });
});
