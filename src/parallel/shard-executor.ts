import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { createRunFunctionCache } from './run-function-cache.js';
import { runShard } from './run-shard.js';
import type { ShardTask } from './shard-task.js';

/** Runs shard tasks on worker threads, or in the calling thread when there is one worker. */
export interface ShardExecutor {
  readonly workerCount: number;
  /** Run every task; `onDone` is called as each finishes. Rejects with `ShardFailedError` when a task fails three times. */
  execute(tasks: readonly ShardTask[], onDone?: (task: ShardTask) => void): Promise<void>;
  /** Stop the worker threads. */
  close(): Promise<void>;
}

/** A task that failed on every attempt. */
export class ShardFailedError extends Error {
  constructor(
    readonly task: ShardTask,
    readonly attempts: number,
    override readonly cause: unknown,
  ) {
    super(`a shard failed ${attempts} times: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'ShardFailedError';
  }
}

/** Each task is tried this often, each time on whichever worker is free (piscina replaces a dead one). */
const attemptsPerTask = 3;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Try a task up to `attemptsPerTask` times, then give up with `ShardFailedError`. */
async function withRetries(task: ShardTask, attempt: () => unknown): Promise<void> {
  for (let attemptCount = 1; ; attemptCount++) {
    try {
      await attempt();
      return;
    } catch (error) {
      if (attemptCount >= attemptsPerTask) throw new ShardFailedError(task, attemptCount, error);
    }
  }
}

function createInThreadExecutor(): ShardExecutor {
  const cache = createRunFunctionCache();
  return {
    workerCount: 1,
    async execute(tasks, onDone) {
      for (const task of tasks) {
        // Between shards, let timers (the progress bar) and signal handlers run.
        await yieldToEventLoop();
        await withRetries(task, () => runShard(task, cache));
        onDone?.(task);
      }
    },
    close: () => Promise.resolve(),
  };
}

function createPoolExecutor(workerCount: number): ShardExecutor {
  const workerFile = new URL('./shard-worker.js', import.meta.url);
  if (!existsSync(workerFile)) {
    throw new Error(`worker threads need the compiled ${fileURLToPath(workerFile)}; run \`npm run build\` (tests use dist/)`);
  }
  const pool = new Piscina<ShardTask, null>({
    filename: workerFile.href,
    minThreads: workerCount,
    maxThreads: workerCount,
    idleTimeout: Number.POSITIVE_INFINITY,
  });
  return {
    workerCount,
    async execute(tasks, onDone) {
      await Promise.all(
        tasks.map(async (task) => {
          await withRetries(task, () => pool.run(task));
          onDone?.(task);
        }),
      );
    },
    close: () => pool.destroy(),
  };
}

/**
 * Start an executor with `workerCount` threads, kept until `close()`. One worker means the calling
 * thread runs the tasks itself, through the same `runShard`, so the numbers cannot differ.
 */
export function createShardExecutor(workerCount: number): ShardExecutor {
  if (!Number.isInteger(workerCount) || workerCount < 1) throw new RangeError(`workerCount must be a positive integer, found ${workerCount}`);
  return workerCount === 1 ? createInThreadExecutor() : createPoolExecutor(workerCount);
}
