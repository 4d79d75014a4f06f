import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKechuang } from '../helpers/run-cli.js';

/**
 * `kechuang calibrate` as a process: the fit it prints and the scenario file it writes for others to
 * extend. Its bad-input checks run in-process in tests/unit/cli/calibrate-command.test.ts.
 */

const scratch = mkdtempSync(join(tmpdir(), 'kechuang-calibrate-'));

describe('kechuang calibrate', () => {
  it('fits to 2019, prints the fit and the 2020-2023 back-test, and writes a file to extend', () => {
    const out = join(scratch, 'calibration.yaml');
    const run = runKechuang([
      'calibrate',
      'scenarios/baseline.yaml',
      '--until',
      '2019',
      '--bootstrap',
      '10',
      '--out',
      out,
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('fitted on data up to 2019; 10 bootstrap refits');
    expect(run.stdout).toMatch(/│ tech_contract_turnover\s+│ tech_contract_turnover\s+│ 2012-2019 \(8\)/);
    expect(run.stdout).toMatch(/│ rd_intensity\s+│\s+2023 │\s+0\.0673 │/);
    expect(run.stdout).toMatch(/\d+ of 43 observed values inside the P5-P95 band/);
    expect(run.stdout).toContain(`wrote ${out}`);
    const written = readFileSync(out, 'utf8');
    expect(written).toContain('kechuang calibrate scenarios/baseline.yaml --until 2019 --bootstrap 10 --seed 1');
    const check = runKechuang(['validate', out]);
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toContain('scenario on model beijing-innovation, 17 uncertain inputs');
  });
});
