import type { RunFunction } from '../compile/run-function.js';
import { summarizeColumns, summaryWidth } from '../stats/summarize-columns.js';
import type { RunFunctionCache } from './run-function-cache.js';
import type { RunShardTask, ShardTask, SummarizeShardTask } from './shard-task.js';

/**
 * Run rows `[firstRun, endRun)` of the sample matrix, each writing its saved points at its own run
 * index, and return the first of them with a NaN or infinite saved value, or -1.
 */
export function runRows(task: RunShardTask, run: RunFunction): number {
  const samples = new Float64Array(task.samples);
  const results = new Float64Array(task.results);
  const parameters = Float64Array.from(task.baseParameters);
  const columns = task.sampleParameterIndex;
  const columnCount = columns.length;
  const saveStride = task.runCount;
  const outputStride = task.saveCount * task.runCount;
  for (let runIndex = task.firstRun; runIndex < task.endRun; runIndex++) {
    const rowBase = runIndex * columnCount;
    for (let column = 0; column < columnCount; column++) {
      const parameterIndex = columns[column]!;
      if (parameterIndex >= 0) parameters[parameterIndex] = samples[rowBase + column]!;
    }
    run(parameters, results, runIndex, saveStride, outputStride);
  }
  return firstNonFiniteRun(results, task);
}

function firstNonFiniteRun(results: Float64Array, task: RunShardTask): number {
  let first = task.endRun;
  const columnCount = results.length / task.runCount;
  for (let column = 0; column < columnCount; column++) {
    const base = column * task.runCount;
    for (let runIndex = task.firstRun; runIndex < first; runIndex++) {
      if (!Number.isFinite(results[base + runIndex]!)) first = runIndex;
    }
  }
  return first === task.endRun ? -1 : first;
}

function summarizeRange(task: SummarizeShardTask): void {
  const values = new Float64Array(task.results);
  const store = { runCount: task.runCount, saveCount: task.saveCount, variableNames: [], saveTimes: new Float64Array(0), values };
  const summaries = new Float64Array(task.summaries);
  if (summaries.length < task.endColumn * summaryWidth) throw new RangeError('summarizeRange(): summaries buffer too small');
  summarizeColumns(store, task.firstColumn, task.endColumn, summaries);
}

/**
 * Do one task: the same function runs in a worker thread and, with `--workers 1`, in the main thread.
 * Returns, for a run task, the shard's first run with a non-finite saved value (-1 if none); else -1.
 */
export function runShard(task: ShardTask, cache: RunFunctionCache): number {
  if (task.kind === 'runs') return runRows(task, cache.get(task.sourceHash, task.source));
  summarizeRange(task);
  return -1;
}
