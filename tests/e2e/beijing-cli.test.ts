import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScenarioSummary } from '../../src/experiment/scenario-summary.js';
import { beijingScenarioNames, beijingTargetIds } from '../helpers/beijing-model.js';
import { runKechuang } from '../helpers/run-cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'kechuang-beijing-'));
const scenarioNames = beijingScenarioNames;
const targetIds = beijingTargetIds;

/** The series `run --json` gives on the baseline, each with 2024 and 2025 points. */
const headlineSeries = [
  'gdp',
  'rd_intensity',
  'rd_expenditure',
  'basic_research_share',
  'digital_economy_growth',
  'digital_economy_growth_avg_2021_2025',
  'high_tech_va',
  'tech_contract_turnover',
  'zgc_revenue',
  'unicorns',
];

describe('the Beijing scenarios from the command line', () => {
  it('kechuang validate accepts every scenario file and the model', () => {
    const run = runKechuang([
      'validate',
      'models/beijing-innovation.yaml',
      ...scenarioNames.map((name) => `scenarios/${name}.yaml`),
    ]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    for (const name of scenarioNames)
      expect(run.stdout).toContain(`ok scenarios/${name}.yaml: scenario on model beijing-innovation`);
  });

  it('kechuang run scenarios/baseline.yaml --json names the headline series, each with 2024 and 2025, and says how it reads "about"', () => {
    const run = runKechuang(['run', 'scenarios/baseline.yaml', '--runs', '300', '--workers', '1', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as ScenarioSummary;
    for (const name of headlineSeries)
      expect(summary.series[name]!.time, name).toEqual(expect.arrayContaining([2024, 2025]));
    const intensity = summary.targets.find((target) => target.id === 'rd_intensity_2025')!;
    expect(intensity).toMatchObject({
      threshold: 0.055,
      about: { stated: 0.06, tolerance: 0.005, reading: 'at least the lower edge' },
    });
    expect(intensity.about!.withinProbability).toBeGreaterThanOrEqual(0);
    expect(summary.targets.find((target) => target.id === 'digital_growth_2025')!.variable).toBe(
      'digital_economy_growth_avg_2021_2025',
    );
    expect(summary.targets.find((target) => target.id === 'unicorns_2025')!.note).toMatch(/Hurun/);
  });
});

describe('kechuang compare on the Beijing scenarios', () => {
  const files = readdirSync('scenarios')
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => `scenarios/${name}`);

  it('compares every scenario file on common random numbers, the six targets side by side', () => {
    const run = runKechuang(['compare', ...files, '--runs', '400', '--workers', '2', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const comparison = JSON.parse(run.stdout) as {
      seed: number;
      runs: number;
      sharedParameters: string[];
      scenarios: ScenarioSummary[];
    };
    expect(comparison.runs).toBe(400);
    expect(comparison.scenarios.map((summary) => summary.scenario).sort()).toEqual(
      [...scenarioNames, 'fifteenth-plan', 'projection-2024'].sort(),
    );
    expect(comparison.sharedParameters).toEqual(
      expect.arrayContaining(['gdp_growth_shock', 'municipal_pass_through', 'additionality', 'tech_contract_share']),
    );
    for (const summary of comparison.scenarios) {
      expect(summary.seed).toBe(comparison.seed);
      expect(summary.targets.map((target) => target.id).slice(0, 8)).toEqual(targetIds);
    }
    const byName = new Map(comparison.scenarios.map((summary) => [summary.scenario, summary]));
    const p50 = (name: string, id: string): number => byName.get(name)!.targets.find((target) => target.id === id)!.p50;
    // Common random numbers: funding moves R&D intensity in the funding's direction, scenario by scenario.
    expect(p50('accelerated-funding', 'rd_intensity_2025')).toBeGreaterThan(p50('baseline', 'rd_intensity_2025'));
    expect(p50('constrained-funding', 'rd_intensity_2025')).toBeLessThan(p50('baseline', 'rd_intensity_2025'));
    // Talent supply does not bind on the calibrated model: the talent policy cannot lower personnel, and adds little.
    expect(p50('talent-first', 'rd_personnel_2025')).toBeGreaterThanOrEqual(p50('baseline', 'rd_personnel_2025'));
    // The 120% super-deduction holds over 2025 itself, so its relabelling part shows in 2025.
    expect(p50('enterprise-led', 'rd_intensity_2025')).toBeGreaterThan(p50('baseline', 'rd_intensity_2025'));
    expect(p50('basic-research-push', 'basic_research_share_2025')).toBeGreaterThan(
      p50('baseline', 'basic_research_share_2025'),
    );
  });
});

describe('a Beijing scenario started off the save grid', () => {
  it('a start that leaves stop - start not a whole number of saves is reported at the scenario field', () => {
    const file = join(scratch, 'half-year.yaml');
    writeFileSync(
      file,
      `name: half-year\nextends: ${join(process.cwd(), 'scenarios/baseline.yaml')}\ntime: { start: 2023.5 }\n`,
    );
    const run = runKechuang(['validate', file]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      `${file}:3:16: error [invalid-time] time.start: stop - start = 6.5 is not a whole multiple of save_every = 1`,
    );
  });
});

describe('kechuang calibrate', () => {
  it('fits to 2020, prints the fit and the 2021-2024 back-test with its band width, and writes a file to extend', () => {
    // --out names a folder: the fit is written into it under the scenario's file name.
    const folder = join(scratch, 'calibration');
    const out = join(folder, 'baseline.yaml');
    const run = runKechuang([
      'calibrate',
      'scenarios/baseline.yaml',
      '--until',
      '2020',
      '--bootstrap',
      '10',
      '--out',
      folder,
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('fitted on data up to 2020; 10 bootstrap refits');
    expect(run.stdout).toMatch(/│ tech_contract_turnover\s+│ tech_contract_turnover\s+│ 2012-2020 \(9\)/);
    expect(run.stdout).toMatch(/│ rd_intensity\s+│\s+2024 │\s+0\.0658 │/);
    expect(run.stdout).toMatch(
      /\d+ of 43 observed values inside the P5-P95 band; median relative band width \(P95 - P5\) \/ P50: 0\.\d{3}/,
    );
    expect(run.stdout).toContain(`wrote ${out}`);
    const written = readFileSync(out, 'utf8');
    expect(written).toContain('kechuang calibrate scenarios/baseline.yaml --until 2020 --bootstrap 10 --seed 20230501');
    const check = runKechuang(['validate', out]);
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toContain('scenario on model beijing-innovation, 20 uncertain inputs');
  });
});
