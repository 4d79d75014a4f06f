// One test per problem a distribution mapping can have. Messages from the catalogue's builders are compared
// whole; `invalidValue` details are pinned by code, field, and the numbers they must name.
import { describe, expect, it } from 'vitest';
import { messages } from '../../../src/diagnostics/messages.js';
import type { DistributionProblem } from '../../../src/sampling/read-distribution.js';
import { readDistribution } from '../../../src/sampling/read-distribution.js';
import type { DistributionSpec } from '../../../src/sampling/distribution-spec.js';

/** The problems `readDistribution` reports; the mapping must not read cleanly. */
function problemsOf(raw: Record<string, unknown>): DistributionProblem[] {
  const result = readDistribution(raw);
  if (result.ok) throw new Error(`expected problems, read ${JSON.stringify(result.value)}`);
  return result.problems;
}

/** The distribution `readDistribution` gives; the mapping must read cleanly. */
function specOf(raw: Record<string, unknown>): DistributionSpec {
  const result = readDistribution(raw);
  if (!result.ok) throw new Error(`expected a distribution, found ${JSON.stringify(result.problems)}`);
  return result.value;
}

/** The single invalid-value problem of `raw`, at `field`, whose message names each of `mentions`. */
function expectInvalid(raw: Record<string, unknown>, field: string, mentions: readonly string[]): void {
  const problems = problemsOf(raw);
  expect(problems).toHaveLength(1);
  const [problem] = problems;
  expect(problem?.field).toBe(field);
  expect(problem?.message.code).toBe('invalid-value');
  expect(problem?.message.hint).toBeTruthy();
  for (const mention of mentions) expect(problem?.message.message).toContain(mention);
}

const distributionList = 'normal, lognormal, uniform, triangular, pert, beta, truncated_normal, discrete, empirical';

describe('readDistribution() reads', () => {
  it('each distribution, filling in the defaults', () => {
    expect(specOf({ dist: 'normal', mean: 0.05, sd: 0.01 })).toEqual({ dist: 'normal', mean: 0.05, sd: 0.01 });
    expect(specOf({ dist: 'lognormal', mu: 0, sigma: 0.5 })).toEqual({ dist: 'lognormal', mu: 0, sigma: 0.5 });
    expect(specOf({ dist: 'uniform', min: 1, max: 2 })).toEqual({ dist: 'uniform', min: 1, max: 2 });
    expect(specOf({ dist: 'triangular', min: 1, mode: 1, max: 2 })).toEqual({
      dist: 'triangular',
      min: 1,
      mode: 1,
      max: 2,
    });
    expect(specOf({ dist: 'pert', min: 1, mode: 1.5, max: 2 })).toEqual({
      dist: 'pert',
      min: 1,
      mode: 1.5,
      max: 2,
      lambda: 4,
    });
    expect(specOf({ dist: 'pert', min: 1, mode: 1.5, max: 2, lambda: 2 })).toMatchObject({ lambda: 2 });
    expect(specOf({ dist: 'beta', alpha: 2, beta: 3 })).toEqual({ dist: 'beta', alpha: 2, beta: 3, min: 0, max: 1 });
    expect(specOf({ dist: 'truncated_normal', mean: 0, sd: 1, min: -1, max: 2 })).toEqual({
      dist: 'truncated_normal',
      mean: 0,
      sd: 1,
      min: -1,
      max: 2,
    });
    expect(specOf({ dist: 'discrete', values: [1, 2, 3] })).toEqual({
      dist: 'discrete',
      values: [1, 2, 3],
      weights: [1, 1, 1],
    });
    expect(specOf({ dist: 'discrete', values: [1, 2], weights: [0, 3] })).toEqual({
      dist: 'discrete',
      values: [1, 2],
      weights: [0, 3],
    });
    expect(specOf({ dist: 'empirical', values: [3, 1, 2] })).toEqual({ dist: 'empirical', values: [3, 1, 2] });
  });

  it('a lognormal given by the mean and sd of the value itself, as mu and sigma of its logarithm', () => {
    const spec = specOf({ dist: 'lognormal', mean: 2, sd: 0.5 });
    if (spec.dist !== 'lognormal') throw new Error('expected a lognormal');
    // Closed forms of the lognormal's moments: E = exp(mu + sigma²/2), Var = (exp(sigma²) − 1) E².
    expect(Math.exp(spec.mu + spec.sigma ** 2 / 2)).toBeCloseTo(2, 14);
    expect(Math.sqrt(Math.expm1(spec.sigma ** 2)) * 2).toBeCloseTo(0.5, 14);
  });

  it('a truncated normal with one bound, the other infinite', () => {
    expect(specOf({ dist: 'truncated_normal', mean: 0.05, sd: 0.02, min: 0 })).toEqual({
      dist: 'truncated_normal',
      mean: 0.05,
      sd: 0.02,
      min: 0,
      max: Infinity,
    });
    expect(specOf({ dist: 'truncated_normal', mean: 0.05, sd: 0.02, max: 0.1 })).toMatchObject({
      min: -Infinity,
      max: 0.1,
    });
  });

  it('doc and source as text beside the parameters', () => {
    expect(specOf({ dist: 'uniform', min: 1, max: 2, doc: 'expert range', source: 'survey 2023' })).toEqual({
      dist: 'uniform',
      min: 1,
      max: 2,
    });
    expect(
      problemsOf({ dist: 'uniform', min: 2, max: 1, doc: 3 }).map((problem) => [problem.field, problem.message.code]),
    ).toEqual([
      ['doc', 'wrong-type'],
      ['max', 'invalid-value'],
    ]);
    expect(problemsOf({ dist: 'uniform', min: 1, max: 2, doc: 3 })).toEqual([
      { field: 'doc', message: messages.wrongType('text', 'number 3') },
    ]);
  });
});

describe('readDistribution() reports', () => {
  it('a missing dist', () => {
    expect(problemsOf({ mean: 0, sd: 1 })).toEqual([
      { field: 'dist', message: messages.missingField('dist', `the distribution's name, one of ${distributionList}`) },
    ]);
  });

  it('a dist that is not text', () => {
    expect(problemsOf({ dist: 3 })).toEqual([
      { field: 'dist', message: messages.wrongType(`a distribution name (${distributionList})`, 'number 3') },
    ]);
  });

  it('an unknown dist with a did-you-mean from suggestName', () => {
    expect(problemsOf({ dist: 'normall', mean: 0, sd: 1 })).toEqual([
      {
        field: 'dist',
        message: messages.invalidValue(
          `unknown distribution 'normall'`,
          `did you mean 'normal'? distributions: ${distributionList}`,
        ),
      },
    ]);
  });

  it('an unknown dist spelled as other tools do, suggesting our spelling (truncnormal is not an alias)', () => {
    for (const name of ['truncnormal', 'truncated-normal', 'Truncated Normal']) {
      expect(problemsOf({ dist: name, mean: 0, sd: 1, min: 0 })).toEqual([
        {
          field: 'dist',
          message: messages.invalidValue(
            `unknown distribution '${name}'`,
            `did you mean 'truncated_normal'? distributions: ${distributionList}`,
          ),
        },
      ]);
    }
  });

  it('an unknown dist without a suggestion, and fields no distribution has', () => {
    expect(problemsOf({ dist: 'zipf', exponent: 2 })).toEqual([
      {
        field: 'dist',
        message: messages.invalidValue(`unknown distribution 'zipf'`, `distributions: ${distributionList}`),
      },
      expect.objectContaining({
        field: 'exponent',
        message: expect.objectContaining({ code: 'unknown-field' }) as unknown,
      }),
    ]);
  });

  it('an unknown field with the allowed list and a did-you-mean', () => {
    const allowed = ['dist', 'mean', 'sd', 'doc', 'source'];
    expect(problemsOf({ dist: 'normal', mean: 0, sd: 1, sdd: 2 })).toEqual([
      { field: 'sdd', message: messages.unknownField('sdd', allowed, 'sd') },
    ]);
    expect(problemsOf({ dist: 'normal', mean: 0, sd: 1, min: 0 })).toEqual([
      { field: 'min', message: messages.unknownField('min', allowed, undefined) },
    ]);
  });

  it('every missing field of a distribution, not only the first', () => {
    expect(problemsOf({ dist: 'triangular' })).toEqual([
      { field: 'min', message: messages.missingField('min', 'the lower bound, a number') },
      { field: 'mode', message: messages.missingField('mode', 'the most likely value, a number between min and max') },
      { field: 'max', message: messages.missingField('max', 'the upper bound, a number') },
    ]);
    expect(problemsOf({ dist: 'beta' }).map((problem) => problem.field)).toEqual(['alpha', 'beta']);
    expect(problemsOf({ dist: 'discrete' })).toEqual([
      { field: 'values', message: messages.missingField('values', 'a list of numbers') },
    ]);
  });

  it('a field that is null (written without a value) as missing', () => {
    expect(problemsOf({ dist: 'normal', mean: 0, sd: null })).toEqual([
      { field: 'sd', message: messages.missingField('sd', 'the standard deviation, a positive number') },
    ]);
  });

  it('a lognormal given neither pair', () => {
    expect(problemsOf({ dist: 'lognormal' }).map((problem) => [problem.field, problem.message.code])).toEqual([
      ['mu', 'missing-field'],
      ['sigma', 'missing-field'],
    ]);
  });

  it('a lognormal given both pairs', () => {
    expectInvalid({ dist: 'lognormal', mu: 0, sigma: 1, mean: 1, sd: 1 }, '', ['mu and sigma', 'mean and sd']);
  });

  it('wrong types, each at its field', () => {
    expect(problemsOf({ dist: 'normal', mean: '0.05', sd: true })).toEqual([
      { field: 'mean', message: messages.wrongType('a number', "the text '0.05'") },
      { field: 'sd', message: messages.wrongType('a number', 'boolean true') },
    ]);
    expect(problemsOf({ dist: 'empirical', values: 3 })).toEqual([
      { field: 'values', message: messages.wrongType('a list of numbers', 'number 3') },
    ]);
    expect(problemsOf({ dist: 'discrete', values: [1, 'two', 3, [4]] })).toEqual([
      { field: 'values[1]', message: messages.wrongType('a number', "the text 'two'") },
      { field: 'values[3]', message: messages.wrongType('a number', 'a list') },
    ]);
  });

  it('non-finite numbers (YAML .inf and .nan)', () => {
    expectInvalid({ dist: 'normal', mean: Number.NaN, sd: 1 }, 'mean', ['mean', 'finite', 'NaN']);
    expectInvalid({ dist: 'uniform', min: 0, max: Infinity }, 'max', ['max', 'finite', 'Infinity']);
    expectInvalid({ dist: 'truncated_normal', mean: 0, sd: 1, min: -Infinity }, 'min', ['min', 'finite', '-Infinity']);
    expectInvalid({ dist: 'empirical', values: [1, -Infinity] }, 'values[1]', ['values[1]', 'finite', '-Infinity']);
  });

  it('sd <= 0 of a normal and a truncated normal', () => {
    expectInvalid({ dist: 'normal', mean: 0, sd: 0 }, 'sd', ['sd', 'positive', '0']);
    expectInvalid({ dist: 'truncated_normal', mean: 0, sd: -1, min: 0 }, 'sd', ['sd', 'positive', '-1']);
  });

  it('min >= max of each bounded distribution', () => {
    expectInvalid({ dist: 'uniform', min: 2, max: 1 }, 'max', ['max (1)', 'min (2)']);
    expectInvalid({ dist: 'triangular', min: 1, mode: 1, max: 1 }, 'max', ['max (1)', 'min (1)']);
    expectInvalid({ dist: 'pert', min: 3, mode: 2, max: 1 }, 'max', ['max (1)', 'min (3)']);
    expectInvalid({ dist: 'beta', alpha: 1, beta: 1, min: 1 }, 'max', ['max (1)', 'min (1)']);
    expectInvalid({ dist: 'truncated_normal', mean: 0, sd: 1, min: 1, max: -1 }, 'max', ['max (-1)', 'min (1)']);
  });

  it('a triangular or pert mode outside [min, max]', () => {
    expectInvalid({ dist: 'triangular', min: 1, mode: 3, max: 2 }, 'mode', ['mode (3)', 'min (1)', 'max (2)']);
    expectInvalid({ dist: 'pert', min: 1, mode: 0.5, max: 2 }, 'mode', ['mode (0.5)', 'min (1)', 'max (2)']);
  });

  it('beta alpha and beta <= 0, both', () => {
    const problems = problemsOf({ dist: 'beta', alpha: 0, beta: -2 });
    expect(problems.map((problem) => [problem.field, problem.message.code])).toEqual([
      ['alpha', 'invalid-value'],
      ['beta', 'invalid-value'],
    ]);
    expect(problems[1]?.message.message).toContain('-2');
  });

  it('lognormal sigma <= 0, and mean or sd <= 0 when given as mean and sd', () => {
    expectInvalid({ dist: 'lognormal', mu: 0, sigma: 0 }, 'sigma', ['sigma', 'positive', '0']);
    expectInvalid({ dist: 'lognormal', mean: -1, sd: 1 }, 'mean', ['mean', 'positive', '-1']);
    expectInvalid({ dist: 'lognormal', mean: 1, sd: 0 }, 'sd', ['sd', 'positive', '0']);
  });

  it('pert lambda <= 0', () => {
    expectInvalid({ dist: 'pert', min: 0, mode: 1, max: 2, lambda: 0 }, 'lambda', ['lambda', 'positive', '0']);
  });

  it('a truncated normal with neither bound', () => {
    expect(problemsOf({ dist: 'truncated_normal', mean: 0, sd: 1 })).toEqual([
      {
        field: 'min',
        message: messages.missingField(
          'min',
          'the lower bound (or max, the upper bound, or both); without either this is a normal distribution',
        ),
      },
    ]);
  });

  it('a truncated normal whose interval is so far in the tail that its probability underflows', () => {
    expectInvalid({ dist: 'truncated_normal', mean: 0.05, sd: 0.01, min: 5, max: 6 }, '', [
      '[5, 6]',
      '495 standard deviations',
      'underflows',
    ]);
    expectInvalid({ dist: 'truncated_normal', mean: 0, sd: 1, max: -40 }, '', ['40.0 standard deviations']);
    // 37 sd out is still representable (Φ(−37) ≈ 6e-300), and is read.
    expect(specOf({ dist: 'truncated_normal', mean: 0, sd: 1, min: 37, max: 38 })).toMatchObject({ min: 37 });
  });

  it('a discrete distribution with no values', () => {
    expectInvalid({ dist: 'discrete', values: [] }, 'values', ['at least one value']);
  });

  it('discrete weights of another length than the values', () => {
    expectInvalid({ dist: 'discrete', values: [1, 2, 3], weights: [1, 2] }, 'weights', [
      'weights has 2 entries',
      'values has 3',
    ]);
  });

  it('each negative discrete weight at its index', () => {
    const problems = problemsOf({ dist: 'discrete', values: [1, 2, 3], weights: [1, -2, -0.5] });
    expect(problems.map((problem) => [problem.field, problem.message.code])).toEqual([
      ['weights[1]', 'invalid-value'],
      ['weights[2]', 'invalid-value'],
    ]);
    expect(problems[0]?.message.message).toContain('-2');
  });

  it('discrete weights summing to 0', () => {
    expectInvalid({ dist: 'discrete', values: [1, 2], weights: [0, 0] }, 'weights', ['sum to 0']);
  });

  it('an empirical distribution with no values', () => {
    expectInvalid({ dist: 'empirical', values: [] }, 'values', ['at least one value']);
  });

  it('parameters whose draws overflow to Infinity', () => {
    expectInvalid({ dist: 'lognormal', mu: 0, sigma: 100 }, '', ['lognormal', 'not finite']);
    expectInvalid({ dist: 'normal', mean: 0, sd: 1e308 }, '', ['normal', 'not finite']);
    expectInvalid({ dist: 'uniform', min: -1e308, max: 1e308 }, '', ['min (-1e+308)', 'max (1e+308)', 'overflows']);
  });

  it('problems of several kinds in one mapping, all of them', () => {
    expect(
      problemsOf({ dist: 'pert', min: 'low', max: 2, lambda: -1, weight: 1 }).map((problem) => [
        problem.field,
        problem.message.code,
      ]),
    ).toEqual([
      ['weight', 'unknown-field'],
      ['min', 'wrong-type'],
      ['mode', 'missing-field'],
    ]);
  });
});
