import { storeColumn, type RunStore } from '../runtime/run-store.js';

/** A target resolved to the store: a variable's saved value compared with a threshold. */
export interface TargetQuery {
  variableIndex: number;
  /** The saved time the target is set for. */
  saveIndex: number;
  op: '>=' | '<=';
  threshold: number;
  /** The first saved time at which a run may count as first meeting the target (after the observed data: history is not a projection). Default 0. */
  firstCountedSaveIndex?: number;
  /** For an "about" target, the band whose share of runs is counted beside the threshold's. */
  band?: { lower: number; upper: number };
}

/** When runs first meet a target: saved times, or null where that share of runs never meets it. */
export interface FirstMet {
  p5: number | null;
  p50: number | null;
  p95: number | null;
  /** Share of runs that meet the target at no saved time. */
  neverShare: number;
  /** Share of runs that have met it at or before each saved time, aligned with the saved times. */
  shareMetBy: number[];
  /** Only saved times after this year count (the last year of observed data), when there is one. */
  countedAfter?: number;
}

/** How a target fares over all runs. */
export interface TargetOutcome {
  /** Share of runs meeting the target at its own saved time. */
  probability: number;
  /** For a target with a band: the share of runs inside it (bounds included) at the target's saved time. */
  withinProbability?: number;
  firstMet: FirstMet;
}

/**
 * Numbers `countTarget` writes: the count of runs meeting the target in its year, the count inside its band
 * in that year (0 without a band), then per saved time the count first meeting it there.
 */
export const targetCountWidth = (saveCount: number): number => 2 + saveCount;

/** Whether one run's value meets a target: `>=` (at least) or `<=` (at most) the threshold, the bound itself included. */
export const meetsTarget = (value: number, op: TargetQuery['op'], threshold: number): boolean =>
  op === '>=' ? value >= threshold : value <= threshold;
const meets = meetsTarget;

/**
 * Count, over runs `[firstRun, endRun)` (every run by default), those meeting the target at its saved
 * time, those inside its band there (when it has one) and, per saved time from `query.firstCountedSaveIndex`
 * on, those first meeting it there (earlier saved times count none); added into `into`
 * (`targetCountWidth(saveCount)` numbers from `offset`). Whole counts, so the thread that computes them and
 * the way the runs are split cannot change them.
 */
export function countTarget(
  store: RunStore,
  query: TargetQuery,
  into: Float64Array,
  offset = 0,
  firstRun = 0,
  endRun = store.runCount,
): void {
  const { saveCount } = store;
  const atYear = storeColumn(store, query.variableIndex * saveCount + query.saveIndex);
  let meetingCount = 0;
  let withinCount = 0;
  const band = query.band;
  for (let runIndex = firstRun; runIndex < endRun; runIndex++) {
    const value = atYear[runIndex]!;
    if (meets(value, query.op, query.threshold)) meetingCount++;
    if (band !== undefined && value >= band.lower && value <= band.upper) withinCount++;
  }
  into[offset] = into[offset]! + meetingCount;
  into[offset + 1] = into[offset + 1]! + withinCount;
  const metAlready = new Uint8Array(endRun - firstRun);
  for (let saveIndex = query.firstCountedSaveIndex ?? 0; saveIndex < saveCount; saveIndex++) {
    const column = storeColumn(store, query.variableIndex * saveCount + saveIndex);
    let count = 0;
    for (let runIndex = firstRun; runIndex < endRun; runIndex++) {
      if (metAlready[runIndex - firstRun] === 1 || !meets(column[runIndex]!, query.op, query.threshold)) continue;
      metAlready[runIndex - firstRun] = 1;
      count++;
    }
    into[offset + 2 + saveIndex] = into[offset + 2 + saveIndex]! + count;
  }
}

/**
 * Count one run into a target's counts, as `countTarget` counts it (first met only from
 * `query.firstCountedSaveIndex` on): the run's value of store column `column` is
 * `values[base + column * stride]` (its place in the store, or in a row of its own).
 */
export function countTargetRun(
  values: Float64Array,
  base: number,
  stride: number,
  saveCount: number,
  query: TargetQuery,
  into: Float64Array,
  offset: number,
): void {
  const firstColumn = query.variableIndex * saveCount;
  const value = values[base + (firstColumn + query.saveIndex) * stride]!;
  if (meets(value, query.op, query.threshold)) into[offset] = into[offset]! + 1;
  const band = query.band;
  if (band !== undefined && value >= band.lower && value <= band.upper) into[offset + 1] = into[offset + 1]! + 1;
  for (let saveIndex = query.firstCountedSaveIndex ?? 0; saveIndex < saveCount; saveIndex++) {
    if (!meets(values[base + (firstColumn + saveIndex) * stride]!, query.op, query.threshold)) continue;
    into[offset + 2 + saveIndex] = into[offset + 2 + saveIndex]! + 1;
    return;
  }
}

/**
 * A target's outcome from its counts (see `countTarget`): the share of runs meeting it at its saved
 * time, the share inside its band when `hasBand`, and the distribution of the first saved time at which
 * each run meets it. That distribution's
 * percentiles are Hyndman–Fan type 1 (the inverse empirical CDF: the earliest saved time by which at
 * least that share of runs has met the target), with "never" later than every saved time, so a
 * percentile is null when it falls among the runs that never meet it.
 */
export function targetOutcome(
  counts: Float64Array,
  runCount: number,
  saveTimes: Float64Array,
  offset = 0,
  hasBand = false,
): TargetOutcome {
  const saveCount = saveTimes.length;
  const firstMetCount = (saveIndex: number): number => counts[offset + 2 + saveIndex]!;
  const shareMetBy: number[] = [];
  let cumulative = 0;
  for (let saveIndex = 0; saveIndex < saveCount; saveIndex++) {
    cumulative += firstMetCount(saveIndex);
    shareMetBy.push(cumulative / runCount);
  }
  const percentile = (probability: number): number | null => {
    const needed = Math.max(1, Math.ceil(probability * runCount));
    let reached = 0;
    for (let saveIndex = 0; saveIndex < saveCount; saveIndex++) {
      reached += firstMetCount(saveIndex);
      if (reached >= needed) return saveTimes[saveIndex]!;
    }
    return null;
  };
  return {
    probability: counts[offset]! / runCount,
    ...(hasBand ? { withinProbability: counts[offset + 1]! / runCount } : {}),
    firstMet: {
      p5: percentile(0.05),
      p50: percentile(0.5),
      p95: percentile(0.95),
      neverShare: 1 - cumulative / runCount,
      shareMetBy,
    },
  };
}

/** Evaluate a target over every run in this thread: `countTarget` then `targetOutcome`. */
export function evaluateTarget(store: RunStore, query: TargetQuery): TargetOutcome {
  const counts = new Float64Array(targetCountWidth(store.saveCount));
  countTarget(store, query, counts);
  return targetOutcome(counts, store.runCount, store.saveTimes, 0, query.band !== undefined);
}
