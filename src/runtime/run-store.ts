/**
 * Many runs' saved points in one column-major buffer: column `(variableIndex, saveIndex)` holds one
 * value per run, in run order, so a run writes with the run function's strides and a statistic reads
 * one contiguous column. The buffer may be a view on a SharedArrayBuffer that workers write into.
 */
export interface RunStore {
  runCount: number;
  saveCount: number;
  variableNames: readonly string[];
  saveTimes: Float64Array;
  values: Float64Array;
}

/** Bytes a store of this shape needs. */
export function runStoreBytes(runCount: number, saveCount: number, variableCount: number): number {
  return runCount * saveCount * variableCount * Float64Array.BYTES_PER_ELEMENT;
}

/** Index of a column in the store's column order (variable-major, then saved time). */
export function columnIndex(store: Pick<RunStore, 'saveCount'>, variableIndex: number, saveIndex: number): number {
  return variableIndex * store.saveCount + saveIndex;
}

/** One column's values, a view into the store (run order). */
export function storeColumn(store: RunStore, column: number): Float64Array {
  return store.values.subarray(column * store.runCount, (column + 1) * store.runCount);
}
