import { describe, expect, it } from 'vitest';
import { planShards, subtractRanges } from '../../../src/parallel/plan-shards.js';

describe('planShards()', () => {
  it('covers every index once, in order, with contiguous ranges', () => {
    for (const [count, workers] of [
      [0, 2],
      [1, 4],
      [999, 2],
      [100_000, 2],
      [1_000_003, 16],
    ] as const) {
      const shards = planShards(count, workers);
      let next = 0;
      for (const shard of shards) {
        expect(shard.first).toBe(next);
        expect(shard.end).toBeGreaterThan(shard.first);
        next = shard.end;
      }
      expect(next).toBe(count);
    }
  });

  it('gives each worker several shards of at least 1,000 runs on large experiments', () => {
    const shards = planShards(100_000, 2);
    expect(shards.length).toBe(16);
    expect(Math.min(...shards.map((shard) => shard.end - shard.first))).toBeGreaterThanOrEqual(1000);
    expect(planShards(5000, 4).every((shard) => shard.end - shard.first >= 1000)).toBe(true);
  });

  it('throws a RangeError naming the option for a bad count or worker count', () => {
    expect(() => planShards(-1, 1)).toThrow('count must be a non-negative integer');
    expect(() => planShards(10, 0)).toThrow('workerCount must be a positive integer');
  });
});

describe('subtractRanges()', () => {
  const range = (first: number, end: number): { first: number; end: number } => ({ first, end });

  it('leaves out restored ranges whole, in part or across several shards, in order', () => {
    const shards = [range(0, 10), range(10, 20), range(20, 30)];
    expect(subtractRanges(shards, [])).toEqual(shards);
    expect(subtractRanges(shards, [range(10, 20)])).toEqual([range(0, 10), range(20, 30)]);
    expect(subtractRanges(shards, [range(25, 30), range(3, 5)])).toEqual([
      range(0, 3),
      range(5, 10),
      range(10, 20),
      range(20, 25),
    ]);
    expect(subtractRanges(shards, [range(5, 25)])).toEqual([range(0, 5), range(25, 30)]);
    expect(subtractRanges(shards, [range(0, 30)])).toEqual([]);
  });

  it('accepts overlapping restored ranges (saved under different shard plans)', () => {
    expect(subtractRanges([range(0, 100)], [range(10, 40), range(30, 60), range(59, 61)])).toEqual([
      range(0, 10),
      range(61, 100),
    ]);
  });
});
