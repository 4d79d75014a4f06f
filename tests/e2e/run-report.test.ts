import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import type { ScenarioSummary } from '../../src/experiment/scenario-summary.js';
import { runKechuang } from '../helpers/run-cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'kechuang-run-report-'));
const baseline = 'tests/fixtures/report/baseline.yaml';

describe('kechuang run: report.html, terminal charts, --quiet', () => {
  it('--out writes report.html from the same numbers as summary.json, with the history dots of the model data file', () => {
    const folder = join(scratch, 'baseline');
    const run = runKechuang(['run', baseline, '--workers', '1', '--out', folder, '--quiet']);
    expect(run.status, run.stderr).toBe(0);
    expect([run.stdout, run.stderr]).toEqual(['', '']);
    const summary = JSON.parse(readFileSync(join(folder, 'summary.json'), 'utf8')) as ScenarioSummary;
    const page = parse(readFileSync(join(folder, 'report.html'), 'utf8'));
    const probabilities = page
      .querySelectorAll('table.targets .prob')
      .map((cell) => Number(cell.getAttribute('data-probability')));
    expect(probabilities).toEqual(summary.targets.map((target) => target.probability));
    expect(page.querySelectorAll('figure.chart')).toHaveLength(Object.keys(summary.series).length);
    expect(page.querySelector('figure.chart svg')!.text).toContain('dots: observed (population_thousand)');
    expect(page.querySelector('footer')!.text).toContain(`Kechuang ${summary.engine.version}`);
  });

  it('prints the target table and, where the terminal is wide enough, an ASCII fan per output', () => {
    const run = runKechuang(['run', baseline, '--workers', '1']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/│ population_2035 │ population ≥ 10\.3 million persons in 2035\s+│\s+\d+\.\d% │/);
    expect(run.stdout).toContain('Population · 人口 (million persons): P95, P50 (median), P5 of 400 runs');
    expect(run.stdout).toContain('net_growth_rate (percent per year): P95, P50 (median), P5 of 400 runs');
    expect(run.stdout).toMatch(/┤/);
  });
});
