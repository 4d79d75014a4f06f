import { describe, expect, it } from 'vitest';
import { readFaultInjection, runShardWithFaults } from '../../../src/parallel/fault-injection.js';
import { createRunFunctionCache } from '../../../src/parallel/run-function-cache.js';
import type { RunShardTask } from '../../../src/parallel/shard-task.js';
import { encodeRunSource } from '../../../src/parallel/run-source.js';

/** A shard of ten runs of a run function that writes its run index. */
function task(shardIndex: number): RunShardTask {
  return {
    kind: 'runs',
    source: encodeRunSource('return function run(parameters, out, base) { out[base] = base + 1; };'),
    baseParameters: new Float64Array(0),
    sampleParameterIndex: new Int32Array(0),
    distributions: [],
    probabilities: new SharedArrayBuffer(0),
    results: new SharedArrayBuffer(20 * 8),
    runCount: 20,
    saveCount: 1,
    firstRun: 10,
    endRun: 20,
    shardIndex,
    currentRuns: new SharedArrayBuffer(4 * 4),
  };
}

describe('readFaultInjection()', () => {
  it('reads nothing from an unset or empty variable', () => {
    expect(readFaultInjection(undefined)).toEqual([]);
    expect(readFaultInjection(' ')).toEqual([]);
  });

  it('reads each comma-separated fault with its shard and attempt (every attempt when left out)', () => {
    expect(readFaultInjection('exit:shard=3:attempt=1, throw:shard=0,stall:shard=12')).toEqual([
      { action: 'exit', shardIndex: 3, attempt: 1 },
      { action: 'throw', shardIndex: 0, attempt: undefined },
      { action: 'stall', shardIndex: 12, attempt: undefined },
    ]);
  });

  it.each(['kill:shard=1', 'exit:shard=-1', 'exit', 'throw:shard=1:attempt=x'])(
    'throws a RangeError naming the variable for %j',
    (text) => {
      expect(() => readFaultInjection(text)).toThrow(/^KECHUANG_FAULT_INJECT must be .*found/);
    },
  );
});

describe('runShardWithFaults()', () => {
  it('runs a shard whole when no fault names it or its attempt', () => {
    const shard = task(2);
    runShardWithFaults(
      { task: shard, attempt: 2 },
      createRunFunctionCache(),
      readFaultInjection('throw:shard=2:attempt=1,throw:shard=1'),
      'caller',
    );
    expect(Array.from(new Float64Array(shard.results).subarray(10))).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(new Int32Array(shard.currentRuns)[2]).toBe(19);
  });

  it('throws at the middle run, after writing the runs before it, and marks that run as the current one', () => {
    const shard = task(1);
    expect(() =>
      runShardWithFaults(
        { task: shard, attempt: 1 },
        createRunFunctionCache(),
        readFaultInjection('throw:shard=1'),
        'caller',
      ),
    ).toThrow(/injected fault \(KECHUANG_FAULT_INJECT\) at run 15 on thread \d+/);
    expect(Array.from(new Float64Array(shard.results).subarray(10))).toEqual([11, 12, 13, 14, 15, 0, 0, 0, 0, 0]);
    expect(new Int32Array(shard.currentRuns)[1]).toBe(15);
  });

  it.each(['exit', 'stall'])('refuses %s in the calling thread, which it would end or block', (action) => {
    expect(() =>
      runShardWithFaults(
        { task: task(0), attempt: 1 },
        createRunFunctionCache(),
        readFaultInjection(`${action}:shard=0`),
        'caller',
      ),
    ).toThrow(`'${action}' needs worker threads`);
  });
});
