import { totalmem } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ReportedFailure } from '../../../src/cli/cli-error.js';
import type { CommandOutput } from '../../../src/cli/output.js';
import {
  defaultMemoryLimitBytes,
  memoryLimitInputError,
  memoryLimitOption,
  reportRunFailure,
} from '../../../src/cli/run-failure.js';
import { InputError } from '../../../src/diagnostics/input-error.js';
import { MemoryLimitError } from '../../../src/experiment/run-design.js';

describe('memoryLimitOption()', () => {
  it('reads --max-memory in GB (1e9 bytes), fractions allowed', () => {
    expect(memoryLimitOption('2')).toBe(2e9);
    expect(memoryLimitOption('0.25')).toBe(0.25e9);
  });

  it("defaults to half of this machine's memory, or of the process's limit when it has a smaller one", () => {
    expect(memoryLimitOption(undefined)).toBe(defaultMemoryLimitBytes());
    expect(defaultMemoryLimitBytes()).toBeGreaterThan(0);
    expect(defaultMemoryLimitBytes()).toBeLessThanOrEqual(totalmem() / 2);
  });

  it('refuses zero, negatives, words and infinity, naming the option', () => {
    for (const text of ['0', '-1', 'lots', 'Infinity', '']) {
      expect(() => memoryLimitOption(text), text).toThrow(InputError);
      try {
        memoryLimitOption(text);
      } catch (error) {
        expect((error as InputError).render()).toBe(
          `error [invalid-value] --max-memory ${text}: expected a positive number`,
        );
      }
    }
  });
});

describe('memoryLimitInputError()', () => {
  it('says what the experiment needs and may have, in GB or MB, and its shape', () => {
    const large = memoryLimitInputError(
      new MemoryLimitError(12.34e9, 4e9, { runCount: 1_000_000, saveCount: 31, variableCount: 40 }),
      'scenarios/baseline.yaml',
    );
    expect(large.option).toBe('scenarios/baseline.yaml');
    expect(large.detail.code).toBe('too-large');
    expect(large.detail.message).toBe(
      'this experiment needs 12.3 GB of memory (1,000,000 runs x 31 saved times x 40 stored variables, plus the sample matrix), more than the 4.0 GB allowed',
    );
    const small = memoryLimitInputError(
      new MemoryLimitError(2.5e6, 0.5e6, { runCount: 100, saveCount: 2, variableCount: 3 }),
      's.yaml',
    );
    expect(small.detail.message).toContain('needs 3 MB of memory');
    expect(small.detail.message).toContain('more than the 0.500 MB allowed');
  });
});

describe('reportRunFailure()', () => {
  it('names the run, variable, value, time, inputs and the command that redoes it, and exits 3', () => {
    let stderr = '';
    const output: CommandOutput = { out: () => undefined, err: (text) => void (stderr += text), width: 120 };
    const failure = {
      runIndex: 17,
      variable: 'level',
      time: 2,
      value: Number.POSITIVE_INFINITY,
      failedRunCount: 4,
      parameters: { gap: 0.5, rate: 2 },
    };
    let thrown: unknown;
    try {
      reportRunFailure(failure, 'runs.yaml', 'kechuang run runs.yaml --only-run 17', output);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ReportedFailure);
    expect((thrown as ReportedFailure).exitCode).toBe(3);
    expect(stderr).toBe(
      'error [non-finite] runs.yaml: run 17 gives level = Infinity at time 2 (4 runs have non-finite values); its sampled inputs: gap=0.5, rate=2\n' +
        '  hint: look for a division by zero or a runaway loop at those inputs; reproduce with: kechuang run runs.yaml --only-run 17\n',
    );
  });

  it('says "none" when the run sampled nothing, and leaves out the count when one run failed', () => {
    let stderr = '';
    const output: CommandOutput = { out: () => undefined, err: (text) => void (stderr += text), width: 120 };
    const failure = { runIndex: 0, variable: 'x', time: 0, value: Number.NaN, failedRunCount: 1, parameters: {} };
    expect(() => reportRunFailure(failure, 's.yaml', 'kechuang run s.yaml --only-run 0', output)).toThrow(
      ReportedFailure,
    );
    expect(stderr).toContain('run 0 gives x = NaN at time 0; its sampled inputs: none\n');
  });
});
