import { faultInjectionVariable, readFaultInjection, runShardWithFaults } from './fault-injection.js';
import { createRunFunctionCache } from './run-function-cache.js';
import type { ShardRequest } from './shard-task.js';

// One cache per worker thread: it lives as long as the thread, which is the point of keeping the pool.
const cache = createRunFunctionCache();
// The test hook (see fault-injection.ts), read once per thread; empty unless the variable is set.
const faults = readFaultInjection(process.env[faultInjectionVariable]);

/**
 * piscina's entry: run one task and answer the seconds it took (what shard sizes are made from);
 * results go into the task's shared buffers, so nothing else is posted back.
 * A task that throws takes its thread down with it: the error escapes as an uncaught exception, so
 * piscina rejects the task with that very error and starts a fresh worker in this one's place. The
 * retry then never meets whatever state made this thread fail, and no other task is handed to it in
 * between (a thread that had answered with a rejection would be given the next task at once).
 */
export default function shardWorker(request: ShardRequest): number | Promise<never> {
  try {
    const started = performance.now();
    runShardWithFaults(request, cache, faults, 'worker');
    return (performance.now() - started) / 1000;
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
    return new Promise<never>(() => undefined);
  }
}
