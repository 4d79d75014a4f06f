import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../../helpers/run-in-process.js';

/** A copy of the shipped scenarios and model (calibrate writes beside the scenario), with a small scenario to fit fast. */
function copyProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'kechuang-calibrate-'));
  cpSync('scenarios', join(root, 'scenarios'), { recursive: true });
  cpSync('models', join(root, 'models'), { recursive: true });
  return root;
}

const quick = ['--bootstrap', '2', '--fit', 'central_rd_share_2023,enterprise_intensity_2012'];

// Issue 20, problem 1: the README's calibrate example silently overwrote the calibration every scenario extends.
describe('calibrate never replaces a file without --force (issue 20, problem 1)', () => {
  it('writes a new file beside the shipped calibration, and names the scenarios extending it', async () => {
    const root = copyProject();
    const shipped = join(root, 'scenarios/calibration/baseline.yaml');
    const before = readFileSync(shipped, 'utf8');
    const run = await runInProcess(['calibrate', join(root, 'scenarios/baseline.yaml'), ...quick], 200);
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(shipped, 'utf8')).toBe(before);
    const written = join(root, 'scenarios/calibration/baseline-2.yaml');
    expect(run.stdout).toContain(`wrote ${written}`);
    expect(run.stderr).toContain('note [file-exists]');
    expect(run.stderr).toMatch(/extended by .*scenarios\/accelerated-funding\.yaml/);
    const text = readFileSync(written, 'utf8');
    expect(text).toMatch(/calibration:\n {2}from: 2012\n {2}until: 2024\n {2}written: \d{4}-\d\d-\d\d/);
  });

  it('refuses an existing file under --out without --force (exit 2), and replaces it with --force', async () => {
    const root = copyProject();
    const folder = join(root, 'scenarios/calibration');
    const shipped = join(folder, 'baseline.yaml');
    const before = readFileSync(shipped, 'utf8');
    const refused = await runInProcess(['calibrate', join(root, 'scenarios/baseline.yaml'), ...quick, '--out', folder]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/error \[file-exists\] --out .*: .*baseline\.yaml exists and 8 scenarios extend it/);
    expect(readFileSync(shipped, 'utf8')).toBe(before);
    const forced = await runInProcess([
      'calibrate',
      join(root, 'scenarios/baseline.yaml'),
      ...quick,
      '--out',
      folder,
      '--force',
    ]);
    expect(forced.status, forced.stderr).toBe(0);
    expect(readFileSync(shipped, 'utf8')).not.toBe(before);
  });

  it('--dry-run prints what would change and writes nothing', async () => {
    const root = copyProject();
    const run = await runInProcess(['calibrate', join(root, 'scenarios/baseline.yaml'), ...quick, '--dry-run'], 200);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('fit window: 2012-2024 → 2012-2024');
    expect(run.stdout).toMatch(/central_rd_share_2023\s+│\s+[\d.]+\s+│\s+[\d.]+\s+│\s+[+-][\d.]+%/);
    expect(run.stdout).toContain('would write');
    expect(existsSync(join(root, 'scenarios/calibration/baseline-2.yaml'))).toBe(false);
  });

  it('--out is a folder, as for every other command', async () => {
    const root = copyProject();
    const out = join(root, 'fit');
    const run = await runInProcess([
      'calibrate',
      join(root, 'scenarios/baseline.yaml'),
      ...quick,
      '--out',
      out,
      '--quiet',
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    expect(existsSync(join(out, 'baseline.yaml'))).toBe(true);
  });

  it('run names the calibration it rests on, with its fit window and date', async () => {
    const root = copyProject();
    const file = join(root, 'scenarios/calibration/baseline.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('until: 2024', 'until: 2019'));
    const run = await runInProcess(
      ['run', join(root, 'scenarios/baseline.yaml'), '--runs', '20', '--workers', '1'],
      200,
    );
    expect(run.stdout).toMatch(
      /calibration .*scenarios\/calibration\/baseline\.yaml: fitted to data 2012-2019, written 2026-12-04/,
    );
  });
});
