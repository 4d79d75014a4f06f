import { describe, expect, it } from 'vitest';
import type { SensitivityResult } from '../../../src/analysis/sensitivity-analysis.js';
import { formatSensitivityCsv } from '../../../src/report/sensitivity-csv.js';
import { morrisResult, prccResult, sobolResult } from '../../helpers/sensitivity-results.js';

/** The header and data rows, split on commas (the fixtures' names hold none). */
function csvRows(text: string): { header: string[]; rows: string[][] } {
  expect(text.endsWith('\n')).toBe(true);
  const [header, ...rows] = text
    .slice(0, -1)
    .split('\n')
    .map((line) => line.split(','));
  return { header: header!, rows };
}

/** Each row names its output, its rank within the output (1 first, in the result's order) and its entry, then `numbers` of the entry, reading back exactly. */
function expectRowsReadBack(result: SensitivityResult, rows: string[][], numbers: number[][]): void {
  const expected = result.outputs.flatMap((output) =>
    output.parameters.map((entry, index) => [output.variable, String(output.year), String(index + 1), entry.name]),
  );
  expect(rows.map((row) => row.slice(0, 4))).toEqual(expected);
  expect(rows.map((row) => row.length - 4)).toEqual(numbers.map((values) => values.length));
  rows.forEach((row, index) =>
    row.slice(4).forEach((text, column) => expect(Number(text) === numbers[index]![column]).toBe(true)),
  );
}

describe('formatSensitivityCsv()', () => {
  it('writes PRCC as variable,year,rank,parameter,prcc,p_value with one row per output and parameter, reading back exactly', () => {
    const result = prccResult();
    const { header, rows } = csvRows(formatSensitivityCsv(result));
    expect(header).toEqual(['variable', 'year', 'rank', 'parameter', 'prcc', 'p_value']);
    expect(rows).toHaveLength(2 * 3);
    expectRowsReadBack(
      result,
      rows,
      result.outputs.flatMap((output) => output.parameters.map((entry) => [entry.prcc, entry.p_value])),
    );
    // A p-value the table prints as < 1e-16 is written in full.
    expect(rows[0]!.slice(0, 6)).toEqual(['population', '2035', '1', 'death_rate', '-0.8123456789', '1e-300']);
    expect(rows[3]!.slice(0, 4)).toEqual(['net_growth_rate', '2030', '1', 'migration']);
  });

  it('writes Sobol indices and their half-widths with every digit', () => {
    const result = sobolResult();
    const { header, rows } = csvRows(formatSensitivityCsv(result));
    expect(header).toEqual(['variable', 'year', 'rank', 'parameter', 'S1', 'S1_conf', 'ST', 'ST_conf']);
    expectRowsReadBack(
      result,
      rows,
      result.outputs.flatMap((output) =>
        output.parameters.map((entry) => [entry.S1, entry.S1_conf, entry.ST, entry.ST_conf]),
      ),
    );
    expect(rows[0]![6]).toBe('0.6123456789012345');
    expect(rows[1]![6]).toBe(String(0.1 + 0.2));
  });

  it('writes Morris mu_star, sigma and mu', () => {
    const result = morrisResult();
    const { header, rows } = csvRows(formatSensitivityCsv(result));
    expect(header).toEqual(['variable', 'year', 'rank', 'parameter', 'mu_star', 'sigma', 'mu']);
    expectRowsReadBack(
      result,
      rows,
      result.outputs.flatMap((output) => output.parameters.map((entry) => [entry.mu_star, entry.sigma, entry.mu])),
    );
  });

  it('quotes a name holding a comma or a quote', () => {
    const result = morrisResult();
    result.outputs[0]!.parameters[1]!.name = 'rate, "adjusted"';
    const line = formatSensitivityCsv(result).split('\n')[2];
    expect(line).toBe('population,2035,2,"rate, ""adjusted""",2.5,1.25,0.5');
  });
});
