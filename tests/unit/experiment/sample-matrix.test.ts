import { describe, expect, it } from 'vitest';
import {
  factorSample,
  matrixColumn,
  sampleRow,
  sampleValues,
  scenarioSample,
} from '../../../src/experiment/sample-matrix.js';
import { uncertainFactors } from '../../../src/experiment/uncertain-factors.js';
import { createQuantile } from '../../../src/sampling/create-quantile.js';
import { drawSampleMatrix } from '../../../src/sampling/draw-sample-matrix.js';
import { withOverrides } from '../../../src/scenario/with-overrides.js';
import { loadBeijingScenario } from '../../helpers/beijing-model.js';
import { loadScenarioOrThrow, reportFixture } from '../../helpers/report-fixtures.js';

const scenario = loadScenarioOrThrow(reportFixture('baseline.yaml'));

describe('scenarioSample()', () => {
  it("draws the scenario's own probabilities on shared memory: their quantiles are drawSampleMatrix's draws", () => {
    const small = withOverrides(scenario, { runCount: 50 });
    const sample = scenarioSample(small);
    expect(sample.rowCount).toBe(50);
    expect(sample.probabilities.buffer).toBeInstanceOf(SharedArrayBuffer);
    const { parameters, seed, sampling } = small.uncertainty;
    const drawn = drawSampleMatrix({
      distributions: parameters.map((parameter) => parameter.distribution),
      names: parameters.map((parameter) => parameter.name),
      runCount: 50,
      seed,
      design: sampling,
    });
    expect(sampleValues(small, sample)).toEqual(drawn);
  });

  it("names each column's stream, so that threads can draw any rows of it themselves", () => {
    const sample = scenarioSample(withOverrides(scenario, { runCount: 50 }));
    const { seed, sampling, parameters } = scenario.uncertainty;
    expect(sample.streams).toEqual({ design: sampling, keys: parameters.map(({ name }) => `${seed}:${name}`) });
  });

  it('sampleRow() draws one row alone, as the whole matrix holds it (lhs and random, joint groups)', () => {
    for (const design of ['lhs', 'random'] as const) {
      const loaded = withOverrides(loadBeijingScenario(), { runCount: 300 });
      const beijing = { ...loaded, uncertainty: { ...loaded.uncertainty, sampling: design } };
      const sample = scenarioSample(beijing);
      const columnCount = beijing.uncertainty.parameters.length;
      for (const row of [0, 1, 150, 299])
        expect(sampleRow(sample, row)).toEqual(sample.probabilities.slice(row * columnCount, (row + 1) * columnCount));
    }
  });

  it('gives every member of a joint group the same probability in a run', () => {
    const beijing = withOverrides(loadBeijingScenario(), { runCount: 20 });
    const sample = scenarioSample(beijing);
    const columnCount = beijing.uncertainty.parameters.length;
    const group = uncertainFactors(beijing).find((factor) => factor.joint !== undefined)!;
    for (let row = 0; row < 20; row++) {
      const first = sample.probabilities[row * columnCount + group.columns[0]!];
      for (const column of group.columns) expect(sample.probabilities[row * columnCount + column]).toBe(first);
    }
  });
});

describe('sampleValues()', () => {
  it('maps each probability through its column quantile, leaving the sample as it was', () => {
    const factors = uncertainFactors(scenario);
    const sample = factorSample(scenario, { factors, rowCount: 1, probabilities: Float64Array.of(0.1, 0.9) });
    const values = sampleValues(scenario, sample);
    scenario.uncertainty.parameters.forEach((parameter, column) => {
      expect(values[column]).toBe(createQuantile(parameter.distribution)(column === 0 ? 0.1 : 0.9));
    });
    expect(Array.from(sample.probabilities)).toEqual([0.1, 0.9]);
  });
});

describe('matrixColumn()', () => {
  it('copies one column of a row-major matrix', () => {
    expect(Array.from(matrixColumn(Float64Array.of(1, 2, 3, 4, 5, 6), 3, 2, 1))).toEqual([2, 4, 6]);
  });
});
