import { describe, expect, it } from 'vitest';
// Worker threads run the compiled worker, so this file tests the built library (dist/, built before the tests).
import {
  compileExperiment,
  createShardExecutor,
  designBytes,
  factorSample,
  MemoryLimitError,
  outputColumn,
  runDesign,
  runScenario,
  sampledInputs,
  scenarioSample,
  uncertainFactors,
  type CompiledExperiment,
  type SampleMatrix,
} from '../../../dist/index.js';
import { loadScenarioOrThrow, reportFixture } from '../../helpers/report-fixtures.js';

const scenario = loadScenarioOrThrow(reportFixture('baseline.yaml'));

function compiled(variables?: readonly string[]): CompiledExperiment {
  const result = compileExperiment(scenario, variables === undefined ? {} : { variables });
  if (!result.ok) throw new Error('the scenario did not compile');
  return result.value;
}

async function runWith(workerCount: number, sample: SampleMatrix): Promise<Float64Array> {
  const executor = createShardExecutor(workerCount);
  try {
    const experiment = compiled(['population']);
    const ran = await runDesign(experiment, sample, { executor, memoryLimitBytes: 1e9 });
    if (!ran.ok) throw new Error('the design did not run');
    return Float64Array.from(outputColumn(experiment, ran.store, 'population', 2035));
  } finally {
    await executor.close();
  }
}

describe('runDesign()', () => {
  it("given the scenario's own sample, gives exactly the runs runScenario gives", async () => {
    const executor = createShardExecutor(1);
    try {
      const ran = await runScenario(scenario, { executor, engineVersion: '0.1.0', memoryLimitBytes: 1e9 });
      if (!ran.ok || !ran.value.ok) throw new Error('the scenario did not run');
      const expected = outputColumn(compiled(), ran.value.store!, 'population', 2035);
      expect(await runWith(1, scenarioSample(scenario))).toEqual(Float64Array.from(expected));
    } finally {
      await executor.close();
    }
  });

  it('gives the same numbers on 1, 2 and 3 workers', async () => {
    const sample = scenarioSample(scenario);
    const one = await runWith(1, sample);
    expect(await runWith(2, sample)).toEqual(one);
    expect(await runWith(3, sample)).toEqual(one);
  });

  it('refuses a design over the memory limit before running, naming its shape', async () => {
    const experiment = compiled(['population']);
    const sample = scenarioSample(scenario);
    const needed = designBytes(experiment, sample.rowCount, sample);
    const executor = createShardExecutor(1);
    try {
      const refused = runDesign(experiment, sample, { executor, memoryLimitBytes: needed - 1 });
      await expect(refused).rejects.toBeInstanceOf(MemoryLimitError);
      await expect(refused).rejects.toMatchObject({
        neededBytes: needed,
        shape: { runCount: sample.rowCount, variableCount: 1 },
      });
    } finally {
      await executor.close();
    }
  });
});

describe('runDesign() with summaries', () => {
  it('summarises a store over the memory limit in passes over groups of columns, with the same numbers', async () => {
    const executor = createShardExecutor(2);
    try {
      const experiment = compiled();
      const sample = scenarioSample(scenario);
      const whole = await runDesign(experiment, sample, { executor, memoryLimitBytes: 1e9, summarize: true });
      // Room for three columns of runs beside the walked streams: passes of three columns each.
      const limit =
        designBytes(experiment, sample.rowCount, sample) - (columnCount(experiment) - 3) * sample.rowCount * 8;
      const passes = await runDesign(experiment, sample, { executor, memoryLimitBytes: limit, summarize: true });
      if (!whole.ok || !passes.ok) throw new Error('the design did not run');
      expect(passes.passCount).toBe(Math.ceil(columnCount(experiment) / 3));
      expect(passes.store).toBeUndefined();
      expect(passes.summaries).toEqual(whole.summaries);
      expect(passes.targetCounts).toEqual(whole.targetCounts);
      const refused = runDesign(experiment, sample, {
        executor,
        memoryLimitBytes: sample.rowCount * 8 - 1,
        summarize: true,
      });
      await expect(refused).rejects.toBeInstanceOf(MemoryLimitError);
    } finally {
      await executor.close();
    }
  });
});

const columnCount = (experiment: CompiledExperiment): number =>
  experiment.saveTimes.length * experiment.outputNames.length;

describe('factorSample()', () => {
  it('copies a factor probability into its columns and refuses one outside (0, 1)', () => {
    const factors = uncertainFactors(scenario);
    const sample = factorSample(scenario, { factors, rowCount: 1, probabilities: Float64Array.of(0.25, 0.75) });
    expect(Array.from(sample.probabilities)).toEqual([0.25, 0.75]);
    expect(sample.probabilities.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(() => factorSample(scenario, { factors, rowCount: 1, probabilities: Float64Array.of(0, 0.5) })).toThrow(
      /probability 0, outside \(0, 1\)/,
    );
    expect(() => factorSample(scenario, { factors, rowCount: 2, probabilities: Float64Array.of(0.5, 0.5) })).toThrow(
      /expected 2 rows x 2 factors/,
    );
  });
});

describe('sampledInputs()', () => {
  it("gives a row's values of the parameters it sets, by name, leaving out what a fixed value overrides", () => {
    const sample = factorSample(scenario, {
      factors: uncertainFactors(scenario),
      rowCount: 1,
      probabilities: Float64Array.of(0.5, 0.5),
    });
    const experiment = compiled();
    const inputs = sampledInputs(experiment, sample, 0);
    expect(Object.keys(inputs)).toEqual(['birth_rate', 'death_rate']);
    const fixed = compileExperiment({ ...scenario, set: new Map([['birth_rate', 0.02]]) });
    if (!fixed.ok) throw new Error('the scenario did not compile');
    expect(Object.keys(sampledInputs(fixed.value, sample, 0))).toEqual(['death_rate']);
  });
});
