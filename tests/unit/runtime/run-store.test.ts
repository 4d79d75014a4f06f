import { describe, expect, it } from 'vitest';
import { columnIndex, runStoreBytes, storeColumn, type RunStore } from '../../../src/runtime/run-store.js';

/** A store of 3 runs x 2 saved times x 2 variables whose value at (run, variable, save) is 100 v + 10 s + r. */
function numberedStore(): RunStore {
  const runCount = 3;
  const saveCount = 2;
  const variableNames = ['a', 'b'];
  const values = new Float64Array(runCount * saveCount * variableNames.length);
  for (let variableIndex = 0; variableIndex < 2; variableIndex++)
    for (let saveIndex = 0; saveIndex < saveCount; saveIndex++)
      for (let runIndex = 0; runIndex < runCount; runIndex++)
        values[(variableIndex * saveCount + saveIndex) * runCount + runIndex] =
          100 * variableIndex + 10 * saveIndex + runIndex;
  return { runCount, saveCount, variableNames, saveTimes: Float64Array.from([2020, 2021]), values };
}

describe('run store layout', () => {
  it('runStoreBytes() is 8 bytes per run, saved time and variable', () => {
    expect(runStoreBytes(1000, 21, 6)).toBe(1000 * 21 * 6 * 8);
    expect(runStoreBytes(0, 21, 6)).toBe(0);
  });

  it('columnIndex() orders columns by variable, then saved time', () => {
    const store = numberedStore();
    expect(columnIndex(store, 0, 0)).toBe(0);
    expect(columnIndex(store, 0, 1)).toBe(1);
    expect(columnIndex(store, 1, 0)).toBe(2);
  });

  it('storeColumn() is every run of one (variable, saved time) in run order, a view that writes through', () => {
    const store = numberedStore();
    const column = storeColumn(store, columnIndex(store, 1, 1));
    expect(Array.from(column)).toEqual([110, 111, 112]);
    column[0] = -1;
    expect(store.values[(1 * 2 + 1) * 3]).toBe(-1);
  });
});
