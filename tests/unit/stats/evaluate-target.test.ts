import { describe, expect, it } from 'vitest';
import type { RunStore } from '../../../src/runtime/run-store.js';
import {
  countTarget,
  countTargetRun,
  evaluateTarget,
  targetCountWidth,
  type TargetQuery,
} from '../../../src/stats/evaluate-target.js';
import { findFailedRun } from '../../../src/stats/find-failed-run.js';

/** A store of one variable from per-run series (`series[run][save]`), laid out column-major. */
function storeOf(series: number[][], saveTimes: number[], variableNames = ['x']): RunStore {
  const runCount = series.length;
  const saveCount = saveTimes.length;
  const values = new Float64Array(runCount * saveCount * variableNames.length);
  series.forEach((run, runIndex) =>
    run.forEach((value, flatIndex) => (values[flatIndex * runCount + runIndex] = value)),
  );
  return { runCount, saveCount, variableNames, saveTimes: Float64Array.from(saveTimes), values };
}

describe('evaluateTarget()', () => {
  // Four runs over 2020..2023, target x >= 10 in 2022.
  const store = storeOf(
    [
      [1, 5, 10, 12], // meets in 2022, first in 2022
      [11, 9, 9, 9], // misses in 2022, first met in 2020
      [1, 2, 3, 4], // never
      [1, 20, 30, 40], // meets, first in 2021
    ],
    [2020, 2021, 2022, 2023],
  );

  it('counts the share of runs meeting the target in its year', () => {
    expect(evaluateTarget(store, { variableIndex: 0, saveIndex: 2, op: '>=', threshold: 10 }).probability).toBe(0.5);
    expect(evaluateTarget(store, { variableIndex: 0, saveIndex: 2, op: '<=', threshold: 9 }).probability).toBe(0.5);
  });

  it('gives when runs first meet it, as type 1 percentiles with never after every year', () => {
    const { firstMet } = evaluateTarget(store, { variableIndex: 0, saveIndex: 2, op: '>=', threshold: 10 });
    expect(firstMet.shareMetBy).toEqual([0.25, 0.5, 0.75, 0.75]);
    expect(firstMet.neverShare).toBe(0.25);
    // ceil(0.05 * 4) = 1 run by 2020; ceil(0.5 * 4) = 2 runs by 2021; ceil(0.95 * 4) = 4 runs: never.
    expect([firstMet.p5, firstMet.p50, firstMet.p95]).toEqual([2020, 2021, null]);
  });

  it('counts, for a target with a band, the share inside it (bounds included) beside the share meeting the threshold', () => {
    // In 2022 the runs hold 10, 9, 3 and 30: "about 10 ± 1" read as at least 9.
    const outcome = evaluateTarget(store, {
      variableIndex: 0,
      saveIndex: 2,
      op: '>=',
      threshold: 9,
      band: { lower: 9, upper: 11 },
    });
    expect(outcome.probability).toBe(0.75);
    expect(outcome.withinProbability).toBe(0.5);
    expect(evaluateTarget(store, { variableIndex: 0, saveIndex: 2, op: '>=', threshold: 9 })).not.toHaveProperty(
      'withinProbability',
    );
  });

  it('reports null percentiles and a never share of 1 when no run ever meets it', () => {
    const { probability, firstMet } = evaluateTarget(store, {
      variableIndex: 0,
      saveIndex: 0,
      op: '>=',
      threshold: 1000,
    });
    expect(probability).toBe(0);
    expect(firstMet).toMatchObject({ p5: null, p50: null, p95: null, neverShare: 1 });
  });

  it('counts first met only from firstCountedSaveIndex on, alike over split runs and run by run (the workers)', () => {
    const query: TargetQuery = { variableIndex: 0, saveIndex: 2, op: '>=', threshold: 10, firstCountedSaveIndex: 2 };
    // Counts: meeting in 2022, inside no band, then first met per year. Run 1 met it in 2020 only, before
    // the counted years: it never first meets it after them.
    const expected = [2, 0, 0, 0, 2, 0];
    const split = new Float64Array(targetCountWidth(store.saveCount));
    countTarget(store, query, split, 0, 0, 1);
    countTarget(store, query, split, 0, 1, store.runCount);
    expect([...split]).toEqual(expected);
    const byRun = new Float64Array(targetCountWidth(store.saveCount));
    for (let runIndex = 0; runIndex < store.runCount; runIndex++)
      countTargetRun(store.values, runIndex, store.runCount, store.saveCount, query, byRun, 0);
    expect([...byRun]).toEqual(expected);
    expect(evaluateTarget(store, query).firstMet.shareMetBy).toEqual([0, 0, 0.5, 0.5]);
  });
});

describe('findFailedRun()', () => {
  it('names the lowest failed run, its first non-finite variable and time, and counts failed runs', () => {
    const store = storeOf(
      [
        [1, 2, 3, 4, 5, 6],
        [1, 2, Number.NaN, 4, Number.POSITIVE_INFINITY, 6],
        [1, 2, 3, Number.NaN, 5, 6],
      ],
      [0, 1, 2],
      ['a', 'b'],
    );
    // Each run's values are variable-major: [a@0, a@1, a@2, b@0, b@1, b@2]; run 1 goes wrong first in b at time 1.
    expect(findFailedRun(store)).toEqual({
      runIndex: 1,
      variable: 'b',
      time: 1,
      value: Number.POSITIVE_INFINITY,
      failedRunCount: 2,
    });
  });

  it('returns undefined when every value is finite', () => {
    expect(findFailedRun(storeOf([[1, 2]], [0, 1]))).toBeUndefined();
  });
});
