import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioSummary } from '../../src/experiment/scenario-summary.js';
import { messages } from '../../src/diagnostics/messages.js';
import { runKechuangAsync, type CliRun } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-cli-in-process.js';

/**
 * Faults a long run meets, caused in the built CLI as they happen to a user: a worker thread that
 * exits or throws mid-shard (through the test hook KECHUANG_FAULT_INJECT, see
 * src/parallel/fault-injection.ts), a worker that hangs, Ctrl-C, and the process killed outright.
 * Each ends in numbers bit-identical to an undisturbed run, or in a message saying what failed.
 */
const binary = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'kechuang-reliability-'));
// 20,000 runs on 2 workers, in shards sized from the measured cost of runs (src/parallel/shard-sizer.ts):
// where shards begin and end depends on timing, so faults name a run and the tests read the shard around it.
const runCount = 20_000;
// Copies of the population scenario and its model, so that tests may change them.
const model = join(scratch, 'population.yaml');
const scenario = join(scratch, 'population-mc.yaml');
copyFileSync('models/examples/population.yaml', model);
writeFileSync(
  scenario,
  readFileSync('tests/fixtures/run/population-mc.yaml', 'utf8').replace(
    '../../../models/examples/population.yaml',
    'population.yaml',
  ),
);
const experiment = ['run', scenario, '--runs', String(runCount), '--workers', '2'];
// population and net_growth_rate at 21 saved times.
const storeColumnCount = 2 * 21;

let survived = 0;
afterAll(() => {
  console.info(`reliability.test.ts: the CLI survived ${survived} faults with bit-identical numbers`);
});

/** The summary's numbers as text, without the engine block (worker count and wall time). */
function numbersOf(run: CliRun): string {
  expect(run.status, run.stderr).toBe(0);
  const { engine: _engine, ...numbers } = JSON.parse(run.stdout) as ScenarioSummary;
  return JSON.stringify(numbers);
}

/** A started CLI process: its result once it ends, and a way to signal it. */
interface Started {
  done: Promise<CliRun & { signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
}

function start(args: readonly string[], env: Record<string, string> = {}): Started {
  const child = spawn(process.execPath, [binary, ...args], { env: { ...process.env, NO_COLOR: '1', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return {
    done: new Promise((resolve) => child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }))),
    kill: (signal) => child.kill(signal),
  };
}

/** The shard files in a checkpoint folder. */
const shardFiles = (folder: string): string[] =>
  existsSync(folder) ? readdirSync(folder).filter((name) => /^runs-\d+-\d+\.f64$/.test(name)) : [];

/** The runs the shard files in a checkpoint folder hold. */
const savedRuns = (folder: string): number =>
  shardFiles(folder).reduce((sum, name) => {
    const [, first, end] = /^runs-(\d+)-(\d+)\.f64$/.exec(name)!.map(Number);
    return sum + end! - first!;
  }, 0);

/** The runs a retry message names, checked to hold `run`. */
function retriedRange(stderr: string, attempt: number, detail: RegExp, run: number): [number, number] {
  const match = new RegExp(
    `runs (\\d+) to (\\d+) failed on attempt ${attempt} of 3 \\(${detail.source}\\); trying them again`,
  ).exec(stderr);
  expect(match, stderr).not.toBeNull();
  const [first, last] = [Number(match![1]), Number(match![2])];
  expect(first <= run && run <= last, `${first}..${last} holds run ${run}`).toBe(true);
  return [first, last];
}

/** Wait until `folder` holds at least `count` shard files. */
async function untilSaved(folder: string, count: number): Promise<void> {
  const deadline = Date.now() + 100_000;
  while (shardFiles(folder).length < count) {
    if (Date.now() > deadline) throw new Error(`${folder} never held ${count} shard files`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Start a run with `--out folder` whose shard holding run 5,000 hangs (the other worker does the rest),
 * wait until `savedShards` shards are on disk, then send `signal`.
 */
async function interrupted(
  folder: string,
  signal: NodeJS.Signals,
  savedShards: number,
): Promise<CliRun & { signal: NodeJS.Signals | null }> {
  const run = start([...experiment, '--out', folder, '--quiet'], { KECHUANG_FAULT_INJECT: 'stall:run=5000' });
  await untilSaved(join(folder, '.checkpoint'), savedShards);
  run.kill(signal);
  return run.done;
}

/** The command a message says to run next, as arguments (without the leading `kechuang`). */
function suggestedCommand(stderr: string, lead: string): string[] {
  const line = stderr.split('\n').find((text) => text.includes(lead));
  expect(line, stderr).toBeDefined();
  return line!
    .slice(line!.indexOf(lead) + lead.length)
    .trim()
    .split(' ')
    .slice(1);
}

let baseline = '';
beforeAll(async () => {
  baseline = numbersOf(await runKechuangAsync([...experiment, '--json']));
}, 120_000);

// Each test is its own process; they run side by side.
describe.concurrent('kechuang run when a worker fails mid-shard', () => {
  it('retries the shard of a worker that exits on a fresh worker, saying so, and gives the undisturbed numbers', async () => {
    const run = await runKechuangAsync([...experiment, '--json'], {
      env: { KECHUANG_FAULT_INJECT: 'exit:run=4000:attempt=1' },
    });
    const [first, last] = retriedRange(run.stderr, 1, /worker exited with code: 1/, 4000);
    expect(run.stderr).toContain(
      `warning [worker-failed] ${scenario}: ${messages.shardRetried(first, last, 1, 3, 'worker exited with code: 1').message}`,
    );
    expect(numbersOf(run)).toBe(baseline);
    survived++;
  });

  it('retries the shard of a worker that throws, and gives the undisturbed numbers', async () => {
    const run = await runKechuangAsync([...experiment, '--json'], {
      env: { KECHUANG_FAULT_INJECT: 'throw:run=3125:attempt=1' },
    });
    retriedRange(run.stderr, 1, /injected fault \(KECHUANG_FAULT_INJECT\) at run 3125 on thread \d+/, 3125);
    expect(numbersOf(run)).toBe(baseline);
    survived++;
  });

  it('retries a failed shard with --workers 1 (in the main thread, with fresh state) and gives the same numbers', async () => {
    const run = await runKechuangAsync(['run', scenario, '--runs', String(runCount), '--workers', '1', '--json'], {
      env: { KECHUANG_FAULT_INJECT: 'throw:run=11000:attempt=1' },
    });
    retriedRange(run.stderr, 1, /injected fault \(KECHUANG_FAULT_INJECT\) at run 11000 on thread \d+/, 11000);
    expect(numbersOf(run)).toBe(baseline);
    survived++;
  });

  it('stops after three failures, each on a fresh worker, naming the run and the inputs that --only-run reproduces', async () => {
    const run = await runKechuangAsync(experiment, { env: { KECHUANG_FAULT_INJECT: 'throw:run=3125' } });
    expect(run.status, run.stderr).toBe(3);
    // Three attempts on a pool of two threads: only if each failing thread was replaced are all three different.
    const threads = [...run.stderr.matchAll(/on thread (\d+)\)/g)].map((match) => match[1]);
    expect(threads).toHaveLength(3);
    expect(new Set(threads).size).toBe(3);
    const failure =
      /error \[worker-failed\] .*: run 3125 failed on all 3 attempts \(.*\); its sampled inputs: birth_rate=(\S+), death_rate=(\S+)$/m.exec(
        run.stderr,
      );
    expect(failure, run.stderr).not.toBeNull();
    const rerun = suggestedCommand(run.stderr, 'reproduce it alone with:');
    expect(rerun).toEqual(['run', scenario, '--runs', String(runCount), '--seed', '42', '--only-run', '3125']);
    const alone = await runInProcess(rerun);
    expect(alone.status, alone.stderr).toBe(0);
    expect(alone.stdout).toContain(`sampled inputs:\n  birth_rate = ${failure![1]}\n  death_rate = ${failure![2]}\n`);
  });
});

describe('kechuang run --out interrupted and resumed', () => {
  it('Ctrl-C stops a run with a hung worker, keeps every finished shard, prints how to resume; --resume gives the uninterrupted numbers', async () => {
    const folder = join(scratch, 'ctrl-c');
    const run = await interrupted(folder, 'SIGINT', 6);
    expect([run.status, run.signal], run.stderr).toEqual([130, null]);
    const checkpoint = join(folder, '.checkpoint');
    const saved = savedRuns(checkpoint);
    expect(saved).toBeGreaterThan(0);
    expect(saved).toBeLessThan(runCount);
    expect(run.stderr).toContain(
      `error [interrupted] ${scenario}: interrupted: ${saved.toLocaleString('en-US')} of 20,000 runs are saved in ${checkpoint}`,
    );
    expect(existsSync(join(folder, 'summary.json'))).toBe(false);

    const resume = suggestedCommand(run.stderr, 'continue where it stopped with:');
    expect(resume).toEqual([...experiment, '--out', folder, '--resume']);
    const resumed = await runKechuangAsync([...resume, '--json']);
    expect(resumed.stderr).toContain(messages.resuming(saved, runCount, checkpoint).message);
    expect(numbersOf(resumed)).toBe(baseline);
    expect(readdirSync(folder).sort()).toEqual(['report.html', 'runs.parquet', 'series.csv', 'summary.json']);
    survived++;
  });

  it('after the process is killed outright (SIGKILL), every saved shard file is whole and --resume gives the uninterrupted numbers', async () => {
    const folder = join(scratch, 'killed');
    const run = await interrupted(folder, 'SIGKILL', 4);
    expect(run.signal).toBe('SIGKILL');
    const checkpoint = join(folder, '.checkpoint');
    for (const name of shardFiles(checkpoint)) {
      const [, first, end] = /^runs-(\d+)-(\d+)\.f64$/.exec(name)!.map(Number);
      expect(statSync(join(checkpoint, name)).size).toBe((end! - first!) * storeColumnCount * 8);
    }
    const resumed = await runKechuangAsync([...experiment, '--out', folder, '--resume', '--json']);
    expect(numbersOf(resumed)).toBe(baseline);
    survived++;
  });

  describe('refuses to mix runs of different experiments', () => {
    const folder = join(scratch, 'changed');
    const checkpoint = join(folder, '.checkpoint');
    beforeAll(async () => {
      const run = await interrupted(folder, 'SIGINT', 3);
      expect(run.status, run.stderr).toBe(130);
    }, 120_000);

    // The refusals are bad input, checked before any worker starts: in-process through runCli.
    it('refuses to start afresh over saved runs without --resume', async () => {
      const run = await runInProcess([...experiment, '--out', folder]);
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toContain(
        `error [checkpoint-exists] --out ${folder}: ${messages.checkpointExists(checkpoint).message}`,
      );
    });

    it.each([
      ['the seed', ['--seed', '43'], 'seed', '42', '43'],
      ['the run count', ['--runs', '30000'], 'run count', '20000', '30000'],
      ['a --set value', ['--set', 'death_rate=0.005'], 'fixed values (set and --set)', '{}', '{"death_rate":0.005}'],
    ])('refuses to resume with %s changed, naming what changed', async (_, extra, what, was, now) => {
      const run = await runInProcess([...experiment, ...extra, '--out', folder, '--resume']);
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toContain(
        `error [checkpoint-mismatch] --out ${folder}: ${messages.checkpointMismatch(checkpoint, what, was, now).message}`,
      );
    });

    it.each([
      ['scenario', scenario, 'scenario file (its sha256)'],
      ['model', model, 'model file (its sha256)'],
    ])('refuses to resume once the %s file changed (by content, a comment is enough)', async (_, file, what) => {
      const original = readFileSync(file, 'utf8');
      writeFileSync(file, `${original}# edited\n`);
      try {
        const run = await runInProcess([...experiment, '--out', folder, '--resume']);
        expect(run.status, run.stderr).toBe(2);
        expect(run.stderr).toContain(
          `error [checkpoint-mismatch] --out ${folder}: cannot resume from ${checkpoint}: the ${what} changed since its runs were saved`,
        );
      } finally {
        writeFileSync(file, original);
      }
    });

    it('resumes once the inputs are as they were, to the uninterrupted numbers', async () => {
      const resumed = await runKechuangAsync([...experiment, '--out', folder, '--resume', '--json']);
      expect(numbersOf(resumed)).toBe(baseline);
      survived++;
    });
  });
});
