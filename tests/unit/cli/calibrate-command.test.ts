import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../../helpers/run-cli-in-process.js';

/** `kechuang calibrate` bad input, in-process through `runCli` (tests/e2e/calibrate-command.test.ts runs a fit). */

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
