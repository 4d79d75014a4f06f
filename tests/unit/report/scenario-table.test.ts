import { describe, expect, it } from 'vitest';
import type { ScenarioSummary, TargetSummary } from '../../../src/experiment/scenario-summary.js';
import { formatScenarioTable } from '../../../src/report/scenario-table.js';
import { formatSeriesCsv } from '../../../src/report/series-csv.js';
import { readModel } from '../../../src/model/read-model.js';

const target = (overrides: Partial<TargetSummary>): TargetSummary => ({
  id: 'rd_2025',
  variable: 'rd_intensity',
  year: 2025,
  op: '>=',
  threshold: 0.06,
  probability: 0.8125,
  p5: 0.055,
  p50: 0.0612,
  p95: 0.07,
  firstMet: { p5: 2023, p50: 2024, p95: null, neverShare: 0.1, shareMetBy: [0, 0.5, 0.9] },
  ...overrides,
});

const summary = (targets: TargetSummary[]): ScenarioSummary => ({
  scenario: 'accelerated',
  model: 'beijing',
  runs: 10000,
  seed: 7,
  sampling: 'lhs',
  engine: { version: '0.1.0', workers: 2, wallSeconds: 1.234 },
  provenance: {
    scenarioFile: 's.yaml',
    scenarioChain: ['s.yaml'],
    scenarioHash: 'h',
    modelFile: 'm.yaml',
    modelHash: 'h',
    set: {},
    uncertain: [],
    policies: [],
  },
  targets,
  series: {
    'rd, intensity': { time: [2023, 2024], mean: [0.05, 0.06], p5: [0.04, 0.05], p50: [0.05, 0.06], p95: [0.06, 0.07] },
  },
});

describe('formatScenarioTable()', () => {
  it('heads the table with the experiment and gives each target its odds, band and first year', () => {
    const text = formatScenarioTable(
      summary([
        target({}),
        target({
          id: 'late',
          op: '<=',
          probability: 0.25,
          firstMet: { p5: 2024, p50: null, p95: null, neverShare: 0.6, shareMetBy: [0, 0.2, 0.4] },
        }),
      ]),
      undefined,
      { width: 200 },
    );
    expect(text.split('\n')[0]).toBe(
      'scenario accelerated (model beijing): 10,000 runs, seed 7, Latin hypercube sampling, 2 workers, 1.23 s',
    );
    expect(text).toMatch(
      /│ rd_2025 +│ rd_intensity ≥ 0.06 in 2025 +│ +│ +81.3% │ +0.055 │ +0.0612 │ +0.07 │ 2024; 10.0% never +│/,
    );
    expect(text).toMatch(/│ late +│ rd_intensity ≤ 0.06 in 2025 +│ +│ +25.0% │.*│ never \(60.0% of runs\) │/);
  });

  it("shows numbers in their units when given the model: shares as percentages, 亿元 as the file writes it, or --unit's", () => {
    const model = readModel(
      'name: m\ntime: { start: 2023, stop: 2024, dt: 1 }\nparameters:\n  k: { value: 0.05, unit: dmnl }\nstocks:\n  gdp: { initial: 40000, unit: yi_yuan/year, inflows: [g] }\nflows:\n  g: { equation: gdp * k, unit: yi_yuan/year/year }\nauxiliaries:\n  rd_intensity: { equation: k, unit: dmnl }\n',
      'm.yaml',
    );
    if (!model.ok) throw new Error('model does not read');
    const withGdp: ScenarioSummary = {
      ...summary([target({})]),
      series: {
        rd_intensity: {
          time: [2023, 2024],
          mean: [0.05, 0.06],
          p5: [0.04, 0.05],
          p50: [0.05, 0.06],
          p95: [0.06, 0.07],
        },
        gdp: { time: [2023, 2024], mean: [40000, 42000], p5: [39000, 41000], p50: [40000, 42000], p95: [41000, 43000] },
      },
    };
    const text = formatScenarioTable(withGdp, model.value, { width: 200 });
    expect(text).toMatch(/│ rd_2025 +│ rd_intensity ≥ 6\.0% in 2025 +│ % +│ +81\.3% │ +5\.5% │ +6\.1% │ +7\.0% │/);
    expect(text).toMatch(/│ gdp +│ 2024 │ 亿元\/year +│ +42,000 │ +41,000 │ +42,000 │ +43,000 │/);
    const scaled = formatScenarioTable(withGdp, model.value, { width: 200, units: ['万亿元'] });
    expect(scaled).toMatch(/│ gdp +│ 2024 │ 万亿元\/year +│ +4\.2 │ +4\.1 │ +4\.2 │ +4\.3 │/);
  });

  it('says which reading an "about" target uses and how many runs fall inside its band', () => {
    const about = target({
      threshold: 0.055,
      probability: 0.95,
      about: {
        stated: 0.06,
        tolerance: 0.005,
        lower: 0.055,
        upper: 0.065,
        reading: 'at least the lower edge',
        withinProbability: 0.412,
      },
    });
    const text = formatScenarioTable(summary([about]));
    // The condition wraps to fit 120 columns; the unit has a column of its own.
    expect(text).toMatch(/│ rd_2025 +│ rd_intensity ≥ 0.055 in 2025 \(about 0.06 +│ +│ +95.0% │/);
    expect(text).toMatch(/│ +│ ± 0.005\) +│/);
    expect(text).toContain(
      'about rd_2025: the probability counts runs at least the lower edge; within 0.055 to 0.065: 41.2% of runs\n',
    );
  });

  it('shows each output at the last saved time when there are no targets', () => {
    expect(formatScenarioTable(summary([]))).toMatch(/│ rd, intensity │ 2024 │ +│ 0.06 │ 0.05 │ 0.06 │ 0.07 │/);
  });
});

describe('formatSeriesCsv()', () => {
  it('writes variable,time,mean,p5,p50,p95 rows, quoting names that need it', () => {
    expect(formatSeriesCsv(summary([]))).toBe(
      'variable,time,mean,p5,p50,p95\n"rd, intensity",2023,0.05,0.04,0.05,0.06\n"rd, intensity",2024,0.06,0.05,0.06,0.07\n',
    );
  });
});
