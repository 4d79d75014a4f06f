import { threadId } from 'node:worker_threads';
import type { RunFunctionCache } from './run-function-cache.js';
import { clearTallies, runRows, runShard } from './run-shard.js';
import type { RunShardTask, ShardRequest } from './shard-task.js';

/**
 * TEST HOOK. The environment variable that makes chosen runs fail, so the end-to-end tests can
 * break a worker the way a crash, a bug or a hang would, in the built CLI, as a user runs it. Unset
 * (always, outside tests) it does nothing: the hook costs one lookup per shard.
 *
 * Format: faults separated by `,`, each `<action>:run=<index>[:attempt=<n>]`, where `index` is a run
 * of the experiment and `attempt` the try of the shard holding it that it fires on (every try when
 * left out). Shard sizes follow the measured cost of runs, so a fault names a run, not a shard. The
 * shard holding the run runs its rows before it, then, at that run:
 * - `exit`: the worker thread exits (code 1), as a killed or crashed worker does;
 * - `throw`: the run throws an Error;
 * - `stall`: the worker blocks for good, as a hung one does (only Ctrl-C or the pool's end stops it).
 * Example: `KECHUANG_FAULT_INJECT=exit:run=3125:attempt=1,throw:run=9000`.
 */
export const faultInjectionVariable = 'KECHUANG_FAULT_INJECT';

/** What an injected fault does. */
export type FaultAction = 'exit' | 'throw' | 'stall';

/** One injected fault: at which run, on which attempt (undefined: every attempt), and what it does. */
export interface Fault {
  action: FaultAction;
  runIndex: number;
  attempt: number | undefined;
}

const faultPattern = /^(exit|throw|stall):run=(\d+)(?::attempt=(\d+))?$/;

/**
 * Read the faults of a `KECHUANG_FAULT_INJECT` value (empty when unset).
 * @throws RangeError naming the variable when the text does not follow the format.
 */
export function readFaultInjection(text: string | undefined): readonly Fault[] {
  if (text === undefined || text.trim() === '') return [];
  return text.split(',').map((part) => {
    const match = faultPattern.exec(part.trim());
    if (match === null)
      throw new RangeError(
        `${faultInjectionVariable} must be <exit|throw|stall>:run=<index>[:attempt=<n>], comma-separated; found '${part}'`,
      );
    return {
      action: match[1] as FaultAction,
      runIndex: Number(match[2]),
      attempt: match[3] === undefined ? undefined : Number(match[3]),
    };
  });
}

/** Where a shard runs: in a pool's worker thread, or in the thread that called `execute` (`--workers 1`). */
export type ShardThread = 'worker' | 'caller';

/** Fail the way `fault` says, after running the shard's rows before the fault's run (so some are written). */
function runFaultyShard(task: RunShardTask, cache: RunFunctionCache, fault: Fault, thread: ShardThread): never {
  const faultRun = fault.runIndex;
  clearTallies(task);
  if (faultRun > task.firstRun) runRows({ ...task, endRun: faultRun }, cache.get(task.source));
  Atomics.store(new Int32Array(task.status), 0, faultRun);
  if (fault.action !== 'throw' && thread === 'caller')
    throw new RangeError(`${faultInjectionVariable}: '${fault.action}' needs worker threads (--workers 2 or more)`);
  if (fault.action === 'exit') process.exit(1);
  if (fault.action === 'stall') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  throw new Error(`injected fault (${faultInjectionVariable}) at run ${faultRun} on thread ${threadId}`);
}

/** The fault of `faults` set for a run of this request's shard and for its attempt, if any (only run shards have faults). */
export function findFault(faults: readonly Fault[], request: ShardRequest): Fault | undefined {
  const { task, attempt } = request;
  if (task.kind !== 'runs') return undefined;
  return faults.find(
    (candidate) =>
      candidate.runIndex >= task.firstRun &&
      candidate.runIndex < task.endRun &&
      (candidate.attempt === undefined || candidate.attempt === attempt),
  );
}

/** Run one request as `runShard` does, unless a fault of `faults` is set for its shard and attempt. */
export function runShardWithFaults(
  request: ShardRequest,
  cache: RunFunctionCache,
  faults: readonly Fault[],
  thread: ShardThread,
): void {
  const { task } = request;
  const fault = findFault(faults, request);
  if (fault === undefined || task.kind !== 'runs') runShard(task, cache);
  else runFaultyShard(task, cache, fault, thread);
}
