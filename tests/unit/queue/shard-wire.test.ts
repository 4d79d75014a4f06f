import { describe, expect, it } from 'vitest';
import { compileExperiment } from '../../../src/experiment/compile-experiment.js';
import { scenarioSample } from '../../../src/experiment/sample-matrix.js';
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

/** A run task of the reference scenario, as parallel/run-experiment.ts makes one. */
function runTask(): RunShardTask {
  const scenario = loadBeijingScenario('bench/reference-mc100k.yaml');
  const compiled = compileExperiment({ ...scenario, uncertainty: { ...scenario.uncertainty, runCount: 100 } });
  if (!compiled.ok) throw new Error('the scenario did not compile');
  const experiment = compiled.value;
  const sample = scenarioSample({ ...scenario, uncertainty: { ...scenario.uncertainty, runCount: 100 } });
  return {
    kind: 'runs',
    source: experiment.runSource,
    baseParameters: experiment.baseParameters,
    sampleParameterIndex: experiment.sampleColumns,
    distributions: experiment.distributions,
    probabilities: sample.probabilities.buffer as SharedArrayBuffer,
    results: new SharedArrayBuffer(100 * 21 * 6 * 8),
    runCount: 100,
    saveCount: 21,
    firstRun: 20,
    endRun: 40,
    shardIndex: 2,
    currentRuns: new SharedArrayBuffer(4 * 5),
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
    expect(roles).toEqual({ 'source.recipe': 'whole', probabilities: 'rows', results: 'columns', currentRuns: 'slot' });
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
    const { source: _s, results: _r, probabilities: _p, currentRuns: _c, ...plain } = decoded;
    const { source: _s2, results: _r2, probabilities: _p2, currentRuns: _c2, ...sent } = task;
    expect(plain).toEqual(sent);
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
    expect(new Int32Array(task.currentRuns)[task.shardIndex]).toBe(33);
    expect(failedRunOf(task)).toBe(33);
  });
});

describe('shardJobId()', () => {
  const idOf = (task: RunShardTask): string =>
    shardJobId({ protocol: wireProtocol, engineVersion: '1', task: encodeShardTask(task).wire });

  it('is the same for the same shard however a coordinator numbered it among the others (a restart)', () => {
    const task = runTask();
    expect(idOf({ ...task, shardIndex: 0, currentRuns: new SharedArrayBuffer(4) })).toBe(idOf(task));
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
  it("shrink a run task's buffers to its rows, with results in the order they travel back, the numbers unchanged", () => {
    const task = runTask();
    const { wire, contents } = encodeShardTask(task);
    const sizes = windowOf(wire);
    expect(sizes).toBeDefined();
    const width = task.endRun - task.firstRun;
    const index = (path: string): number => wire.buffers.findIndex((buffer) => buffer.path === path);
    expect(sizes!.get(index('results'))).toBe(width * 21 * 6 * 8);
    expect(sizes!.get(index('currentRuns'))).toBe((task.shardIndex + 1) * 4);
    const rowBytes = task.sampleParameterIndex.length * 8;
    expect(sizes!.get(index('probabilities'))).toBe(width * rowBytes);

    const cache = createRunFunctionCache();
    runShard(task, cache);
    const expected = Buffer.concat(gatherBlocks(task.results, wire.rows, 8));

    const small = [...sizes!.entries()].map(([at, size]) => [at, new SharedArrayBuffer(size)] as const);
    const buffers = new Map<number, SharedArrayBuffer>(small);
    new Uint8Array(buffers.get(index('probabilities'))!).set(
      new Uint8Array(contents[index('probabilities')]!, task.firstRun * rowBytes, width * rowBytes),
    );
    const decoded = decodeShardTask(throughJson(wire), {
      buffer: (at) => buffers.get(at) ?? contents[at]!,
      source: () => task.source,
    });
    runShard(windowTask(decoded), cache);
    expect(Buffer.from(buffers.get(index('results'))!).equals(expected)).toBe(true);
  });

  it('leave a task with a field they do not know to full-size buffers', () => {
    const { wire } = encodeShardTask({ ...runTask(), columnStreams: 3 } as unknown as ShardTask);
    expect(windowOf(wire)).toBeUndefined();
  });
});
