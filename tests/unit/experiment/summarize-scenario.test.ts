import { describe, expect, it } from 'vitest';
import { compileExperiment, type CompiledExperiment } from '../../../src/experiment/compile-experiment.js';
import { outputColumn, runDesign, type DesignRuns } from '../../../src/experiment/run-design.js';
import { scenarioSample } from '../../../src/experiment/sample-matrix.js';
import { scenarioProvenance, summarizeScenario } from '../../../src/experiment/summarize-scenario.js';
import { createShardExecutor } from '../../../src/parallel/shard-executor.js';
import type { ScenarioSpec } from '../../../src/scenario/scenario-spec.js';
import { loadScenarioOrThrow, reportFixture } from '../../helpers/report-fixtures.js';

const baseline = loadScenarioOrThrow(reportFixture('baseline.yaml'));
const engine = { version: '1.2.3', workers: 1, wallSeconds: 0.5 };

function compiled(scenario: ScenarioSpec): CompiledExperiment {
  const result = compileExperiment(scenario);
  if (!result.ok) throw new Error('the scenario did not compile');
  return result.value;
}

async function summarizedRuns(experiment: CompiledExperiment): Promise<DesignRuns> {
  const executor = createShardExecutor(1);
  try {
    const ran = await runDesign(experiment, scenarioSample(experiment.scenario), {
      executor,
      memoryLimitBytes: 1e9,
      summarize: true,
    });
    if (!ran.ok || ran.store === undefined) throw new Error('the design did not run with its store');
    return { ...ran, store: ran.store };
  } finally {
    await executor.close();
  }
}

describe('summarizeScenario()', () => {
  it("gives each target's share of runs meeting it and its band, counted from the runs themselves", async () => {
    const experiment = compiled(baseline);
    const runs = await summarizedRuns(experiment);
    const summary = summarizeScenario(experiment, runs, engine);
    expect(summary).toMatchObject({ scenario: 'baseline', runs: 400, seed: 42, sampling: 'lhs', engine });
    const [population, growth] = summary.targets;
    const column = Array.from(outputColumn(experiment, runs.store, 'population', 2035));
    expect(population).toMatchObject({ id: 'population_2035', variable: 'population', year: 2035, op: '>=' });
    expect(population!.threshold).toBe(10.3);
    expect(population!.probability).toBe(column.filter((value) => value >= 10.3).length / 400);
    const sorted = [...column].sort((a, b) => a - b);
    expect(population!.p50).toBeGreaterThanOrEqual(sorted[199]!);
    expect(population!.p50).toBeLessThanOrEqual(sorted[200]!);
    expect(population!.p5).toBeGreaterThanOrEqual(sorted[0]!);
    expect(population!.p5).toBeLessThan(population!.p50);
    expect(population!.p95).toBeGreaterThan(population!.p50);
    expect(population!.p95).toBeLessThanOrEqual(sorted[399]!);
    const growthColumn = Array.from(outputColumn(experiment, runs.store, 'net_growth_rate', 2030));
    expect(growth!.probability).toBe(growthColumn.filter((value) => value >= 0.002).length / 400);
    expect(growth).not.toHaveProperty('note');
  });

  it("gives each output's mean and band at every saved time", async () => {
    const experiment = compiled(baseline);
    const runs = await summarizedRuns(experiment);
    const { series } = summarizeScenario(experiment, runs, engine);
    expect(Object.keys(series)).toEqual(['population', 'net_growth_rate']);
    const population = series.population!;
    expect(population.time).toEqual(Array.from(runs.store.saveTimes));
    const index2035 = population.time.indexOf(2035);
    const column = Array.from(outputColumn(experiment, runs.store, 'population', 2035));
    expect(population.mean[index2035]).toBeCloseTo(column.reduce((sum, value) => sum + value, 0) / 400, 10);
    for (const band of [population.mean, population.p5, population.p50, population.p95])
      expect(band).toHaveLength(population.time.length);
    population.time.forEach((_time, index) => {
      expect(population.p5[index]).toBeLessThanOrEqual(population.p50[index]!);
      expect(population.p50[index]).toBeLessThanOrEqual(population.p95[index]!);
    });
  });

  it("keeps a target's note", async () => {
    const noted = { ...baseline, targets: baseline.targets.map((target) => ({ ...target, note: 'a caveat' })) };
    const experiment = compiled(noted);
    const summary = summarizeScenario(experiment, await summarizedRuns(experiment), engine);
    expect(summary.targets.map((target) => target.note)).toEqual(['a caveat', 'a caveat']);
  });
});

describe('scenarioProvenance()', () => {
  it('names the files and hashes, the fixed values, what was sampled and whether a fixed value or policy overrode it', () => {
    const scenario: ScenarioSpec = {
      ...baseline,
      set: new Map([['death_rate', 0.005]]),
      policies: [
        {
          name: 'birth_rate',
          interpolate: 'linear',
          points: [{ time: 2020, value: 0.006 }],
          location: { file: baseline.file, line: 1, column: 1 },
        },
      ],
    };
    expect(scenarioProvenance(compiled(scenario))).toEqual({
      scenarioFile: baseline.file,
      scenarioChain: [...baseline.chain],
      scenarioHash: baseline.scenarioHash,
      modelFile: baseline.modelFile,
      modelHash: baseline.modelHash,
      set: { death_rate: 0.005 },
      uncertain: [
        { name: 'birth_rate', dist: 'triangular', overridden: true },
        { name: 'death_rate', dist: 'uniform', overridden: true },
      ],
      policies: ['birth_rate'],
    });
    expect(scenarioProvenance(compiled(baseline)).uncertain.map((entry) => entry.overridden)).toEqual([false, false]);
  });
});
