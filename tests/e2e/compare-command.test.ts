import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ScenarioSummary } from '../../src/experiment/scenario-summary.js';
import { runKechuang } from '../helpers/run-cli.js';

/**
 * `kechuang compare` as a process on two worker threads, on every Beijing scenario. Everything else
 * about the command runs in-process in tests/unit/cli/compare-command.test.ts.
 */

const scenarioNames = [
  'baseline',
  'accelerated-funding',
  'constrained-funding',
  'enterprise-led',
  'talent-first',
  'basic-research-push',
];
const targetIds = [
  'rd_intensity_2025',
  'basic_research_share_2025',
  'rd_personnel_2025',
  'hightech_va_2025',
  'digital_growth_2025',
  'tech_contract_2025',
];

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
      [...scenarioNames, 'projection-2023'].sort(),
    );
    expect(comparison.sharedParameters).toEqual(
      expect.arrayContaining(['gdp_growth_base', 'fiscal_rd_share', 'tech_contract_scale']),
    );
    for (const summary of comparison.scenarios) {
      expect(summary.seed).toBe(comparison.seed);
      expect(summary.targets.map((target) => target.id)).toEqual(targetIds);
    }
    const byName = new Map(comparison.scenarios.map((summary) => [summary.scenario, summary]));
    const p50 = (name: string, id: string): number => byName.get(name)!.targets.find((target) => target.id === id)!.p50;
    // Common random numbers: funding moves R&D intensity in the funding's direction, scenario by scenario.
    expect(p50('accelerated-funding', 'rd_intensity_2025')).toBeGreaterThan(p50('baseline', 'rd_intensity_2025'));
    expect(p50('constrained-funding', 'rd_intensity_2025')).toBeLessThan(p50('baseline', 'rd_intensity_2025'));
    expect(p50('talent-first', 'rd_personnel_2025')).toBeGreaterThan(p50('baseline', 'rd_personnel_2025'));
    expect(p50('enterprise-led', 'rd_intensity_2025')).toBeGreaterThanOrEqual(p50('baseline', 'rd_intensity_2025'));
  });
});
