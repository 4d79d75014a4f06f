import { storeColumn, type RunStore } from '../runtime/run-store.js';

/** A target resolved to the store: a variable's saved value compared with a threshold. */
export interface TargetQuery {
  variableIndex: number;
  /** The saved time the target is set for. */
  saveIndex: number;
  op: '>=' | '<=';
  threshold: number;
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
}

/** How a target fares over all runs. */
export interface TargetOutcome {
  /** Share of runs meeting the target at its own saved time. */
  probability: number;
  firstMet: FirstMet;
}

const meets = (value: number, op: TargetQuery['op'], threshold: number): boolean => (op === '>=' ? value >= threshold : value <= threshold);

/**
 * Evaluate a target over every run: the share meeting it at its saved time, and the distribution of
 * the first saved time at which each run meets it. That distribution's percentiles are Hyndman–Fan
 * type 1 (the inverse empirical CDF: the earliest saved time by which at least that share of runs has
 * met the target), with "never" later than every saved time, so a percentile is null when it falls
 * among the runs that never meet it.
 */
export function evaluateTarget(store: RunStore, query: TargetQuery): TargetOutcome {
  const { runCount, saveCount } = store;
  const atYear = storeColumn(store, query.variableIndex * saveCount + query.saveIndex);
  let meetingCount = 0;
  for (let runIndex = 0; runIndex < runCount; runIndex++) if (meets(atYear[runIndex]!, query.op, query.threshold)) meetingCount++;

  const metAlready = new Uint8Array(runCount);
  const firstMetCounts = new Float64Array(saveCount);
  for (let saveIndex = 0; saveIndex < saveCount; saveIndex++) {
    const column = storeColumn(store, query.variableIndex * saveCount + saveIndex);
    let count = 0;
    for (let runIndex = 0; runIndex < runCount; runIndex++) {
      if (metAlready[runIndex] === 1 || !meets(column[runIndex]!, query.op, query.threshold)) continue;
      metAlready[runIndex] = 1;
      count++;
    }
    firstMetCounts[saveIndex] = count;
  }
  const shareMetBy: number[] = [];
  let cumulative = 0;
  for (let saveIndex = 0; saveIndex < saveCount; saveIndex++) {
    cumulative += firstMetCounts[saveIndex]!;
    shareMetBy.push(cumulative / runCount);
  }
  const percentile = (probability: number): number | null => {
    const needed = Math.ceil(probability * runCount);
    let reached = 0;
    for (let saveIndex = 0; saveIndex < saveCount; saveIndex++) {
      reached += firstMetCounts[saveIndex]!;
      if (reached >= needed && reached > 0) return store.saveTimes[saveIndex]!;
    }
    return null;
  };
  return {
    probability: meetingCount / runCount,
    firstMet: { p5: percentile(0.05), p50: percentile(0.5), p95: percentile(0.95), neverShare: 1 - cumulative / runCount, shareMetBy },
  };
}
