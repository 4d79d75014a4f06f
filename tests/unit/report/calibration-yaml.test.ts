import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CalibrationResult } from '../../../src/analysis/calibrate-scenario.js';
import { formatCalibrationYaml, type CalibrationOrigin } from '../../../src/report/calibration-yaml.js';
import { readScenarioFile } from '../../../src/scenario/read-scenario-file.js';

const result: CalibrationResult = {
  until: 2019,
  parameters: [
    {
      name: 'rate',
      start: 0.02,
      value: 0.0712345678,
      min: 0,
      max: 0.2,
      sd: 0.001,
      p5: 0.07,
      p95: 0.073,
      atBound: false,
      refits: [0.0701234567, 0.0723456789],
    },
    { name: 'lag', start: 1, value: 5, min: 0, max: 5, sd: 0, p5: 5, p95: 5, atBound: true, refits: [5, 4.9999999] },
  ],
  fits: [
    {
      variable: 'gdp',
      series: 'gdp_series',
      years: [2019],
      observed: [],
      fitted: [],
      rmse: 1,
      mape: 0.01,
      input: false,
    },
    { variable: 'population', series: 'pop', years: [], observed: [], fitted: [], rmse: 0, mape: 0, input: true },
  ],
  backtest: [],
  bootstrapCount: 2,
  simulationCount: 100,
};
const origin: CalibrationOrigin = {
  model: '../models/m.yaml',
  command: 'kechuang calibrate scenarios/baseline.yaml --until 2019',
  dataFile: 'models/data/history.csv',
  version: '0.1.0',
  seed: 1,
  written: '2026-12-01',
};

describe('formatCalibrationYaml()', () => {
  it('says in its header how it was made and that it is not to be edited, naming the fitted series only', () => {
    const header = formatCalibrationYaml(result, origin)
      .split('\n')
      .filter((line) => line.startsWith('#'));
    expect(header[0]).toBe(
      '# Written by `kechuang calibrate scenarios/baseline.yaml --until 2019` (kechuang 0.1.0). Do not edit: rerun calibrate.',
    );
    expect(header[1]).toBe('# Least-squares fit to models/data/history.csv, years up to 2019, series: gdp_series.');
    expect(header[2]).toContain('2 refits');
  });

  it('writes each parameter as the empirical distribution of its refits, one joint group, to six digits', () => {
    const document = parse(formatCalibrationYaml(result, origin)) as {
      model: string;
      uncertainty: { parameters: Record<string, { dist: string; joint: string; values: number[]; doc: string }> };
    };
    expect(document.model).toBe('../models/m.yaml');
    expect(document.uncertainty.parameters['rate']).toMatchObject({
      dist: 'empirical',
      joint: 'calibration',
      values: [0.0701235, 0.0723457],
    });
    expect(document.uncertainty.parameters['rate']!.doc).toContain('least-squares fit 0.0712346');
    expect(document.uncertainty.parameters['lag']!.doc).toContain('the fit sits at a bound of its range');
  });

  it('writes the fitted values under set when there is no bootstrap', () => {
    const document = parse(formatCalibrationYaml({ ...result, bootstrapCount: 0 }, origin)) as Record<string, unknown>;
    expect(document['set']).toEqual({ rate: 0.0712346, lag: 5 });
    expect(document['uncertainty']).toBeUndefined();
  });

  it('is a scenario file that reads without a problem', () => {
    const { scenario, diagnostics } = readScenarioFile(
      formatCalibrationYaml(result, origin),
      'scenarios/calibration.yaml',
    );
    expect(diagnostics).toEqual([]);
    expect([...scenario!.parameters.keys()]).toEqual(['rate', 'lag']);
  });
});
