import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandOutput } from '../../src/cli/output.js';
import { runCli } from '../../src/cli/run-cli.js';
import { messages, type Message } from '../../src/diagnostics/messages.js';
import { faultInjectionVariable } from '../../src/parallel/fault-injection.js';
import { startQueueWorker, type QueueWorker } from '../../src/queue/queue-worker.js';
import { redisRequired, redisSkipReason, startRedis, type TestRedis } from '../helpers/redis-server.js';

/**
 * One experiment over several processes, as a user runs it: a redis-server on a free port, two
 * `kechuang worker` processes of the built CLI, and coordinators (`run|sensitivity ... --redis`). The
 * numbers must be the local pool's, bit for bit, whatever happens to a worker, the coordinator or Redis.
 * Coordinators run in this process through `runCli` (the function the binary calls) where no signal
 * has to reach them; helper workers that only take over shards run in this process too.
 */
const binary = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'kechuang-redis-'));
const reference = 'bench/reference-mc100k.yaml';
const beijing = 'scenarios/baseline.yaml';

if (redisSkipReason !== undefined && !redisRequired) console.warn(`Redis scale-out tests skipped: ${redisSkipReason}`);

/** A `kechuang worker` process and what it logged. */
interface WorkerProcess {
  child: ChildProcess;
  log: () => string;
  exited: Promise<number | null>;
}

function startWorker(url: string, args: readonly string[] = [], env: Record<string, string> = {}): WorkerProcess {
  const child = spawn(
    process.execPath,
    [binary, 'worker', '--redis', url, '--workers', '1', '--stall-timeout', '2', ...args],
    { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, log: () => log, exited };
}

async function until(condition: () => boolean | Promise<boolean>, what: string, seconds = 30): Promise<void> {
  const deadline = performance.now() + seconds * 1000;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const started = (worker: WorkerProcess): Promise<void> =>
  until(() => worker.log().includes(' worker on queue '), 'a worker to start');
const shardLines = (log: string): number =>
  log.split('\n').filter((line) => / runs \d+-\d+ of model /.test(line)).length;

/** `kechuang <args>` in this process: exit code and what it printed. */
async function kechuang(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const output: CommandOutput = {
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    width: 120,
  };
  return { code: await runCli(args, output), stdout, stderr };
}

/** summary.json of a `run --out` folder without its engine block (workers and wall time). */
function numbers(folder: string): string {
  const { engine: _engine, ...rest } = JSON.parse(readFileSync(join(folder, 'summary.json'), 'utf8')) as {
    engine: unknown;
  };
  return JSON.stringify(rest);
}

const localRuns = new Map<string, string>();

/** A local run's summary.json numbers (one thread here), for `runs` runs of `scenario`. */
async function localNumbers(scenario: string, runs: number): Promise<string> {
  const key = `${scenario}:${runs}`;
  if (!localRuns.has(key)) {
    const out = mkdtempSync(join(scratch, 'local-'));
    const ran = await kechuang(['run', scenario, '--runs', String(runs), '--workers', '1', '--quiet', '--out', out]);
    expect(ran.code, ran.stderr).toBe(0);
    localRuns.set(key, numbers(out));
  }
  return localRuns.get(key)!;
}

/** A worker in this process, its log lines kept. */
async function inProcessWorker(url: string, queue: string): Promise<QueueWorker & { lines: Message[] }> {
  const lines: Message[] = [];
  const worker = await startQueueWorker({
    address: { url, shown: url, queue },
    engineVersion: (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version,
    threadCount: 1,
    useThreads: false,
    concurrency: 1,
    stallSeconds: 2,
    name: 'test',
    log: (line) => lines.push(line),
  });
  return Object.assign(worker, { lines });
}

describe.runIf(redisSkipReason === undefined || redisRequired)('kechuang worker and --redis', () => {
  let redis: TestRedis;
  let workers: WorkerProcess[] = [];

  beforeAll(async () => {
    if (redisSkipReason !== undefined) throw new Error(`${redisSkipReason}; CI must run these tests`);
    redis = await startRedis();
    workers = [startWorker(redis.url), startWorker(redis.url)];
    await Promise.all(workers.map(started));
  }, 60_000);
  afterAll(async () => {
    for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await redis?.stop();
  }, 30_000);

  it('run --redis writes the summary.json a local run writes, the reference scenario over both workers', async () => {
    const out = join(scratch, 'reference');
    const ran = await kechuang([
      'run',
      reference,
      '--runs',
      '20000',
      '--workers',
      '1',
      '--redis',
      redis.url,
      '--out',
      out,
    ]);
    expect(ran.code, ran.stderr).toBe(0);
    expect(numbers(out)).toBe(await localNumbers(reference, 20_000));
    // 20,000 runs in 20 shards of 1,000, shared by the two workers.
    expect(workers.map((worker) => shardLines(worker.log())).every((count) => count > 0)).toBe(true);
    expect(shardLines(workers[0]!.log()) + shardLines(workers[1]!.log())).toBe(20);
  });

  it('run --redis writes the summary.json a local run writes, for the Beijing baseline', async () => {
    const out = join(scratch, 'beijing');
    const ran = await kechuang([
      'run',
      beijing,
      '--runs',
      '2000',
      '--workers',
      '1',
      '--redis',
      redis.url,
      '--out',
      out,
    ]);
    expect(ran.code, ran.stderr).toBe(0);
    expect(numbers(out)).toBe(await localNumbers(beijing, 2000));
  });

  it('sensitivity --method sobol --redis gives the indices a local run gives', async () => {
    const args = ['sensitivity', beijing, '--method', 'sobol', '--samples', '64', '--workers', '1', '--json'];
    const remote = await kechuang([...args, '--redis', redis.url]);
    const local = await kechuang(args);
    expect(remote.code, remote.stderr).toBe(0);
    const withoutEngine = (text: string): unknown => ({ ...(JSON.parse(text) as object), engine: undefined });
    expect(withoutEngine(remote.stdout)).toEqual(withoutEngine(local.stdout));
  });

  it('run --out --resume after the coordinator was killed takes the shards the workers finished meanwhile', async () => {
    const out = join(scratch, 'killed-coordinator');
    const checkpoint = join(out, '.checkpoint');
    const before = workers.map((worker) => shardLines(worker.log()));
    const args = ['run', reference, '--runs', '50000', '--workers', '1', '--quiet', '--redis', redis.url, '--out', out];
    const coordinator = spawn(process.execPath, [binary, ...args], { stdio: 'ignore' });
    // The coordinator is a process here, so that it can be killed outright mid-run.
    await until(
      () => existsSync(checkpoint) && readdirSync(checkpoint).some((name) => name.startsWith('runs-')),
      'a shard',
    );
    expect(coordinator.exitCode).toBeNull();
    coordinator.kill('SIGKILL');
    // The workers go on with the shards in the queue; then they stop (SIGTERM: finish what is in hand, exit 0).
    const client = new Redis(redis.url);
    await until(
      async () => (await client.llen('bull:kechuang:wait')) + (await client.llen('bull:kechuang:active')) === 0,
      'the queue to drain',
    );
    client.disconnect();
    for (const worker of workers) worker.child.kill('SIGTERM');
    expect(await Promise.all(workers.map((worker) => worker.exited))).toEqual([0, 0]);
    for (const worker of workers)
      expect(worker.log()).toContain(messages.workerStopped(shardLines(worker.log())).message);
    // 50 shards, each computed once: no worker is left, so the resumed run must take them from disk and Redis.
    expect(workers.reduce((sum, worker, index) => sum + shardLines(worker.log()) - before[index]!, 0)).toBe(50);
    const resumed = await kechuang([...args, '--resume']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(numbers(out)).toBe(await localNumbers(reference, 50_000));
  });

  it('a worker killed with SIGKILL mid-shard: another takes its shard over, the numbers unchanged', async () => {
    // This worker stalls in the middle of each shard it takes (the test hook names run 500 of a shard, as a
    // worker numbers a shard's own rows from 0), as a machine that dies mid-shard.
    const doomed = startWorker(redis.url, ['--workers', '2', '--queue', 'sigkill'], {
      [faultInjectionVariable]: 'stall:run=500',
    });
    await started(doomed);
    const out = join(scratch, 'sigkill');
    const running = kechuang([
      'run',
      reference,
      '--runs',
      '8000',
      '--workers',
      '1',
      '--queue',
      'sigkill',
      '--redis',
      redis.url,
      '--out',
      out,
    ]);
    const client = new Redis(redis.url);
    await until(async () => (await client.llen('bull:sigkill:active')) > 0, 'the doomed worker to take shard 0');
    client.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 300));
    doomed.child.kill('SIGKILL');
    expect(await doomed.exited).toBeNull();
    const rescuer = await inProcessWorker(redis.url, 'sigkill');
    try {
      const ran = await running;
      expect(ran.code, ran.stderr).toBe(0);
      expect(rescuer.lines.some((line) => line.message.startsWith('runs 0-999 '))).toBe(true);
    } finally {
      await rescuer.stop();
    }
    expect(numbers(out)).toBe(await localNumbers(reference, 8000));
  });

  it('a worker signalled twice hands its shard back at once and exits 0; another finishes it', async () => {
    // One shard at a time, so that the one in hand is shard 0, stalled at its run 500 (the test hook) as a
    // hung model would.
    const stuck = startWorker(redis.url, ['--queue', 'hand-back', '--concurrency', '1'], {
      [faultInjectionVariable]: 'stall:run=500',
    });
    await started(stuck);
    const out = join(scratch, 'hand-back');
    const args = ['run', reference, '--runs', '3000', '--workers', '1', '--queue', 'hand-back', '--redis', redis.url];
    const running = kechuang([...args, '--out', out]);
    const client = new Redis(redis.url);
    await until(async () => (await client.llen('bull:hand-back:active')) > 0, 'the worker to take shard 0');
    stuck.child.kill('SIGTERM');
    await until(() => stuck.log().includes(messages.workerStopping(1).message), 'the worker to stop taking shards');
    stuck.child.kill('SIGTERM');
    expect(await stuck.exited).toBe(0);
    expect(stuck.log()).toContain(messages.workerReturning(1).message);
    expect(await client.llen('bull:hand-back:active')).toBe(0);
    client.disconnect();
    const rescuer = await inProcessWorker(redis.url, 'hand-back');
    try {
      const ran = await running;
      expect(ran.code, ran.stderr).toBe(0);
    } finally {
      await rescuer.stop();
    }
    expect(numbers(out)).toBe(await localNumbers(reference, 3000));
  });

  it('Redis restarted mid-run (persistence on): exit 2 naming the URL, finished runs kept for --resume', async () => {
    const persistent = await startRedis({ appendOnly: true, password: 'hunter2' });
    // A worker process on a queue of its own, there only to show what a worker logs of the URL, restart included.
    const watcher = startWorker(persistent.url, ['--queue', 'password-check']);
    try {
      await started(watcher);
      const out = join(scratch, 'restart');
      const args = ['run', reference, '--runs', '8000', '--workers', '1', '--redis', persistent.url, '--out', out];
      const first = await inProcessWorker(persistent.url, 'kechuang');
      const running = kechuang(args);
      await until(() => first.lines.filter((line) => line.message.startsWith('runs ')).length >= 2, 'two shards');
      await first.stop();
      await until(
        () => readdirSync(join(out, '.checkpoint')).filter((name) => name.startsWith('runs-')).length >= 2,
        'the checkpoint',
      );
      await persistent.restart();
      const stopped = await running;
      const shown = persistent.url.replace('hunter2', '***');
      expect(stopped.code).toBe(2);
      expect(stopped.stderr).toContain(`error [queue-unavailable] --redis ${shown}: lost Redis at ${shown}`);
      expect(stopped.stderr).toMatch(/note \[queue-unavailable\] .*: [\d,]+ of 8,000 runs are saved in /);
      expect(stopped.stderr).toContain(`--redis '${shown}'`);
      expect(stopped.stderr + stopped.stdout).not.toContain('hunter2');
      const second = await inProcessWorker(persistent.url, 'kechuang');
      try {
        const resumed = await kechuang([...args, '--resume', '--quiet']);
        expect(resumed.code, resumed.stderr).toBe(0);
      } finally {
        await second.stop();
      }
      expect(numbers(out)).toBe(await localNumbers(reference, 8000));
      expect(readFileSync(join(out, 'summary.json'), 'utf8')).not.toContain('hunter2');
      watcher.child.kill('SIGTERM');
      expect(await watcher.exited).toBe(0);
      expect(watcher.log()).toContain(` worker on queue 'password-check' at ${shown}`);
      expect(watcher.log()).not.toContain('hunter2');
    } finally {
      if (watcher.child.exitCode === null) watcher.child.kill('SIGKILL');
      await persistent.stop();
    }
  });
});
