import { storeColumn, type RunStore } from '../runtime/run-store.js';
import { createSelectionScratch } from './select-order-statistics.js';
import { summarizeColumn, type ColumnSummary } from './summarize-column.js';

/** Numbers per column in a packed summary buffer: mean, P5, P50, P95. */
export const summaryWidth = 4;

/**
 * Summarise columns `[firstColumn, endColumn)` of a store into `into` at `(columnOffset + column) * summaryWidth`
 * (`columnOffset`: the full store's index of this store's first column, when it holds one group of them).
 * Columns are independent, so any split of the columns between threads gives the same numbers.
 */
export function summarizeColumns(
  store: RunStore,
  firstColumn: number,
  endColumn: number,
  into: Float64Array,
  columnOffset = 0,
): void {
  const scratch = createSelectionScratch();
  for (let column = firstColumn; column < endColumn; column++) {
    const summary = summarizeColumn(storeColumn(store, column), scratch);
    into.set([summary.mean, summary.p5, summary.p50, summary.p95], (columnOffset + column) * summaryWidth);
  }
}

/** Read one column's summary back out of a packed summary buffer. */
export function unpackSummary(packed: Float64Array, column: number): ColumnSummary {
  const base = column * summaryWidth;
  return { mean: packed[base]!, p5: packed[base + 1]!, p50: packed[base + 2]!, p95: packed[base + 3]! };
}
