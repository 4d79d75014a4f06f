import { beforeAll, describe, expect, it } from 'vitest';
import { compileExperiment } from '../../../src/experiment/compile-experiment.js';
import { scenarioSample } from '../../../src/experiment/sample-matrix.js';
import { runExperiment, type ExperimentSample } from '../../../src/parallel/run-experiment.js';
import { createShardExecutor, type ShardExecutor } from '../../../src/parallel/shard-executor.js';
import type { RunShardTask, ShardTask } from '../../../src/parallel/shard-task.js';
import {
  decodeShardTask,
  encodeShardTask,
  failedRunOf,
  isRemoteTask,
  recordFailedRun,
  rowBytesOf,
  windowOf,
  windowTask,
  wireSources,
  type WireTask,
} from '../../../src/queue/shard-wire.js';
import { shardJobId, wireProtocol } from '../../../src/queue/shard-job.js';
import { createRunFunctionCache } from '../../../src/parallel/run-function-cache.js';
import { runShard } from '../../../src/parallel/run-shard.js';
import { gatherBlocks } from '../../../src/queue/result-blocks.js';
import { loadBeijingScenario } from '../../helpers/beijing-model.js';

const runCount = 100;

/**
 * A run task of the reference scenario as parallel/run-experiment.ts makes one (its sample streams
 * walked, or the same sample as a matrix), narrowed to rows 20-39 as shard 2.
 */
async function recordedRunTask(kind: ExperimentSample['kind']): Promise<RunShardTask> {
  const loaded = loadBeijingScenario('bench/reference-mc100k.yaml');
  const scenario = { ...loaded, uncertainty: { ...loaded.uncertainty, runCount } };
  const compiled = compileExperiment(scenario);
  if (!compiled.ok) throw new Error('the scenario did not compile');
  const experiment = compiled.value;
  const drawn = scenarioSample(scenario);
  if (drawn.streams === undefined) throw new Error('the scenario sample has no streams');
  const sample: ExperimentSample =
    kind === 'matrix'
      ? { kind: 'matrix', probabilities: drawn.probabilities }
      : { kind: 'streams', design: drawn.streams.design, keys: drawn.streams.keys };
  const local = createShardExecutor(1);
  const tasks: ShardTask[] = [];
  const recording: ShardExecutor = {
    workerCount: 1,
    execute: (source, options) => {
      const next = 'next' in source ? () => source.next() : () => undefined;
      return local.execute(
        {
          next() {
            const task = next();
            if (task !== undefined) tasks.push(task);
            return task;
          },
        },
        options,
      );
    },
    close: () => local.close(),
  };
  await runExperiment(recording, {
    source: experiment.runSource,
    baseParameters: experiment.baseParameters,
    sampleParameterIndex: experiment.sampleColumns,
    distributions: experiment.distributions,
    sample,
    runCount,
    saveTimes: experiment.saveTimes,
    variableNames: experiment.outputNames,
    targets: experiment.targets,
  });
  const task = tasks.find((candidate): candidate is RunShardTask => candidate.kind === 'runs');
  if (task === undefined) throw new Error('no run task was made');
  return { ...task, firstRun: 20, endRun: 40, shardIndex: 2 };
}

let streamTask: RunShardTask;
let matrixTask: RunShardTask;
beforeAll(async () => {
  streamTask = await recordedRunTask('streams');
  matrixTask = await recordedRunTask('matrix');
});

/** A fresh copy of a recorded task, with buffers of its own for what it writes. */
function runTask(kind: ExperimentSample['kind'] = 'streams'): RunShardTask {
  const task = kind === 'streams' ? streamTask : matrixTask;
  return {
    ...task,
    results: new SharedArrayBuffer(task.results.byteLength),
    status: new SharedArrayBuffer(4),
    tallies: new SharedArrayBuffer(task.tallies.byteLength),
  };
}

/** A wire task as it comes out of Redis: through JSON. */
const throughJson = (wire: WireTask): WireTask => JSON.parse(JSON.stringify(wire)) as WireTask;

describe('encodeShardTask()', () => {
  it("names each buffer of a run task by its role, and sends the run source's recipe, never its code", () => {
    const task = runTask();
    const { wire, contents } = encodeShardTask(task);
    expect(wire.rows).toEqual({ first: 20, end: 40, count: 100 });
    const roles = Object.fromEntries(wire.buffers.map((buffer) => [buffer.path, buffer.role]));
    expect(roles).toEqual({
      'source.recipe': 'whole',
      'sample.states': 'whole',
      results: 'columns',
      status: 'slot',
      tallies: 'tallies',
    });
    const matrix = encodeShardTask(runTask('matrix')).wire;
    expect(matrix.buffers.find((buffer) => buffer.path === 'sample.probabilities')?.role).toBe('rows');
    expect(contents[wire.buffers.findIndex((buffer) => buffer.path === 'results')]).toBe(task.results);
    expect(JSON.stringify(wire)).not.toContain('function');
    expect(wireSources(wire)).toEqual([
      { hash: task.source.hash, recipe: wire.buffers.findIndex((buffer) => buffer.path === 'source.recipe') },
    ]);
  });

  it('sends a buffer it has no role for whole, so a new task field needs no change to travel', () => {
    const extra = new SharedArrayBuffer(24);
    const { wire } = encodeShardTask({ ...runTask(), extra } as unknown as ShardTask);
    expect(wire.buffers.find((buffer) => buffer.path === 'extra')).toEqual({
      path: 'extra',
      byteLength: 24,
      role: 'whole',
    });
  });

  it('refuses fields JSON cannot carry', () => {
    expect(() => encodeShardTask({ ...runTask(), lookup: new Map() } as unknown as ShardTask)).toThrow(/lookup/);
    expect(() => encodeShardTask({ ...runTask(), $buffer: 1 } as unknown as ShardTask)).toThrow(/\$buffer/);
  });

  it('keeps summaries and target counts at home: only runs travel', () => {
    expect(isRemoteTask(runTask())).toBe(true);
    const summaries = { kind: 'summaries' } as ShardTask;
    expect(isRemoteTask(summaries)).toBe(false);
  });
});

describe('decodeShardTask()', () => {
  it('gives back every plain field bit for bit, NaN, infinities and -0 included, with the receiver buffers', () => {
    const task = {
      ...runTask(),
      baseParameters: Float64Array.from([Number.NaN, -0, Infinity, 0.1 + 0.2]),
      distributions: [{ kind: 'normal', mean: -0, sd: Number.POSITIVE_INFINITY }],
    } as unknown as RunShardTask;
    const { wire, contents } = encodeShardTask(task);
    const received = contents.map((content) => new SharedArrayBuffer(content.byteLength));
    const decoded = decodeShardTask(throughJson(wire), {
      buffer: (index) => received[index]!,
      source: (hash) => ({ hash, bytes: new SharedArrayBuffer(1) }),
    }) as RunShardTask;
    expect(Buffer.from(decoded.baseParameters.buffer).equals(Buffer.from(task.baseParameters.buffer))).toBe(true);
    expect(Object.is((decoded.distributions[0] as unknown as { mean: number }).mean, -0)).toBe(true);
    expect(decoded.distributions).toEqual(task.distributions);
    expect(decoded.sampleParameterIndex).toEqual(task.sampleParameterIndex);
    expect(decoded.sampleParameterIndex).toBeInstanceOf(Int32Array);
    expect(decoded.results).toBe(received[wire.buffers.findIndex((buffer) => buffer.path === 'results')]);
    expect(decoded.source.hash).toBe(task.source.hash);
    const { source: _s, results: _r, sample: sample, status: _c, tallies: _t, ...plain } = decoded;
    const { source: _s2, results: _r2, sample: sentSample, status: _c2, tallies: _t2, ...sent } = task;
    expect(plain).toEqual(sent);
    if (sample.kind !== 'streams' || sentSample.kind !== 'streams') throw new Error('expected a stream sample');
    expect(sample.streamOfColumn).toEqual(sentSample.streamOfColumn);
    expect(sample.design).toBe(sentSample.design);
  });

  it('refuses fields that do not match their kind', () => {
    const { wire } = encodeShardTask(runTask());
    const resolver = { buffer: () => new SharedArrayBuffer(8), source: () => ({}) };
    expect(() => decodeShardTask({ ...wire, kind: 'summaries' }, resolver)).toThrow(TypeError);
    expect(() => decodeShardTask({ ...wire, fields: { kind: 'runs', x: { $buffer: 'a' } } }, resolver)).toThrow(
      TypeError,
    );
  });
});

describe('rowBytesOf()', () => {
  it("gives a row-major buffer's row length, or undefined when it is not whole rows (a design without columns)", () => {
    const rows = { first: 0, end: 10, count: 10 };
    expect(rowBytesOf({ path: 'p', byteLength: 240, role: 'rows' }, rows)).toBe(24);
    expect(rowBytesOf({ path: 'p', byteLength: 8, role: 'rows' }, rows)).toBeUndefined();
  });
});

describe('failedRunOf() and recordFailedRun()', () => {
  it("read and write the run task's slot where parallel/run-experiment.ts looks for the failed run", () => {
    const task = runTask();
    recordFailedRun(task, 33);
    expect(new Int32Array(task.status)[0]).toBe(33);
    expect(failedRunOf(task)).toBe(33);
  });
});

describe('shardJobId()', () => {
  const idOf = (task: RunShardTask): string =>
    shardJobId({ protocol: wireProtocol, engineVersion: '1', task: encodeShardTask(task).wire });

  it('is the same for the same shard however a coordinator numbered it among the others (a restart)', () => {
    const task = runTask();
    expect(idOf({ ...task, shardIndex: 0, status: new SharedArrayBuffer(4) })).toBe(idOf(task));
  });

  it('differs for other rows, other inputs or another version', () => {
    const task = runTask();
    const id = idOf(task);
    expect(idOf({ ...task, firstRun: 21 })).not.toBe(id);
    expect(idOf({ ...task, baseParameters: task.baseParameters.map((value) => value * 2) })).not.toBe(id);
    const wire = encodeShardTask(task).wire;
    expect(shardJobId({ protocol: wireProtocol, engineVersion: '2', task: wire })).not.toBe(id);
  });
});

describe('windowOf() and windowTask()', () => {
  it.each(['streams', 'matrix'] as const)(
    "shrink a run task's buffers to its rows (%s sample), results in the order they travel back, the numbers unchanged",
    (kind) => {
      const task = runTask(kind);
      const { wire, contents } = encodeShardTask(task);
      const sizes = windowOf(wire);
      expect(sizes).toBeDefined();
      const width = task.endRun - task.firstRun;
      const columnCount = task.results.byteLength / (runCount * 8);
      const index = (path: string): number => wire.buffers.findIndex((buffer) => buffer.path === path);
      expect(sizes!.get(index('results'))).toBe(width * columnCount * 8);
      expect(sizes!.get(index('status'))).toBe(4);
      const rowBytes = task.sampleParameterIndex.length * 8;
      if (kind === 'matrix') expect(sizes!.get(index('sample.probabilities'))).toBe(width * rowBytes);
      else expect(sizes!.size).toBe(2);

      const cache = createRunFunctionCache();
      runShard(task, cache);
      const expected = Buffer.concat(gatherBlocks(task.results, wire.rows, 8));

      const small = [...sizes!.entries()].map(([at, size]) => [at, new SharedArrayBuffer(size)] as const);
      const buffers = new Map<number, SharedArrayBuffer>(small);
      buffers.set(index('tallies'), new SharedArrayBuffer(task.tallies.byteLength));
      if (kind === 'matrix')
        new Uint8Array(buffers.get(index('sample.probabilities'))!).set(
          new Uint8Array(contents[index('sample.probabilities')]!, task.firstRun * rowBytes, width * rowBytes),
        );
      const decoded = decodeShardTask(throughJson(wire), {
        buffer: (at) => buffers.get(at) ?? contents[at]!,
        source: () => task.source,
      });
      runShard(windowTask(decoded), cache);
      expect(Buffer.from(buffers.get(index('results'))!).equals(expected)).toBe(true);
      expect(new Float64Array(buffers.get(index('tallies'))!)).toEqual(new Float64Array(task.tallies));
      expect(new Float64Array(task.tallies).some((count) => count > 0)).toBe(true);
    },
  );

  it('leave a task with a field they do not know to full-size buffers', () => {
    const { wire } = encodeShardTask({ ...runTask(), columnStreams: 3 } as unknown as ShardTask);
    expect(windowOf(wire)).toBeUndefined();
  });
});
