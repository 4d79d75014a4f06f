import { nameRecord } from '../model/name-record.js';
import { columnIndex, type RunStore } from '../runtime/run-store.js';
import type { TargetAbout, TargetSpec } from '../scenario/scenario-spec.js';
import { targetCountWidth, targetOutcome, type TargetOutcome } from '../stats/evaluate-target.js';
import { unpackSummary } from '../stats/summarize-columns.js';
import type { CompiledExperiment } from './compile-experiment.js';
import type { SummarizedRuns } from './run-design.js';
import type {
  Provenance,
  ScenarioSummary,
  SeriesSummary,
  TargetAboutSummary,
  TargetSummary,
} from './scenario-summary.js';

/** What a summary needs of the store's shape: its saved times (the store itself may not be kept). */
type StoreShape = Pick<RunStore, 'saveCount' | 'saveTimes' | 'variableNames'>;

function seriesOf(store: StoreShape, summaries: Float64Array, variableIndex: number): SeriesSummary {
  const series: SeriesSummary = { time: Array.from(store.saveTimes), mean: [], p5: [], p50: [], p95: [] };
  for (let saveIndex = 0; saveIndex < store.saveCount; saveIndex++) {
    const summary = unpackSummary(summaries, columnIndex(store, variableIndex, saveIndex));
    series.mean.push(summary.mean);
    series.p5.push(summary.p5);
    series.p50.push(summary.p50);
    series.p95.push(summary.p95);
  }
  return series;
}

/** An "about" target's band, the reading its probability uses, and the share of runs inside the band. */
function aboutSummary(about: TargetAbout, op: TargetSpec['op'], outcome: TargetOutcome): TargetAboutSummary {
  return {
    stated: about.stated,
    tolerance: about.tolerance,
    lower: about.lower,
    upper: about.upper,
    reading: op === '>=' ? 'at least the lower edge' : 'at most the upper edge',
    withinProbability: outcome.withinProbability ?? Number.NaN,
  };
}

/** Where the numbers came from: files and their hashes, fixed values, and what was sampled. */
export function scenarioProvenance(experiment: CompiledExperiment): Provenance {
  const { scenario } = experiment;
  return {
    scenarioFile: scenario.file,
    scenarioChain: [...scenario.chain],
    scenarioHash: scenario.scenarioHash,
    modelFile: scenario.modelFile,
    modelHash: scenario.modelHash,
    set: nameRecord(scenario.set),
    uncertain: scenario.uncertainty.parameters.map((parameter) => ({
      name: parameter.name,
      dist: parameter.distribution.dist,
      overridden:
        scenario.set.has(parameter.name) || scenario.policies.some((policy) => policy.name === parameter.name),
    })),
    policies: scenario.policies.map((policy) => policy.name),
  };
}

/** A scenario's summary (`summary.json`) from its summarised runs: each output's band, each target's odds. */
export function summarizeScenario(
  experiment: CompiledExperiment,
  runs: Pick<SummarizedRuns, 'summaries' | 'targetCounts'>,
  engine: ScenarioSummary['engine'],
): ScenarioSummary {
  const { scenario } = experiment;
  const { summaries, targetCounts } = runs;
  const store: StoreShape = {
    saveCount: experiment.saveTimes.length,
    saveTimes: experiment.saveTimes,
    variableNames: experiment.outputNames,
  };
  const { runCount, seed, sampling } = scenario.uncertainty;
  const series = nameRecord<SeriesSummary>();
  for (const name of scenario.outputs) series[name] = seriesOf(store, summaries, store.variableNames.indexOf(name));
  const targets: TargetSummary[] = scenario.targets.map((target, index) => {
    const query = experiment.targets[index]!;
    const offset = index * targetCountWidth(store.saveCount);
    const outcome = targetOutcome(targetCounts, runCount, store.saveTimes, offset, target.about !== undefined);
    const atYear = unpackSummary(summaries, columnIndex(store, query.variableIndex, query.saveIndex));
    return {
      id: target.id,
      variable: target.variable,
      year: target.year,
      op: target.op,
      threshold: target.threshold,
      probability: outcome.probability,
      p5: atYear.p5,
      p50: atYear.p50,
      p95: atYear.p95,
      firstMet:
        scenario.lastDataYear === undefined
          ? outcome.firstMet
          : { ...outcome.firstMet, countedAfter: scenario.lastDataYear },
      ...(target.about === undefined ? {} : { about: aboutSummary(target.about, target.op, outcome) }),
      ...(target.note === undefined ? {} : { note: target.note }),
      ...(target.unit === undefined ? {} : { unit: target.unit }),
    };
  });
  return {
    scenario: scenario.name,
    model: scenario.model.name,
    runs: runCount,
    seed,
    sampling,
    engine,
    provenance: scenarioProvenance(experiment),
    ...(scenario.lastDataYear === undefined ? {} : { lastDataYear: scenario.lastDataYear }),
    ...(scenario.calibration === undefined ? {} : { calibration: scenario.calibration }),
    targets,
    series,
  };
}
