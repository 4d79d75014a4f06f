import { describe, expect, it } from 'vitest';
import { compileExperiment } from '../../../src/experiment/compile-experiment.js';
import { runCompiledScenario, runScenario, type ScenarioOutcome } from '../../../src/experiment/run-scenario.js';
import { createShardExecutor } from '../../../src/parallel/shard-executor.js';
import type { ScenarioSpec } from '../../../src/scenario/scenario-spec.js';
import { loadScenarioOrThrow, reportFixture } from '../../helpers/report-fixtures.js';

const baseline = loadScenarioOrThrow(reportFixture('baseline.yaml'));
const breaksDown = loadScenarioOrThrow(new URL('../../fixtures/run/breaks-down-mc.yaml', import.meta.url).pathname);

async function outcomeOf(scenario: ScenarioSpec): Promise<ScenarioOutcome> {
  const executor = createShardExecutor(1);
  try {
    const ran = await runScenario(scenario, { executor, engineVersion: '9.8.7', memoryLimitBytes: 1e9 });
    if (!ran.ok) throw new Error(JSON.stringify(ran.diagnostics));
    return ran.value;
  } finally {
    await executor.close();
  }
}

describe('runScenario()', () => {
  it("runs the scenario's own design and says which engine ran it, on how many workers, how long", async () => {
    const outcome = await outcomeOf(baseline);
    if (!outcome.ok) throw new Error('the scenario failed');
    const { summary, store } = outcome;
    expect(summary).toMatchObject({ scenario: 'baseline', runs: 400, seed: 42, sampling: 'lhs' });
    expect(summary.engine).toMatchObject({ version: '9.8.7', workers: 1 });
    expect(summary.engine.wallSeconds).toBeGreaterThan(0);
    expect(store?.runCount).toBe(400);
    expect(Object.keys(summary.series)).toEqual(['population', 'net_growth_rate']);
    expect(summary.targets.map((target) => target.id)).toEqual(['population_2035', 'growth_2030']);
  });

  it('gives the same summary as compiling first and running the compiled experiment', async () => {
    const outcome = await outcomeOf(baseline);
    const compiled = compileExperiment(baseline);
    if (!compiled.ok) throw new Error('the scenario did not compile');
    const executor = createShardExecutor(1);
    try {
      const again = await runCompiledScenario(compiled.value, {
        executor,
        engineVersion: '9.8.7',
        memoryLimitBytes: 1e9,
      });
      if (!outcome.ok || !again.ok) throw new Error('the scenario failed');
      const numbers = ({ engine: _engine, ...rest }: typeof outcome.summary) => rest;
      expect(numbers(again.summary)).toEqual(numbers(outcome.summary));
      expect(again.store?.values).toEqual(outcome.store?.values);
      expect(again.store).toBeDefined();
    } finally {
      await executor.close();
    }
  });

  it('reports the first run that gives a non-finite value, with the inputs that reproduce it', async () => {
    const outcome = await outcomeOf(breaksDown);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const { failure } = outcome;
    // rate = 1 / (gap - 0.5) is infinite exactly in the runs that drew gap = 0.5; the stored variable (the
    // target's) is level, which the first Euler step makes infinite, so the first bad saved time is 1.
    expect(failure.parameters).toEqual({ gap: 0.5 });
    expect(failure).toMatchObject({ variable: 'level', time: 1 });
    expect(Number.isFinite(failure.value)).toBe(false);
    expect(failure.failedRunCount).toBeGreaterThan(0);
    expect(failure.failedRunCount).toBeLessThan(breaksDown.uncertainty.runCount);
    expect(outcome.store?.runCount).toBe(breaksDown.uncertainty.runCount);
  });
});
