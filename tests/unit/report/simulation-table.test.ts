import { describe, expect, it } from 'vitest';
import { formatSimulationTable } from '../../../src/report/simulation-table.js';
import type { SimulationResult } from '../../../src/runtime/simulate.js';

const result = (
  outputNames: string[],
  times: number[],
  value: (save: number, output: number) => number,
): SimulationResult => ({
  outputNames,
  times: Float64Array.from(times),
  values: Float64Array.from(times.flatMap((_, save) => outputNames.map((__, output) => value(save, output)))),
});

const rowsOf = (table: string): string[][] =>
  table
    .split('\n')
    .filter((line) => line.startsWith('│'))
    .map((line) =>
      line
        .split('│')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );

describe('formatSimulationTable()', () => {
  it('prints one row per saved time, numbers for people, the unit under each name', () => {
    const table = formatSimulationTable(
      result(['gdp', 'rate'], [2020, 2021], (save, output) => (output === 0 ? 41611.4 * (save + 1) : 0.05)),
      { width: 120, units: new Map([['gdp', 'yi_yuan']]) },
    );
    expect(rowsOf(table)).toEqual([
      ['time', 'gdp', 'rate'],
      ['', '(yi_yuan)', ''],
      ['2020', '41,611.4', '0.05'],
      ['2021', '83,222.8', '0.05'],
    ]);
  });

  it('writes times rounded to 12 digits, so start + k dt shows as written', () => {
    const table = formatSimulationTable(
      result(['x'], [0.1 + 0.2], () => 1),
      { width: 80 },
    );
    expect(rowsOf(table)[1]![0]).toBe('0.3');
  });

  it('splits outputs that do not fit the width over several tables, each with the time column', () => {
    const names = Array.from({ length: 8 }, (_, index) => `variable_number_${index}`);
    const table = formatSimulationTable(
      result(names, [0, 1], (save, output) => save * 100 + output),
      { width: 80 },
    );
    const headers = rowsOf(table).filter((row) => row[0] === 'time');
    expect(headers.length).toBeGreaterThan(1);
    expect(headers.flatMap((row) => row.slice(1))).toEqual(names);
    for (const line of table.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });
});
