import type { Result } from '../diagnostics/diagnostic.js';
import { failure, success } from '../diagnostics/diagnostic.js';
import type { ShardExecutor } from '../parallel/shard-executor.js';
import type { RunStore } from '../runtime/run-store.js';
import type { SamplingDesign } from '../sampling/distribution-spec.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { withOverrides } from '../scenario/with-overrides.js';
import { partialRankCorrelation } from '../stats/partial-rank-correlation.js';
import { elementaryEffects } from './elementary-effects.js';
import { morrisDesign } from './morris-design.js';
import { compileExperiment } from '../experiment/compile-experiment.js';
import { outputColumn, runDesign, type ScenarioRunFailure } from '../experiment/run-design.js';
import {
  factorSample,
  matrixColumn,
  sampleValues,
  scenarioSample,
  type SampleMatrix,
} from '../experiment/sample-matrix.js';
import { uncertainFactors, type UncertainFactor } from '../experiment/uncertain-factors.js';
import { saltelliDesign } from './saltelli-design.js';
import { sobolIndices } from './sobol-indices.js';

/** The three ways `sensitivityAnalysis` ranks a scenario's uncertain inputs. */
export type SensitivityMethod = 'prcc' | 'sobol' | 'morris';

/** Every method, in the order the command line lists them. */
export const sensitivityMethods: readonly SensitivityMethod[] = ['prcc', 'sobol', 'morris'];

/** Base samples N of a Sobol analysis when none is given: N (k + 2) runs. */
export const defaultSobolSamples = 4096;
/** Trajectories r of a Morris analysis when none is given: r (k + 1) runs. */
export const defaultMorrisTrajectories = 50;
/** Grid levels p of a Morris analysis (Morris 1991 and Saltelli et al. 2004 recommend p = 4). */
export const defaultMorrisLevels = 4;
/** Bootstrap resamples behind a Sobol index's interval when none is given. */
export const defaultSobolResamples = 200;

/** One input's partial rank correlation with an output. */
export interface PrccEntry {
  name: string;
  prcc: number;
  p_value: number;
}

/** One factor's Sobol indices; `members` lists a joint group's parameters. */
export interface SobolEntry {
  name: string;
  S1: number;
  S1_conf: number;
  ST: number;
  ST_conf: number;
  members?: string[];
}

/** One factor's Morris statistics; `members` lists a joint group's parameters. */
export interface MorrisEntry {
  name: string;
  mu_star: number;
  sigma: number;
  mu: number;
  members?: string[];
}

/** The inputs ranked for one output: a variable in one saved year, most important first. */
export interface SensitivityOutput<Entry> {
  variable: string;
  year: number;
  /** The ids of the scenario's targets on this variable and year (empty for the other years of `--every-year`). */
  targets: string[];
  /** True when the output took one value in every run: then every index is 0. */
  constant?: true;
  parameters: Entry[];
}

interface SensitivityCommon {
  scenario: string;
  seed: number;
  /** N for Sobol (base samples), r for Morris (trajectories), the run count for PRCC. */
  samples: number;
  /** How many times the model ran. */
  runs: number;
  /** The factors varied: a single parameter, or a joint group with its members. */
  factors: { name: string; parameters: string[] }[];
}

/** PRCC's result: each output's inputs by |prcc|. */
export interface PrccResult extends SensitivityCommon {
  method: 'prcc';
  sampling: SamplingDesign;
  /** Factors varied in the runs but not rank-correlated: joint groups (see `sensitivityAnalysis`). */
  leftOut: { name: string; parameters: string[] }[];
  outputs: SensitivityOutput<PrccEntry>[];
}

/** Sobol's result: each output's factors by ST. */
export interface SobolResult extends SensitivityCommon {
  method: 'sobol';
  sampling: SamplingDesign;
  /** Bootstrap resamples behind each `_conf`, and what `_conf` is. */
  resamples: number;
  interval: string;
  outputs: SensitivityOutput<SobolEntry>[];
}

/** Morris's result: each output's factors by mu*. */
export interface MorrisResult extends SensitivityCommon {
  method: 'morris';
  levels: number;
  delta: number;
  outputs: SensitivityOutput<MorrisEntry>[];
}

/** What `sensitivityAnalysis` finds, by method. */
export type SensitivityResult = PrccResult | SobolResult | MorrisResult;

/** The analysis, or the first run that produced NaN or infinity (its row of the design). */
export type SensitivityOutcome =
  { ok: true; result: SensitivityResult } | { ok: false; failure: ScenarioRunFailure; store: RunStore };

/** What to analyse and how to run it; only `method`, `sampleCount`, `everyYear`, `levelCount` and `bootstrapCount` change the numbers. */
export interface SensitivityOptions {
  method: SensitivityMethod;
  /** PRCC: runs (default the scenario's); Sobol: base samples N (default 4096); Morris: trajectories r (default 50). */
  sampleCount?: number;
  /** Rank for every saved year of each target's variable, not only the target's year. */
  everyYear?: boolean;
  /** Morris grid levels p (default 4). */
  levelCount?: number;
  /** Sobol bootstrap resamples (default 200). */
  bootstrapCount?: number;
  executor: ShardExecutor;
  memoryLimitBytes: number;
  onProgress?: (completedRuns: number) => void;
  signal?: AbortSignal;
}

/** The outputs analysed: each target's (variable, year), or with `everyYear` each target variable in every saved year. */
export function sensitivityOutputs(
  scenario: ScenarioSpec,
  everyYear: boolean,
): { variable: string; year: number; targets: string[] }[] {
  const outputs: { variable: string; year: number; targets: string[] }[] = [];
  const find = (variable: string, year: number) =>
    outputs.find((output) => output.variable === variable && output.year === year);
  if (everyYear) {
    const { start, stop, saveEvery } = scenario.model.time;
    const saveCount = Math.floor((stop - start) / saveEvery + 1e-9) + 1;
    for (const variable of new Set(scenario.targets.map((target) => target.variable))) {
      for (let saveIndex = 0; saveIndex < saveCount; saveIndex += 1)
        outputs.push({ variable, year: start + saveIndex * saveEvery, targets: [] });
    }
  }
  for (const target of scenario.targets) {
    const existing = find(target.variable, target.year);
    if (existing !== undefined) existing.targets.push(target.id);
    else outputs.push({ variable: target.variable, year: target.year, targets: [target.id] });
  }
  return outputs;
}

/** The sample count a method uses when none is given. */
export function defaultSampleCount(scenario: ScenarioSpec, method: SensitivityMethod): number {
  return method === 'prcc'
    ? scenario.uncertainty.runCount
    : method === 'sobol'
      ? defaultSobolSamples
      : defaultMorrisTrajectories;
}

/** The factors PRCC rank-correlates: the single parameters (a joint group's members are not monotone in its shared draw). */
export function prccFactors(factors: readonly UncertainFactor[]): UncertainFactor[] {
  return factors.filter((factor) => factor.joint === undefined);
}

const describeFactor = (factor: UncertainFactor): { name: string; parameters: string[] } => ({
  name: factor.name,
  parameters: [...factor.parameters],
});
const membersOf = (factor: UncertainFactor): { members?: string[] } =>
  factor.joint === undefined ? {} : { members: [...factor.parameters] };

function isConstant(values: ArrayLike<number>): boolean {
  for (let index = 1; index < values.length; index += 1) if (values[index] !== values[0]) return false;
  return true;
}

/** Sort by `key` descending; ties keep factor order (Array.prototype.sort is stable). */
const byImportance = <Entry>(entries: Entry[], key: (entry: Entry) => number): Entry[] =>
  entries.sort((left, right) => key(right) - key(left));

/**
 * Rank a scenario's uncertain inputs by their effect on each target's variable in the target's year
 * (with `everyYear`, in every saved year), by one of three methods. Fixed values and policies apply as
 * in `runScenario`; runs go across the executor's workers and the numbers never depend on their count.
 *
 * - `prcc`: partial rank correlation (`partialRankCorrelation`) of each single uncertain parameter
 *   with the output over the scenario's own Monte Carlo runs (its seed, sampling and run count, or
 *   `sampleCount` runs), so the runs are those `kechuang run` makes. A joint group (calibration refits
 *   drawn together) still varies in the runs but is left out of the correlation and listed in
 *   `leftOut`: its members are not monotone in the shared draw, so a rank correlation with it has no
 *   meaning; Sobol and Morris rank it as one factor.
 * - `sobol`: first-order and total indices (`sobolIndices`) over a `saltelliDesign` of N = `sampleCount`
 *   base samples drawn with the scenario's sampling and seed, N (k + 2) runs; intervals from
 *   `bootstrapCount` resamples seeded by the scenario's seed.
 * - `morris`: elementary effects (`elementaryEffects`) over r = `sampleCount` trajectories of a
 *   p = `levelCount` grid (`morrisDesign`), r (k + 1) runs.
 *
 * Sobol and Morris vary `uncertainFactors(scenario)`: each joint group moves as one factor. Each
 * output's parameters come most important first (by |prcc|, ST or mu*; ties in factor order).
 * Throws `RangeError` for a scenario with no uncertain factor or no target, or a sample count the
 * method cannot use.
 */
export async function sensitivityAnalysis(
  scenario: ScenarioSpec,
  options: SensitivityOptions,
): Promise<Result<SensitivityOutcome>> {
  const factors = uncertainFactors(scenario);
  if (factors.length === 0) throw new RangeError(`scenario ${scenario.name} has no uncertain input that varies`);
  const outputs = sensitivityOutputs(scenario, options.everyYear === true);
  if (outputs.length === 0) throw new RangeError(`scenario ${scenario.name} states no targets`);
  const { method } = options;
  const samples = options.sampleCount ?? defaultSampleCount(scenario, method);
  if (!Number.isSafeInteger(samples) || samples < 2)
    throw new RangeError(`options.sampleCount must be an integer of at least 2, found ${samples}`);
  const { seed, sampling } = scenario.uncertainty;
  const runOptions = {
    executor: options.executor,
    memoryLimitBytes: options.memoryLimitBytes,
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  const variables = [...new Set(outputs.map((output) => output.variable))];
  const common = { scenario: scenario.name, seed, samples, factors: factors.map(describeFactor) };
  const compiled = compileExperiment(scenario, { variables });
  if (!compiled.ok) return failure(compiled.diagnostics);
  const experiment = compiled.value;
  const run = (sample: SampleMatrix) => runDesign(experiment, sample, runOptions);
  const column = (store: RunStore, output: { variable: string; year: number }): Float64Array =>
    outputColumn(experiment, store, output.variable, output.year);
  /** Each output's factors with their statistics (`statistics` gives them in factor order), most important first. */
  const rankFactors = <Statistics extends object>(
    store: RunStore,
    statistics: (values: Float64Array) => Statistics[],
    importance: (entry: Statistics) => number,
  ): SensitivityOutput<Statistics & { name: string; members?: string[] }>[] =>
    outputs.map((output) => {
      const values = column(store, output);
      const computed = statistics(values);
      const parameters = factors.map((factor, index) => ({
        name: factor.name,
        ...computed[index]!,
        ...membersOf(factor),
      }));
      return {
        ...output,
        ...(isConstant(values) ? { constant: true as const } : {}),
        parameters: byImportance(parameters, importance),
      };
    });

  if (method === 'prcc') {
    const ranked = prccFactors(factors);
    if (ranked.length === 0)
      throw new RangeError(`scenario ${scenario.name} has no uncertain input outside joint groups to rank-correlate`);
    if (samples < ranked.length + 2)
      throw new RangeError(
        `options.sampleCount must be more than ${ranked.length + 1} for partial rank correlation of ${ranked.length} inputs, found ${samples}`,
      );
    const sample = scenarioSample(withOverrides(scenario, { runCount: samples }));
    const ran = await run(sample);
    if (!ran.ok) return success(ran);
    const store = ran.store;
    const values = sampleValues(scenario, sample);
    const columnCount = scenario.uncertainty.parameters.length;
    const inputs = ranked.map((factor) => matrixColumn(values, samples, columnCount, factor.columns[0]!));
    const result: PrccResult = {
      method,
      ...common,
      sampling,
      runs: samples,
      leftOut: factors.filter((factor) => factor.joint !== undefined).map(describeFactor),
      outputs: outputs.map((output) => {
        const outputs = column(store, output);
        if (isConstant(outputs))
          return {
            ...output,
            constant: true,
            parameters: ranked.map((factor) => ({ name: factor.name, prcc: 0, p_value: 1 })),
          };
        const correlations = partialRankCorrelation(inputs, outputs);
        const parameters = ranked.map((factor, index) => ({
          name: factor.name,
          prcc: correlations[index]!.coefficient,
          p_value: correlations[index]!.pValue,
        }));
        return { ...output, parameters: byImportance(parameters, (entry) => Math.abs(entry.prcc)) };
      }),
    };
    return success({ ok: true, result });
  }

  if (method === 'sobol') {
    const bootstrapCount = options.bootstrapCount ?? defaultSobolResamples;
    const probabilities = saltelliDesign({
      factorNames: factors.map((factor) => factor.name),
      sampleCount: samples,
      seed,
      sampling,
    });
    const rowCount = samples * (factors.length + 2);
    const ran = await run(factorSample(scenario, { factors, rowCount, probabilities }));
    if (!ran.ok) return success(ran);
    const store = ran.store;
    const result: SobolResult = {
      method,
      ...common,
      sampling,
      runs: rowCount,
      resamples: bootstrapCount,
      interval: `95% normal interval half-width: 1.96 x the standard deviation of ${bootstrapCount} bootstrap resamples`,
      outputs: rankFactors(
        store,
        (values) => sobolIndices(values, factors.length, samples, { bootstrapCount, seed }),
        (entry) => entry.ST,
      ),
    };
    return success({ ok: true, result });
  }

  const levelCount = options.levelCount ?? defaultMorrisLevels;
  const design = morrisDesign({ factorCount: factors.length, trajectoryCount: samples, levelCount, seed });
  const rowCount = samples * (factors.length + 1);
  const ran = await run(factorSample(scenario, { factors, rowCount, probabilities: design.probabilities }));
  if (!ran.ok) return success(ran);
  const store = ran.store;
  const result: MorrisResult = {
    method,
    ...common,
    runs: rowCount,
    levels: levelCount,
    delta: design.delta,
    outputs: rankFactors(
      store,
      (values) => elementaryEffects(values, design),
      (entry) => entry.mu_star,
    ),
  };
  return success({ ok: true, result });
}
