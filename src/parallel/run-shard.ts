import type { RunFunction } from '../compile/run-function.js';
import { createRowReader, streamBlockCount, streamStateWidth, walkColumnStream } from '../sampling/column-streams.js';
import { createQuantile } from '../sampling/create-quantile.js';
import type { RunStore } from '../runtime/run-store.js';
import { countTarget, countTargetRun, targetCountWidth } from '../stats/evaluate-target.js';
import { summarizeColumns, summaryWidth } from '../stats/summarize-columns.js';
import type { RunFunctionCache } from './run-function-cache.js';
import type {
  RunShardTask,
  ShardTask,
  StreamShardTask,
  StreamSample,
  SummarizeShardTask,
  TargetShardTask,
} from './shard-task.js';

/** Each stream's place in a walked sample's buffers. */
function walkedStream(sample: Pick<StreamSample, 'states' | 'strata'>, runCount: number, index: number) {
  return {
    states: new Float64Array(sample.states),
    stateOffset: index * streamBlockCount(runCount) * streamStateWidth,
    ...(sample.strata === undefined ? {} : { strata: new Uint32Array(sample.strata), strataOffset: index * runCount }),
  };
}

function walkStreams(task: StreamShardTask): void {
  for (const { key, index } of task.streams)
    walkColumnStream(key, task.design, task.runCount, walkedStream(task, task.runCount, index));
}

/**
 * A function that writes run `firstRun`'s probabilities into `row` (one per sample column), then the
 * next run's, and so on: read from the matrix, or drawn from the walked streams the columns use
 * (only those of columns that set a parameter).
 */
function createSampleRows(task: RunShardTask, row: Float64Array): () => void {
  const { sample, runCount } = task;
  const columnCount = task.sampleParameterIndex.length;
  let runIndex = task.firstRun;
  if (sample.kind === 'matrix') {
    const probabilities = new Float64Array(sample.probabilities);
    return () => {
      row.set(probabilities.subarray(runIndex * columnCount, (runIndex + 1) * columnCount));
      runIndex++;
    };
  }
  const used = new Set<number>();
  task.sampleParameterIndex.forEach((parameterIndex, column) => {
    if (parameterIndex >= 0) used.add(sample.streamOfColumn[column]!);
  });
  const readers = new Map(
    [...used].map((stream) => [
      stream,
      createRowReader(sample.design, runCount, walkedStream(sample, runCount, stream), task.firstRun),
    ]),
  );
  const drawn = new Float64Array(sample.streamOfColumn.length === 0 ? 0 : Math.max(...sample.streamOfColumn) + 1);
  const streamOfColumn = sample.streamOfColumn;
  return () => {
    for (const [stream, read] of readers) drawn[stream] = read();
    for (let column = 0; column < columnCount; column++) row[column] = drawn[streamOfColumn[column]!]!;
  };
}

/**
 * Record in `tallies` (from `offset`, `failureTallyWidth` numbers) a run with a NaN or infinite value:
 * the count of such runs, the first one, and its first non-finite value (earliest saved time, then
 * variable order), as stats/find-failed-run.ts reports it.
 */
function tallyFailure(
  values: Float64Array,
  base: number,
  stride: number,
  task: RunShardTask,
  runIndex: number,
  tallies: Float64Array,
  offset: number,
): void {
  const { saveCount, variableCount } = task;
  for (let saveIndex = 0; saveIndex < saveCount; saveIndex++) {
    for (let variableIndex = 0; variableIndex < variableCount; variableIndex++) {
      const value = values[base + (variableIndex * saveCount + saveIndex) * stride]!;
      if (Number.isFinite(value)) continue;
      tallies[offset] = tallies[offset]! + 1;
      if (tallies[offset + 1]! < 0) tallies.set([runIndex, saveIndex, variableIndex, value], offset + 1);
      return;
    }
  }
}

/**
 * Clear a run task's tallies before it starts: a retried task counts from zero again. (`runRows`
 * adds to them, so that a task may run its rows in several calls.)
 */
export function clearTallies(task: RunShardTask): void {
  const tallies = new Float64Array(task.tallies).fill(0);
  if (task.tallyFailures) tallies[task.targets.length * targetCountWidth(task.saveCount) + 1] = -1;
}

/**
 * Run rows `[firstRun, endRun)`, each writing its saved points at its own run index, then counting the
 * task's targets for it. Each input is drawn here, as its quantile of the row's probability, so
 * sampling and the inverse CDFs run in parallel and give the numbers `drawSampleMatrix` gives. With a
 * group of the store's columns (passes), a run goes into a row of its own and its group is copied out.
 */
export function runRows(task: RunShardTask, run: RunFunction): void {
  const status = new Int32Array(task.status);
  Atomics.store(status, 0, task.firstRun);
  const results = new Float64Array(task.results);
  const parameters = Float64Array.from(task.baseParameters);
  const columns = task.sampleParameterIndex;
  const quantiles = task.distributions.map((distribution) => createQuantile(distribution));
  const columnCount = columns.length;
  const probabilities = new Float64Array(columnCount);
  const nextRow = createSampleRows(task, probabilities);
  const { runCount, saveCount, firstColumn, endColumn, targets } = task;
  const storeColumnCount = saveCount * task.variableCount;
  const whole = firstColumn === 0 && endColumn === storeColumnCount;
  const own = whole ? undefined : new Float64Array(storeColumnCount);
  const tallies = new Float64Array(task.tallies);
  const width = targetCountWidth(saveCount);
  const failureOffset = targets.length * width;
  for (let runIndex = task.firstRun; runIndex < task.endRun; runIndex++) {
    Atomics.store(status, 0, runIndex);
    nextRow();
    for (let column = 0; column < columnCount; column++) {
      const parameterIndex = columns[column]!;
      if (parameterIndex >= 0) parameters[parameterIndex] = quantiles[column]!(probabilities[column]!);
    }
    let values: Float64Array = results;
    let base = runIndex;
    let stride = runCount;
    if (own === undefined) run(parameters, results, runIndex, runCount, saveCount * runCount);
    else {
      run(parameters, own, 0, 1, saveCount);
      for (let column = firstColumn; column < endColumn; column++)
        results[(column - firstColumn) * runCount + runIndex] = own[column]!;
      values = own;
      base = 0;
      stride = 1;
    }
    for (let target = 0; target < targets.length; target++)
      countTargetRun(values, base, stride, saveCount, targets[target]!, tallies, target * width);
    if (task.tallyFailures) tallyFailure(values, base, stride, task, runIndex, tallies, failureOffset);
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
  for (const query of task.queries) {
    // Cleared first: a retried task counts from zero again.
    counts.fill(0, query.offset, query.offset + targetCountWidth(task.saveCount));
    for (const { first, end } of task.ranges) countTarget(store, query, counts, query.offset, first, end);
  }
}

function summarizeRange(task: SummarizeShardTask): void {
  const store = storeOf(task.results, task.runCount, task.saveCount);
  const summaries = new Float64Array(task.summaries);
  if (summaries.length < (task.columnOffset + task.endColumn) * summaryWidth)
    throw new RangeError('summarizeRange(): summaries buffer too small');
  summarizeColumns(store, task.firstColumn, task.endColumn, summaries, task.columnOffset);
}

/** Do one task: the same function runs in a worker thread and, with `--workers 1`, in the main thread. */
export function runShard(task: ShardTask, cache: RunFunctionCache): void {
  if (task.kind === 'runs') {
    clearTallies(task);
    runRows(task, cache.get(task.source));
  } else if (task.kind === 'streams') walkStreams(task);
  else if (task.kind === 'summaries') summarizeRange(task);
  else countTargets(task);
}
