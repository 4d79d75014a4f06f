import type { Result } from '../diagnostics/diagnostic.js';
import { failure, success } from '../diagnostics/diagnostic.js';
import type { SamplingDesign } from '../sampling/distribution-spec.js';
import type { ScenarioSpec, TargetSpec } from '../scenario/scenario-spec.js';
import { primBox, type PrimBox, type PrimOptions, type PrimStep } from './prim-box.js';
import { meetsTarget } from '../stats/evaluate-target.js';
import { compileExperiment } from '../experiment/compile-experiment.js';
import { outputColumn, runDesign, type RunDesignOptions, type ScenarioRunFailure } from '../experiment/run-design.js';
import { matrixColumn, sampleValues, scenarioSample } from '../experiment/sample-matrix.js';
import { uncertainFactors } from '../experiment/uncertain-factors.js';

/** What to discover: which targets, which class of runs, and how PRIM runs. */
export interface DiscoverQuery {
  /** Targets of the scenario; a run misses when it misses any of them. */
  targets: readonly TargetSpec[];
  /** In place of the target's own threshold (one target only). */
  threshold?: number;
  /** Look for the runs that meet every target instead of those that miss one. */
  met: boolean;
  prim: PrimOptions;
  /** Inputs PRIM may not bound: parameter names, or joint group names for all their members. */
  exclude?: readonly string[];
}

/** A target as discover judged it (its threshold possibly replaced). */
export interface DiscoveryTarget {
  id: string;
  variable: string;
  year: number;
  op: TargetSpec['op'];
  threshold: number;
}

/** An input PRIM could restrict: an uncertain parameter, with its joint group when it belongs to one. */
export interface DiscoveryInput {
  name: string;
  joint?: string;
  /** For a joint group's member: how many rows (refits) the group has. */
  jointRowCount?: number;
}

/** For a joint group the box bounds: how many of its rows (calibration refits) satisfy the box's bounds on its members. */
export interface JointRowsInBox {
  group: string;
  rowCount: number;
  rowsInBox: number;
}

/** What `discover` prints as JSON: the class, the box, and the peeling trajectory. */
export interface Discovery {
  scenario: string;
  targets: DiscoveryTarget[];
  class: 'missed' | 'met';
  runs: number;
  seed: number;
  sampling: SamplingDesign;
  /** Runs in the class. */
  classCount: number;
  inputs: DiscoveryInput[];
  /** Inputs left out of the box by `query.exclude` (parameter and joint group names, as given). */
  excluded: string[];
  options: PrimOptions;
  /** The reported box, bounds that do not matter dropped; null when no run or every run is in the class. */
  box: PrimBox | null;
  /** The chosen box before bounds were dropped. */
  peeledBox: PrimBox | null;
  trajectory: PrimStep[];
  /** Index of the chosen box in `trajectory`. */
  chosenStep: number | null;
  /** The density slack within which bounds were dropped (see `PrimResult.dropTolerance`). */
  dropTolerance: number | null;
  /** One entry per joint group with a member bounded by the box. */
  jointRows: JointRowsInBox[];
}

/** The rows of each joint group whose members' values all lie within the box's bounds on them. */
function jointRowsInBox(scenario: ScenarioSpec, box: PrimBox): JointRowsInBox[] {
  const rows: JointRowsInBox[] = [];
  for (const factor of uncertainFactors(scenario)) {
    if (factor.joint === undefined) continue;
    const bounded = factor.columns.flatMap((column, memberIndex) => {
      const restriction = box.restrictions.find((candidate) => candidate.name === factor.parameters[memberIndex]);
      const distribution = scenario.uncertainty.parameters[column]!.distribution;
      return restriction === undefined || distribution.dist !== 'empirical'
        ? []
        : [{ restriction, values: distribution.values }];
    });
    if (bounded.length === 0) continue;
    const rowCount = bounded[0]!.values.length;
    let rowsInBox = 0;
    for (let rowIndex = 0; rowIndex < rowCount; rowIndex++) {
      const kept = bounded.every(
        ({ restriction, values }) =>
          values[rowIndex]! >= (restriction.min ?? -Infinity) && values[rowIndex]! <= (restriction.max ?? Infinity),
      );
      if (kept) rowsInBox++;
    }
    rows.push({ group: factor.joint, rowCount, rowsInBox });
  }
  return rows;
}

/** A discovery, or the first run that produced NaN or infinity. */
export type DiscoveryOutcome = { ok: true; discovery: Discovery } | { ok: false; failure: ScenarioRunFailure };

/**
 * Scenario discovery (Bryant & Lempert 2010): run the scenario's own Monte Carlo sample (its seed, run
 * count and design, `set` and policies applied, so every run is the run `kechuang run` makes), mark the
 * runs that miss any of the query's targets (or, with `met`, that meet all of them), and find with PRIM
 * (`primBox`) the box of uncertain-input ranges in which those runs are concentrated.
 *
 * The inputs are the scenario's uncertain parameters not overridden by `set` or a policy, each by its
 * value in the run. The members of a `joint` group (calibration refits) are inputs each, by value:
 * they move together (one refit per run), so a bound on one of them selects refits, and it is read as
 * "in the refits where that parameter is below x" (`jointRows` counts the rows a box keeps). Inputs named in
 * `query.exclude` (or whose joint group is) still vary but may not be bounded. Runs go through `runDesign` with the scenario's
 * probability matrix, so the numbers do not depend on the worker count.
 */
export async function discoverScenarios(
  scenario: ScenarioSpec,
  query: DiscoverQuery,
  options: RunDesignOptions,
): Promise<Result<DiscoveryOutcome>> {
  if (query.targets.length === 0) throw new RangeError('query.targets must name at least one target');
  if (query.threshold !== undefined && query.targets.length !== 1)
    throw new RangeError('query.threshold applies to exactly one target');
  const { runCount, seed, sampling, parameters } = scenario.uncertainty;
  const columnCount = parameters.length;
  const distributions = parameters.map((parameter) => parameter.distribution);
  const factors = uncertainFactors(scenario);
  if (factors.length === 0) throw new RangeError(`scenario ${scenario.name} has no uncertain input to discover over`);
  const variables = query.targets.map((target) => target.variable);
  const compiled = compileExperiment(scenario, { variables });
  if (!compiled.ok) return failure(compiled.diagnostics);
  const experiment = compiled.value;
  const sample = scenarioSample(scenario);
  const ran = await runDesign(experiment, sample, options);
  if (!ran.ok) return success({ ok: false, failure: ran.failure });
  const store = ran.store;

  const targets: DiscoveryTarget[] = query.targets.map((target) => ({
    id: target.id,
    variable: target.variable,
    year: target.year,
    op: target.op,
    threshold: query.threshold ?? target.threshold,
  }));
  const inClass = new Uint8Array(runCount);
  for (const target of targets) {
    const values = outputColumn(experiment, store, target.variable, target.year);
    for (let runIndex = 0; runIndex < runCount; runIndex++)
      if (!meetsTarget(values[runIndex]!, target.op, target.threshold)) inClass[runIndex] = 1;
  }
  if (query.met) for (let runIndex = 0; runIndex < runCount; runIndex++) inClass[runIndex] = 1 - inClass[runIndex]!;
  const classCount = inClass.reduce((sum, value) => sum + value, 0);

  const matrix = sampleValues(scenario, sample);
  const inputs: DiscoveryInput[] = [];
  const excluded = new Set(query.exclude ?? []);
  const primInputs = factors.flatMap((factor) =>
    factor.columns.flatMap((column, memberIndex) => {
      if (excluded.has(factor.parameters[memberIndex]!) || (factor.joint !== undefined && excluded.has(factor.joint)))
        return [];
      const distribution = distributions[column]!;
      inputs.push({
        name: factor.parameters[memberIndex]!,
        ...(factor.joint === undefined ? {} : { joint: factor.joint }),
        ...(factor.joint !== undefined && distribution.dist === 'empirical'
          ? { jointRowCount: distribution.values.length }
          : {}),
      });
      return [
        {
          name: factor.parameters[memberIndex]!,
          values: matrixColumn(matrix, runCount, columnCount, column),
        },
      ];
    }),
  );
  const discovery: Discovery = {
    scenario: scenario.name,
    targets,
    class: query.met ? 'met' : 'missed',
    runs: runCount,
    seed,
    sampling,
    classCount,
    inputs,
    excluded: [...excluded],
    options: query.prim,
    box: null,
    peeledBox: null,
    trajectory: [],
    chosenStep: null,
    dropTolerance: null,
    jointRows: [],
  };
  if (classCount === 0 || classCount === runCount) return success({ ok: true, discovery });
  const found = primBox(primInputs, inClass, query.prim);
  const { box, peeledBox, trajectory, chosenStep, dropTolerance } = found;
  return success({
    ok: true,
    discovery: {
      ...discovery,
      box,
      peeledBox,
      trajectory,
      chosenStep,
      dropTolerance,
      jointRows: jointRowsInBox(scenario, box),
    },
  });
}
