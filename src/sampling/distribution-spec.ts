/** The uncertain-input distributions a scenario may name (DESIGN.md, "Scenario files"). */
export type DistributionSpec =
  | { dist: 'normal'; mean: number; sd: number }
  /** `mu` and `sigma` of the logarithm. */
  | { dist: 'lognormal'; mu: number; sigma: number }
  | { dist: 'uniform'; min: number; max: number }
  | { dist: 'triangular'; min: number; mode: number; max: number }
  /** Beta-PERT on [min, max] with the usual shape weight `lambda` (4 unless given). */
  | { dist: 'pert'; min: number; mode: number; max: number; lambda: number }
  /** Beta(alpha, beta) stretched onto [min, max] (0 and 1 unless given). */
  | { dist: 'beta'; alpha: number; beta: number; min: number; max: number }
  | { dist: 'truncated_normal'; mean: number; sd: number; min: number; max: number }
  /** Finitely many values, with weights proportional to their probabilities (equal unless given). */
  | { dist: 'discrete'; values: readonly number[]; weights: readonly number[] }
  /**
   * The empirical distribution of observed values: each value equally likely. With `joint`, the inputs
   * naming one group are rows of one joint sample (calibration refits, say): a run takes the same
   * position in every member's list, so their correlations are kept and the lists' order matters.
   */
  | { dist: 'empirical'; values: readonly number[]; joint?: string };

/** Every distribution name, as written in scenario files. */
export type DistributionName = DistributionSpec['dist'];

/** How the sample matrix is designed: plain random draws, or Latin hypercube strata. */
export type SamplingDesign = 'lhs' | 'random';
