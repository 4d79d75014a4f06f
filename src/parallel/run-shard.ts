import type { RunFunction } from '../compile/run-function.js';
import { createQuantile } from '../sampling/create-quantile.js';
import type { RunStore } from '../runtime/run-store.js';
import { countTarget } from '../stats/evaluate-target.js';
import { summarizeColumns, summaryWidth } from '../stats/summarize-columns.js';
import type { RunFunctionCache } from './run-function-cache.js';
import type { RunShardTask, ShardTask, SummarizeShardTask, TargetShardTask } from './shard-task.js';

/**
 * Run rows `[firstRun, endRun)` of the sample matrix, each writing its saved points at its own run
 * index. Each input is drawn here, as its quantile of the row's probability, so the inverse CDFs run
 * in parallel and give the numbers `drawSampleMatrix` gives.
 */
export function runRows(task: RunShardTask, run: RunFunction): void {
  const currentRuns = new Int32Array(task.currentRuns);
  Atomics.store(currentRuns, task.shardIndex, task.firstRun);
  const probabilities = new Float64Array(task.probabilities);
  const results = new Float64Array(task.results);
  const parameters = Float64Array.from(task.baseParameters);
  const columns = task.sampleParameterIndex;
  const quantiles = task.distributions.map((distribution) => createQuantile(distribution));
  const columnCount = columns.length;
  const saveStride = task.runCount;
  const outputStride = task.saveCount * task.runCount;
  for (let runIndex = task.firstRun; runIndex < task.endRun; runIndex++) {
    Atomics.store(currentRuns, task.shardIndex, runIndex);
    const rowBase = runIndex * columnCount;
    for (let column = 0; column < columnCount; column++) {
      const parameterIndex = columns[column]!;
      if (parameterIndex >= 0) parameters[parameterIndex] = quantiles[column]!(probabilities[rowBase + column]!);
    }
    run(parameters, results, runIndex, saveStride, outputStride);
  }
}

/** The store's values as a `RunStore` (names and times are not needed to count or summarise). */
const storeOf = (results: SharedArrayBuffer, runCount: number, saveCount: number): RunStore => ({
  runCount,
  saveCount,
  variableNames: [],
  saveTimes: new Float64Array(0),
  values: new Float64Array(results),
});

function countTargets(task: TargetShardTask): void {
  const store = storeOf(task.results, task.runCount, task.saveCount);
  const counts = new Float64Array(task.counts);
  for (const query of task.queries) countTarget(store, query, counts, query.offset);
}

function summarizeRange(task: SummarizeShardTask): void {
  const store = storeOf(task.results, task.runCount, task.saveCount);
  const summaries = new Float64Array(task.summaries);
  if (summaries.length < task.endColumn * summaryWidth)
    throw new RangeError('summarizeRange(): summaries buffer too small');
  summarizeColumns(store, task.firstColumn, task.endColumn, summaries);
}

/** Do one task: the same function runs in a worker thread and, with `--workers 1`, in the main thread. */
export function runShard(task: ShardTask, cache: RunFunctionCache): void {
  if (task.kind === 'runs') runRows(task, cache.get(task.source));
  else if (task.kind === 'summaries') summarizeRange(task);
  else countTargets(task);
}
