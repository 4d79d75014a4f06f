import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import {
  faultInjectionVariable,
  findFault,
  readFaultInjection,
  runShardWithFaults,
  type Fault,
} from './fault-injection.js';
import type { RunFunctionCache } from './run-function-cache.js';
import { runShard } from './run-shard.js';
import { createRunFunctionCache } from './run-function-cache.js';
import type { ShardRequest, ShardTask } from './shard-task.js';

/** A task that failed and is about to be tried again. */
export interface ShardRetry {
  task: ShardTask;
  /** The attempt that failed (1 for the first). */
  attempt: number;
  /** How many attempts a task gets. */
  attemptCount: number;
  error: unknown;
}

/** What `execute` reports, and what stops it. */
export interface ExecuteOptions {
  /** Called as each task finishes (not for tasks that finish after `signal` aborted). */
  onDone?: (task: ShardTask) => void;
  /** Called when a task failed and will be tried again on a fresh worker. */
  onRetry?: (retry: ShardRetry) => void;
  /** Aborting it stops handing out tasks: `execute` rejects with `InterruptedError` at once. */
  signal?: AbortSignal;
}

/** Runs shard tasks on worker threads, or in the calling thread when there is one worker. */
export interface ShardExecutor {
  readonly workerCount: number;
  /**
   * Run every task. A task that fails is tried again on a fresh worker, up to three attempts in all;
   * rejects with `ShardFailedError` when one fails three times, `InterruptedError` when aborted.
   */
  execute(tasks: readonly ShardTask[], options?: ExecuteOptions): Promise<void>;
  /** Stop the worker threads (tasks still running are abandoned). */
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

/** `execute` was stopped through its signal; tasks not yet finished were abandoned. */
export class InterruptedError extends Error {
  constructor() {
    super('interrupted');
    this.name = 'InterruptedError';
  }
}

/** Each task is tried this often, each time on a fresh worker (see shard-worker.ts). */
export const attemptsPerTask = 3;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Read afresh each time (a plain property check would be narrowed by the compiler across an await). */
const isAborted = (options: ExecuteOptions): boolean => options.signal?.aborted === true;

/** Try a task up to `attemptsPerTask` times, then give up with `ShardFailedError`; stop when aborted. */
async function withRetries(
  task: ShardTask,
  attempt: (attemptNumber: number) => unknown,
  options: ExecuteOptions,
): Promise<void> {
  for (let attemptNumber = 1; ; attemptNumber++) {
    if (isAborted(options)) throw new InterruptedError();
    try {
      await attempt(attemptNumber);
      return;
    } catch (error) {
      // Once aborted, tasks fail because their workers are being stopped: that is no fault of theirs.
      if (isAborted(options)) throw new InterruptedError();
      if (attemptNumber >= attemptsPerTask) throw new ShardFailedError(task, attemptNumber, error);
      options.onRetry?.({ task, attempt: attemptNumber, attemptCount: attemptsPerTask, error });
    }
  }
}

/** `work`, or an `InterruptedError` as soon as `signal` aborts, whichever comes first. */
async function untilAborted(work: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return work;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new InterruptedError());
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort!);
  }
}

/** In the calling thread, runs go in slices of this many, with a look at the clock after each. */
const sliceRuns = 1024;
/** How long the calling thread computes before it lets the event loop run (a Ctrl-C, the progress bar). */
const sliceMilliseconds = 100;

/**
 * Run one request in the calling thread. A shard of runs goes in slices, letting the event loop run
 * every `sliceMilliseconds`, so that a Ctrl-C stops it within a slice rather than at the end of a
 * shard that may last minutes; a shard with an injected fault runs whole, so the fault fires where
 * it does in a worker.
 */
async function runInThread(
  request: ShardRequest,
  cache: RunFunctionCache,
  faults: readonly Fault[],
  options: ExecuteOptions,
): Promise<void> {
  const { task } = request;
  if (task.kind !== 'runs' || findFault(faults, request) !== undefined) {
    runShardWithFaults(request, cache, faults, 'caller');
    return;
  }
  let yielded = performance.now();
  for (let firstRun = task.firstRun; firstRun < task.endRun; firstRun += sliceRuns) {
    runShard({ ...task, firstRun, endRun: Math.min(task.endRun, firstRun + sliceRuns) }, cache);
    if (performance.now() - yielded >= sliceMilliseconds) {
      await yieldToEventLoop();
      if (isAborted(options)) throw new InterruptedError();
      yielded = performance.now();
    }
  }
}

function createInThreadExecutor(): ShardExecutor {
  const faults = readFaultInjection(process.env[faultInjectionVariable]);
  let cache = createRunFunctionCache();
  return {
    workerCount: 1,
    async execute(tasks, options = {}) {
      const work = async (): Promise<void> => {
        for (const task of tasks) {
          // Between shards, let timers (the progress bar) and signal handlers run.
          await yieldToEventLoop();
          await withRetries(
            task,
            (attempt) => {
              // The calling thread cannot be replaced: a retry gets a fresh cache, the only state a task leaves behind.
              if (attempt > 1) cache = createRunFunctionCache();
              return runInThread({ task, attempt }, cache, faults, options);
            },
            options,
          );
          if (!isAborted(options)) options.onDone?.(task);
        }
      };
      await untilAborted(work(), options.signal);
    },
    close: () => Promise.resolve(),
  };
}

function createPoolExecutor(workerCount: number): ShardExecutor {
  const workerFile = new URL('./shard-worker.js', import.meta.url);
  if (!existsSync(workerFile)) {
    throw new Error(
      `worker threads need the compiled ${fileURLToPath(workerFile)}; run \`npm run build\` (tests use dist/)`,
    );
  }
  // Read here too, so that a malformed value fails once, in this thread, rather than in every worker.
  readFaultInjection(process.env[faultInjectionVariable]);
  const pool = new Piscina<ShardRequest, null>({
    filename: workerFile.href,
    minThreads: workerCount,
    maxThreads: workerCount,
    idleTimeout: Number.POSITIVE_INFINITY,
  });
  return {
    workerCount,
    async execute(tasks, options = {}) {
      // Once one task has failed for good, the others stop quietly: their results would not be used.
      const stop = new AbortController();
      const run = {
        ...options,
        signal: options.signal === undefined ? stop.signal : AbortSignal.any([options.signal, stop.signal]),
      };
      const work = Promise.all(
        tasks.map(async (task) => {
          try {
            await withRetries(task, (attempt) => pool.run({ task, attempt }), run);
          } catch (error) {
            stop.abort();
            throw error;
          }
          if (!isAborted(run)) options.onDone?.(task);
        }),
      );
      await untilAborted(
        work.then(() => undefined),
        options.signal,
      );
    },
    close: () => pool.destroy(),
  };
}

/**
 * Start an executor with `workerCount` threads, kept until `close()`. One worker means the calling
 * thread runs the tasks itself, through the same `runShard`, so the numbers cannot differ, unless
 * `options.threads` asks for worker threads anyway (a queue worker keeps its own thread free for I/O).
 */
export function createShardExecutor(workerCount: number, options: { threads?: boolean } = {}): ShardExecutor {
  if (!Number.isInteger(workerCount) || workerCount < 1)
    throw new RangeError(`workerCount must be a positive integer, found ${workerCount}`);
  return workerCount === 1 && options.threads !== true ? createInThreadExecutor() : createPoolExecutor(workerCount);
}
