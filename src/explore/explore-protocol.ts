import type { ScenarioSummary } from '../experiment/scenario-summary.js';

/**
 * What the explore page and its server say to each other: types only, shared by src/explore/ and the
 * page's source in web/ (which the bundler compiles for the browser).
 */

/** Where a slider's value comes from in the opened scenario. */
export type ControlGroup = 'policy' | 'set' | 'sampled' | 'model';

/** One slider: a parameter fixed at a value in every run, or a scenario policy's scale. */
export interface ExploreControl {
  /** The parameter's name, or the policy's (its parameter's) name for a policy scale. */
  name: string;
  kind: 'parameter' | 'policy-scale';
  group: ControlGroup;
  label: string;
  labelZh: string | undefined;
  unit: string | undefined;
  doc: string | undefined;
  /** The slider's ends: the declared range where there is one (see `rangeDeclared`). */
  min: number;
  max: number;
  step: number;
  /** False when the model declares no range: the slider spans a guess and the typed box takes any number. */
  rangeDeclared: boolean;
  /** The value in the opened scenario (its fixed value, the model's value, or 1 for a policy scale). */
  value: number;
  /** The scenario's distribution for a sampled parameter, as `describe` and the reports write it. */
  distribution: string | undefined;
  /** True when `kechuang calibrate` fits the parameter (`calibrate: true` in the model). */
  calibrated: boolean;
}

/** How the page shows one output's numbers: scaled, with a short unit, maybe as a percentage. */
export interface ExploreFormat {
  scale: number;
  unitShort: string;
  percent: boolean;
}

/** One output the page draws a fan chart of. */
export interface ExploreOutput {
  name: string;
  label: string;
  labelZh: string | undefined;
  format: ExploreFormat;
  /** Observed values from the model's data file, when it has them. */
  history: { years: number[]; values: number[] } | undefined;
}

/** Everything the page needs before the first run: the scenario, its sliders and its outputs. */
export interface ExploreConfig {
  scenario: string;
  model: string;
  /** The scenario file as opened (the path `kechuang run` takes). */
  file: string;
  runCount: number;
  seed: number;
  sampling: string;
  /** The run counts each view is summarised at, in order; the last is `runCount`. */
  steps: number[];
  controls: ExploreControl[];
  outputs: ExploreOutput[];
  /** Each target's variable format and labels, by target id. */
  targetFormats: Record<string, ExploreFormat>;
  targetLabels: Record<string, { label: string; labelZh: string | undefined }>;
}

/** What the page asks for: values as typed, by parameter name, and policy scales by policy name. */
export interface ViewRequest {
  session: string;
  /** Increases with each request of a session; updates carry it back. */
  sequence: number;
  values: Record<string, string>;
  scales: Record<string, string>;
}

/** A view's numbers over its first `runs` runs (the same shape `kechuang run --json` prints). */
export interface ViewUpdate {
  sequence: number;
  runs: number;
  /** True once `runs` is the scenario's run count: the numbers are `kechuang run`'s. */
  complete: boolean;
  summary: Pick<ScenarioSummary, 'runs' | 'seed' | 'targets' | 'series'>;
  /** The `kechuang run` command that gives these numbers (absent while a policy is scaled: see `saveNote`). */
  command: string | undefined;
  /** Milliseconds from the request's arrival to this update leaving the server. */
  serverMilliseconds: number;
}

/** A problem the page shows: bad values (also answered with HTTP 400) or a run that broke down. */
export interface ExploreProblem {
  sequence: number;
  code: string;
  /** The parameter or policy the problem is about, when there is one. */
  subject: string | undefined;
  message: string;
  hint: string | undefined;
}

/** One input's partial rank correlation with a target's variable in the target's year. */
export interface SensitivityBar {
  name: string;
  prcc: number;
  pValue: number;
}

/** PRCC over a view's runs so far, per target, with each target's tornado drawn as SVG. */
export interface ViewSensitivity {
  runs: number;
  targets: { id: string; variable: string; year: number; parameters: SensitivityBar[]; svg: string }[];
  /** Joint groups (calibration refits) vary in the runs but have no rank correlation. */
  leftOut: string[];
}

/** What "save as scenario" gives back. */
export interface SavedScenario {
  /** Where the server wrote the file. */
  file: string;
  fileName: string;
  text: string;
  /** `kechuang run <file>`. */
  runCommand: string;
  /** The same view through `--set` on the opened file; absent when a policy is scaled. */
  setCommand: string | undefined;
}
