import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages, type Message } from '../../../src/diagnostics/messages.js';
import { compileExperiment, type CompiledExperiment } from '../../../src/experiment/compile-experiment.js';
import { runDesign, RunCrashedError } from '../../../src/experiment/run-design.js';
import { scenarioSample } from '../../../src/experiment/sample-matrix.js';
import { faultInjectionVariable } from '../../../src/parallel/fault-injection.js';
import { createShardExecutor, type ShardExecutor } from '../../../src/parallel/shard-executor.js';
import { QueueUnavailableError, ShardRefusedError } from '../../../src/queue/queue-errors.js';
import { openQueueExecutor } from '../../../src/queue/queue-shard-executor.js';
import { startQueueWorker, type QueueWorker } from '../../../src/queue/queue-worker.js';
import type { QueueAddress } from '../../../src/queue/redis-address.js';
import type { ScenarioSpec } from '../../../src/scenario/scenario-spec.js';
import { loadBeijingScenario } from '../../helpers/beijing-model.js';
import { freePort, redisRequired, redisSkipReason, startRedis, type TestRedis } from '../../helpers/redis-server.js';

/**
 * The queue executor and its workers against a real redis-server on a free port: workers run in this
 * process (the e2e test runs them as processes), each with its own queue.
 */
const runCount = 3000;
const reference = loadBeijingScenario('bench/reference-mc100k.yaml');
const scenario: ScenarioSpec = { ...reference, uncertainty: { ...reference.uncertainty, runCount } };
const compiled = compileExperiment(scenario);
if (!compiled.ok) throw new Error('the reference scenario did not compile');
const experiment: CompiledExperiment = compiled.value;

if (redisSkipReason !== undefined && !redisRequired) console.warn(`queue executor tests skipped: ${redisSkipReason}`);

describe.runIf(redisSkipReason === undefined || redisRequired)('openQueueExecutor() with queue workers', () => {
  let redis: TestRedis;
  let local: Float64Array;
  let queueNumber = 0;
  const address = (): QueueAddress => ({ url: redis.url, shown: redis.url, queue: `test-${++queueNumber}` });

  beforeAll(async () => {
    if (redisSkipReason !== undefined) throw new Error(`${redisSkipReason}; CI must run these tests`);
    redis = await startRedis();
    const executor = createShardExecutor(1);
    try {
      const ran = await runDesign(experiment, scenarioSample(scenario), { executor, memoryLimitBytes: 1e9 });
      if (!ran.ok) throw new Error('the local run failed');
      local = Float64Array.from(ran.store.values);
    } finally {
      await executor.close();
    }
  });
  afterAll(async () => {
    await redis?.stop();
  });

  /** A worker in this process on `queue`, its log lines collected. */
  async function worker(queue: QueueAddress, engineVersion = 'test'): Promise<QueueWorker & { lines: Message[] }> {
    const lines: Message[] = [];
    const started = await startQueueWorker({
      address: queue,
      engineVersion,
      threadCount: 1,
      useThreads: false,
      concurrency: 1,
      stallSeconds: 5,
      name: 'test-worker',
      log: (line) => lines.push(line),
    });
    return Object.assign(started, { lines });
  }

  async function withExecutor<T>(queue: QueueAddress, work: (executor: ShardExecutor) => Promise<T>): Promise<T> {
    const executor = await openQueueExecutor({ address: queue, engineVersion: 'test', local: createShardExecutor(1) });
    try {
      return await work(executor);
    } finally {
      await executor.close();
    }
  }

  const run = (executor: ShardExecutor, onProgress?: (runs: number) => void, changed = experiment) =>
    runDesign(changed, scenarioSample(scenario), {
      executor,
      memoryLimitBytes: 1e9,
      ...(onProgress === undefined ? {} : { onProgress }),
    });

  it('runs the shards on the workers into the very store the local pool fills, counting progress by shard', async () => {
    const queue = address();
    const taker = await worker(queue);
    try {
      const progress: number[] = [];
      const ran = await withExecutor(queue, (executor) => run(executor, (runs) => progress.push(runs)));
      expect(ran.ok).toBe(true);
      expect(Buffer.from(ran.store.values.buffer).equals(Buffer.from(local.buffer))).toBe(true);
      expect(progress.at(-1)).toBe(runCount);
      expect(taker.lines.filter((line) => line.message.startsWith('runs ')).length).toBe(progress.length);
    } finally {
      await taker.stop();
    }
  });

  it.each([1, 2, 3])(
    'gives the bytes the local pool gives over %i queue worker(s), each shard run once',
    async (count) => {
      const queue = address();
      const takers = await Promise.all(Array.from({ length: count }, () => worker(queue)));
      try {
        const ran = await withExecutor(queue, (executor) => run(executor));
        expect(ran.ok).toBe(true);
        expect(Buffer.from(ran.store.values.buffer).equals(Buffer.from(local.buffer))).toBe(true);
        const shards = takers.flatMap((taker) => taker.lines.filter((line) => line.message.startsWith('runs ')));
        expect(shards.map((line) => line.message.split(' ')[1]).sort()).toEqual(['0-999', '1000-1999', '2000-2999']);
      } finally {
        await Promise.all(takers.map((taker) => taker.stop()));
      }
    },
  );

  it('runs a task of a shape the workers do not know on full-size buffers, with the numbers runShard gives', async () => {
    const queue = address();
    const taker = await worker(queue);
    try {
      const sample = scenarioSample(scenario);
      const columnCount = experiment.outputNames.length * experiment.saveTimes.length;
      const task = {
        kind: 'runs' as const,
        source: experiment.runSource,
        baseParameters: experiment.baseParameters,
        sampleParameterIndex: experiment.sampleColumns,
        distributions: experiment.distributions,
        sample: { kind: 'matrix' as const, probabilities: sample.probabilities.buffer as SharedArrayBuffer },
        results: new SharedArrayBuffer(runCount * columnCount * 8),
        runCount,
        saveCount: experiment.saveTimes.length,
        variableCount: experiment.outputNames.length,
        firstColumn: 0,
        endColumn: columnCount,
        firstRun: 700,
        endRun: 1300,
        shardIndex: 0,
        status: new SharedArrayBuffer(4),
        targets: [],
        tallyFailures: false,
        tallies: new SharedArrayBuffer(8),
        // A field a later task may carry: the worker cannot shrink this task to its rows.
        note: 'added later',
      };
      await withExecutor(queue, (executor) => executor.execute([task]));
      const values = new Float64Array(task.results);
      for (let column = 0; column < columnCount; column++)
        for (const row of [0, 699, 700, 1299, 1300, runCount - 1])
          expect(
            Object.is(values[column * runCount + row], row >= 700 && row < 1300 ? local[column * runCount + row] : 0),
          ).toBe(true);
    } finally {
      await taker.stop();
    }
  });

  it('takes outcomes already in Redis without running them again, as a restarted coordinator does', async () => {
    const queue = address();
    const taker = await worker(queue);
    await withExecutor(queue, (executor) => run(executor));
    await taker.stop();
    // No worker now: only the outcomes the first coordinator left behind can finish the experiment.
    const ran = await withExecutor(queue, (executor) => run(executor));
    expect(ran.ok && Buffer.from(ran.store.values.buffer).equals(Buffer.from(local.buffer))).toBe(true);
  });

  it('stops with ShardRefusedError when a worker of another Kechuang version takes a shard', async () => {
    const queue = address();
    const other = await worker(queue, '0.0.0-other');
    try {
      const refused = await withExecutor(queue, (executor) => run(executor)).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ShardRefusedError);
      expect((refused as ShardRefusedError).reason).toBe(messages.workerOtherVersion('0.0.0-other', 'test').message);
      expect(other.lines.some((line) => line.message.includes('refused'))).toBe(true);
    } finally {
      await other.stop();
    }
  });

  it("stops with ShardRefusedError when the worker's generator does not make the coordinator's source", async () => {
    const queue = address();
    const taker = await worker(queue);
    try {
      const forged = { ...experiment, runSource: { ...experiment.runSource, hash: 'f'.repeat(64) } };
      const refused = await withExecutor(queue, (executor) => run(executor, undefined, forged)).catch(
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(ShardRefusedError);
      expect((refused as ShardRefusedError).reason).toBe(
        messages.workerOtherSource('f'.repeat(64), experiment.runSource.hash).message,
      );
    } finally {
      await taker.stop();
    }
  });

  it('reports a run that failed on every attempt on a worker as the local pool does: the run and its inputs', async () => {
    const queue = address();
    // A worker runs a shard on its own rows, numbered from 0: the hook names run 500 of every shard.
    process.env[faultInjectionVariable] = 'throw:run=500';
    let taker: Awaited<ReturnType<typeof worker>>;
    try {
      taker = await worker(queue);
    } finally {
      delete process.env[faultInjectionVariable];
    }
    try {
      const crashed = await withExecutor(queue, (executor) => run(executor)).catch((error: unknown) => error);
      expect(crashed).toBeInstanceOf(RunCrashedError);
      // Shards are 1000 runs; the fault strikes at the middle run of the first that fails, named by its index in the experiment.
      expect([500, 1500, 2500]).toContain((crashed as RunCrashedError).runIndex);
      expect((crashed as RunCrashedError).attempts).toBe(3);
      expect(Object.keys((crashed as RunCrashedError).parameters)).toContain('gdp_growth_base');
    } finally {
      await taker.stop();
    }
  });

  it('stops with QueueUnavailableError (lost) as soon as Redis goes away, and names no password', async () => {
    const own = await startRedis({ password: 'hunter2' });
    const queue: QueueAddress = { url: own.url, shown: own.url.replace('hunter2', '***'), queue: 'lost' };
    try {
      const started = performance.now();
      const lost = await withExecutor(queue, async (executor) => {
        const running = run(executor).catch((error: unknown) => error);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await own.stop();
        return running;
      });
      expect(lost).toBeInstanceOf(QueueUnavailableError);
      expect((lost as QueueUnavailableError).when).toBe('lost');
      expect((lost as QueueUnavailableError).shown).not.toContain('hunter2');
      expect(performance.now() - started).toBeLessThan(5000);
    } finally {
      await own.stop();
    }
  });

  it('refuses to open with QueueUnavailableError (connect) where no Redis listens', async () => {
    const port = await freePort();
    const queue: QueueAddress = { url: `redis://127.0.0.1:${port}`, shown: `redis://127.0.0.1:${port}`, queue: 'q' };
    const local = createShardExecutor(1);
    const failed = await openQueueExecutor({ address: queue, engineVersion: 'test', local }).catch(
      (error: unknown) => error,
    );
    expect(failed).toBeInstanceOf(QueueUnavailableError);
    expect((failed as QueueUnavailableError).reason).toContain('ECONNREFUSED');
    await local.close();
  });
});
