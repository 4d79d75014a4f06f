import type { DistributionName, DistributionSpec } from './distribution-spec.js';
import { buildQuantile } from './internal/build-quantile.js';
import { checkDistribution } from './internal/check-distribution.js';

const distributionNames: readonly DistributionName[] = [
  'normal',
  'lognormal',
  'uniform',
  'triangular',
  'pert',
  'beta',
  'truncated_normal',
  'discrete',
  'empirical',
];

function assertKnown(spec: DistributionSpec): void {
  if (!distributionNames.includes(spec.dist)) {
    throw new TypeError(
      `createQuantile(): spec.dist must be one of ${distributionNames.join(', ')}, found ${String(spec.dist)}`,
    );
  }
}

/**
 * Create the inverse CDF (quantile function) Q(p) = inf { x : F(x) ≥ p } of a distribution, for p in
 * (0, 1). Parameters are checked once, here; the returned closure does no checking and allocates nothing.
 *
 * - normal, lognormal, uniform, triangular: the @stdlib quantile functions. @stdlib's normal quantile
 *   is erfinv(2p − 1), exact for p on the 2^-53 grid of a 53-bit uniform but −Infinity below 2^-54,
 *   so callers should keep p in [2^-53, 1 − 2^-53] (`drawSampleMatrix` does).
 * - beta: the @stdlib Beta(alpha, beta) quantile, stretched onto [min, max].
 * - pert: the beta quantile with the Beta-PERT shapes α = 1 + λ(mode − min)/(max − min),
 *   β = 1 + λ(max − mode)/(max − min), stretched onto [min, max].
 * - truncated_normal: mean + sd·Φ⁻¹(Φ(a) + p(Φ(b) − Φ(a))) with a, b the standardized bounds. When the
 *   interval's centre lies above the mean it is mirrored (Q(p) = mean − sd·Φ⁻¹(Φ(−a) − p(Φ(−a) − Φ(−b))))
 *   so that Φ is only taken in the lower tail, where @stdlib's normal CDF keeps relative precision;
 *   Φ⁻¹ there is −√2·erfc⁻¹(2q) (@stdlib `erfcinv`), exact for the tiny q of a far-tail interval.
 * - discrete: the values sorted ascending (ties in listed order); the first whose cumulative weight
 *   reaches p times the total weight.
 * - empirical: the inverse of the empirical CDF of the values, Hyndman–Fan type 1: the ⌈n·p⌉-th
 *   smallest of the n values.
 *
 * Results of bounded distributions are clamped to their support to absorb rounding.
 *
 * @throws TypeError when `spec.dist` is not a distribution name.
 * @throws RangeError naming the first impossible parameter (as `readDistribution` would report it).
 */
export function createQuantile(spec: DistributionSpec): (probability: number) => number {
  assertKnown(spec);
  const problem = checkDistribution(spec)[0];
  if (problem !== undefined) {
    const where = problem.field === '' ? '' : ` (${problem.field})`;
    throw new RangeError(`createQuantile(): invalid ${spec.dist} distribution${where}: ${problem.message.message}`);
  }
  return buildQuantile(spec);
}

/**
 * Give the smallest and largest values a distribution can draw: the infimum and supremum of its
 * support, ±Infinity when unbounded (lognormal: 0 and Infinity; discrete: the extreme values of
 * positive weight). Parameters are not checked.
 */
export function distributionSupport(spec: DistributionSpec): { min: number; max: number } {
  switch (spec.dist) {
    case 'normal':
      return { min: -Infinity, max: Infinity };
    case 'lognormal':
      return { min: 0, max: Infinity };
    case 'uniform':
    case 'triangular':
    case 'pert':
    case 'beta':
    case 'truncated_normal':
      return { min: spec.min, max: spec.max };
    case 'discrete': {
      let min = Infinity;
      let max = -Infinity;
      spec.values.forEach((value, index) => {
        if (!((spec.weights[index] ?? 0) > 0)) return;
        min = Math.min(min, value);
        max = Math.max(max, value);
      });
      return { min, max };
    }
    case 'empirical': {
      let min = Infinity;
      let max = -Infinity;
      for (const value of spec.values) {
        min = Math.min(min, value);
        max = Math.max(max, value);
      }
      return { min, max };
    }
  }
}
