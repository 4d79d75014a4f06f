import { parquetWriteBuffer } from 'hyparquet-writer';
import { storeColumn, type RunStore } from '../runtime/run-store.js';

/** One sampled input: its parameter's name and its value in each run, in run order. */
export interface RunInput {
  name: string;
  values: Float64Array;
}

/**
 * `runs.parquet`: the runs themselves, one row per run and saved time (run-major, then time), with
 * columns `run` (INT32, from 0), `time`, each sampled input (the value the run used, repeated over its
 * times; an input saved as a variable too appears once, as the variable) and each stored variable, all
 * DOUBLE. Doubles are written whole (BYTE_STREAM_SPLIT encoding, Snappy compression), so a reader
 * gets back exactly the numbers the summaries were computed from.
 */
export function formatRunsParquet(store: RunStore, inputs: readonly RunInput[]): Uint8Array {
  const { runCount, saveCount, saveTimes, variableNames } = store;
  const rowCount = runCount * saveCount;
  const run = new Int32Array(rowCount);
  const time = new Float64Array(rowCount);
  for (let runIndex = 0; runIndex < runCount; runIndex++) {
    for (let saveIndex = 0; saveIndex < saveCount; saveIndex++) {
      run[runIndex * saveCount + saveIndex] = runIndex;
      time[runIndex * saveCount + saveIndex] = saveTimes[saveIndex]!;
    }
  }
  const perRow = (values: Float64Array): Float64Array => {
    const column = new Float64Array(rowCount);
    for (let runIndex = 0; runIndex < runCount; runIndex++)
      column.fill(values[runIndex]!, runIndex * saveCount, (runIndex + 1) * saveCount);
    return column;
  };
  const variable = (variableIndex: number): Float64Array => {
    const column = new Float64Array(rowCount);
    for (let saveIndex = 0; saveIndex < saveCount; saveIndex++) {
      const values = storeColumn(store, variableIndex * saveCount + saveIndex);
      for (let runIndex = 0; runIndex < runCount; runIndex++)
        column[runIndex * saveCount + saveIndex] = values[runIndex]!;
    }
    return column;
  };
  const double = (name: string, data: Float64Array) =>
    ({ name, data, type: 'DOUBLE', nullable: false, encoding: 'BYTE_STREAM_SPLIT' }) as const;
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'run', data: run, type: 'INT32', nullable: false },
      double('time', time),
      ...inputs
        .filter((input) => !variableNames.includes(input.name))
        .map((input) => double(input.name, perRow(input.values))),
      ...variableNames.map((name, variableIndex) => double(name, variable(variableIndex))),
    ],
    statistics: false,
    createdBy: 'kechuang',
  });
  return new Uint8Array(buffer);
}
