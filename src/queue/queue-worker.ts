import { UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import { messages, type Message } from '../diagnostics/messages.js';
import { generateRecipeSource, readRunRecipe } from '../experiment/run-recipe.js';
import { encodeRunSource, type RunSource } from '../parallel/run-source.js';
import { createShardExecutor, InterruptedError, ShardFailedError } from '../parallel/shard-executor.js';
import { createBlobStore, keptSeconds, queueKeys } from './blob-store.js';
import { connectRedis, createRedisClient } from './connect-redis.js';
import type { QueueAddress } from './redis-address.js';
import { gatherBlocks, splitBlocks } from './result-blocks.js';
import { blockName, wireProtocol, type ShardJobData, type ShardOutcome, type ShardOutput } from './shard-job.js';
import {
  columnElementBytes,
  decodeShardTask,
  failedRunOf,
  rowBytesOf,
  unwindowTallies,
  windowOf,
  windowTask,
  wireSources,
  type WireTask,
} from './shard-wire.js';

/** How a worker process takes shards. */
export interface QueueWorkerOptions {
  address: QueueAddress;
  /** This Kechuang's version: jobs of another are refused. */
  engineVersion: string;
  /** Threads of the local pool (parallel/shard-executor.ts). */
  threadCount: number;
  /**
   * Run shards on worker threads even with one thread, so that this thread sends one shard's results
   * while the next computes (needs the built dist/, as worker threads do).
   */
  useThreads: boolean;
  /** Shard jobs taken at a time. */
  concurrency: number;
  /** A shard whose worker is silent this long goes back to the queue (BullMQ's lock and stalled-job check). */
  stallSeconds: number;
  /** How this worker names itself in outcomes (host/pid). */
  name: string;
  /** One line per shard, and the worker's start, trouble and stop. */
  log: (line: Message) => void;
}

/** A running worker. */
export interface QueueWorker {
  /**
   * Stop taking shards and finish those in hand (the first call), or hand them back to the queue at once
   * (`handBack`, or a second call); resolves once the worker has let go of Redis and its threads.
   */
  stop(handBack?: boolean): Promise<void>;
}

/** A job the worker cannot run; the coordinator is told why through the outcome record. */
class RefusedJob extends Error {
  constructor(readonly detail: Message) {
    super(detail.message);
    this.name = 'RefusedJob';
  }
}

/** A small map that forgets its oldest entry past `capacity`. */
function createRecent<T>(capacity: number): { get(key: string): T | undefined; set(key: string, value: T): void } {
  const entries = new Map<string, T>();
  return {
    get: (key) => entries.get(key),
    set(key, value) {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > capacity) entries.delete(entries.keys().next().value!);
    },
  };
}

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Start a worker that takes shard jobs from the queue, runs each on its local pool through the same
 * `runShard` a coordinator's own threads use, and stores the results as blocks of at most a few MB
 * with an outcome record. The model arrives as text: this worker generates its run function with its
 * own generator and refuses the job when the result's hash differs from the coordinator's, as it does
 * for a job of another Kechuang version. Compiled sources and inputs are cached by hash. A run that
 * fails on every local attempt is reported to the coordinator as a run failure; a worker that dies
 * mid-shard leaves its job to BullMQ's stalled-job check, which hands it to another worker.
 * @throws QueueUnavailableError when Redis cannot be reached at the start.
 */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const { address, log } = options;
  const commands = await connectRedis(address, { blocking: false, reconnect: true });
  const workerClient = createRedisClient(address, { blocking: true, reconnect: true });
  const keys = queueKeys(address.queue);
  const blobs = createBlobStore(commands, keys);
  const executor = createShardExecutor(options.threadCount, { threads: options.useThreads });
  const sources = createRecent<RunSource | Message>(8);
  const wholeInputs = createRecent<Buffer>(16);
  const handBack = new AbortController();
  let shardCount = 0;
  let inHand = 0;
  let lastTrouble = '';
  const trouble = (error: unknown): void => {
    const reason = reasonOf(error);
    if (reason === lastTrouble) return;
    lastTrouble = reason;
    log(messages.workerRedisTrouble(address.shown, reason));
  };
  commands.on('error', trouble);
  commands.on('ready', () => (lastTrouble = ''));

  /** The run source a job names, generated here from its recipe (cached by hash), or why not. */
  async function sourceFor(hash: string, recipeHash: string | undefined): Promise<RunSource> {
    if (recipeHash === undefined) throw new RefusedJob(messages.workerUnusableJob('no model text came with it'));
    let source = sources.get(`${recipeHash}:${hash}`);
    if (source === undefined) {
      const length = (await blobs.length(recipeHash)) ?? 0;
      let recipe: unknown;
      try {
        recipe = JSON.parse((await blobs.read(recipeHash, 0, length)).toString('utf8'));
      } catch (error) {
        throw new RefusedJob(messages.workerUnusableJob(`its model recipe does not read (${reasonOf(error)})`));
      }
      const checked = readRunRecipe(recipe);
      const generated =
        typeof checked === 'string' ? { ok: false as const, reason: checked } : generateRecipeSource(checked);
      if (!generated.ok) source = messages.workerUnusableJob(`its model does not compile here: ${generated.reason}`);
      else {
        const encoded = encodeRunSource(generated.source);
        source = encoded.hash === hash ? encoded : messages.workerOtherSource(hash, encoded.hash);
      }
      sources.set(`${recipeHash}:${hash}`, source);
    }
    if ('code' in source) throw new RefusedJob(source);
    return source;
  }

  /**
   * A buffer of a job, with its content where the job reads it: whole (cached by hash) or just its rows.
   * `windowed` is the buffer's size when the task runs on its rows alone (shard-wire.ts `windowOf`):
   * then those rows sit at its start.
   */
  async function inputBytes(wire: WireTask, index: number, windowed: number | undefined): Promise<SharedArrayBuffer> {
    const described = wire.buffers[index]!;
    const buffer = new SharedArrayBuffer(windowed ?? described.byteLength);
    if (described.role !== 'whole' && described.role !== 'rows') return buffer;
    if (described.blob === undefined)
      throw new RefusedJob(messages.workerUnusableJob(`${described.path} was not sent`));
    const rowBytes = described.role === 'rows' ? rowBytesOf(described, wire.rows) : undefined;
    const target = new Uint8Array(buffer);
    if (rowBytes !== undefined) {
      const start = wire.rows.first * rowBytes;
      target.set(await blobs.read(described.blob, start, wire.rows.end * rowBytes), windowed === undefined ? start : 0);
    } else {
      let bytes = wholeInputs.get(described.blob);
      if (bytes === undefined) {
        bytes = await blobs.read(described.blob, 0, described.byteLength);
        if (described.byteLength <= 16 * 1024 * 1024) wholeInputs.set(described.blob, bytes);
      }
      target.set(bytes);
    }
    return buffer;
  }

  /** Store an outcome record, after the result blocks it names. */
  async function storeOutcome(jobId: string, outcome: ShardOutcome, blocks: [string, Buffer][] = []): Promise<void> {
    const pipeline = commands.pipeline();
    for (const [name, bytes] of blocks) pipeline.set(keys.block(jobId, name), bytes, 'EX', keptSeconds);
    pipeline.set(keys.outcome(jobId), JSON.stringify(outcome), 'EX', keptSeconds);
    for (const [error] of (await pipeline.exec()) ?? []) if (error !== null) throw error;
  }

  async function processJob(job: Job<ShardJobData>, token?: string): Promise<string> {
    inHand++;
    try {
      return await runJob(job, token);
    } finally {
      inHand--;
    }
  }

  async function runJob(job: Job<ShardJobData>, token?: string): Promise<string> {
    const started = performance.now();
    const jobId = job.id!;
    const data = job.data;
    const wire = data.task;
    const rows = wire?.rows;
    const [firstRun, lastRun] = [rows?.first ?? 0, (rows?.end ?? 1) - 1];
    try {
      if (data.protocol !== wireProtocol)
        throw new RefusedJob(messages.workerOtherProtocol(String(data.protocol), wireProtocol));
      if (data.engineVersion !== options.engineVersion)
        throw new RefusedJob(messages.workerOtherVersion(options.engineVersion, String(data.engineVersion)));
      const named = new Map<string, RunSource>();
      for (const { hash, recipe } of wireSources(wire))
        named.set(hash, await sourceFor(hash, recipe === null ? undefined : wire.buffers[recipe]?.blob));
      const window = windowOf(wire);
      const contents = await Promise.all(wire.buffers.map((_, index) => inputBytes(wire, index, window?.get(index))));
      let task;
      try {
        const decoded = decodeShardTask(wire, {
          buffer: (index) => contents[index]!,
          source: (hash) => named.get(hash)!,
        });
        task = window === undefined ? decoded : windowTask(decoded);
      } catch (error) {
        throw new RefusedJob(messages.workerUnusableJob(reasonOf(error)));
      }
      try {
        await executor.execute([task], { signal: handBack.signal });
      } catch (error) {
        if (!(error instanceof ShardFailedError)) throw error;
        const runIndex = failedRunOf(task) + (window === undefined ? 0 : rows.first);
        const reason = reasonOf(error.cause);
        await storeOutcome(jobId, {
          status: 'failed',
          worker: options.name,
          runIndex,
          attempts: error.attempts,
          reason,
        });
        log(messages.workerShardFailed(firstRun, lastRun, runIndex, reason));
        return 'failed';
      }
      if (window !== undefined) unwindowTallies(task, rows.first);
      const outputs: ShardOutput[] = [];
      const blocks: [string, Buffer][] = [];
      wire.buffers.forEach((described, index) => {
        if (described.role !== 'columns' && described.role !== 'tallies') return;
        const gathered =
          window === undefined && described.role === 'columns'
            ? gatherBlocks(contents[index]!, rows, columnElementBytes)
            : splitBlocks(Buffer.from(contents[index]!), columnElementBytes);
        gathered.forEach((bytes, block) => blocks.push([blockName(index, block), bytes]));
        outputs.push({
          buffer: index,
          blockCount: gathered.length,
          byteCount: gathered.reduce((sum, bytes) => sum + bytes.byteLength, 0),
        });
      });
      await storeOutcome(jobId, { status: 'done', worker: options.name, outputs }, blocks);
      shardCount++;
      const bytes = outputs.reduce((sum, output) => sum + output.byteCount, 0);
      const model = wireSources(wire)[0]?.hash ?? '';
      log(messages.workerShardDone(firstRun, lastRun, model, (performance.now() - started) / 1000, bytes));
      return 'done';
    } catch (error) {
      if (error instanceof RefusedJob) {
        await storeOutcome(jobId, { status: 'refused', worker: options.name, reason: error.detail.message });
        log(messages.workerRefused(firstRun, lastRun, error.detail.message));
        throw new UnrecoverableError(error.detail.message);
      }
      if (error instanceof InterruptedError) {
        await job.moveToWait(token);
        throw new WaitingError();
      }
      throw error;
    }
  }

  const worker = new Worker<ShardJobData, string>(address.queue, processJob, {
    connection: workerClient,
    concurrency: options.concurrency,
    lockDuration: options.stallSeconds * 1000,
    stalledInterval: options.stallSeconds * 1000,
    maxStalledCount: 2,
    name: options.name,
  });
  worker.on('error', trouble);
  await worker.waitUntilReady();
  log(
    messages.workerStarted(
      address.queue,
      address.shown,
      options.threadCount,
      options.concurrency,
      options.engineVersion,
    ),
  );

  let stopping: Promise<void> | undefined;
  return {
    stop(now = false) {
      if ((stopping !== undefined || now) && !handBack.signal.aborted) {
        log(messages.workerReturning(inHand));
        handBack.abort();
      }
      stopping ??= (async () => {
        if (!handBack.signal.aborted) log(messages.workerStopping(inHand));
        await worker.close();
        await executor.close();
        commands.disconnect();
        workerClient.disconnect();
        log(messages.workerStopped(shardCount));
      })();
      return stopping;
    },
  };
}
