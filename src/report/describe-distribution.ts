import type { DistributionSpec } from '../sampling/distribution-spec.js';
import { formatNumber } from './format-number.js';

const list = (values: readonly number[]): string => values.map(formatNumber).join(', ');

/** A distribution as a scenario file would declare it, for people: `triangular(min 0.004, mode 0.006, max 0.009)`. */
export function describeDistribution(spec: DistributionSpec): string {
  switch (spec.dist) {
    case 'normal':
      return `normal(mean ${formatNumber(spec.mean)}, sd ${formatNumber(spec.sd)})`;
    case 'lognormal':
      return `lognormal(mu ${formatNumber(spec.mu)}, sigma ${formatNumber(spec.sigma)} of the logarithm)`;
    case 'uniform':
      return `uniform(min ${formatNumber(spec.min)}, max ${formatNumber(spec.max)})`;
    case 'triangular':
      return `triangular(min ${formatNumber(spec.min)}, mode ${formatNumber(spec.mode)}, max ${formatNumber(spec.max)})`;
    case 'pert':
      return `pert(min ${formatNumber(spec.min)}, mode ${formatNumber(spec.mode)}, max ${formatNumber(spec.max)}, lambda ${formatNumber(spec.lambda)})`;
    case 'beta':
      return `beta(alpha ${formatNumber(spec.alpha)}, beta ${formatNumber(spec.beta)}, on [${formatNumber(spec.min)}, ${formatNumber(spec.max)}])`;
    case 'truncated_normal':
      return `truncated normal(mean ${formatNumber(spec.mean)}, sd ${formatNumber(spec.sd)}, on [${formatNumber(spec.min)}, ${formatNumber(spec.max)}])`;
    case 'discrete':
      return `discrete(values ${list(spec.values)}; weights ${list(spec.weights)})`;
    case 'empirical':
      return `empirical(${spec.values.length} values: ${list(spec.values.slice(0, 8))}${spec.values.length > 8 ? ', …' : ''})`;
  }
}
