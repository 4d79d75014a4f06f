import { parse } from 'csv-parse/sync';
import type { Diagnostic, Result } from '../diagnostics/diagnostic.js';
import { failure, success } from '../diagnostics/diagnostic.js';
import { messages } from '../diagnostics/messages.js';
import { suggestName } from '../diagnostics/suggest-name.js';
import { elementPath, locateField, modelElements, type ModelSpec } from './model-spec.js';

/** A variable's observed values, in the model's unit: one per year, duplicate rows of a year averaged. */
export interface ObservedSeries {
  series: string;
  years: readonly number[];
  values: readonly number[];
}

/** Observed values by model variable name, for every variable whose `history` the data file has. */
export type ModelHistory = ReadonlyMap<string, ObservedSeries>;

/** One row of a data file: `indicator,year,value,unit,source_title,source_url,note`. */
export interface DataRow {
  indicator: string;
  year: number;
  value: number;
  line: number;
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
    rows.push({ indicator: record['indicator'] ?? '', year, value, line: info.lines });
  }
  return diagnostics.length > 0 ? failure(diagnostics) : success(rows);
}

/** The observed values of one series, duplicate rows of a year averaged, in increasing year order. */
export function observedSeries(
  rows: readonly DataRow[],
  series: string,
  scale = 1,
  from = Number.NEGATIVE_INFINITY,
): ObservedSeries {
  const byYear = new Map<number, number[]>();
  for (const row of rows) {
    if (row.indicator !== series || row.year < from) continue;
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

/**
 * The observed history of every model variable that names a data-file series (`history:`), scaled to
 * the model's unit. A named series the file does not have is an error located at the variable.
 */
export function parseModelHistory(
  model: ModelSpec,
  csvText: string,
  file = model.dataFile ?? model.file,
): Result<ModelHistory> {
  const rows = parseDataRows(csvText, file);
  if (!rows.ok) return rows;
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
    history.set(element.name, observedSeries(rows.value, series, scale, from));
  }
  return diagnostics.length > 0 ? failure(diagnostics) : success(history);
}
