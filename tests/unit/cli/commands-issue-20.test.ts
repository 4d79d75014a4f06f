import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../../helpers/run-in-process.js';

const widest = (text: string): number => Math.max(...text.split('\n').map((line) => stringWidth(line)));

// Issue 20, problem 5: tables wider than a terminal, units changing scale row to row, P columns without a unit.
describe('tables fit the terminal, one unit per row (issue 20, problem 5)', () => {
  it('run fits 80 and 120 columns, says what it left out, and shows every column with --wide', async () => {
    for (const width of [80, 120]) {
      const run = await runInProcess(['run', 'scenarios/baseline.yaml', '--runs', '50', '--workers', '1'], width);
      expect(run.status, run.stderr).toBe(0);
      const tables = run.stdout.split('\n').filter((line) => /^[┌│└]/.test(line));
      expect(widest(tables.join('\n')), `width ${width}`).toBeLessThanOrEqual(width);
    }
    const narrow = await runInProcess(['run', 'scenarios/baseline.yaml', '--runs', '50', '--workers', '1'], 80);
    expect(narrow.stdout).toContain('--wide shows every column');
    const wide = await runInProcess(['run', 'scenarios/baseline.yaml', '--runs', '50', '--workers', '1', '--wide'], 80);
    expect(wide.stdout).toContain('first met after 2024 (median)');
    expect(widest(wide.stdout)).toBeGreaterThan(80);
  });

  it("shows 亿元 values in the file's own unit with the unit in its own column, and in 万亿元 with --unit", async () => {
    const run = await runInProcess(['run', 'scenarios/baseline.yaml', '--runs', '50', '--workers', '1', '--wide']);
    const row = run.stdout.split('\n').find((line) => line.includes('hightech_va_2025'))!;
    expect(row).toContain('high_tech_va ≥ 12,000 in 2025');
    expect(row).toContain('亿元/year');
    const header = run.stdout.split('\n').find((line) => line.includes('│ target'))!;
    expect(header).toContain('│ unit');
    const scaled = await runInProcess([
      'run',
      'scenarios/baseline.yaml',
      '--runs',
      '50',
      '--workers',
      '1',
      '--wide',
      '--unit',
      '万亿元',
    ]);
    expect(scaled.stdout.split('\n').find((line) => line.includes('hightech_va_2025'))).toContain('≥ 1.2 in 2025');
  });

  it('describe fits 120 columns', async () => {
    const run = await runInProcess(['describe', 'models/beijing-innovation.yaml'], 120);
    expect(run.status).toBe(0);
    expect(widest(run.stdout)).toBeLessThanOrEqual(120);
  });

  it('describe prints a number of years in the year unit', async () => {
    const run = await runInProcess(['describe', 'models/beijing-innovation.yaml', '--wide']);
    const row = run.stdout.split('\n').find((line) => line.includes('enterprise_adjustment_time'));
    expect(row).toMatch(/│ 2 +│ year/);
  });
});

// Issue 20, problem 6: --set values did not appear in the text output.
describe("run's header (issue 20, problem 6)", () => {
  it('names the --set values, the extends chain and the calibration with its fit window and date', async () => {
    const run = await runInProcess(
      ['run', 'scenarios/accelerated-funding.yaml', '--runs', '50', '--workers', '1', '--set', 'venture_climate=0.9'],
      200,
    );
    const head = run.stdout.split('\n').slice(0, 4).join('\n');
    expect(head).toContain('--set venture_climate=0.9');
    expect(head).toContain('extends scenarios/baseline.yaml → scenarios/calibration/baseline.yaml');
    expect(head).toMatch(
      /calibration scenarios\/calibration\/baseline\.yaml: fitted to data 2012-2024, written \d{4}-\d\d-\d\d/,
    );
  });
});

// Issue 20, problem 7: simulate had no --json, --quiet or --out, and printed 0.117687 where run prints 11.8%.
describe('simulate speaks the same grammar as run (issue 20, problem 7)', () => {
  it('formats shares as percentages, prints JSON, and writes files quietly with --out', async () => {
    const table = await runInProcess(['simulate', 'scenarios/baseline.yaml', '--vars', 'rd_intensity']);
    expect(table.status, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/\d\.\d%/);
    expect(table.stdout).not.toMatch(/0\.0\d{5}/);
    const json = await runInProcess(['simulate', 'scenarios/baseline.yaml', '--vars', 'rd_intensity', '--json']);
    const parsed = JSON.parse(json.stdout) as { time: number[]; series: Record<string, number[]> };
    expect(parsed.series['rd_intensity']).toHaveLength(parsed.time.length);
    const out = mkdtempSync(join(tmpdir(), 'kechuang-simulate-'));
    const quiet = await runInProcess(['simulate', 'scenarios/baseline.yaml', '--quiet', '--out', out]);
    expect(quiet.stdout).toBe('');
    expect(readFileSync(join(out, 'simulation.csv'), 'utf8')).toMatch(/^time,/);
    expect(existsSync(join(out, 'simulation.json'))).toBe(true);
  });

  it('sensitivity takes --runs for PRCC and refuses --samples there', async () => {
    const run = await runInProcess(['sensitivity', 'scenarios/baseline.yaml', '--method', 'prcc', '--samples', '100']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("error [invalid-option] --samples 100: prcc takes its design's size from --runs");
  });
});

// Issue 20, problem 10: describe on a scenario gave 8 "unknown field" errors; a misspelt file got no did-you-mean.
describe('describe and file names (issue 20, problem 10)', () => {
  it("describes a scenario's model with the scenario's values and policies", async () => {
    const run = await runInProcess(['describe', 'scenarios/basic-research-push.yaml', '--wide']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('scenario basic-research-push');
    expect(run.stdout).toMatch(/basic_allocation_increase\s+│ policy, /);
    expect(run.stdout).toMatch(/gdp_growth_shock\s+│ truncated normal\(mean /);
  });

  it('suggests the file meant when a path does not exist', async () => {
    const run = await runInProcess(['run', 'scenarios/baselin.yaml']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("hint: did you mean 'scenarios/baseline.yaml'?");
  });
});
