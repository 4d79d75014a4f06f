import { describe, expect, it } from 'vitest';
import { compileExperiment } from '../../../src/experiment/compile-experiment.js';
import { reproduceRun } from '../../../src/experiment/reproduce-run.js';
import { outputColumn, runDesign, sampledInputs } from '../../../src/experiment/run-design.js';
import { scenarioSample } from '../../../src/experiment/sample-matrix.js';
import { createShardExecutor } from '../../../src/parallel/shard-executor.js';
import { loadScenarioOrThrow, reportFixture } from '../../helpers/report-fixtures.js';

const scenario = loadScenarioOrThrow(reportFixture('baseline.yaml'));

/** The experiment's population in 2035 and inputs of every run, as the Monte Carlo run computes them. */
async function monteCarlo(): Promise<{ population: Float64Array; inputs: (index: number) => Record<string, number> }> {
  const compiled = compileExperiment(scenario);
  if (!compiled.ok) throw new Error('the scenario did not compile');
  const sample = scenarioSample(scenario);
  const executor = createShardExecutor(1);
  try {
    const ran = await runDesign(compiled.value, sample, { executor, memoryLimitBytes: 1e9 });
    if (!ran.ok) throw new Error('the design did not run');
    return {
      population: Float64Array.from(outputColumn(compiled.value, ran.store, 'population', 2035)),
      inputs: (index) => sampledInputs(compiled.value, sample, index),
    };
  } finally {
    await executor.close();
  }
}

describe('reproduceRun()', () => {
  it('redoes a run of the experiment alone with the same inputs and bit-identical numbers', async () => {
    const { population, inputs } = await monteCarlo();
    for (const runIndex of [0, 1, 217, scenario.uncertainty.runCount - 1]) {
      const reproduced = reproduceRun(scenario, runIndex);
      if (!reproduced.ok) throw new Error('the run was not reproduced');
      const { parameters, result } = reproduced.value;
      expect(parameters).toEqual(inputs(runIndex));
      const column = result.outputNames.indexOf('population');
      const row = Array.from(result.times).indexOf(2035);
      expect(row).toBeGreaterThanOrEqual(0);
      expect(result.values[row * result.outputNames.length + column]).toBe(population[runIndex]);
    }
  });

  it('saves every stock, flow and auxiliary, not only the scenario outputs', () => {
    const reproduced = reproduceRun(scenario, 3);
    if (!reproduced.ok) throw new Error('the run was not reproduced');
    const { outputNames, times, values } = reproduced.value.result;
    expect(outputNames).toEqual(expect.arrayContaining(['population', 'net_growth_rate']));
    expect(outputNames.length).toBeGreaterThan(scenario.outputs.length);
    expect(values).toHaveLength(times.length * outputNames.length);
  });

  it('leaves out of the inputs a parameter that a fixed value overrides', () => {
    const reproduced = reproduceRun({ ...scenario, set: new Map([['birth_rate', 0.02]]) }, 5);
    if (!reproduced.ok) throw new Error('the run was not reproduced');
    expect(Object.keys(reproduced.value.parameters)).toEqual(['death_rate']);
  });

  it('refuses a run index outside the experiment', () => {
    const last = scenario.uncertainty.runCount - 1;
    for (const runIndex of [-1, last + 1, 1.5, Number.NaN])
      expect(() => reproduceRun(scenario, runIndex)).toThrow(`runIndex must be an integer in [0, ${last}]`);
  });
});
