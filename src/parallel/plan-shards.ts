/** A half-open range of run indices (or columns) one task covers. */
export interface ShardRange {
  first: number;
  end: number;
}

/**
 * Shards per worker: enough that a slow worker or a retried shard does not leave the others idle at
 * the end, few enough that each shard's message round trip (about 55 µs) stays far below 2% of its work.
 */
const shardsPerWorker = 8;
/** At a few µs per run, 1,000 runs are ms of work against one 55 µs round trip. */
const minimumShardRuns = 1000;

/** Split `count` items into contiguous ranges for `workerCount` workers, in order. */
export function planShards(count: number, workerCount: number, minimumShardSize = minimumShardRuns): ShardRange[] {
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count must be a non-negative integer, found ${count}`);
  if (!Number.isInteger(workerCount) || workerCount < 1)
    throw new RangeError(`workerCount must be a positive integer, found ${workerCount}`);
  const size = Math.max(minimumShardSize, Math.ceil(count / (workerCount * shardsPerWorker)), 1);
  const shards: ShardRange[] = [];
  for (let first = 0; first < count; first += size) shards.push({ first, end: Math.min(count, first + size) });
  return shards;
}

/**
 * The parts of `ranges` that `removed` does not cover, in order: shards still to run once a
 * checkpoint has restored some runs (possibly under another shard plan). `removed` may overlap.
 */
export function subtractRanges(ranges: readonly ShardRange[], removed: readonly ShardRange[]): ShardRange[] {
  const cuts = [...removed].sort((a, b) => a.first - b.first);
  const remaining: ShardRange[] = [];
  for (const range of ranges) {
    let first = range.first;
    for (const cut of cuts) {
      if (cut.end <= first || cut.first >= range.end) continue;
      if (cut.first > first) remaining.push({ first, end: cut.first });
      first = Math.max(first, cut.end);
    }
    if (first < range.end) remaining.push({ first, end: range.end });
  }
  return remaining;
}
