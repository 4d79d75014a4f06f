import { describe, expect, it } from 'vitest';
import { readFaultInjection, runShardWithFaults } from '../../../src/parallel/fault-injection.js';
import { createRunFunctionCache } from '../../../src/parallel/run-function-cache.js';
import type { RunShardTask } from '../../../src/parallel/shard-task.js';
import { encodeRunSource } from '../../../src/parallel/run-source.js';

/** A shard of runs 10 to 19 of a run function that writes its run index. */
function task(): RunShardTask {
  return {
    kind: 'runs',
    source: encodeRunSource('return function run(parameters, out, base) { out[base] = base + 1; };'),
    baseParameters: new Float64Array(0),
    sampleParameterIndex: new Int32Array(0),
    distributions: [],
    sample: { kind: 'matrix', probabilities: new SharedArrayBuffer(0) },
    results: new SharedArrayBuffer(20 * 8),
    runCount: 20,
    saveCount: 1,
    variableCount: 1,
    firstColumn: 0,
    endColumn: 1,
    firstRun: 10,
    endRun: 20,
    shardIndex: 0,
    status: new SharedArrayBuffer(4),
    targets: [],
    tallyFailures: false,
    tallies: new SharedArrayBuffer(8),
  };
}

describe('readFaultInjection()', () => {
  it('reads nothing from an unset or empty variable', () => {
    expect(readFaultInjection(undefined)).toEqual([]);
    expect(readFaultInjection(' ')).toEqual([]);
  });

  it('reads each comma-separated fault with its run and attempt (every attempt when left out)', () => {
    expect(readFaultInjection('exit:run=3125:attempt=1, throw:run=0,stall:run=12')).toEqual([
      { action: 'exit', runIndex: 3125, attempt: 1 },
      { action: 'throw', runIndex: 0, attempt: undefined },
      { action: 'stall', runIndex: 12, attempt: undefined },
    ]);
  });

  it.each(['kill:run=1', 'exit:run=-1', 'exit', 'throw:run=1:attempt=x', 'throw:shard=1'])(
    'throws a RangeError naming the variable for %j',
    (text) => {
      expect(() => readFaultInjection(text)).toThrow(/^KECHUANG_FAULT_INJECT must be .*found/);
    },
  );
});

describe('runShardWithFaults()', () => {
  it('runs a shard whole when no fault names one of its runs on this attempt', () => {
    const shard = task();
    runShardWithFaults(
      { task: shard, attempt: 2 },
      createRunFunctionCache(),
      readFaultInjection('throw:run=12:attempt=1,throw:run=9,throw:run=20'),
      'caller',
    );
    expect(Array.from(new Float64Array(shard.results).subarray(10))).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(new Int32Array(shard.status)[0]).toBe(19);
  });

  it('throws at the run it names, after writing the runs before it, and marks that run as the current one', () => {
    const shard = task();
    expect(() =>
      runShardWithFaults(
        { task: shard, attempt: 1 },
        createRunFunctionCache(),
        readFaultInjection('throw:run=15'),
        'caller',
      ),
    ).toThrow(/injected fault \(KECHUANG_FAULT_INJECT\) at run 15 on thread \d+/);
    expect(Array.from(new Float64Array(shard.results).subarray(10))).toEqual([11, 12, 13, 14, 15, 0, 0, 0, 0, 0]);
    expect(new Int32Array(shard.status)[0]).toBe(15);
  });

  it.each(['exit', 'stall'])('refuses %s in the calling thread, which it would end or block', (action) => {
    expect(() =>
      runShardWithFaults(
        { task: task(), attempt: 1 },
        createRunFunctionCache(),
        readFaultInjection(`${action}:run=10`),
        'caller',
      ),
    ).toThrow(`'${action}' needs worker threads`);
  });
});
