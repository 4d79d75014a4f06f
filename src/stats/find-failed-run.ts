import { storeColumn, type RunStore } from '../runtime/run-store.js';

/** The earliest run (by index) with a NaN or infinite saved value, at its earliest such time. */
export interface FailedRun {
  runIndex: number;
  variable: string;
  time: number;
  value: number;
  /** How many runs have a non-finite value anywhere. */
  failedRunCount: number;
}

/** Scan a store for runs with non-finite values; undefined when every value is finite. */
export function findFailedRun(store: RunStore): FailedRun | undefined {
  const failed = new Uint8Array(store.runCount);
  let failedRunCount = 0;
  const columnCount = store.variableNames.length * store.saveCount;
  for (let column = 0; column < columnCount; column++) {
    const values = storeColumn(store, column);
    for (let runIndex = 0; runIndex < values.length; runIndex++) {
      if (Number.isFinite(values[runIndex]!) || failed[runIndex] === 1) continue;
      failed[runIndex] = 1;
      failedRunCount++;
    }
  }
  if (failedRunCount === 0) return undefined;
  const runIndex = failed.indexOf(1);
  for (let saveIndex = 0; saveIndex < store.saveCount; saveIndex++) {
    for (let variableIndex = 0; variableIndex < store.variableNames.length; variableIndex++) {
      const value = store.values[(variableIndex * store.saveCount + saveIndex) * store.runCount + runIndex]!;
      if (!Number.isFinite(value)) {
        return {
          runIndex,
          variable: store.variableNames[variableIndex]!,
          time: store.saveTimes[saveIndex]!,
          value,
          failedRunCount,
        };
      }
    }
  }
  throw new Error('findFailedRun(): a failed run has no non-finite value');
}
