import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages } from '../../../src/diagnostics/messages.js';
import { runInProcess } from '../../helpers/run-cli-in-process.js';

/** `kechuang calibrate` bad input, in-process through `runCli` (tests/e2e/beijing-cli.test.ts runs a fit). */

const scratch = mkdtempSync(join(tmpdir(), 'kechuang-calibrate-'));

describe('kechuang calibrate', () => {
  it('rejects an unknown parameter in --fit with exit 2 and the closest name', async () => {
    const run = await runInProcess([
      'calibrate',
      'scenarios/baseline.yaml',
      '--fit',
      'knowledge_lagg',
      '--out',
      join(scratch, 'x.yaml'),
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("'knowledge_lagg' is not a parameter of the model");
    expect(run.stderr).toContain("did you mean 'knowledge_lag'?");
  });

  it('rejects a parameter without bounds in --fit with exit 2', async () => {
    const run = await runInProcess([
      'calibrate',
      'scenarios/baseline.yaml',
      '--fit',
      'rd_intensity_ceiling',
      '--out',
      join(scratch, 'y.yaml'),
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("parameter 'rd_intensity_ceiling' has no min and max");
  });
});

describe('kechuang calibrate with too few observed values (issue 21, problem 9)', () => {
  it('exits 2 naming --until and how many values there are, where the optimiser threw (exit 1)', async () => {
    // The fixture's data file has two observed years within the model's span.
    const run = await runInProcess([
      'calibrate',
      'tests/fixtures/report/baseline.yaml',
      '--fit',
      'birth_rate',
      '--until',
      '2030',
      '--out',
      '/dev/null',
    ]);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toBe(
      `error [invalid-value] --until 2030: ${messages.tooFewFitPoints(2, 3, 2030).message}\n  hint: ${messages.tooFewFitPoints(2, 3, 2030).hint}\n`,
    );
  });

  it('says there is nothing to fit when no observed value falls up to --until', async () => {
    const run = await runInProcess([
      'calibrate',
      'tests/fixtures/report/baseline.yaml',
      '--fit',
      'birth_rate',
      '--until',
      '2010',
    ]);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain(messages.noFitData(2010).message);
  });
});
