import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  faultInjectionVariable,
  findFault,
  readFaultInjection,
  runShardWithFaults,
  type Fault,
} from './fault-injection.js';
import type { RunFunctionCache } from './run-function-cache.js';
import { clearTallies, runRows } from './run-shard.js';
import { createRunFunctionCache } from './run-function-cache.js';
import type { ShardRequest, ShardTask } from './shard-task.js';
import type * as PiscinaNamespace from 'piscina';

/**
 * Tasks handed out as workers free up, so that a task can be shaped by what finished before it (shard
 * sizes from measured costs) and can depend on earlier tasks (summaries once the runs are in).
 */
export interface ShardTaskSource {
  /**
   * The next task to start, or undefined when none can start until a task in flight finishes; once
   * it returns undefined with no task in flight, the work is done.
   */
  next(): ShardTask | undefined;
}

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
  /**
   * Called as each task finishes (not for tasks that finish after `signal` aborted), with the seconds
   * its thread spent on it (its last attempt), before the source is asked for more.
   */
  onDone?: (task: ShardTask, seconds: number) => void;
  /** Called when a task failed and will be tried again on a fresh worker. */
  onRetry?: (retry: ShardRetry) => void;
  /** Aborting it stops handing out tasks: `execute` rejects with `InterruptedError` at once. */
  signal?: AbortSignal;
}

/** Runs shard tasks on worker threads, or in the calling thread when there is one worker. */
export interface ShardExecutor {
  readonly workerCount: number;
  /**
   * Run every task, a list or a source asked for the next task whenever a thread can take one. A
   * task that fails is tried again on a fresh worker, up to three attempts in all; rejects with
   * `ShardFailedError` when one fails three times, `InterruptedError` when aborted.
   */
  execute(tasks: readonly ShardTask[] | ShardTaskSource, options?: ExecuteOptions): Promise<void>;
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

/** A list of tasks as a source. */
function listSource(tasks: readonly ShardTask[]): ShardTaskSource {
  let nextIndex = 0;
  return { next: () => tasks[nextIndex++] };
}

const sourceOf = (tasks: readonly ShardTask[] | ShardTaskSource): ShardTaskSource =>
  'next' in tasks ? tasks : listSource(tasks);

/**
 * Try a task up to `attemptsPerTask` times, then give up with `ShardFailedError`; stop when aborted.
 * Resolves with the seconds the successful attempt took.
 */
async function withRetries(
  task: ShardTask,
  attempt: (attemptNumber: number) => Promise<number>,
  options: ExecuteOptions,
): Promise<number> {
  for (let attemptNumber = 1; ; attemptNumber++) {
    if (isAborted(options)) throw new InterruptedError();
    try {
      return await attempt(attemptNumber);
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
 * Run one request in the calling thread and return the seconds it took. A shard of runs goes in
 * slices, letting the event loop run every `sliceMilliseconds`, so that a Ctrl-C stops it within a
 * slice rather than at the end of a shard; a shard with an injected fault runs whole, so the fault
 * fires where it does in a worker.
 */
async function runInThread(
  request: ShardRequest,
  cache: RunFunctionCache,
  faults: readonly Fault[],
  options: ExecuteOptions,
): Promise<number> {
  const { task } = request;
  const started = performance.now();
  let working = 0;
  if (task.kind !== 'runs' || findFault(faults, request) !== undefined) {
    runShardWithFaults(request, cache, faults, 'caller');
    return (performance.now() - started) / 1000;
  }
  clearTallies(task);
  const run = cache.get(task.source);
  let sliceStarted = performance.now();
  for (let firstRun = task.firstRun; firstRun < task.endRun; firstRun += sliceRuns) {
    runRows({ ...task, firstRun, endRun: Math.min(task.endRun, firstRun + sliceRuns) }, run);
    if (performance.now() - sliceStarted >= sliceMilliseconds) {
      working += performance.now() - sliceStarted;
      await yieldToEventLoop();
      if (isAborted(options)) throw new InterruptedError();
      sliceStarted = performance.now();
    }
  }
  return (working + performance.now() - sliceStarted) / 1000;
}

function createInThreadExecutor(): ShardExecutor {
  const faults = readFaultInjection(process.env[faultInjectionVariable]);
  let cache = createRunFunctionCache();
  return {
    workerCount: 1,
    async execute(tasks, options = {}) {
      const source = sourceOf(tasks);
      const work = async (): Promise<void> => {
        for (let task = source.next(); task !== undefined; task = source.next()) {
          // Between shards, let timers (the progress bar) and signal handlers run.
          await yieldToEventLoop();
          const current = task;
          const seconds = await withRetries(
            current,
            (attempt) => {
              // The calling thread cannot be replaced: a retry gets a fresh cache, the only state a task leaves behind.
              if (attempt > 1) cache = createRunFunctionCache();
              return runInThread({ task: current, attempt }, cache, faults, options);
            },
            options,
          );
          if (!isAborted(options)) options.onDone?.(current, seconds);
        }
      };
      await untilAborted(work(), options.signal);
    },
    close: () => Promise.resolve(),
  };
}

/** Tasks a pool keeps in flight per thread: one running, one queued behind it, so no thread waits for the main thread. */
const tasksInFlightPerWorker = 2;

/** piscina's module, once loaded. */
type PiscinaModule = typeof PiscinaNamespace;

function createPoolExecutor(workerCount: number, piscina?: PiscinaModule): ShardExecutor {
  const workerFile = new URL('./shard-worker.js', import.meta.url);
  if (!existsSync(workerFile)) {
    throw new Error(
      `worker threads need the compiled ${fileURLToPath(workerFile)}; run \`npm run build\` (tests use dist/)`,
    );
  }
  // Read here too, so that a malformed value fails once, in this thread, rather than in every worker.
  readFaultInjection(process.env[faultInjectionVariable]);
  // piscina loads only when threads are asked for; given loaded, the threads start at once.
  const start = ({ Piscina }: PiscinaModule) =>
    new Piscina<ShardRequest, number>({
      filename: workerFile.href,
      minThreads: workerCount,
      maxThreads: workerCount,
      idleTimeout: Number.POSITIVE_INFINITY,
    });
  const pool = piscina === undefined ? import('piscina').then(start) : Promise.resolve(start(piscina));
  return {
    workerCount,
    async execute(tasks, options = {}) {
      const threads = await pool;
      const source = sourceOf(tasks);
      // Once one task has failed for good, the others stop quietly: their results would not be used.
      const stop = new AbortController();
      const run = {
        ...options,
        signal: options.signal === undefined ? stop.signal : AbortSignal.any([options.signal, stop.signal]),
      };
      const work = new Promise<void>((resolve, reject) => {
        let inFlight = 0;
        let failed = false;
        const fail = (error: unknown): void => {
          if (failed) return;
          failed = true;
          stop.abort();
          reject(error instanceof Error ? error : new Error(String(error)));
        };
        const fill = (): void => {
          try {
            while (!failed && !isAborted(run) && inFlight < tasksInFlightPerWorker * workerCount) {
              const task = source.next();
              if (task === undefined) break;
              inFlight++;
              withRetries(task, (attempt) => threads.run({ task, attempt }), run).then((seconds) => {
                inFlight--;
                if (isAborted(run)) return;
                try {
                  options.onDone?.(task, seconds);
                } catch (error) {
                  fail(error);
                  return;
                }
                fill();
              }, fail);
            }
            if (inFlight === 0 && !failed) resolve();
          } catch (error) {
            fail(error);
          }
        };
        fill();
      });
      await untilAborted(work, options.signal);
    },
    close: () => pool.then((threads) => threads.destroy()),
  };
}

/**
 * Start an executor with `workerCount` threads, kept until `close()`, as `createShardExecutor` does,
 * but with the threads already starting when it resolves: they load and warm up while the caller
 * goes on (reading and compiling a scenario), rather than when the first task is sent.
 */
export async function startShardExecutor(workerCount: number): Promise<ShardExecutor> {
  if (!Number.isInteger(workerCount) || workerCount < 1)
    throw new RangeError(`workerCount must be a positive integer, found ${workerCount}`);
  return workerCount === 1 ? createInThreadExecutor() : createPoolExecutor(workerCount, await import('piscina'));
}

/**
 * Start an executor with `workerCount` threads, kept until `close()`. One worker means the calling
 * thread runs the tasks itself, through the same `runShard`, so the numbers cannot differ. The pool's
 * threads start once piscina has loaded (see `startShardExecutor` to have them start sooner).
 */
export function createShardExecutor(workerCount: number): ShardExecutor {
  if (!Number.isInteger(workerCount) || workerCount < 1)
    throw new RangeError(`workerCount must be a positive integer, found ${workerCount}`);
  return workerCount === 1 ? createInThreadExecutor() : createPoolExecutor(workerCount);
}
