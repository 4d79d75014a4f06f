import type { SourceLocation } from '../diagnostics/diagnostic.js';
import type { SamplingDesign } from '../sampling/distribution-spec.js';
import type { PolicySpec, TargetSpec, UncertainParameter } from './scenario-spec.js';

/** Where a field was written: its location and its field path in the file that wrote it. */
export interface FieldPlace {
  location: SourceLocation;
  /** As diagnostics show it: `targets[2].year`, `set.gdp_growth_base`. */
  field: string;
}

/** A value with the place it was written. */
export interface Placed<T> {
  value: T;
  place: FieldPlace;
}

/** One `set` entry. */
export interface ScenarioSetting {
  name: string;
  value: number;
  /** The name's key. */
  key: FieldPlace;
  /** The number. */
  valuePlace: FieldPlace;
}

/** One `policies` entry. */
export interface ScenarioPolicy {
  spec: PolicySpec;
  key: FieldPlace;
  /** Where each point's value is, in the order of `spec.points`. */
  pointPlaces: readonly FieldPlace[];
}

/** One `uncertainty.parameters` entry. */
export interface ScenarioDistribution {
  spec: UncertainParameter;
  key: FieldPlace;
}

/** One complete `targets` item. */
export interface ScenarioTarget {
  spec: TargetSpec;
  /** The item as a whole. */
  item: FieldPlace;
  variable: FieldPlace;
  year: FieldPlace;
  /** The `at_least` or `at_most` value. */
  threshold: FieldPlace;
  /** The unit the threshold is written in, when the target states one (`unit: 万亿元`). */
  unit?: Placed<string>;
}

/** What `kechuang calibrate` records of a fit in the file it writes (`calibration:`), for `run` to say. */
export interface CalibrationRecord {
  /** First and last year of the data fitted. */
  from: number;
  until: number;
  /** The day the file was written, `YYYY-MM-DD`. */
  written: string;
}

/** The `outputs` list. */
export interface ScenarioOutputs {
  place: FieldPlace;
  names: readonly Placed<string>[];
}

/**
 * Names and years from entries that could not be read whole (a `set` entry with a wrong value, a policy
 * without points, a target without a bound, ...): they are still checked against the model, so that a
 * file's every problem is reported at once.
 */
export interface PartialEntries {
  /** Keys of `set`, `policies` and `uncertainty.parameters` entries. */
  parameterNames: readonly Placed<string>[];
  /** Targets' `variable` values. */
  variables: readonly Placed<string>[];
  /** Targets' `year` values. */
  years: readonly Placed<number>[];
}

/**
 * What one scenario file says, before `extends` is resolved: each field that was written and read
 * cleanly, with where it was written. Fields with problems are left out (their diagnostics say why).
 */
export interface ScenarioFile {
  file: string;
  name: Placed<string> | undefined;
  doc: string | undefined;
  /** The narrative: what the scenario assumes and why. Not inherited. */
  description: string | undefined;
  /** The model's path, joined to this file's folder. */
  model: Placed<string> | undefined;
  /** The extended scenario's path, joined to this file's folder. */
  extends: Placed<string> | undefined;
  /** `time.start`: when the scenario starts the model, if not at the model's start. */
  start: Placed<number> | undefined;
  set: ReadonlyMap<string, ScenarioSetting>;
  policies: ReadonlyMap<string, ScenarioPolicy>;
  runCount: Placed<number> | undefined;
  seed: Placed<number> | undefined;
  sampling: Placed<SamplingDesign> | undefined;
  /** In the order they are written. */
  parameters: ReadonlyMap<string, ScenarioDistribution>;
  /** In the order they are written; ids are unique within the file. */
  targets: readonly ScenarioTarget[];
  outputs: ScenarioOutputs | undefined;
  /** Written by `kechuang calibrate`: the fit window and date. */
  calibration?: CalibrationRecord;
  partial: PartialEntries;
}
