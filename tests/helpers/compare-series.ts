import { readFileSync } from 'node:fs';
import { readModel } from '../../src/model/read-model.js';
import type { ModelSpec } from '../../src/model/model-spec.js';

/** One table of series: a header and numeric rows, as in a CSV with `time` first. */
export interface SeriesTable {
  columns: string[];
  rows: number[][];
}

/** Parse a numeric CSV with a header row. */
export function parseSeriesCsv(text: string): SeriesTable {
  const [header = '', ...lines] = text.trim().split(/\r?\n/);
  return { columns: header.split(','), rows: lines.map((line) => line.split(',').map(Number)) };
}

/** The one tolerance policy for golden comparisons: |expected - actual| <= absolute + relative * |expected|. */
export interface Tolerance {
  relative: number;
  absolute: number;
}

/** Largest tolerance-relative mismatch between two tables over the expected table's columns; < 1 passes. */
export function worstMismatch(
  expected: SeriesTable,
  actual: SeriesTable,
  tolerance: Tolerance,
): { ratio: number; where: string } {
  let worst = { ratio: 0, where: 'nowhere' };
  for (const column of expected.columns) {
    const expectedIndex = expected.columns.indexOf(column);
    const actualIndex = actual.columns.indexOf(column);
    if (actualIndex < 0) return { ratio: Infinity, where: `missing column ${column}` };
    expected.rows.forEach((row, rowIndex) => {
      const want = row[expectedIndex]!;
      const got = actual.rows[rowIndex]?.[actualIndex] ?? NaN;
      const ratio = Math.abs(want - got) / (tolerance.absolute + tolerance.relative * Math.abs(want));
      if (!(ratio <= worst.ratio))
        worst = {
          ratio: Number.isNaN(ratio) ? Infinity : ratio,
          where: `${column} row ${rowIndex}: expected ${want}, got ${got}`,
        };
    });
  }
  return worst;
}

/** Read a model file of this repository, failing loudly with its diagnostics. */
export function loadModel(path: string): ModelSpec {
  const read = readModel(readFileSync(path, 'utf8'), path);
  if (!read.ok) throw new Error(`${path} does not load: ${JSON.stringify(read.diagnostics, null, 2)}`);
  return read.value;
}
