import { readFileSync } from 'node:fs';
import type { ModelSpec } from '../../src/model/model-spec.js';
import { modelVariables } from '../../src/model/model-spec.js';
import type { SimulationResult } from '../../src/runtime/simulate.js';

/** An expected-output file of the SDXorg conformance suite: its header and rows of numbers. */
export interface ConformanceOutput {
  columns: string[];
  rows: number[][];
}

/** The conformance README's name normalisation: lowercase, `\n`, newlines and `_` as spaces, whitespace collapsed, trimmed. */
export const normalizeName = (name: string): string =>
  name
    .replace(/\\n/g, ' ')
    .replace(/[_\s]+/g, ' ')
    .trim()
    .toLowerCase();

/** One line of the file split at separators outside double quotes. */
function splitRow(line: string, separator: string): string[] {
  const cells: string[] = [''];
  let quoted = false;
  for (const character of line) {
    if (character === '"') quoted = !quoted;
    if (character === separator && !quoted) cells.push('');
    else cells[cells.length - 1] += character;
  }
  return cells;
}

/**
 * Read `output.csv` or `output.tab`: split lines on LF, CRLF or bare CR, drop blank lines, fill a
 * blank cell down from row 1 (Vensim leaves constants blank after the first row).
 */
export function readConformanceOutput(path: string): ConformanceOutput {
  const separator = path.endsWith('.tab') ? '\t' : ',';
  const lines = readFileSync(path, 'utf8')
    .split(/\r\n|\r|\n/)
    .filter((line) => line.trim() !== '');
  // A CSV cell in quotes ("Stock[a,b]", $ euro for the quoted Vensim name "$ euro") is unquoted twice.
  const unquote = (cell: string): string =>
    cell
      .replace(/^"(.*)"$/s, '$1')
      .replace(/""/g, '"')
      .replace(/^"(.*)"$/s, '$1');
  const columns = splitRow(lines[0] ?? '', separator).map(unquote);
  const cells = lines.slice(1).map((line) => line.split(separator));
  const rows = cells.map((row) =>
    columns.map((_, index) => Number((row[index] ?? '').trim() === '' ? cells[0]?.[index] : row[index])),
  );
  return { columns, rows };
}

/** Columns the README lets an engine skip: the clock auxes of xmutil files, and (per folder) Vensim-only variables. */
export const skippableColumns = new Set(['initial time', 'final time', 'time step', 'saveper']);
export const vensimOnlyColumns: Readonly<Record<string, readonly string[]>> = {
  smooth_and_stock: ['input', 'smoothed input', 'smoothing time'],
};

/** The README's tolerance: |expected - actual| <= 1e-5 + 1e-5 * |actual|; NaN equals NaN. */
export const withinTolerance = (expected: number, actual: number): boolean =>
  (Number.isNaN(expected) && Number.isNaN(actual)) || Math.abs(expected - actual) <= 1e-5 + 1e-5 * Math.abs(actual);

/**
 * Compare a run with an expected output as the conformance README says: rows by index, names
 * normalised, constants (parameters) read from the model, every expected column checked. Returns the
 * problems found, empty when the run matches.
 */
export function compareWithConformance(
  expected: ConformanceOutput,
  model: ModelSpec,
  result: SimulationResult,
  skip: readonly string[] = [],
): string[] {
  const problems: string[] = [];
  const saved = new Map<string, number>();
  for (const element of modelVariables(model))
    saved.set(normalizeName(element.displayName ?? element.name), result.outputNames.indexOf(element.name));
  const constants = new Map(
    model.parameters.map((parameter) => [normalizeName(parameter.displayName ?? parameter.name), parameter.value]),
  );
  const outputCount = result.outputNames.length;
  if (expected.rows.length !== result.times.length)
    problems.push(`expected ${expected.rows.length} rows, the run saved ${result.times.length}`);
  expected.columns.forEach((column, columnIndex) => {
    const name = normalizeName(column);
    const outputIndex = saved.get(name);
    const constant = constants.get(name);
    if (name !== 'time' && outputIndex === undefined && constant === undefined) {
      if (!skippableColumns.has(name) && !skip.includes(name))
        problems.push(`no model variable for column '${column}'`);
      return;
    }
    let mismatches = 0;
    expected.rows.forEach((row, rowIndex) => {
      if (rowIndex >= result.times.length) return;
      const actual =
        name === 'time'
          ? result.times[rowIndex]!
          : outputIndex !== undefined
            ? result.values[rowIndex * outputCount + outputIndex]!
            : constant!;
      const want = row[columnIndex]!;
      if (!withinTolerance(want, actual) && mismatches++ < 3)
        problems.push(`'${column}' at row ${rowIndex} (time ${row[0]}): expected ${want}, got ${actual}`);
    });
  });
  return problems;
}
