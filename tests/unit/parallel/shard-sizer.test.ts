import { describe, expect, it } from 'vitest';
import type { ShardRange } from '../../../src/parallel/plan-shards.js';
import { createShardSizer } from '../../../src/parallel/shard-sizer.js';

/** Every shard a sizer hands out, each finished at once in `secondsPerRun` a run. */
function drain(ranges: ShardRange[], workerCount: number, secondsPerRun: number): ShardRange[] {
  const sizer = createShardSizer(ranges, workerCount, { maxShardSeconds: 1, minShardSeconds: 0.005 });
  const shards: ShardRange[] = [];
  for (let shard = sizer.next(); shard !== undefined; shard = sizer.next()) {
    shards.push(shard);
    sizer.record(shard, (shard.end - shard.first) * secondsPerRun);
  }
  return shards;
}

describe('createShardSizer()', () => {
  it('hands out every run once, in order, skipping what is not to run', () => {
    const shards = drain(
      [
        { first: 0, end: 700 },
        { first: 1800, end: 250_000 },
      ],
      4,
      1e-5,
    );
    const runs = shards.flatMap(({ first, end }) => Array.from({ length: end - first }, (_, index) => first + index));
    expect(runs).toEqual([
      ...Array.from({ length: 700 }, (_, index) => index),
      ...Array.from({ length: 250_000 - 1800 }, (_, index) => 1800 + index),
    ]);
  });

  it('probes with small shards, then sizes them from the measured cost: at most maxShardSeconds, shrinking to the end', () => {
    // 2^-16 s a run (15 µs): 1 s is 65,536 runs, 5 ms is 328.
    const sizes = drain([{ first: 0, end: 4_000_000 }], 4, 2 ** -16).map(({ first, end }) => end - first);
    expect(sizes[0]).toBe(64);
    expect(Math.max(...sizes)).toBe(65_536);
    // The last shards of four workers are the shortest worth sending: they finish within 5 ms of each other.
    expect(sizes.slice(-8).every((size) => size <= 328)).toBe(true);
    // Guided: never growing once the cost is known.
    const measured = sizes.slice(1);
    expect(measured.every((size, index) => index === 0 || size <= measured[index - 1]!)).toBe(true);
  });

  it('keeps a shard to maxShardSeconds of work whatever the run count, so checkpoints come at least that often', () => {
    // 2 ms a run (a large model): a shard is at most 500 runs, one second of a worker's time.
    const sizes = drain([{ first: 0, end: 2_000_000 }], 2, 2e-3).map(({ first, end }) => end - first);
    expect(Math.max(...sizes)).toBe(500);
  });

  it('starts from a known cost (a later pass over the same runs) without probing', () => {
    const sizer = createShardSizer(
      [{ first: 0, end: 1_000_000 }],
      2,
      { maxShardSeconds: 1, minShardSeconds: 0.005 },
      2 ** -16,
    );
    expect(sizer.next()).toEqual({ first: 0, end: 65_536 });
    expect(sizer.secondsPerRun()).toBe(2 ** -16);
  });

  it('throws a RangeError for a bad worker count or timing', () => {
    expect(() => createShardSizer([], 0)).toThrow('workerCount must be a positive integer');
    expect(() => createShardSizer([], 1, { maxShardSeconds: 0.001, minShardSeconds: 0.01 })).toThrow(RangeError);
  });
});
