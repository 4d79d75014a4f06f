import { describe, expect, it } from 'vitest';
import type { ScenarioSummary } from '../../../src/experiment/scenario-summary.js';
import { runInProcess } from '../../helpers/run-in-process.js';

// Issue 20, problem 4: "first met" counted simulated history (digital_growth_2025 "first met 2012").
describe('first met counts only years after the last data year (issue 20, problem 4)', () => {
  it('run --json: every first-met year of the Beijing baseline is after 2024, and says so', async () => {
    const run = await runInProcess(['run', 'scenarios/baseline.yaml', '--runs', '200', '--workers', '1', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as ScenarioSummary;
    expect(summary.lastDataYear).toBe(2024);
    for (const target of summary.targets) {
      expect(target.firstMet.countedAfter, target.id).toBe(2024);
      for (const year of [target.firstMet.p5, target.firstMet.p50, target.firstMet.p95])
        if (year !== null) expect(year, target.id).toBeGreaterThan(2024);
      const yearIndex = summary.series[target.variable]!.time.indexOf(2024);
      expect(target.firstMet.shareMetBy[yearIndex], target.id).toBe(0);
    }
  });

  it('run prints the rule beside the column', async () => {
    const run = await runInProcess(['run', 'scenarios/baseline.yaml', '--runs', '100', '--workers', '1'], 200);
    expect(run.stdout).toContain('first met after 2024');
  });
});
