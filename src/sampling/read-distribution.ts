import { describeValue } from '../diagnostics/field-reader.js';
import { messages } from '../diagnostics/messages.js';
import { suggestName } from '../diagnostics/suggest-name.js';
import type { DistributionName, DistributionSpec } from './distribution-spec.js';
import { checkDistribution, type DistributionProblem } from './internal/check-distribution.js';

export type { DistributionProblem } from './internal/check-distribution.js';

/** Required and optional parameters of each distribution, in the order they are read and listed. */
const parameterFields: Readonly<
  Record<DistributionName, { required: readonly string[]; optional: readonly string[] }>
> = {
  normal: { required: ['mean', 'sd'], optional: [] },
  lognormal: { required: [], optional: ['mu', 'sigma', 'mean', 'sd'] },
  uniform: { required: ['min', 'max'], optional: [] },
  triangular: { required: ['min', 'mode', 'max'], optional: [] },
  pert: { required: ['min', 'mode', 'max'], optional: ['lambda'] },
  beta: { required: ['alpha', 'beta'], optional: ['min', 'max'] },
  truncated_normal: { required: ['mean', 'sd'], optional: ['min', 'max'] },
  discrete: { required: ['values'], optional: ['weights'] },
  empirical: { required: ['values'], optional: ['joint'] },
};

const distributionNames = Object.keys(parameterFields) as DistributionName[];

/** Free-text fields a distribution may carry for readers of the scenario file; they are checked to be text and otherwise ignored. */
const descriptionFields = ['doc', 'source'];

/** Names other tools use, offered as "did you mean" (never accepted: one spelling per distribution). */
const otherSpellings: Readonly<Record<string, DistributionName>> = {
  truncnormal: 'truncated_normal',
  truncatednormal: 'truncated_normal',
  gaussian: 'normal',
  betapert: 'pert',
  triangle: 'triangular',
  categorical: 'discrete',
};

const expectations: Readonly<Record<string, string>> = {
  mean: 'the mean, a number',
  sd: 'the standard deviation, a positive number',
  min: 'the lower bound, a number',
  max: 'the upper bound, a number',
  mode: 'the most likely value, a number between min and max',
  lambda: 'the weight of the mode, a positive number (4 unless given)',
  alpha: 'the first shape parameter, a positive number',
  beta: 'the second shape parameter, a positive number',
  mu: 'the mean of the logarithm, a number (or give mean and sd of the value itself)',
  sigma: 'the standard deviation of the logarithm, a positive number (or give mean and sd of the value itself)',
  values: 'a list of numbers',
  weights: 'a list of non-negative numbers, one per value',
};

function suggestDistribution(name: string): string | undefined {
  const squashed = name.toLowerCase().replace(/[\s_-]/g, '');
  return (
    distributionNames.find((known) => known.replace(/_/g, '') === squashed && known !== name) ??
    otherSpellings[squashed] ??
    suggestName(name, distributionNames)
  );
}

/** Reads fields of one distribution mapping, collecting a problem for each one it cannot read. */
class DistributionReader {
  readonly problems: DistributionProblem[] = [];
  /** False once a parameter could not be read, so that no distribution is built from the rest. */
  complete = true;

  constructor(readonly raw: Readonly<Record<string, unknown>>) {}

  fail(field: string, message: DistributionProblem['message']): undefined {
    this.problems.push({ field, message });
    this.complete = false;
    return undefined;
  }

  present(field: string): boolean {
    return this.raw[field] !== undefined && this.raw[field] !== null;
  }

  checkKeys(allowed: readonly string[]): void {
    for (const key of Object.keys(this.raw)) {
      if (allowed.includes(key)) continue;
      this.problems.push({ field: key, message: messages.unknownField(key, allowed, suggestName(key, allowed)) });
    }
  }

  checkDescriptions(): void {
    for (const field of descriptionFields) {
      const value = this.raw[field];
      if (value === undefined || value === null || typeof value === 'string') continue;
      this.problems.push({ field, message: messages.wrongType('text', describeValue(value)) });
    }
  }

  /** A finite number; `fallback` when absent, or a missing-field problem when there is none. */
  number(field: string, fallback?: number, value: unknown = this.raw[field]): number | undefined {
    if (value === undefined || value === null) {
      if (fallback !== undefined) return fallback;
      return this.fail(field, messages.missingField(field, expectations[field] ?? 'a number'));
    }
    if (typeof value !== 'number') return this.fail(field, messages.wrongType('a number', describeValue(value)));
    if (!Number.isFinite(value)) {
      return this.fail(
        field,
        messages.invalidValue(`${field} must be a finite number, found ${value}`, 'write a number such as 0.05'),
      );
    }
    return value;
  }

  numberList(field: string, required: boolean): number[] | undefined {
    const value = this.raw[field];
    if (value === undefined || value === null) {
      return required
        ? this.fail(field, messages.missingField(field, expectations[field] ?? 'a list of numbers'))
        : undefined;
    }
    if (!Array.isArray(value)) return this.fail(field, messages.wrongType('a list of numbers', describeValue(value)));
    const numbers: number[] = [];
    value.forEach((item: unknown, index) => {
      const read = this.number(`${field}[${index}]`, undefined, item);
      if (read !== undefined) numbers.push(read);
    });
    return numbers.length === value.length ? numbers : undefined;
  }
}

function readLognormal(reader: DistributionReader): DistributionSpec | undefined {
  const logForm = reader.present('mu') || reader.present('sigma');
  const valueForm = reader.present('mean') || reader.present('sd');
  if (logForm && valueForm) {
    return reader.fail(
      '',
      messages.invalidValue(
        'a lognormal distribution takes mu and sigma (of the logarithm) or mean and sd (of the value itself), not both',
        'keep one of the two pairs',
      ),
    );
  }
  if (!valueForm) {
    const mu = reader.number('mu');
    const sigma = reader.number('sigma');
    return mu === undefined || sigma === undefined ? undefined : { dist: 'lognormal', mu, sigma };
  }
  const mean = reader.number('mean');
  const sd = reader.number('sd');
  if (mean !== undefined && !(mean > 0)) {
    reader.fail(
      'mean',
      messages.invalidValue(
        `mean must be positive for a lognormal distribution, found ${mean}`,
        'a lognormal value is always positive; use normal or truncated_normal for values that can be 0 or negative',
      ),
    );
  }
  if (sd !== undefined && !(sd > 0)) {
    reader.fail(
      'sd',
      messages.invalidValue(
        `sd must be positive, found ${sd}`,
        'the standard deviation of a lognormal value is greater than 0',
      ),
    );
  }
  if (mean === undefined || sd === undefined || !reader.complete) return undefined;
  // The moments of a lognormal: mean = exp(mu + sigma²/2), sd² = (exp(sigma²) − 1) · mean².
  const ratio = sd / mean;
  const logVariance = Math.log1p(ratio * ratio);
  const sigma = Math.sqrt(logVariance);
  if (!(sigma > 0) || !Number.isFinite(sigma)) {
    return reader.fail(
      'sd',
      messages.invalidValue(
        `sd (${sd}) and mean (${mean}) are too far apart in size to convert to mu and sigma of the logarithm`,
        'give mu and sigma instead',
      ),
    );
  }
  return { dist: 'lognormal', mu: Math.log(mean) - logVariance / 2, sigma };
}

function readParameters(reader: DistributionReader, dist: DistributionName): DistributionSpec | undefined {
  switch (dist) {
    case 'normal': {
      const mean = reader.number('mean');
      const sd = reader.number('sd');
      return mean === undefined || sd === undefined ? undefined : { dist, mean, sd };
    }
    case 'lognormal':
      return readLognormal(reader);
    case 'uniform': {
      const min = reader.number('min');
      const max = reader.number('max');
      return min === undefined || max === undefined ? undefined : { dist, min, max };
    }
    case 'triangular':
    case 'pert': {
      const min = reader.number('min');
      const mode = reader.number('mode');
      const max = reader.number('max');
      const lambda = dist === 'pert' ? reader.number('lambda', 4) : undefined;
      if (min === undefined || mode === undefined || max === undefined) return undefined;
      if (dist === 'triangular') return { dist, min, mode, max };
      return lambda === undefined ? undefined : { dist, min, mode, max, lambda };
    }
    case 'beta': {
      const alpha = reader.number('alpha');
      const beta = reader.number('beta');
      const min = reader.number('min', 0);
      const max = reader.number('max', 1);
      return alpha === undefined || beta === undefined || min === undefined || max === undefined
        ? undefined
        : { dist, alpha, beta, min, max };
    }
    case 'truncated_normal': {
      const mean = reader.number('mean');
      const sd = reader.number('sd');
      if (!reader.present('min') && !reader.present('max')) {
        return reader.fail(
          'min',
          messages.missingField(
            'min',
            'the lower bound (or max, the upper bound, or both); without either this is a normal distribution',
          ),
        );
      }
      const min = reader.number('min', -Infinity);
      const max = reader.number('max', Infinity);
      return mean === undefined || sd === undefined || min === undefined || max === undefined
        ? undefined
        : { dist, mean, sd, min, max };
    }
    case 'discrete': {
      const values = reader.numberList('values', true);
      const weights = reader.numberList('weights', false);
      return values === undefined || !reader.complete
        ? undefined
        : { dist, values, weights: weights ?? values.map(() => 1) };
    }
    case 'empirical': {
      const values = reader.numberList('values', true);
      const joint = reader.raw['joint'];
      if (joint !== undefined && joint !== null && typeof joint !== 'string')
        return reader.fail(
          'joint',
          messages.wrongType('the name of a group of inputs drawn together', describeValue(joint)),
        );
      return values === undefined ? undefined : { dist, values, ...(typeof joint === 'string' ? { joint } : {}) };
    }
  }
}

/**
 * Read one uncertain input's distribution from the plain object parsed from a scenario file, e.g.
 * `{ dist: 'normal', mean: 0.05, sd: 0.01 }`, reporting every problem found, each with its field
 * relative to the mapping (`'sd'`, `'values[2]'`, `'dist'`, or `''` for the whole).
 *
 * Names are as written in `DistributionName`: the truncated normal is spelled `truncated_normal` only
 * (one spelling per concept; `truncnormal`, `truncated-normal` and the like get a "did you mean").
 * Defaults and forms:
 * - lognormal: `{ mu, sigma }` of the logarithm, or `{ mean, sd }` of the value itself, converted by
 *   sigma² = ln(1 + sd²/mean²) and mu = ln(mean) − sigma²/2;
 * - pert: `lambda` 4; beta: `min` 0 and `max` 1; discrete: equal `weights`;
 * - truncated_normal: either bound may be left out (an infinite bound), not both.
 *
 * `doc` and `source` may be given as text; they are not part of the distribution.
 */
export function readDistribution(
  raw: Readonly<Record<string, unknown>>,
): { ok: true; value: DistributionSpec } | { ok: false; problems: DistributionProblem[] } {
  const reader = new DistributionReader(raw);
  const name = raw['dist'];
  let dist: DistributionName | undefined;
  if (name === undefined || name === null) {
    reader.fail(
      'dist',
      messages.missingField('dist', `the distribution's name, one of ${distributionNames.join(', ')}`),
    );
  } else if (typeof name !== 'string') {
    reader.fail(
      'dist',
      messages.wrongType(`a distribution name (${distributionNames.join(', ')})`, describeValue(name)),
    );
  } else if (!(distributionNames as readonly string[]).includes(name)) {
    const suggestion = suggestDistribution(name);
    reader.fail(
      'dist',
      messages.invalidValue(
        `unknown distribution '${name}'`,
        `${suggestion === undefined ? '' : `did you mean '${suggestion}'? `}distributions: ${distributionNames.join(', ')}`,
      ),
    );
  } else {
    dist = name as DistributionName;
  }
  const fieldsOf = ({ required, optional }: { required: readonly string[]; optional: readonly string[] }) => [
    ...required,
    ...optional,
  ];
  // Without a known name, only fields that no distribution has can be called unknown.
  const fields =
    dist === undefined
      ? [...new Set(Object.values(parameterFields).flatMap(fieldsOf))]
      : fieldsOf(parameterFields[dist]);
  reader.checkKeys(['dist', ...fields, ...descriptionFields]);
  reader.checkDescriptions();
  if (dist === undefined) return { ok: false, problems: reader.problems };
  const spec = readParameters(reader, dist);
  if (spec !== undefined && reader.complete) reader.problems.push(...checkDistribution(spec));
  return spec !== undefined && reader.problems.length === 0
    ? { ok: true, value: spec }
    : { ok: false, problems: reader.problems };
}
