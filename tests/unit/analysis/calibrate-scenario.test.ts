import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibrateScenario, summarizeBacktest } from '../../../src/analysis/calibrate-scenario.js';
import { parseModelHistory } from '../../../src/model/model-history.js';
import { formatCalibrationTables } from '../../../src/report/calibration-table.js';
import { formatCalibrationYaml } from '../../../src/report/calibration-yaml.js';
import { loadScenario } from '../../../src/scenario/load-scenario.js';
import { readText } from '../../helpers/beijing-model.js';

// Exponential growth, Euler with dt = 1: level(t) = 100 * (1 + rate)^(t - 2010), so data made with
// rate = 0.07 pin the rate down exactly.
const folder = mkdtempSync(join(tmpdir(), 'kechuang-calibrate-'));
writeFileSync(
  join(folder, 'growth.yaml'),
  `name: growth
data: observed.csv
time: { start: 2010, stop: 2020, dt: 1 }
parameters:
  rate: { value: 0.02, min: 0, max: 0.2, calibrate: true, unit: 1/year }
  drift: { value: 1, unit: dmnl }
stocks:
  level: { initial: 100, inflows: [growth], history: level_series }
flows:
  growth: { equation: level * rate * drift }
`,
);
const rows = Array.from({ length: 11 }, (_, index) => `level_series,${2010 + index},${100 * 1.07 ** index}`);
writeFileSync(join(folder, 'observed.csv'), ['indicator,year,value', ...rows].join('\n'));
writeFileSync(join(folder, 'scenario.yaml'), 'name: growth-scenario\nmodel: growth.yaml\n');

const loaded = loadScenario(join(folder, 'scenario.yaml'), { readText });
if (!loaded.ok) throw new Error(loaded.diagnostics.map((diagnostic) => diagnostic.message).join('\n'));
const scenario = loaded.value;
const history = parseModelHistory(scenario.model, readFileSync(join(folder, 'observed.csv'), 'utf8'));
if (!history.ok) throw new Error('history does not parse');

describe('summarizeBacktest()', () => {
  it('counts the rows inside their band and takes the median of (P95 - P5) / |P50|', () => {
    const point = (p5: number, p50: number, p95: number, inside: boolean) => ({
      variable: 'v',
      series: 's',
      year: 2021,
      observed: p50,
      p5,
      p50,
      p95,
      inside,
    });
    expect(
      summarizeBacktest([point(9, 10, 11, true), point(90, 100, 140, false), point(-1.5, -1, -0.5, true)]),
    ).toEqual({ rows: 3, inside: 2, medianRelativeWidth: 0.5 });
  });
});

describe('calibrateScenario()', () => {
  it('recovers the rate that made the data, with a perfect fit and no spread over refits', () => {
    const result = calibrateScenario(scenario, history.value, {
      fit: ['rate'],
      until: 2020,
      bootstrapCount: 5,
      seed: 3,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [rate] = result.value.parameters;
    expect(rate!.start).toBe(0.02);
    expect(rate!.value).toBeCloseTo(0.07, 7);
    expect(rate!.atBound).toBe(false);
    expect(rate!.refits).toHaveLength(5);
    rate!.refits.forEach((refit) => expect(refit).toBeCloseTo(0.07, 6));
    expect(result.value.fits[0]).toMatchObject({ variable: 'level', series: 'level_series', input: false });
    expect(result.value.fits[0]!.mape).toBeLessThan(1e-7);
    expect(result.value.backtest).toEqual([]);
  });

  it('back-tests the years after until against a band that holds the truth', () => {
    const result = calibrateScenario(scenario, history.value, {
      fit: ['rate'],
      until: 2015,
      bootstrapCount: 5,
      seed: 3,
    });
    if (!result.ok) throw new Error('calibration failed');
    expect(result.value.backtest.map((point) => point.year)).toEqual([2016, 2017, 2018, 2019, 2020]);
    for (const point of result.value.backtest) {
      expect(point.observed).toBeCloseTo(100 * 1.07 ** (point.year - 2010), 9);
      expect(point.p50).toBeCloseTo(point.observed, 4);
    }
    expect(result.value.backtestSummary).toMatchObject({ rows: 5 });
    expect(result.value.backtestSummary!.medianRelativeWidth).toBeLessThan(1e-3);
  });

  it('starts the fitted parameters from the model, not from a fit the scenario extends', () => {
    const extended = { ...scenario, set: new Map([['rate', 0.19]]) };
    const result = calibrateScenario(extended, history.value, {
      fit: ['rate'],
      until: 2020,
      bootstrapCount: 0,
      seed: 1,
    });
    if (!result.ok) throw new Error('calibration failed');
    expect(result.value.parameters[0]!.start).toBe(0.02);
    expect(result.value.parameters[0]!.value).toBeCloseTo(0.07, 7);
  });

  it('reports a parameter pinned at its bound when the data want more than the range allows', () => {
    const narrowed = {
      ...scenario,
      model: {
        ...scenario.model,
        parameters: scenario.model.parameters.map((parameter) =>
          parameter.name === 'rate' ? { ...parameter, max: 0.05 } : parameter,
        ),
      },
    };
    const pinned = calibrateScenario(narrowed, history.value, {
      fit: ['rate'],
      until: 2020,
      bootstrapCount: 0,
      seed: 1,
    });
    if (!pinned.ok) throw new Error('calibration failed');
    expect(pinned.value.parameters[0]).toMatchObject({ value: 0.05, atBound: true });
    expect(formatCalibrationTables(pinned.value)).toContain(
      'at a bound: rate = 0.05 is held at the upper end of its declared range 0 .. 0.05: the data would take it further',
    );
  });

  it('writes a file a scenario can extend: one joint empirical input per fitted parameter', () => {
    const result = calibrateScenario(scenario, history.value, {
      fit: ['rate'],
      until: 2020,
      bootstrapCount: 4,
      seed: 3,
    });
    if (!result.ok) throw new Error('calibration failed');
    const text = formatCalibrationYaml(result.value, {
      model: 'growth.yaml',
      command: 'kechuang calibrate scenario.yaml',
      written: '2025-01-02',
      dataFile: 'observed.csv',
      version: '0.1.0',
      seed: 3,
    });
    writeFileSync(join(folder, 'calibration.yaml'), text);
    writeFileSync(join(folder, 'child.yaml'), 'name: child\nextends: calibration.yaml\nuncertainty: { runs: 8 }\n');
    const child = loadScenario(join(folder, 'child.yaml'), { readText });
    expect(child.ok).toBe(true);
    if (!child.ok) return;
    expect(child.value.uncertainty.parameters).toHaveLength(1);
    expect(child.value.uncertainty.parameters[0]!.distribution).toMatchObject({
      dist: 'empirical',
      joint: 'calibration',
    });
    expect(text).toMatch(/^# Written by `kechuang calibrate scenario.yaml`/);
  });
});
