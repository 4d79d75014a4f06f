import type { SourceLocation } from '../diagnostics/diagnostic.js';
import type { ModelSpec } from '../model/model-spec.js';
import type { DistributionSpec, SamplingDesign } from '../sampling/distribution-spec.js';

/**
 * A parameter made to vary over time: held between points (`step`), interpolated (`linear`), or one value
 * a year (`annual`: the point at year Y holds over the year that ends at time Y, from Y - 1 to Y, and no
 * year between the first point and the last may be left out); held past the ends.
 */
export interface PolicySpec {
  name: string;
  interpolate: 'step' | 'linear' | 'annual';
  /** In increasing time order. */
  points: readonly { time: number; value: number }[];
  location: SourceLocation;
}

/** A model parameter drawn from a distribution, one draw per run. */
export interface UncertainParameter {
  name: string;
  distribution: DistributionSpec;
  location: SourceLocation;
}

/** The Monte Carlo design. */
export interface UncertaintySpec {
  runCount: number;
  seed: number;
  sampling: SamplingDesign;
  /** In the order they were declared (parents' first, then the scenario's own): the sample matrix's columns. */
  parameters: readonly UncertainParameter[];
}

/**
 * A target stated as "about" a value (`about: <tolerance>`): the band `stated` ± `tolerance`. Such a target
 * is met at or beyond the band's near edge (the lower edge for `at_least`, the upper for `at_most`): that
 * edge is the target's `threshold`; the share of runs inside the band is reported beside it.
 */
export interface TargetAbout {
  /** The value the plan states (`at_least` or `at_most` as written). */
  stated: number;
  /** Half the band's width, in the variable's unit. */
  tolerance: number;
  /** The tolerance as written: a number, or a percentage of the stated value (`5%`). */
  written: string;
  lower: number;
  upper: number;
}

/** A planning target: `variable` at saved time `year` at least (`>=`) or at most (`<=`) `threshold`. */
export interface TargetSpec {
  id: string;
  variable: string;
  year: number;
  op: '>=' | '<=';
  /** The value runs are counted against: the stated bound, or the band's near edge for an "about" target. */
  threshold: number;
  about?: TargetAbout;
  /** What a reader should know about the target (its definition, a caveat), printed with the results. */
  note?: string;
  /**
   * The unit the file states the threshold in, when it states one; `threshold` is then converted into
   * the variable's own unit, and reports show the target in this unit.
   */
  unit?: string;
  location: SourceLocation;
}

/** A scenario resolved through its `extends` chain and checked against its model. */
export interface ScenarioSpec {
  name: string;
  /** The scenario file's own narrative (`description`, not inherited). */
  description?: string;
  /** The scenario file as given on the command line. */
  file: string;
  /** This file, then each file it extends, in order. */
  chain: readonly string[];
  model: ModelSpec;
  modelFile: string;
  /** sha256 (hex) of the model file's text. */
  modelHash: string;
  /** The model file's text, when the scenario was read from files (what another machine compiles: experiment/run-recipe.ts). */
  modelText?: string;
  /** sha256 (hex) over the texts of every file in `chain`, in order. */
  scenarioHash: string;
  /**
   * Fixed parameter values. A name here is never also a policy (a later file's entry replaces an
   * earlier one's). It may still be an uncertain parameter: its column is drawn, so the other columns
   * keep their values, but the fixed value is used.
   */
  set: ReadonlyMap<string, number>;
  /** Time-varying parameters; like `set`, a policy outranks a distribution for the same name. */
  policies: readonly PolicySpec[];
  uncertainty: UncertaintySpec;
  targets: readonly TargetSpec[];
  /** Variables whose percentile bands are reported; each target's variable is stored as well. */
  outputs: readonly string[];
  /** Where each field was written, by field path, for diagnostics raised after loading. */
  locations: ReadonlyMap<string, SourceLocation>;
  /** The calibration the scenario rests on: the nearest file of `chain` that `kechuang calibrate` wrote, with its fit window and date. */
  calibration?: { file: string; from: number; until: number; written: string };
  /**
   * The last year of the model's observed data (its data file's `history:` series), when it has any:
   * years up to it are history, and a target counts as first met only in a later saved year.
   */
  lastDataYear?: number;
}
