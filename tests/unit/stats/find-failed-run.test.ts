import { describe, expect, it } from 'vitest';
import type { RunStore } from '../../../src/runtime/run-store.js';
import { findFailedRun } from '../../../src/stats/find-failed-run.js';

/** A store of `runCount` runs of variables a and b at times 0, 1, 2, all 1 but for `set` values. */
function store(runCount: number, set: { run: number; variable: 0 | 1; save: number; value: number }[]): RunStore {
  const saveCount = 3;
  const values = new Float64Array(runCount * saveCount * 2).fill(1);
  for (const { run, variable, save, value } of set) values[(variable * saveCount + save) * runCount + run] = value;
  return { runCount, saveCount, variableNames: ['a', 'b'], saveTimes: Float64Array.from([0, 1, 2]), values };
}

describe('findFailedRun()', () => {
  it('is undefined when every value is finite', () => {
    expect(findFailedRun(store(5, []))).toBeUndefined();
  });

  it('names the earliest failed run, at its earliest non-finite time, whatever variable fails first', () => {
    const failed = findFailedRun(
      store(6, [
        { run: 4, variable: 0, save: 0, value: NaN },
        { run: 2, variable: 0, save: 2, value: Infinity },
        { run: 2, variable: 1, save: 1, value: -Infinity },
      ]),
    );
    expect(failed).toEqual({ runIndex: 2, variable: 'b', time: 1, value: -Infinity, failedRunCount: 2 });
  });

  it('counts each failed run once however many of its values are non-finite', () => {
    const failed = findFailedRun(
      store(3, [
        { run: 0, variable: 0, save: 0, value: NaN },
        { run: 0, variable: 1, save: 0, value: NaN },
        { run: 0, variable: 1, save: 2, value: NaN },
      ]),
    );
    expect(failed).toMatchObject({ runIndex: 0, variable: 'a', time: 0, failedRunCount: 1 });
    expect(failed!.value).toBeNaN();
  });
});
