import { describe, expect, it } from 'vitest';
// Worker threads run the compiled worker, so this file tests the built library (dist/, built before the tests).
import {
  createShardExecutor,
  designOutput,
  runDesign,
  runScenario,
  scenarioSampleDesign,
  uncertainFactors,
  type FactorDesign,
} from '../../../dist/index.js';
import { designSampleMatrix } from '../../../src/analysis/run-design.js';
import type { ScenarioSpec } from '../../../dist/index.js';
import { loadScenarioOrThrow, reportFixture } from '../../helpers/report-fixtures.js';

const scenario = loadScenarioOrThrow(reportFixture('baseline.yaml'));

const ownDesign = (spec: ScenarioSpec): FactorDesign => scenarioSampleDesign(spec).design;

async function runWith(workerCount: number, design: FactorDesign): Promise<Float64Array> {
  const executor = createShardExecutor(workerCount);
  try {
    const ran = await runDesign(scenario, design, ['population'], { executor, memoryLimitBytes: 1e9 });
    if (!ran.ok || !ran.value.ok) throw new Error('the design did not run');
    return Float64Array.from(designOutput(ran.value.store, scenario, 'population', 2035));
  } finally {
    await executor.close();
  }
}

describe('runDesign()', () => {
  it("given the scenario's own sample matrix, gives exactly the runs runScenario gives", async () => {
    const executor = createShardExecutor(1);
    try {
      const ran = await runScenario(scenario, { executor, engineVersion: '0.1.0', memoryLimitBytes: 1e9 });
      if (!ran.ok) throw new Error('the scenario did not run');
      const store = ran.value.store;
      const expected = designOutput(store, scenario, 'population', 2035);
      expect(await runWith(1, ownDesign(scenario))).toEqual(Float64Array.from(expected));
    } finally {
      await executor.close();
    }
  });

  it('gives the same numbers on 1, 2 and 3 workers', async () => {
    const design = ownDesign(scenario);
    const one = await runWith(1, design);
    expect(await runWith(2, design)).toEqual(one);
    expect(await runWith(3, design)).toEqual(one);
  });
});

describe('designSampleMatrix()', () => {
  it('copies a factor probability into its columns and refuses one outside (0, 1)', () => {
    const factors = uncertainFactors(scenario);
    expect(
      Array.from(designSampleMatrix(scenario, { factors, rowCount: 1, probabilities: Float64Array.of(0.25, 0.75) })),
    ).toEqual([0.25, 0.75]);
    expect(() =>
      designSampleMatrix(scenario, { factors, rowCount: 1, probabilities: Float64Array.of(0, 0.5) }),
    ).toThrow(/probability 0, outside \(0, 1\)/);
    expect(() =>
      designSampleMatrix(scenario, { factors, rowCount: 2, probabilities: Float64Array.of(0.5, 0.5) }),
    ).toThrow(/expected 2 rows x 2 factors/);
  });
});
