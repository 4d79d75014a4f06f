import type { Message } from '../../diagnostics/messages.js';
import { messages } from '../../diagnostics/messages.js';
import type { DistributionSpec } from '../distribution-spec.js';
import { buildQuantile, largestProbability, smallestProbability, truncatedNormalTail } from './build-quantile.js';

/** One problem with a distribution; `field` is relative to its mapping (`'sd'`, `'values[2]'`, `''` for the whole). */
export interface DistributionProblem {
  field: string;
  message: Message;
}

/** The smallest positive normal double: below it a probability has lost relative precision. */
const smallestNormalDouble = 2 ** -1022;

const fixedValueHint = 'for a value that does not vary, set it instead of giving it a distribution';

function positive(problems: DistributionProblem[], field: string, value: number, hint: string): void {
  if (!(value > 0))
    problems.push({ field, message: messages.invalidValue(`${field} must be positive, found ${value}`, hint) });
}

function ordered(problems: DistributionProblem[], dist: string, min: number, max: number): boolean {
  if (!(min < max)) {
    problems.push({
      field: 'max',
      message: messages.invalidValue(
        `max (${max}) must be greater than min (${min})`,
        `a ${dist} distribution needs min < max; ${fixedValueHint}`,
      ),
    });
    return false;
  }
  // Draws are min + p·(max − min); an infinite span would send every draw to a bound. (A truncated normal's bounds may be infinite.)
  if (Number.isFinite(min) && Number.isFinite(max) && max - min === Infinity) {
    problems.push({
      field: '',
      message: messages.invalidValue(
        `min (${min}) and max (${max}) are too far apart: max - min overflows`,
        'choose bounds of a smaller magnitude',
      ),
    });
    return false;
  }
  return true;
}

function modeInside(problems: DistributionProblem[], dist: string, min: number, mode: number, max: number): void {
  if (mode >= min && mode <= max) return;
  problems.push({
    field: 'mode',
    message: messages.invalidValue(
      `mode (${mode}) must lie between min (${min}) and max (${max})`,
      `the mode is the most likely value of a ${dist} distribution, so it lies in its range`,
    ),
  });
}

function checkWeights(problems: DistributionProblem[], values: readonly number[], weights: readonly number[]): void {
  if (weights.length !== values.length) {
    problems.push({
      field: 'weights',
      message: messages.invalidValue(
        `weights has ${weights.length} entries but values has ${values.length}`,
        'give one weight per value, or leave weights out to make the values equally likely',
      ),
    });
    return;
  }
  let anyPositive = false;
  weights.forEach((weight, index) => {
    if (weight < 0) {
      problems.push({
        field: `weights[${index}]`,
        message: messages.invalidValue(
          `weights must not be negative, found ${weight}`,
          'weights are proportional to probabilities',
        ),
      });
    }
    if (weight > 0) anyPositive = true;
  });
  if (!anyPositive && !weights.some((weight) => weight < 0)) {
    problems.push({
      field: 'weights',
      message: messages.invalidValue('the weights sum to 0', 'give at least one value a positive weight'),
    });
  }
}

function nonEmpty(problems: DistributionProblem[], dist: string, values: readonly number[]): boolean {
  if (values.length > 0) return true;
  problems.push({
    field: 'values',
    message: messages.invalidValue(
      `a ${dist} distribution needs at least one value`,
      'list the values, e.g. values: [1, 2, 3]',
    ),
  });
  return false;
}

function finiteFields(spec: DistributionSpec): DistributionProblem[] {
  const problems: DistributionProblem[] = [];
  for (const [field, value] of Object.entries(spec)) {
    if (field === 'dist' || field === 'joint') continue;
    const list: readonly unknown[] = Array.isArray(value) ? (value as readonly unknown[]) : [value];
    list.forEach((item, index) => {
      const infiniteBound =
        spec.dist === 'truncated_normal' &&
        (field === 'min' || field === 'max') &&
        Math.abs(item as number) === Infinity;
      if ((typeof item === 'number' && Number.isFinite(item)) || infiniteBound) return;
      const name = Array.isArray(value) ? `${field}[${index}]` : field;
      problems.push({
        field: name,
        message: messages.invalidValue(`${name} must be a finite number, found ${String(item)}`),
      });
    });
  }
  return problems;
}

function checkParameters(spec: DistributionSpec): DistributionProblem[] {
  const problems: DistributionProblem[] = [];
  switch (spec.dist) {
    case 'normal':
      positive(
        problems,
        'sd',
        spec.sd,
        `the standard deviation of a normal distribution is greater than 0; ${fixedValueHint}`,
      );
      break;
    case 'lognormal':
      positive(
        problems,
        'sigma',
        spec.sigma,
        `sigma, the standard deviation of the logarithm, is greater than 0; ${fixedValueHint}`,
      );
      break;
    case 'uniform':
      ordered(problems, spec.dist, spec.min, spec.max);
      break;
    case 'triangular':
      if (ordered(problems, spec.dist, spec.min, spec.max))
        modeInside(problems, spec.dist, spec.min, spec.mode, spec.max);
      break;
    case 'pert':
      if (ordered(problems, spec.dist, spec.min, spec.max))
        modeInside(problems, spec.dist, spec.min, spec.mode, spec.max);
      positive(problems, 'lambda', spec.lambda, 'lambda weighs the mode against the range (4 unless given)');
      break;
    case 'beta':
      positive(
        problems,
        'alpha',
        spec.alpha,
        'the shape parameters of a beta distribution are greater than 0 (alpha = beta = 1 is uniform)',
      );
      positive(
        problems,
        'beta',
        spec.beta,
        'the shape parameters of a beta distribution are greater than 0 (alpha = beta = 1 is uniform)',
      );
      ordered(problems, spec.dist, spec.min, spec.max);
      break;
    case 'truncated_normal': {
      positive(
        problems,
        'sd',
        spec.sd,
        `the standard deviation of the normal before truncation is greater than 0; ${fixedValueHint}`,
      );
      if (ordered(problems, 'truncated normal', spec.min, spec.max) && spec.sd > 0) {
        const tail = truncatedNormalTail(spec.mean, spec.sd, spec.min, spec.max);
        if (!(tail.mass >= smallestNormalDouble)) {
          problems.push({
            field: '',
            message: messages.invalidValue(
              `[${spec.min}, ${spec.max}] lies ${tail.distanceInSd.toPrecision(3)} standard deviations from the mean ${spec.mean}, so far in the tail that its probability under the normal underflows`,
              'check that mean, sd, min and max are in the same unit; the interval must overlap the bulk of the normal',
            ),
          });
        }
      }
      break;
    }
    case 'discrete':
      if (nonEmpty(problems, spec.dist, spec.values)) checkWeights(problems, spec.values, spec.weights);
      break;
    case 'empirical':
      nonEmpty(problems, spec.dist, spec.values);
      break;
  }
  return problems;
}

/**
 * Check a distribution's parameters: every number finite (a truncated normal's bounds may be
 * infinite), each parameter in its domain, bounds whose distance max − min is finite, and draws
 * that stay finite at the extreme probabilities 2^-53 and 1 − 2^-53 a 53-bit uniform can take (a
 * normal with sd = 1e308 is well defined but its draws overflow).
 */
export function checkDistribution(spec: DistributionSpec): DistributionProblem[] {
  const finiteness = finiteFields(spec);
  if (finiteness.length > 0) return finiteness;
  const problems = checkParameters(spec);
  if (problems.length > 0) return problems;
  const quantile = buildQuantile(spec);
  const lowest = quantile(smallestProbability);
  const highest = quantile(largestProbability);
  if (!Number.isFinite(lowest) || !Number.isFinite(highest)) {
    problems.push({
      field: '',
      message: messages.invalidValue(
        `draws from this ${spec.dist} distribution are not finite numbers (from ${lowest} to ${highest} between probabilities 2^-53 and 1 - 2^-53)`,
        'choose parameters of a smaller magnitude (for a lognormal, a smaller sigma)',
      ),
    });
  }
  return problems;
}
