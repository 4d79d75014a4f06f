import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/diagnostics/input-error.js';
import { compileExperiment } from '../../../src/experiment/compile-experiment.js';
import { runCompiledScenario } from '../../../src/experiment/run-scenario.js';
import type { ScenarioSummary } from '../../../src/experiment/scenario-summary.js';
import type { ViewUpdate } from '../../../src/explore/explore-protocol.js';
import {
  createExploreWorkbench,
  refinementSteps,
  type ExploreWorkbench,
  type SessionEvent,
} from '../../../src/explore/explore-workbench.js';
import { createShardExecutor, type ShardExecutor } from '../../../src/parallel/shard-executor.js';
import type { ScenarioSpec } from '../../../src/scenario/scenario-spec.js';
import { withOverrides } from '../../../src/scenario/with-overrides.js';
import { loadScenarioOrThrow } from '../../helpers/report-fixtures.js';

const file = 'tests/fixtures/run/population-mc.yaml';
const opened = withOverrides(loadScenarioOrThrow(file), { runCount: 400 });
const saveFolder = mkdtempSync(join(tmpdir(), 'kechuang-workbench-'));
const executor = createShardExecutor(1);
afterAll(() => executor.close());

/** What `kechuang run` gives for a scenario: compiled and run as the run command does. */
async function runReference(scenario: ScenarioSpec): Promise<ScenarioSummary> {
  const compiled = compileExperiment(scenario);
  if (!compiled.ok) throw new Error('the scenario did not compile');
  const ran = await runCompiledScenario(compiled.value, { executor, memoryLimitBytes: 1e9, engineVersion: 'test' });
  if (!ran.ok) throw new Error('a run failed');
  return ran.summary;
}

const workbench = (scenario: ScenarioSpec = opened, chosen: ShardExecutor = executor): Promise<ExploreWorkbench> =>
  createExploreWorkbench({
    scenario,
    file,
    commandSet: new Map(),
    history: undefined,
    executor: chosen,
    memoryLimitBytes: 1e9,
    saveFolder,
    engineVersion: 'test',
    firstRuns: 50,
  });

/** Open a session and collect its events; `complete` settles at its first update over all the runs. */
function session(bench: ExploreWorkbench) {
  const events: SessionEvent[] = [];
  let finish: (update: ViewUpdate) => void = () => undefined;
  const complete = new Promise<ViewUpdate>((resolve) => (finish = resolve));
  const id = bench.openSession((event) => {
    events.push(event);
    if (event.event === 'update' && event.data.complete) finish(event.data);
  });
  return { id, events, complete };
}

describe('refinementSteps()', () => {
  it('answers with the first runs, then ten times as many, ending at the run count', () => {
    expect(refinementSteps(10_000, 200)).toEqual([200, 2000, 10_000]);
    expect(refinementSteps(150, 200)).toEqual([150]);
    expect(refinementSteps(200, 200)).toEqual([200]);
  });
});

describe('createExploreWorkbench()', () => {
  it('refines a view through its steps to the numbers `kechuang run --set` gives, bit for bit', async () => {
    const bench = await workbench();
    const page = session(bench);
    bench.view({ session: page.id, sequence: 1, values: { birth_rate: '0.008' }, scales: {} });
    const done = await page.complete;
    expect(page.events.map((event) => (event.event === 'update' ? event.data.runs : event.event))).toEqual([50, 400]);
    const reference = await runReference(withOverrides(opened, { set: new Map([['birth_rate', 0.008]]) }));
    expect(done.summary.targets).toEqual(reference.targets);
    expect(done.summary.series).toEqual(reference.series);
    expect(done.command).toBe(`kechuang run ${file} --runs 400 --seed 42 --set birth_rate=0.008`);
    expect(bench.baseline.summary.targets).toEqual((await runReference(opened)).targets);
  });

  it('keeps two sessions apart: each gets the numbers of its own values', async () => {
    const bench = await workbench();
    const first = session(bench);
    const second = session(bench);
    bench.view({ session: first.id, sequence: 1, values: { death_rate: '0.004' }, scales: {} });
    bench.view({ session: second.id, sequence: 1, values: { death_rate: '0.007' }, scales: {} });
    const [low, high] = await Promise.all([first.complete, second.complete]);
    const set = (value: number) => withOverrides(opened, { set: new Map([['death_rate', value]]) });
    expect(low.summary.series).toEqual((await runReference(set(0.004))).series);
    expect(high.summary.series).toEqual((await runReference(set(0.007))).series);
    expect(low.summary.targets[0]!.probability).toBeGreaterThan(high.summary.targets[0]!.probability);
  });

  it("stops a session's work when its page goes, and a new view stops the one before", async () => {
    const calls: number[] = [];
    const counting: ShardExecutor = {
      workerCount: 1,
      execute: (tasks, options) => {
        calls.push('length' in tasks ? tasks.length : -1);
        return executor.execute(tasks, options);
      },
      close: () => Promise.resolve(),
    };
    const bench = await workbench(withOverrides(opened, { runCount: 20_000 }), counting);
    const page = session(bench);
    calls.length = 0;
    bench.view({ session: page.id, sequence: 1, values: {}, scales: {} });
    bench.view({ session: page.id, sequence: 2, values: { birth_rate: '0.007' }, scales: {} });
    expect(bench.status()).toEqual({ sessions: 1, running: 1 });
    bench.closeSession(page.id);
    expect(bench.status()).toEqual({ sessions: 0, running: 0 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(calls.length).toBeLessThanOrEqual(2);
    expect(page.events.filter((event) => event.event === 'update' && event.data.runs > 50)).toEqual([]);
  });

  it('refuses values the scenario cannot take with an input error, and keeps serving', async () => {
    const bench = await workbench();
    const page = session(bench);
    const codeOf = (values: Record<string, string>, scales: Record<string, string> = {}): string => {
      try {
        bench.view({ session: page.id, sequence: 1, values, scales });
      } catch (error) {
        if (error instanceof InputError) return error.detail.code;
        throw error;
      }
      return 'accepted';
    };
    expect(codeOf({ birth_rate: '0.5' })).toBe('parameter-out-of-range');
    expect(codeOf({ birth_rate: 'NaN' })).toBe('invalid-override');
    expect(codeOf({ birth_rat: '0.006' })).toBe('unknown-parameter');
    expect(codeOf({ policy_boost: '0.001' })).toBe('not-a-parameter');
    expect(codeOf({}, { policy_boos: '1' })).toBe('unknown-parameter');
    expect(codeOf({}, { policy_boost: '4' })).toBe('parameter-out-of-range');
    expect(() => bench.view({ session: 'nobody', sequence: 1, values: {}, scales: {} })).toThrow(InputError);
    expect(() => bench.view({ session: page.id, sequence: 'x' })).toThrow(InputError);
    expect(codeOf({ birth_rate: '0.007' })).toBe('accepted');
    expect((await page.complete).runs).toBe(400);
  });

  it('scales a policy without recompiling, and saves a scenario that `run` reproduces (to rounding) without overwriting', async () => {
    const bench = await workbench();
    const page = session(bench);
    bench.view({ session: page.id, sequence: 1, values: { birth_rate: '0.007' }, scales: { policy_boost: '2' } });
    const scaled = await page.complete;
    expect(scaled.command).toBeUndefined();
    const saved = bench.save({
      session: page.id,
      sequence: 1,
      values: { birth_rate: '0.007' },
      scales: { policy_boost: '2' },
    });
    const again = bench.save({ session: page.id, sequence: 1, values: {}, scales: {} });
    expect(again.file).not.toBe(saved.file);
    expect(readFileSync(saved.file, 'utf8')).toBe(saved.text);
    expect(saved.setCommand).toBeUndefined();
    const reference = await runReference(loadScenarioOrThrow(saved.file));
    expect(reference.runs).toBe(400);
    scaled.summary.series.population!.p50.forEach((value, index) =>
      expect(value).toBeCloseTo(reference.series.population!.p50[index]!, 10),
    );
    expect(scaled.summary.targets.map((target) => target.probability)).toEqual(
      reference.targets.map((target) => target.probability),
    );
  });

  it('ranks the inputs still varying in a view by PRCC over its runs', async () => {
    const bench = await workbench();
    const page = session(bench);
    bench.view({ session: page.id, sequence: 1, values: { death_rate: '0.005' }, scales: {} });
    await page.complete;
    const ranked = await bench.sensitivity(page.id, 'en');
    expect(ranked.runs).toBe(400);
    expect(ranked.targets[0]!.parameters.map((entry) => entry.name)).toEqual(['birth_rate']);
    expect(ranked.targets[0]!.parameters[0]!.prcc).toBeGreaterThan(0.9);
    expect(ranked.targets[0]!.svg).toContain('<svg');
  });
});
