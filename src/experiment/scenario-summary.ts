import type { SamplingDesign } from '../sampling/distribution-spec.js';
import type { FirstMet } from '../stats/evaluate-target.js';

/** A variable's mean and percentile band at each saved time. */
export interface SeriesSummary {
  time: number[];
  mean: number[];
  p5: number[];
  p50: number[];
  p95: number[];
}

/** How an "about" target was read and how the runs fall against its band. */
export interface TargetAboutSummary {
  /** The value the plan states. */
  stated: number;
  tolerance: number;
  lower: number;
  upper: number;
  /** Which share `probability` is: runs at least the lower edge (`at_least`) or at most the upper edge (`at_most`). */
  reading: 'at least the lower edge' | 'at most the upper edge';
  /** Share of runs inside the band, bounds included, in the target's year. */
  withinProbability: number;
}

/** One target over all runs. */
export interface TargetSummary {
  id: string;
  variable: string;
  year: number;
  op: '>=' | '<=';
  threshold: number;
  /** Share of runs meeting the target in its year. */
  probability: number;
  /** The variable's percentiles in the target's year. */
  p5: number;
  p50: number;
  p95: number;
  /** When runs first meet it. */
  firstMet: FirstMet;
  /**
   * For a target stated as "about" a value: the band, the reading `probability` uses (runs at or beyond
   * the band's near edge, which is `threshold`) and the share of runs inside the band.
   */
  about?: TargetAboutSummary;
  /** The scenario's caveat on this target, when it has one. */
  note?: string;
  /** The unit the scenario states the threshold in, when it states one (`threshold` is in the variable's unit). */
  unit?: string;
}

/** Everything needed to reproduce a summary from its file alone. */
export interface Provenance {
  scenarioFile: string;
  /** Every scenario file read, the given one first, then what it extends. */
  scenarioChain: string[];
  scenarioHash: string;
  modelFile: string;
  modelHash: string;
  /** Fixed parameter values in effect, the command line's included. */
  set: Record<string, number>;
  /** The uncertain parameters in sample-matrix column order, and whether a fixed value overrode each. */
  uncertain: { name: string; dist: string; overridden: boolean }[];
  policies: string[];
}

/** `run`'s result: the contract of `summary.json` (DESIGN.md), plus provenance and when targets are first met. */
export interface ScenarioSummary {
  scenario: string;
  model: string;
  runs: number;
  seed: number;
  sampling: SamplingDesign;
  engine: { version: string; workers: number; wallSeconds: number };
  provenance: Provenance;
  /** The last year of observed data: years up to it are history in the series, and "first met" counts only later years. */
  lastDataYear?: number;
  /** The calibration the scenario rests on (its file, fit window and date), when `kechuang calibrate` recorded them. */
  calibration?: { file: string; from: number; until: number; written: string };
  targets: TargetSummary[];
  series: Record<string, SeriesSummary>;
}
