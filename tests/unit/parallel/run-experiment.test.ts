import { describe, expect, it } from 'vitest';
import { faultInjectionVariable } from '../../../src/parallel/fault-injection.js';
import type { ShardRange } from '../../../src/parallel/plan-shards.js';
import {
  RunFailedError,
  runExperiment,
  type ExperimentInput,
  type RunCheckpoint,
  type RunRetry,
} from '../../../src/parallel/run-experiment.js';
import { createShardExecutor, InterruptedError, type ShardExecutor } from '../../../src/parallel/shard-executor.js';
import { simulate } from '../../../src/runtime/simulate.js';
import { columnIndex, storeColumn } from '../../../src/runtime/run-store.js';
import { drawProbabilityMatrix, drawSampleMatrix } from '../../../src/sampling/draw-sample-matrix.js';
import type { DistributionSpec } from '../../../src/sampling/distribution-spec.js';
import { evaluateTarget, targetOutcome } from '../../../src/stats/evaluate-target.js';
import { summarizeColumn } from '../../../src/stats/summarize-column.js';
import { summaryWidth, unpackSummary } from '../../../src/stats/summarize-columns.js';
import { compileOrThrow, exponentialModelFile, readModelFile } from '../../helpers/model-builders.js';
import { encodeRunSource } from '../../../src/parallel/run-source.js';

const model = compileOrThrow(readModelFile(exponentialModelFile({ k: 0.1, x0: 2, stop: 4, dt: 0.25, saveEvery: 1 })));
const distributions: DistributionSpec[] = [
  { dist: 'uniform', min: -0.2, max: 0.3 },
  { dist: 'triangular', min: 1, mode: 2, max: 4 },
];
const runCount = 2500;
const target = { variableIndex: 0, saveIndex: 4, op: '>=' as const, threshold: 3 };

function input(overrides: Partial<ExperimentInput> = {}): ExperimentInput {
  const probabilities = new Float64Array(new SharedArrayBuffer(runCount * distributions.length * 8));
  drawProbabilityMatrix({ distributions, names: ['k', 'x0'], runCount, seed: 3, design: 'lhs', target: probabilities });
  return {
    source: encodeRunSource(model.source),
    baseParameters: model.defaultParameters(),
    sampleParameterIndex: Int32Array.of(model.parameterIndex('k'), model.parameterIndex('x0')),
    distributions,
    sample: { kind: 'matrix', probabilities },
    runCount,
    saveTimes: model.saveTimes,
    variableNames: model.outputNames,
    targets: [target],
    ...overrides,
  };
}

describe('runExperiment() on one worker (the calling thread)', () => {
  it('stores each run at its row index, as a lone simulate() of that row gives, and summarises every column', async () => {
    const executor = createShardExecutor(1);
    const progress: number[] = [];
    const {
      store: kept,
      summaries,
      targetCounts,
    } = await runExperiment(executor, input(), {
      onProgress: (done) => progress.push(done),
    });
    const store = kept!;
    expect(progress.at(-1)).toBe(runCount);
    const samples = drawSampleMatrix({ distributions, names: ['k', 'x0'], runCount, seed: 3, design: 'lhs' });
    for (const runIndex of [0, 1, 1234, runCount - 1]) {
      const parameters = model.defaultParameters();
      parameters[model.parameterIndex('k')] = samples[runIndex * 2]!;
      parameters[model.parameterIndex('x0')] = samples[runIndex * 2 + 1]!;
      const alone = simulate(model, parameters);
      model.outputNames.forEach((_, variableIndex) => {
        for (let saveIndex = 0; saveIndex < model.saveCount; saveIndex++) {
          const stored = storeColumn(store, columnIndex(store, variableIndex, saveIndex))[runIndex];
          expect(stored).toBe(alone.values[saveIndex * model.outputNames.length + variableIndex]);
        }
      });
    }
    const last = columnIndex(store, 0, model.saveCount - 1);
    expect(unpackSummary(summaries, last)).toEqual(summarizeColumn(storeColumn(store, last)));
    expect(targetOutcome(targetCounts, runCount, store.saveTimes)).toEqual(evaluateTarget(store, target));
    expect(targetCounts[0]).toBe(storeColumn(store, last).filter((value) => value >= 3).length);
  });

  it('leaves an input whose column index is -1 at its base value', async () => {
    const { store } = await runExperiment(
      createShardExecutor(1),
      input({ sampleParameterIndex: Int32Array.of(model.parameterIndex('k'), -1) }),
    );
    expect(new Set(storeColumn(store!, columnIndex(store!, 0, 0)))).toEqual(new Set([2]));
  });

  it('throws naming the option when the inputs do not fit together', async () => {
    const executor = createShardExecutor(1);
    const unshared = { kind: 'matrix' as const, probabilities: new Float64Array(runCount * 2) };
    await expect(runExperiment(executor, input({ sample: unshared }))).rejects.toThrow(
      'input.sample.probabilities must be a view on a SharedArrayBuffer',
    );
    await expect(runExperiment(executor, input({ distributions: distributions.slice(1) }))).rejects.toThrow(
      'input.distributions has 1 entries, expected 2',
    );
    await expect(runExperiment(executor, input({ runCount: runCount + 1 }))).rejects.toThrow(
      'input.sample.probabilities must be a whole buffer',
    );
    await expect(
      runExperiment(executor, input({ sample: { kind: 'streams', design: 'lhs', keys: ['3:k'] } })),
    ).rejects.toThrow('input.sample.keys has 1 entries, expected 2');
  });
});

describe('createShardExecutor()', () => {
  it('throws a RangeError for a worker count that is not a positive integer', () => {
    expect(() => createShardExecutor(0)).toThrow('workerCount must be a positive integer');
    expect(() => createShardExecutor(1.5)).toThrow('workerCount must be a positive integer');
  });
});

describe('runExperiment() with the sample drawn in the threads', () => {
  const streamed = (design: 'lhs' | 'random'): ExperimentInput =>
    input({ sample: { kind: 'streams', design, keys: ['3:k', '3:x0'] } });
  const matrix = (design: 'lhs' | 'random'): ExperimentInput => {
    const probabilities = new Float64Array(new SharedArrayBuffer(runCount * distributions.length * 8));
    drawProbabilityMatrix({ distributions, names: ['k', 'x0'], runCount, seed: 3, design, target: probabilities });
    return input({ sample: { kind: 'matrix', probabilities } });
  };

  it.each(['lhs', 'random'] as const)(
    'gives the runs of the drawn matrix bit for bit, walking each stream once (%s)',
    async (design) => {
      const drawn = await runExperiment(createShardExecutor(1), matrix(design));
      const walked = await runExperiment(createShardExecutor(1), streamed(design));
      expect(walked.store!.values).toEqual(drawn.store!.values);
      expect(walked.summaries).toEqual(drawn.summaries);
      expect(walked.targetCounts).toEqual(drawn.targetCounts);
    },
  );

  it('summarises in passes over groups of columns with the numbers of one pass, keeping no store', async () => {
    const whole = await runExperiment(createShardExecutor(1), streamed('lhs'));
    const progress: number[] = [];
    const passes = await runExperiment(createShardExecutor(1), streamed('lhs'), {
      columnsPerPass: 2,
      onProgress: (done) => progress.push(done),
    });
    expect(passes.passCount).toBe(Math.ceil(whole.summaries.length / summaryWidth / 2));
    expect(passes.store).toBeUndefined();
    expect(passes.summaries).toEqual(whole.summaries);
    expect(passes.targetCounts).toEqual(whole.targetCounts);
    expect(passes.failure).toBeUndefined();
    expect(progress.at(-1)).toBe(runCount);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('refuses passes with a checkpoint or without summaries', async () => {
    const checkpoint = { restore: () => [], save: () => undefined, flush: () => Promise.resolve() };
    await expect(runExperiment(createShardExecutor(1), input(), { columnsPerPass: 1, checkpoint })).rejects.toThrow(
      TypeError,
    );
    await expect(
      runExperiment(createShardExecutor(1), input(), { columnsPerPass: 1, summarize: false }),
    ).rejects.toThrow(TypeError);
  });
});

/** An in-thread executor under `KECHUANG_FAULT_INJECT=<faults>` (read when the executor is made). */
function executorWithFaults(faults: string): ShardExecutor {
  process.env[faultInjectionVariable] = faults;
  try {
    return createShardExecutor(1);
  } finally {
    delete process.env[faultInjectionVariable];
  }
}

describe('runExperiment() when shards fail', () => {
  it('tries a failing shard again and gives the numbers of an undisturbed run, reporting each retry', async () => {
    const undisturbed = await runExperiment(createShardExecutor(1), input());
    const retries: RunRetry[] = [];
    const disturbed = await runExperiment(
      // Run 10 is in the first shard (shards start small, until a cost is measured), run 2400 in a later one.
      executorWithFaults('throw:run=10:attempt=1,throw:run=2400:attempt=1,throw:run=2400:attempt=2'),
      input(),
      { onRetry: (retry) => retries.push(retry) },
    );
    expect(retries.map(({ attempt }) => attempt)).toEqual([1, 1, 2]);
    const holds = (retry: RunRetry, run: number): boolean => retry.firstRun <= run && run < retry.endRun;
    expect([holds(retries[0]!, 10), holds(retries[1]!, 2400), holds(retries[2]!, 2400)]).toEqual([true, true, true]);
    expect(disturbed.store!.values).toEqual(undisturbed.store!.values);
    expect(disturbed.summaries).toEqual(undisturbed.summaries);
    expect(disturbed.targetCounts).toEqual(undisturbed.targetCounts);
  });

  it('names the run a shard was on when it failed on all three attempts', async () => {
    const failing = runExperiment(executorWithFaults('throw:run=1500'), input());
    await expect(failing).rejects.toThrow(RunFailedError);
    await expect(failing).rejects.toMatchObject({ runIndex: 1500, attempts: 3 });
    await expect(failing).rejects.toThrow(/^run 1500 failed 3 times: injected fault/);
  });
});

describe('runExperiment() with a checkpoint', () => {
  /** A checkpoint in memory: restores rows copied from `from`, records what it is given to keep. */
  function memoryCheckpoint(from: Float64Array, restored: ShardRange[]): RunCheckpoint & { saved: ShardRange[] } {
    const saved: ShardRange[] = [];
    return {
      saved,
      restore(store) {
        for (const { first, end } of restored) {
          for (let column = 0; column < store.values.length / runCount; column++)
            store.values.set(
              from.subarray(column * runCount + first, column * runCount + end),
              column * runCount + first,
            );
        }
        return restored;
      },
      save: (_, range) => void saved.push(range),
      flush: () => Promise.resolve(),
    };
  }

  /** The runs a list of ranges covers, each once, in order. */
  const runsOf = (ranges: readonly ShardRange[]): number[] =>
    [...ranges]
      .sort((a, b) => a.first - b.first)
      .flatMap(({ first, end }) => Array.from({ length: end - first }, (_, index) => first + index));

  it('runs only what was not restored and gives the numbers of an uninterrupted run', async () => {
    const whole = await runExperiment(createShardExecutor(1), input());
    const checkpoint = memoryCheckpoint(whole.store!.values, [
      { first: 0, end: 700 },
      { first: 1800, end: 2500 },
    ]);
    const progress: number[] = [];
    const resumed = await runExperiment(createShardExecutor(1), input(), {
      checkpoint,
      onProgress: (done) => progress.push(done),
    });
    expect(runsOf(checkpoint.saved)).toEqual(runsOf([{ first: 700, end: 1800 }]));
    expect(progress[0]).toBe(1400);
    expect(progress.at(-1)).toBe(2500);
    expect(resumed.store!.values).toEqual(whole.store!.values);
    expect(resumed.summaries).toEqual(whole.summaries);
    expect(resumed.targetCounts).toEqual(whole.targetCounts);
  });

  it('keeps runs at least every maxShardSeconds of work, however many runs there are', async () => {
    const checkpoint = memoryCheckpoint(new Float64Array(0), []);
    const timing = { maxShardSeconds: 0.0001, minShardSeconds: 0.00005 };
    await runExperiment(createShardExecutor(1), input(), { checkpoint, shardTiming: timing });
    // Shards follow the measured cost: at 0.1 ms each, 2,500 runs of about a µs come in many pieces. How
    // many depends on the cost measured on a busy machine (8 under load); shard-sizer.test.ts holds the rule.
    expect(checkpoint.saved.length).toBeGreaterThan(4);
    expect(runsOf(checkpoint.saved)).toEqual(runsOf([{ first: 0, end: runCount }]));
  });

  it('gives an executor that asks for fixed shards the plan-shards ranges, less the restored runs, whatever they cost', async () => {
    const whole = await runExperiment(createShardExecutor(1), input());
    const checkpoint = memoryCheckpoint(whole.store!.values, [{ first: 0, end: 700 }]);
    const fixed: ShardExecutor = { ...createShardExecutor(1), workerCount: 2, fixedShards: true };
    const timing = { maxShardSeconds: 0.0001, minShardSeconds: 0.00005 };
    const resumed = await runExperiment(fixed, input(), { checkpoint, shardTiming: timing });
    // planShards(2500, 2): shards of 1,000 runs; the first lost its restored runs.
    expect(checkpoint.saved.map(({ first, end }) => [first, end])).toEqual([
      [700, 1000],
      [1000, 2000],
      [2000, 2500],
    ]);
    expect(resumed.store!.values).toEqual(whole.store!.values);
    expect(resumed.targetCounts).toEqual(whole.targetCounts);
  });

  it('stops with InterruptedError when its signal aborts, after keeping the shards that finished', async () => {
    const controller = new AbortController();
    const checkpoint = memoryCheckpoint(new Float64Array(0), []);
    let reported = 0;
    const interrupted = runExperiment(createShardExecutor(1), input(), {
      checkpoint,
      signal: controller.signal,
      onProgress: (done) => {
        reported = done;
        if (done >= 1000) controller.abort();
      },
    });
    await expect(interrupted).rejects.toThrow(InterruptedError);
    expect(runsOf(checkpoint.saved)).toEqual(runsOf([{ first: 0, end: reported }]));
  });
});
