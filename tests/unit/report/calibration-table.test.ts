import { describe, expect, it } from 'vitest';
import type { CalibrationResult } from '../../../src/analysis/calibrate-scenario.js';
import { backtestInsideCount, formatCalibrationTables } from '../../../src/report/calibration-table.js';

const result: CalibrationResult = {
  until: 2019,
  parameters: [
    {
      name: 'rate',
      start: 0.02,
      value: 0.0712,
      min: 0,
      max: 0.2,
      sd: 0.001,
      p5: 0.07,
      p95: 0.073,
      atBound: false,
      refits: [],
    },
    { name: 'lag', start: 1, value: 5, min: 0, max: 5, sd: 0, p5: 5, p95: 5, atBound: true, refits: [] },
  ],
  fits: [
    {
      variable: 'gdp',
      series: 'gdp_series',
      years: [2012, 2013, 2019],
      observed: [],
      fitted: [],
      rmse: 12.5,
      mape: 0.0123,
      input: false,
    },
    { variable: 'population', series: 'pop', years: [], observed: [], fitted: [], rmse: 0, mape: 0, input: true },
  ],
  backtest: [
    { variable: 'gdp', series: 'gdp_series', year: 2020, observed: 110, p5: 100, p50: 108, p95: 115, inside: true },
    { variable: 'gdp', series: 'gdp_series', year: 2021, observed: 130, p5: 102, p50: 111, p95: 120, inside: false },
  ],
  bootstrapCount: 10,
  simulationCount: 12345,
};

const rowsOf = (text: string): string[][] =>
  text
    .split('\n')
    .filter((line) => line.startsWith('│'))
    .map((line) =>
      line
        .split('│')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );

describe('formatCalibrationTables()', () => {
  it('opens with the fit year, the refits and the model runs spent', () => {
    expect(formatCalibrationTables(result).split('\n')[0]).toBe(
      'fitted on data up to 2019; 10 bootstrap refits; 12,345 model runs',
    );
  });

  it('lists each parameter from start to fitted value, its refit spread and range, and flags one at a bound', () => {
    const rows = rowsOf(formatCalibrationTables(result));
    expect(rows[0]).toEqual(['parameter', 'start', 'fitted', 'refits P5', 'refits P95', 'range', '']);
    expect(rows[1]).toEqual(['rate', '0.02', '0.0712', '0.07', '0.073', '0 .. 0.2', '']);
    expect(rows[2]).toEqual(['lag', '1', '5', '5', '5', '0 .. 5', 'at a bound']);
  });

  it('gives each series its years, RMSE and MAPE, or says the data drive the model there', () => {
    const rows = rowsOf(formatCalibrationTables(result));
    expect(rows).toContainEqual(['gdp', 'gdp_series', '2012-2019 (3)', '12.5', '1.2%']);
    expect(rows).toContainEqual(['population', 'pop', '', 'input', 'input']);
  });

  it('adds the back-test, with how many observations fall inside the band, only when there is one', () => {
    const text = formatCalibrationTables(result);
    expect(rowsOf(text)).toContainEqual(['gdp', '2021', '130', '102', '111', '120', 'no']);
    expect(text).toContain('1 of 2 observed values inside the P5-P95 band');
    expect(backtestInsideCount(result)).toBe(1);
    expect(formatCalibrationTables({ ...result, backtest: [] })).not.toContain('back-test');
  });

  it('leaves the refit columns empty without a bootstrap', () => {
    const rows = rowsOf(formatCalibrationTables({ ...result, bootstrapCount: 0 }));
    expect(rows[1]!.slice(3, 5)).toEqual(['', '']);
  });
});
