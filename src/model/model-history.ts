import { parse } from 'csv-parse/sync';
import type { Diagnostic, Result } from '../diagnostics/diagnostic.js';
import { failure, success } from '../diagnostics/diagnostic.js';
import { messages } from '../diagnostics/messages.js';
import { suggestName } from '../diagnostics/suggest-name.js';
import { elementPath, locateField, modelElements, priceBases, type BasisSpec, type ModelSpec } from './model-spec.js';

/** A variable's observed values, in the model's unit: one per year, duplicate rows of a year averaged. */
export interface ObservedSeries {
  series: string;
  years: readonly number[];
  values: readonly number[];
}

/** Observed values by model variable name, for every variable whose `history` the data file has. */
export type ModelHistory = ReadonlyMap<string, ObservedSeries>;

/**
 * One row of a data file: `indicator,year,value,unit,...`, with its statistical `basis` (a census vintage,
 * a list) and its `prices` (`current` or `constant`) where the file has those columns and the row fills them.
 */
export interface DataRow {
  indicator: string;
  year: number;
  value: number;
  line: number;
  basis?: string;
  prices?: string;
}

const requiredColumns = ['indicator', 'year', 'value'];

/** Parse a data file (CSV with a header naming at least `indicator`, `year` and `value`). */
export function parseDataRows(csvText: string, file: string): Result<DataRow[]> {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(csvText, { columns: true, skip_empty_lines: true, info: true, trim: true, bom: true });
  } catch (error) {
    const line =
      typeof error === 'object' && error !== null && 'lines' in error && typeof error.lines === 'number'
        ? error.lines
        : 1;
    return failure([
      {
        file,
        line,
        column: 1,
        severity: 'error',
        field: '',
        ...messages.dataSyntax(error instanceof Error ? error.message : String(error)),
      },
    ]);
  }
  const header = records[0] === undefined ? [] : Object.keys(records[0].record);
  const missing = requiredColumns.filter((column) => !header.includes(column));
  if (records.length === 0 || missing.length > 0) {
    return failure([
      {
        file,
        line: 1,
        column: 1,
        severity: 'error',
        field: '',
        ...messages.dataColumnsMissing(missing.length > 0 ? missing : requiredColumns),
      },
    ]);
  }
  const rows: DataRow[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const { record, info } of records) {
    const year = Number(record['year']);
    const value = Number(record['value']);
    const bad = !Number.isInteger(year)
      ? 'year'
      : record['value'] === '' || !Number.isFinite(value)
        ? 'value'
        : undefined;
    if (bad !== undefined) {
      diagnostics.push({
        file,
        line: info.lines,
        column: 1,
        severity: 'error',
        field: bad,
        ...messages.dataNotNumber(bad, record[bad] ?? ''),
      });
      continue;
    }
    const basis = record['basis'] ?? '';
    const prices = record['prices'] ?? '';
    rows.push({
      indicator: record['indicator'] ?? '',
      year,
      value,
      line: info.lines,
      ...(basis === '' ? {} : { basis }),
      ...(prices === '' ? {} : { prices }),
    });
  }
  return diagnostics.length > 0 ? failure(diagnostics) : success(rows);
}

/**
 * Whether a row may be compared with a variable on `bases`: it has no basis, or is on one of them in a year
 * that basis is in force. Without `bases` every row may.
 */
export function onBasis(row: DataRow, bases: readonly BasisSpec[] | undefined): boolean {
  if (bases === undefined || row.basis === undefined) return true;
  const basis = bases.find((candidate) => candidate.name === row.basis);
  return (
    basis !== undefined &&
    (basis.from === undefined || row.year >= basis.from) &&
    (basis.until === undefined || row.year <= basis.until)
  );
}

/**
 * The observed values of one series, duplicate rows of a year averaged, in increasing year order; with
 * `bases`, only rows on one of them in a year it is in force (see `onBasis`).
 */
export function observedSeries(
  rows: readonly DataRow[],
  series: string,
  scale = 1,
  from = Number.NEGATIVE_INFINITY,
  bases?: readonly BasisSpec[],
): ObservedSeries {
  const byYear = new Map<number, number[]>();
  for (const row of rows) {
    if (row.indicator !== series || row.year < from || !onBasis(row, bases)) continue;
    const values = byYear.get(row.year) ?? [];
    values.push(row.value);
    byYear.set(row.year, values);
  }
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const values = years.map((year) => {
    const yearValues = byYear.get(year) ?? [];
    return (yearValues.reduce((sum, value) => sum + value, 0) / yearValues.length) * scale;
  });
  return { series, years, values };
}

/** A row's `basis` the model does not declare, or a `prices` other than current and constant, at its line. */
function checkRowBases(rows: readonly DataRow[], model: ModelSpec, file: string): Diagnostic[] {
  const declared = (model.bases ?? []).map((basis) => basis.name);
  const diagnostics: Diagnostic[] = [];
  const at = (row: DataRow, field: string) => ({ file, line: row.line, column: 1, severity: 'error' as const, field });
  for (const row of rows) {
    if (row.basis !== undefined && !declared.includes(row.basis))
      diagnostics.push({
        ...at(row, 'basis'),
        ...messages.unknownBasis(row.basis, declared, suggestName(row.basis, declared)),
      });
    if (row.prices !== undefined && !priceBases.some((basis) => basis === row.prices))
      diagnostics.push({ ...at(row, 'prices'), ...messages.unknownPriceBasis(row.prices) });
  }
  return diagnostics;
}

/**
 * The observed history of every model variable that names a data-file series (`history:`), scaled to
 * the model's unit, from the rows on the variable's bases (see `onBasis`). Errors, each located: a named
 * series the file does not have (at the variable); a row whose `basis` the model does not declare or
 * whose `prices` is not `current` or `constant` (at the row); a row compared with a variable that is at
 * the other price basis (at the variable), since a nominal and a real value are never compared.
 */
export function parseModelHistory(
  model: ModelSpec,
  csvText: string,
  file = model.dataFile ?? model.file,
): Result<ModelHistory> {
  const rows = parseDataRows(csvText, file);
  if (!rows.ok) return rows;
  const rowProblems = checkRowBases(rows.value, model, file);
  if (rowProblems.length > 0) return failure(rowProblems);
  const indicators = [...new Set(rows.value.map((row) => row.indicator))];
  const history = new Map<string, ObservedSeries>();
  const diagnostics: Diagnostic[] = [];
  for (const element of modelElements(model)) {
    if (element.history === undefined) continue;
    const { series, scale, from } = element.history;
    if (!indicators.includes(series)) {
      const field = `${elementPath(element)}.history`;
      diagnostics.push({
        ...locateField(model, field),
        severity: 'error',
        field,
        ...messages.unknownSeries(series, file, suggestName(series, indicators)),
      });
      continue;
    }
    const bases =
      element.history.basis === undefined
        ? undefined
        : (model.bases ?? []).filter((basis) => element.history?.basis?.includes(basis.name));
    const compared = rows.value.filter(
      (row) => row.indicator === series && row.year >= (from ?? Number.NEGATIVE_INFINITY) && onBasis(row, bases),
    );
    const otherPrices = compared.find((row) => row.prices !== undefined && row.prices !== element.prices);
    if (element.prices !== undefined && otherPrices !== undefined) {
      const field = `${elementPath(element)}.history`;
      diagnostics.push({
        ...locateField(model, field),
        severity: 'error',
        field,
        ...messages.priceBasisMismatch(
          element.name,
          element.prices,
          series,
          otherPrices.prices!,
          file,
          otherPrices.line,
        ),
      });
      continue;
    }
    history.set(element.name, observedSeries(rows.value, series, scale, from, bases));
  }
  return diagnostics.length > 0 ? failure(diagnostics) : success(history);
}
