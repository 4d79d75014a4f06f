import { describe, expect, it } from 'vitest';
import { messages } from '../../../src/diagnostics/messages.js';
import { runInProcess } from '../../helpers/run-in-process.js';

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
