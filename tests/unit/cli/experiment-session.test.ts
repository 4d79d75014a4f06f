import { describe, expect, it } from 'vitest';
import { exitCodes, ReportedFailure } from '../../../src/cli/cli-error.js';
import { runExperimentSession } from '../../../src/cli/experiment-session.js';
import type { CommandOutput } from '../../../src/cli/output.js';
import { InputError } from '../../../src/diagnostics/input-error.js';
import { messages } from '../../../src/diagnostics/messages.js';
import { MemoryLimitError, RunCrashedError } from '../../../src/experiment/run-design.js';
import { InterruptedError } from '../../../src/parallel/shard-executor.js';
import { QueueUnavailableError, ShardRefusedError } from '../../../src/queue/queue-errors.js';
import { loadScenarioOrThrow, reportFixture } from '../../helpers/report-fixtures.js';

const scenario = loadScenarioOrThrow(reportFixture('baseline.yaml'));
const settings = { shared: { workerCount: 1, memoryLimitBytes: 1e9, quiet: true }, totalRuns: 10 };
const context = () => ({ scenario, rerun: (runIndex: number) => `kechuang run s.yaml --only-run ${runIndex}` });

async function stopWith(error: Error, extra: object = {}): Promise<{ thrown: unknown; stderr: string }> {
  let stderr = '';
  const output: CommandOutput = { out: () => undefined, err: (text) => void (stderr += text), width: 120 };
  try {
    await runExperimentSession(
      settings,
      () => ({ ...context(), ...extra }),
      output,
      () => Promise.reject(error),
    );
  } catch (thrown) {
    return { thrown, stderr };
  }
  throw new Error('the session did not stop');
}

describe('runExperimentSession()', () => {
  it('hands the work a pool and the shared run options, and returns what it returns', async () => {
    const output: CommandOutput = { out: () => undefined, err: () => undefined, width: 120 };
    const value = await runExperimentSession(settings, context, output, (session) => {
      expect(session.runOptions.executor.workerCount).toBe(1);
      expect(session.runOptions.memoryLimitBytes).toBe(1e9);
      expect(session.runOptions.signal.aborted).toBe(false);
      return Promise.resolve(42);
    });
    expect(value).toBe(42);
  });

  it('turns an experiment too large for --max-memory into an input error on the scenario', async () => {
    const { thrown } = await stopWith(new MemoryLimitError(2e9, 1e9, { runCount: 10, saveCount: 2, variableCount: 3 }));
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as InputError).option).toBe(scenario.file);
  });

  it('says on Ctrl-C that nothing was kept, or what the command has to say, and exits 130', async () => {
    const plain = await stopWith(new InterruptedError());
    expect((plain.thrown as ReportedFailure).exitCode).toBe(exitCodes.interrupted);
    expect(plain.stderr).toContain(messages.interruptedUnsaved().message);
    const own = await stopWith(new InterruptedError(), { interrupted: () => messages.solveInterrupted(3) });
    expect(own.stderr).toContain(messages.solveInterrupted(3).message);
  });

  it('names a run that crashed on every attempt with its inputs and the command that redoes it, exit 3', async () => {
    const { thrown, stderr } = await stopWith(new RunCrashedError(7, 3, { birth_rate: 0.02 }, new Error('boom')));
    expect((thrown as ReportedFailure).exitCode).toBe(exitCodes.runFailed);
    expect(stderr).toContain('birth_rate=0.02');
    expect(stderr).toContain('kechuang run s.yaml --only-run 7');
  });

  it('says Redis was lost, naming its URL and the runs kept with the command that resumes, exit 2', async () => {
    const lost = new QueueUnavailableError('redis://:***@127.0.0.1:6380', 'the connection closed', 'lost');
    const checkpoint = { savedRunCount: () => 4000, folder: 'out/.runs' };
    const kept = { kept: { out: 'out', checkpoint, resume: 'kechuang run s.yaml --out out --resume' } };
    const { thrown, stderr } = await stopWith(lost, kept);
    expect((thrown as ReportedFailure).exitCode).toBe(exitCodes.badInput);
    expect(stderr).toContain(
      `--redis redis://:***@127.0.0.1:6380: ${messages.redisLost(lost.shown, lost.reason).message}`,
    );
    expect(stderr).toContain(
      messages.queueRunsKept(4000, scenario.uncertainty.runCount, 'out/.runs', kept.kept.resume).message,
    );
    expect(stderr).toContain('kechuang run s.yaml --out out --resume');
  });

  it('says which worker refused a shard and why, exit 2', async () => {
    const refused = new ShardRefusedError('redis://127.0.0.1:6380', 'host/42', 'it runs Kechuang 0.0.9');
    const { thrown, stderr } = await stopWith(refused);
    expect((thrown as ReportedFailure).exitCode).toBe(exitCodes.badInput);
    expect(stderr).toContain(messages.shardRefused('host/42', 'it runs Kechuang 0.0.9').message);
  });

  it('passes input errors and reported failures on unchanged', async () => {
    const input = new InputError('--x', messages.notPositive());
    expect((await stopWith(input)).thrown).toBe(input);
    const reported = new ReportedFailure(2);
    expect((await stopWith(reported)).thrown).toBe(reported);
  });
});
