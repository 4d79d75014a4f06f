import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import lognormalQuantile from '@stdlib/stats-base-dists-lognormal-quantile';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import triangularQuantile from '@stdlib/stats-base-dists-triangular-quantile';
import uniformQuantile from '@stdlib/stats-base-dists-uniform-quantile';
import erfcinv from '@stdlib/math-base-special-erfcinv';
import type { DistributionSpec } from '../distribution-spec.js';

/** The smallest probability a 53-bit uniform draw can take (`seedrandom`'s `double()` steps by 2^-53). */
export const smallestProbability = 2 ** -53;

/** The largest probability a 53-bit uniform draw can take. */
export const largestProbability = 1 - 2 ** -53;

/**
 * Where a truncated normal's probability mass lies under the standard normal. The interval is
 * reflected about the mean when its centre lies above it, so that `lower` and `upper` are CDF values
 * in the lower tail, where Φ (computed through erfc) keeps full relative precision far out.
 */
export interface TruncatedNormalTail {
  reflected: boolean;
  /** Φ of the standardized lower end (after reflection). */
  lower: number;
  /** Φ of the standardized upper end (after reflection). */
  upper: number;
  /** `upper - lower`: the interval's probability under the untruncated normal. */
  mass: number;
  /** Distance from the mean to the nearer end, in standard deviations (0 when the interval holds the mean). */
  distanceInSd: number;
}

/** Locate a truncated normal's interval under the standard normal; see {@link TruncatedNormalTail}. */
export function truncatedNormalTail(mean: number, sd: number, min: number, max: number): TruncatedNormalTail {
  const standardMin = (min - mean) / sd;
  const standardMax = (max - mean) / sd;
  const reflected = standardMin + standardMax > 0;
  const lowEnd = reflected ? -standardMax : standardMin;
  const highEnd = reflected ? -standardMin : standardMax;
  const lower = normalCdf(lowEnd, 0, 1);
  const upper = normalCdf(highEnd, 0, 1);
  const distanceInSd = standardMin > 0 ? standardMin : standardMax < 0 ? -standardMax : 0;
  return { reflected, lower, upper, mass: upper - lower, distanceInSd };
}

const clampTo = (min: number, max: number, quantile: (probability: number) => number) => (probability: number) => {
  const value = quantile(probability);
  // Rounding in `min + p * (max - min)` and the like can step one ulp outside the support.
  return value < min ? min : value > max ? max : value;
};

/** The standard normal quantile for any p in (0, 1), keeping relative precision for tiny p: Φ⁻¹(p) = −√2 erfc⁻¹(2p). */
const standardNormalQuantile = (probability: number): number => -Math.SQRT2 * erfcinv(2 * probability);

function truncatedNormalQuantile(mean: number, sd: number, min: number, max: number): (probability: number) => number {
  const { reflected, lower, upper, mass } = truncatedNormalTail(mean, sd, min, max);
  // @stdlib's normal quantile computes erfinv(2p - 1), which is -Infinity below p = 2^-54, so a tail interval
  // (lower = 1e-100, say) needs the erfc⁻¹ form of the same function.
  const quantile = reflected
    ? (probability: number) => mean - sd * standardNormalQuantile(upper - probability * mass)
    : (probability: number) => mean + sd * standardNormalQuantile(lower + probability * mass);
  return clampTo(min, max, quantile);
}

function discreteQuantile(values: readonly number[], weights: readonly number[]): (probability: number) => number {
  const order = values.map((_, index) => index).sort((left, right) => values[left]! - values[right]! || left - right);
  let largestWeight = 0;
  for (const weight of weights) largestWeight = Math.max(largestWeight, weight);
  const sortedValues = new Float64Array(order.length);
  // Cumulative weights scaled by the largest, so that a sum of tiny weights neither underflows nor overflows.
  const cumulative = new Float64Array(order.length);
  let running = 0;
  order.forEach((valueIndex, position) => {
    running += weights[valueIndex]! / largestWeight;
    sortedValues[position] = values[valueIndex]!;
    cumulative[position] = running;
  });
  const total = running;
  const lastIndex = order.length - 1;
  return (probability: number) => {
    const target = probability * total;
    let low = 0;
    let high = lastIndex;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulative[middle]! >= target) high = middle;
      else low = middle + 1;
    }
    return sortedValues[low]!;
  };
}

function empiricalQuantile(values: readonly number[]): (probability: number) => number {
  const sorted = Float64Array.from(values).sort();
  const count = sorted.length;
  return (probability: number) => sorted[Math.min(count - 1, Math.max(0, Math.ceil(count * probability) - 1))]!;
}

/** A member of a joint sample: the ⌈n·p⌉-th value in the order written, so members sharing p share a row. */
function jointRowQuantile(values: readonly number[]): (probability: number) => number {
  const rows = Float64Array.from(values);
  const count = rows.length;
  return (probability: number) => rows[Math.min(count - 1, Math.max(0, Math.ceil(count * probability) - 1))]!;
}

/** The PERT shape parameters: Beta(1 + λ(mode − min)/(max − min), 1 + λ(max − mode)/(max − min)). */
function pertShape(min: number, mode: number, max: number, lambda: number): { alpha: number; beta: number } {
  const range = max - min;
  return { alpha: 1 + (lambda * (mode - min)) / range, beta: 1 + (lambda * (max - mode)) / range };
}

function scaledBetaQuantile(alpha: number, beta: number, min: number, max: number): (probability: number) => number {
  const unitQuantile = betaQuantile.factory(alpha, beta);
  const range = max - min;
  return clampTo(min, max, (probability: number) => min + range * unitQuantile(probability));
}

/** Build the inverse CDF of a distribution whose parameters were already checked; see `createQuantile`. */
export function buildQuantile(spec: DistributionSpec): (probability: number) => number {
  switch (spec.dist) {
    case 'normal':
      return normalQuantile.factory(spec.mean, spec.sd);
    case 'lognormal':
      return lognormalQuantile.factory(spec.mu, spec.sigma);
    case 'uniform':
      return clampTo(spec.min, spec.max, uniformQuantile.factory(spec.min, spec.max));
    case 'triangular':
      return clampTo(spec.min, spec.max, triangularQuantile.factory(spec.min, spec.max, spec.mode));
    case 'pert': {
      const { alpha, beta } = pertShape(spec.min, spec.mode, spec.max, spec.lambda);
      return scaledBetaQuantile(alpha, beta, spec.min, spec.max);
    }
    case 'beta':
      return scaledBetaQuantile(spec.alpha, spec.beta, spec.min, spec.max);
    case 'truncated_normal':
      return truncatedNormalQuantile(spec.mean, spec.sd, spec.min, spec.max);
    case 'discrete':
      return discreteQuantile(spec.values, spec.weights);
    case 'empirical':
      return spec.joint === undefined ? empiricalQuantile(spec.values) : jointRowQuantile(spec.values);
  }
}
