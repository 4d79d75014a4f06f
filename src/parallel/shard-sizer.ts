import type { ShardRange } from './plan-shards.js';

/** How long shards may take, in seconds of one worker's time. */
export interface ShardTiming {
  /**
   * The longest a shard should take: a finished shard is what a checkpoint keeps and what progress
   * counts, so runs are kept at least this often per worker whatever the run count.
   */
  maxShardSeconds: number;
  /** The shortest worth sending: each shard costs a message round trip (about 55 µs) and a little bookkeeping. */
  minShardSeconds: number;
}

/**
 * A shard takes at most 2 s, so a worker's finished runs are kept at least every 2 s of its work (a
 * long run on 16 workers writes 8 checkpoint files a second, no more), and at least 5 ms, so its round
 * trip costs under 1.5%.
 */
export const defaultShardTiming: ShardTiming = { maxShardSeconds: 2, minShardSeconds: 0.005 };

/** Runs in each first shard, before any run has been timed: small, so the first measurement comes soon. */
const probeRuns = 64;

/** Measured costs kept for the estimate: the latest ones, after the threads have compiled and warmed up. */
const keptMeasurements = 8;

/** Hands out the runs of an experiment as shards sized from the measured cost of the shards before. */
export interface ShardSizer {
  /** The next shard, or undefined when every run has been handed out. */
  next(): ShardRange | undefined;
  /** A shard finished in `seconds` of its worker's time. */
  record(range: ShardRange, seconds: number): void;
  /** Runs not yet handed out. */
  readonly remainingRuns: number;
  /** The cost per run measured so far (seconds), undefined before the first shard finishes. */
  secondsPerRun(): number | undefined;
}

/**
 * Split `ranges` (the runs to do, in order) into shards on demand, guided self-scheduling: each shard
 * is the runs left divided by twice the worker count, so shards shrink as the end nears and the
 * workers finish within about one small shard of each other; bounded by `timing` through the cost per
 * run measured so far (the median of the latest shards, so one slow or warming worker does not
 * swing it), or `knownSecondsPerRun` until then (a later pass over the same runs). Until a cost is
 * known, shards are `probeRuns` long. Any split gives the same numbers: each run is computed whole,
 * by one thread, from its own row.
 */
export function createShardSizer(
  ranges: readonly ShardRange[],
  workerCount: number,
  timing: ShardTiming = defaultShardTiming,
  knownSecondsPerRun?: number,
): ShardSizer {
  if (!Number.isInteger(workerCount) || workerCount < 1)
    throw new RangeError(`workerCount must be a positive integer, found ${workerCount}`);
  if (!(timing.minShardSeconds > 0 && timing.maxShardSeconds >= timing.minShardSeconds))
    throw new RangeError('timing must have 0 < minShardSeconds <= maxShardSeconds');
  const pending = ranges.filter((range) => range.end > range.first).map((range) => ({ ...range }));
  let remainingRuns = pending.reduce((sum, range) => sum + range.end - range.first, 0);
  const secondsPerRun: number[] = [];
  const estimate = (): number | undefined => {
    if (secondsPerRun.length === 0) return knownSecondsPerRun;
    const sorted = [...secondsPerRun].sort((left, right) => left - right);
    return sorted[Math.floor(sorted.length / 2)]!;
  };
  return {
    get remainingRuns() {
      return remainingRuns;
    },
    secondsPerRun: estimate,
    next() {
      const range = pending[0];
      if (range === undefined) return undefined;
      const cost = estimate();
      let size: number;
      if (cost === undefined || cost <= 0) size = probeRuns;
      else {
        const guided = Math.ceil(remainingRuns / (2 * workerCount));
        const longest = Math.max(1, Math.floor(timing.maxShardSeconds / cost));
        const shortest = Math.max(1, Math.ceil(timing.minShardSeconds / cost));
        size = Math.min(longest, Math.max(shortest, guided));
      }
      const end = Math.min(range.end, range.first + size);
      const shard = { first: range.first, end };
      range.first = end;
      if (range.first >= range.end) pending.shift();
      remainingRuns -= shard.end - shard.first;
      return shard;
    },
    record(range, seconds) {
      const runs = range.end - range.first;
      if (runs <= 0 || !(seconds >= 0)) return;
      secondsPerRun.push(seconds / runs);
      if (secondsPerRun.length > keptMeasurements) secondsPerRun.shift();
    },
  };
}
