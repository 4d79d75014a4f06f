import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  InterruptedError,
  ShardFailedError,
  type ExecuteOptions,
  type ShardExecutor,
  type ShardTaskSource,
} from '../parallel/shard-executor.js';
import type { ShardTask } from '../parallel/shard-task.js';
import { createBlobStore, hashBytes, queueKeys, type BlobStore } from './blob-store.js';
import { connectRedis, createRedisClient } from './connect-redis.js';
import { QueueUnavailableError, ShardRefusedError } from './queue-errors.js';
import type { QueueAddress } from './redis-address.js';
import { scatterBlock } from './result-blocks.js';
import {
  blockName,
  readShardOutcome,
  shardJobId,
  wireProtocol,
  type ShardJobData,
  type ShardOutcome,
} from './shard-job.js';
import { columnElementBytes, encodeShardTask, isRemoteTask, recordFailedRun, type WireTask } from './shard-wire.js';

/** How a coordinator runs shards through the queue. */
export interface QueueExecutorOptions {
  address: QueueAddress;
  /** This Kechuang's version: workers of another refuse the jobs. */
  engineVersion: string;
  /** Runs the statistics (column summaries, target counts), which read the whole store where it is. */
  local: ShardExecutor;
  /** Called once, at the first shards, when no worker is listening on the queue. */
  onNoWorker?: () => void;
}

/**
 * Worker slots the shard plan spreads runs over (parallel/plan-shards.ts makes 8 shards per slot): a
 * fixed number rather than the workers present, so that a restarted coordinator plans the same shards
 * and finds the ones finished while it was away (`--resume`).
 */
export const plannedWorkerSlots = 16;
/** How long collected results stay in Redis (the checkpoint on disk is written within milliseconds of collection). */
const collectedKeptSeconds = 60;
/** How often the coordinator looks for outcomes whose event it missed, which also checks that Redis answers. */
const reconcileMilliseconds = 5000;
/** BullMQ's tries for a job that fails outside the model (a lost input, a worker's error): a worker that dies is a stall, not a try. */
const jobAttempts = 3;

/** What one `execute` call waits for: how its jobs end. */
interface Run {
  options: ExecuteOptions;
  remaining: number;
  settled: boolean;
  succeed: () => void;
  fail: (error: Error) => void;
}

/** A shard job in flight. */
interface PendingJob {
  task: ShardTask;
  wire: WireTask;
  run: Run;
  /** Its outcome is being read (once only, whether an event or the reconciliation found it). */
  handling: boolean;
  /** When it was sent (`performance.now()`): `onDone` reports the seconds from then to its results collected. */
  sent: number;
}

/** A list of tasks as a source. */
function listSource(tasks: readonly ShardTask[]): ShardTaskSource {
  let nextIndex = 0;
  return { next: () => tasks[nextIndex++] };
}

/** The tasks a source hands out before it must wait for one to finish. */
function readyTasks(source: ShardTaskSource): ShardTask[] {
  const ready: ShardTask[] = [];
  for (let task = source.next(); task !== undefined; task = source.next()) ready.push(task);
  return ready;
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/** Every buffer a task names, by its path (the paths shard-wire.ts gives). */
function buffersByPath(task: ShardTask): Map<string, SharedArrayBuffer> {
  const found = new Map<string, SharedArrayBuffer>();
  const visit = (value: unknown, path: string): void => {
    if (value instanceof SharedArrayBuffer) found.set(path, value);
    else if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value))
      for (const [key, field] of Object.entries(value)) visit(field, path === '' ? key : `${path}.${key}`);
  };
  visit(task, '');
  return found;
}

/** Store each distinct input buffer of the tasks once by content, and write its hash into the wire buffers. */
async function storeInputs(
  blobs: BlobStore,
  encoded: readonly { wire: WireTask; contents: SharedArrayBuffer[] }[],
): Promise<void> {
  const hashes = new Map<SharedArrayBuffer, Promise<string>>();
  for (const { wire, contents } of encoded)
    wire.buffers.forEach((buffer, index) => {
      const content = contents[index]!;
      if ((buffer.role === 'whole' || buffer.role === 'rows') && !hashes.has(content)) {
        const bytes = new Uint8Array(content);
        hashes.set(content, blobs.put(bytes, hashBytes(bytes)));
      }
    });
  for (const { wire, contents } of encoded)
    for (const [index, buffer] of wire.buffers.entries()) {
      const hash = hashes.get(contents[index]!);
      if (hash !== undefined) buffer.blob = await hash;
    }
}

/**
 * Open a shard executor that sends run shards as BullMQ jobs to the workers listening on the queue
 * (`kechuang worker`) and runs the statistics on `options.local`. A job carries a run task in wire form
 * (queue/shard-wire.ts); its inputs are stored once by content; a worker stores its results as blocks
 * and an outcome record, which this executor scatters into the task's own buffers, so the numbers are
 * the ones the local pool gives. Outcomes already in Redis (a coordinator restarted with `--resume`)
 * are taken without running their shards again.
 *
 * Redis going away ends an experiment at once with `QueueUnavailableError` (`lost`); a worker that
 * refuses a shard ends it with `ShardRefusedError`; a run that failed on a worker on every attempt is a
 * `ShardFailedError`, as with local workers. A stopped experiment's jobs not yet started leave the queue.
 * @throws QueueUnavailableError (`connect`) when Redis cannot be reached.
 */
export async function openQueueExecutor(options: QueueExecutorOptions): Promise<ShardExecutor> {
  const { address, local } = options;
  const commands = await connectRedis(address, { blocking: false, reconnect: false });
  const keys = queueKeys(address.queue);
  const blobs = createBlobStore(commands, keys);
  const queueClient = createRedisClient(address, { blocking: false, reconnect: false });
  const eventsClient = createRedisClient(address, { blocking: true, reconnect: false });
  const clients: Redis[] = [commands, queueClient, eventsClient];
  const queue = new Queue<ShardJobData>(address.queue, {
    connection: queueClient,
    defaultJobOptions: {
      attempts: jobAttempts,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: true,
      removeOnFail: true,
    },
  });
  // Events from now on; outcomes written before are found by their records.
  const newest = await commands.xrevrange(queue.keys.events!, '+', '-', 'COUNT', 1);
  const events = new QueueEvents(address.queue, { connection: eventsClient, lastEventId: newest[0]?.[0] ?? '0-0' });

  const pending = new Map<string, PendingJob>();
  let closing = false;
  let lost: QueueUnavailableError | undefined;
  const loseConnection = (reason: string): void => {
    if (closing || lost !== undefined) return;
    lost = new QueueUnavailableError(address.shown, reason, 'lost');
    for (const job of pending.values()) settle(job.run, lost);
  };
  for (const client of clients) {
    client.on('error', (error: unknown) => loseConnection(asError(error).message));
    client.on('end', () => loseConnection('the connection closed'));
  }
  queue.on('error', (error) => loseConnection(error.message));
  events.on('error', (error) => loseConnection(error.message));
  try {
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
  } catch (error) {
    closing = true;
    for (const client of clients) client.disconnect();
    throw new QueueUnavailableError(address.shown, asError(error).message, 'connect');
  }
  events.on('completed', ({ jobId }) => void finish(jobId));
  events.on('failed', ({ jobId, failedReason }) => void finish(jobId, failedReason));

  /** End a run once: with `error`, or (without) as a success. */
  function settle(run: Run, error?: Error): void {
    if (run.settled) return;
    run.settled = true;
    if (error === undefined) run.succeed();
    else run.fail(error);
  }

  /** Read a job's outcome and act on it: scatter its results, or end its run with the failure. */
  async function finish(jobId: string, failedReason?: string): Promise<void> {
    const job = pending.get(jobId);
    if (job === undefined || job.handling || job.run.settled) return;
    job.handling = true;
    try {
      const text = await commands.get(keys.outcome(jobId));
      const outcome = text === null ? undefined : readShardOutcome(text);
      if (outcome?.status === 'refused') throw new ShardRefusedError(address.shown, outcome.worker, outcome.reason);
      if (outcome?.status === 'failed') {
        recordFailedRun(job.task, outcome.runIndex);
        throw new ShardFailedError(job.task, outcome.attempts, new Error(outcome.reason));
      }
      if (outcome === undefined)
        throw new ShardFailedError(job.task, jobAttempts, new Error(failedReason ?? 'the worker left no outcome'));
      await collectResults(jobId, job, outcome);
    } catch (error) {
      settle(job.run, lost ?? asError(error));
      return;
    }
    pending.delete(jobId);
    if (job.run.settled) return;
    if (job.run.options.signal?.aborted !== true)
      job.run.options.onDone?.(job.task, (performance.now() - job.sent) / 1000);
    if (--job.run.remaining === 0) settle(job.run);
  }

  /** Scatter a finished job's result blocks into its task's buffers, then delete its records from Redis. */
  async function collectResults(jobId: string, job: PendingJob, outcome: ShardOutcome & { status: 'done' }) {
    const byPath = buffersByPath(job.task);
    const blockKeys = outcome.outputs.flatMap((output) =>
      Array.from({ length: output.blockCount }, (_, block) => keys.block(jobId, blockName(output.buffer, block))),
    );
    const pipeline = commands.pipeline();
    for (const key of blockKeys) pipeline.getBuffer(key);
    const answers = (await pipeline.exec()) ?? [];
    const rows = job.wire.rows;
    let answer = 0;
    for (const output of outcome.outputs) {
      const described = job.wire.buffers[output.buffer];
      const whole = described?.role === 'tallies';
      const buffer = described?.role === 'columns' || whole ? byPath.get(described.path) : undefined;
      if (buffer === undefined) throw new Error(`the outcome of ${jobId} names a buffer the task does not write`);
      let offset = 0;
      for (let block = 0; block < output.blockCount; block++) {
        const [error, bytes] = answers[answer++]!;
        if (error !== null) throw error;
        if (!(bytes instanceof Buffer)) throw new Error(`a result block of ${jobId} is missing from Redis`);
        if (!whole) scatterBlock(buffer, rows, columnElementBytes, offset, bytes);
        else if (offset + bytes.byteLength <= buffer.byteLength) new Uint8Array(buffer).set(bytes, offset);
        offset += bytes.byteLength;
      }
      const columnCount = rows.count === 0 ? 0 : buffer.byteLength / (rows.count * columnElementBytes);
      const expected = whole ? buffer.byteLength : columnCount * (rows.end - rows.first) * columnElementBytes;
      if (offset !== expected) throw new Error(`the results of ${jobId} hold ${offset} bytes, expected ${expected}`);
    }
    // Kept a little longer, not deleted: a coordinator killed before its --out checkpoint holds them finds them on --resume.
    const expiry = commands.pipeline();
    for (const key of [keys.outcome(jobId), ...blockKeys]) expiry.expire(key, collectedKeptSeconds);
    await expiry.exec();
  }

  /** Add the jobs whose outcome is not already in Redis, and take those whose outcome is. */
  async function enqueue(jobs: readonly { id: string; data: ShardJobData }[]): Promise<void> {
    const pipeline = commands.pipeline();
    for (const { id } of jobs) pipeline.exists(keys.outcome(id));
    const answers = (await pipeline.exec()) ?? [];
    const finished = new Set(jobs.filter((_, index) => answers[index]?.[1] === 1).map(({ id }) => id));
    const toAdd = jobs.filter(({ id }) => !finished.has(id));
    for (let start = 0; start < toAdd.length; start += 500)
      await queue.addBulk(
        toAdd.slice(start, start + 500).map(({ id, data }) => ({ name: data.task.kind, data, opts: { jobId: id } })),
      );
    for (const id of finished) void finish(id);
  }

  /** Take the outcomes whose event was missed; a Redis that does not answer ends the experiment. */
  async function reconcile(): Promise<void> {
    const waiting = [...pending.entries()].filter(([, job]) => !job.handling).map(([id]) => id);
    try {
      const pipeline = commands.pipeline();
      for (const id of waiting) pipeline.exists(keys.outcome(id));
      pipeline.ping();
      const answers = (await pipeline.exec()) ?? [];
      answers.forEach(([error, count], index) => {
        if (error !== null) throw error;
        if (index < waiting.length && count === 1) void finish(waiting[index]!);
      });
    } catch (error) {
      loseConnection(asError(error).message);
    }
  }

  /** Take back a stopped experiment's jobs: those not yet started leave the queue. */
  async function withdraw(run: Run): Promise<void> {
    const ids = [...pending.entries()].filter(([, job]) => job.run === run).map(([id]) => id);
    for (const id of ids) pending.delete(id);
    await Promise.allSettled(ids.map((id) => queue.remove(id)));
  }

  let checkedForWorkers = false;
  async function runRemote(tasks: readonly ShardTask[], execute: ExecuteOptions): Promise<void> {
    if (lost !== undefined) throw lost;
    if (!checkedForWorkers && options.onNoWorker !== undefined) {
      checkedForWorkers = true;
      // Counting workers needs CLIENT LIST, which some hosted Redis forbid: then say nothing.
      if ((await queue.getWorkersCount().catch(() => 1)) === 0) options.onNoWorker();
    }
    const encoded = tasks.map((task) => encodeShardTask(task));
    await storeInputs(blobs, encoded);
    const jobs = encoded.map(({ wire }) => {
      const data: ShardJobData = { protocol: wireProtocol, engineVersion: options.engineVersion, task: wire };
      return { id: shardJobId(data), data };
    });
    const run: Run = {
      options: execute,
      remaining: jobs.length,
      settled: false,
      succeed: () => undefined,
      fail: () => undefined,
    };
    const ended = new Promise<void>((resolve, reject) => {
      run.succeed = resolve;
      run.fail = reject;
    });
    jobs.forEach(({ id, data }, index) =>
      pending.set(id, { task: tasks[index]!, wire: data.task, run, handling: false, sent: performance.now() }),
    );
    const onAbort = (): void => settle(run, new InterruptedError());
    execute.signal?.addEventListener('abort', onAbort, { once: true });
    if (execute.signal?.aborted === true) onAbort();
    const timer = setInterval(() => void reconcile(), reconcileMilliseconds);
    try {
      await enqueue(jobs).catch((error: unknown) => settle(run, lost ?? asError(error)));
      await ended;
    } catch (error) {
      if (lost === undefined) await withdraw(run);
      throw error;
    } finally {
      clearInterval(timer);
      execute.signal?.removeEventListener('abort', onAbort);
    }
  }

  return {
    workerCount: Math.max(plannedWorkerSlots, local.workerCount),
    // Jobs are found again by their rows (a restarted coordinator's --resume), so the rows must not depend on timing.
    fixedShards: true,
    async execute(tasks, execute = {}) {
      const source = 'next' in tasks ? tasks : listSource(tasks);
      // Every task the source has ready, then once those are done the next ready ones (a phase of
      // run-experiment.ts: walks, runs, summaries), so that each batch of jobs goes out together.
      for (let batch = readyTasks(source); batch.length > 0; batch = readyTasks(source)) {
        const localTasks = batch.filter((task) => !isRemoteTask(task));
        const remoteTasks = batch.filter((task) => isRemoteTask(task));
        if (localTasks.length > 0) await local.execute(localTasks, execute);
        if (remoteTasks.length > 0) await runRemote(remoteTasks, execute);
      }
    },
    async close() {
      closing = true;
      const ends = Promise.allSettled([events.close(), queue.close()]);
      await Promise.race([ends, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      for (const client of clients) client.disconnect();
      await local.close();
    },
  };
}
