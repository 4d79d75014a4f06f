import { describe, expect, it } from 'vitest';
import type { RunStore } from '../../../src/runtime/run-store.js';
import { summarizeColumn } from '../../../src/stats/summarize-column.js';
import { summarizeColumns, summaryWidth, unpackSummary } from '../../../src/stats/summarize-columns.js';

/** 101 runs of 2 variables at 2 saved times; column c holds c * 1000 + a permutation of 0..100. */
function store(): RunStore {
  const runCount = 101;
  const columnCount = 4;
  const values = new Float64Array(runCount * columnCount);
  for (let column = 0; column < columnCount; column++)
    for (let runIndex = 0; runIndex < runCount; runIndex++)
      values[column * runCount + runIndex] = column * 1000 + ((runIndex * 37) % runCount);
  return { runCount, saveCount: 2, variableNames: ['a', 'b'], saveTimes: Float64Array.from([0, 1]), values };
}

describe('summarizeColumns()', () => {
  it('packs mean, P5, P50 and P95 of each column at column * summaryWidth', () => {
    const packed = new Float64Array(4 * summaryWidth);
    summarizeColumns(store(), 0, 4, packed);
    expect(summaryWidth).toBe(4);
    for (let column = 0; column < 4; column++) {
      expect(unpackSummary(packed, column)).toEqual({
        mean: column * 1000 + 50,
        p5: column * 1000 + 5,
        p50: column * 1000 + 50,
        p95: column * 1000 + 95,
      });
    }
  });

  it('gives each column the numbers summarizeColumn() gives it, however the columns are split between calls', () => {
    const runs = store();
    const whole = new Float64Array(4 * summaryWidth);
    summarizeColumns(runs, 0, 4, whole);
    const split = new Float64Array(4 * summaryWidth);
    summarizeColumns(runs, 2, 4, split);
    summarizeColumns(runs, 0, 1, split);
    summarizeColumns(runs, 1, 2, split);
    expect(split).toEqual(whole);
    const copy = Float64Array.from(runs.values.subarray(3 * 101, 4 * 101));
    expect(unpackSummary(whole, 3)).toEqual(summarizeColumn(copy));
  });

  it('leaves the store itself in run order (it sorts a scratch copy)', () => {
    const runs = store();
    const before = Float64Array.from(runs.values);
    summarizeColumns(runs, 0, 4, new Float64Array(4 * summaryWidth));
    expect(runs.values).toEqual(before);
  });
});
