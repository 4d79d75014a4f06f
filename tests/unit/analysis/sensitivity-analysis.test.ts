import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
// Worker threads run compiled JavaScript, so the analysis is checked on the built library (dist/).
import { createShardExecutor, sensitivityAnalysis, withOverrides } from '../../../dist/index.js';
import type { ScenarioSpec, SensitivityMethod, SensitivityResult, ShardExecutor } from '../../../dist/index.js';
import { loadScenarioOrThrow } from '../../helpers/report-fixtures.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../../fixtures/analysis/${name}`, import.meta.url));
const ishigami = loadScenarioOrThrow(fixture('ishigami.yaml'));
const monotone = loadScenarioOrThrow(fixture('monotone.yaml'));

const executors = new Map<number, ShardExecutor>();
const executorOf = (workerCount: number): ShardExecutor => {
  const existing = executors.get(workerCount);
  if (existing !== undefined) return existing;
  const created = createShardExecutor(workerCount);
  executors.set(workerCount, created);
  return created;
};
afterAll(async () => {
  for (const executor of executors.values()) await executor.close();
});

async function analyse(
  scenario: ScenarioSpec,
  method: SensitivityMethod,
  options: { sampleCount?: number; everyYear?: boolean; workerCount?: number } = {},
): Promise<SensitivityResult> {
  const ran = await sensitivityAnalysis(scenario, {
    method,
    executor: executorOf(options.workerCount ?? 1),
    memoryLimitBytes: 1e9,
    ...(options.sampleCount === undefined ? {} : { sampleCount: options.sampleCount }),
    ...(options.everyYear === undefined ? {} : { everyYear: options.everyYear }),
  });
  if (!ran.ok) throw new Error(JSON.stringify(ran.diagnostics));
  if (!ran.value.ok) throw new Error(`run ${ran.value.failure.runIndex} failed`);
  return ran.value.result;
}

const byName = <Entry extends { name: string }>(entries: readonly Entry[]): Record<string, Entry> =>
  Object.fromEntries(entries.map((entry) => [entry.name, entry]));

describe('sensitivityAnalysis()', () => {
  // N = 16,384 base samples (81,920 runs): at N = 4,096 the estimates' sampling error is too close to
  // the 0.02 tolerance to pass for every seed; at 16,384 each index is within 0.012 (largest 0.0112, S1 of x1, with this seed).
  it('sobol gives the Ishigami function its analytic indices within 0.02 at N = 16,384 base samples through the model pipeline', async () => {
    const result = await analyse(ishigami, 'sobol', { sampleCount: 16384, workerCount: 2 });
    expect([result.method, result.samples, result.runs]).toEqual(['sobol', 16384, 81920]);
    const output = result.outputs[0]!;
    expect([output.variable, output.year, output.targets]).toEqual(['y', 0, ['y_0']]);
    if (result.method !== 'sobol') throw new Error('not sobol');
    const indices = byName(result.outputs[0]!.parameters);
    const analytic = { x1: [0.3139, 0.5576], x2: [0.4424, 0.4424], x3: [0, 0.2437] } as const;
    for (const [name, [first, total]] of Object.entries(analytic)) {
      expect(Math.abs(indices[name]!.S1 - first), `${name} S1 ${indices[name]!.S1}`).toBeLessThan(0.02);
      expect(Math.abs(indices[name]!.ST - total), `${name} ST ${indices[name]!.ST}`).toBeLessThan(0.02);
      expect(indices[name]!.S1_conf).toBeGreaterThan(0);
      expect(indices[name]!.S1_conf).toBeLessThan(0.05);
      expect(indices[name]!.ST_conf).toBeLessThan(0.05);
    }
    expect(output.parameters.map((entry) => entry.name)).toEqual(['x1', 'x2', 'x3']);
  });

  it('morris gives a parameter with no effect mu* and sigma exactly 0, and ranks the others above it', async () => {
    const result = await analyse(monotone, 'morris', { sampleCount: 20 });
    if (result.method !== 'morris') throw new Error('not morris');
    expect([result.samples, result.runs, result.levels, result.delta]).toEqual([20, 80, 4, 2 / 3]);
    for (const output of result.outputs) {
      const effects = byName(output.parameters);
      expect(effects.x3!.mu_star).toBe(0);
      expect(effects.x3!.sigma).toBe(0);
      expect(output.parameters.at(-1)!.name).toBe('x3');
      expect(effects.x1!.mu).toBeGreaterThan(0);
      expect(effects.x2!.mu).toBeLessThan(0);
    }
  });

  it('prcc finds the sign and order of a monotone relation, small p-values for real effects and not for a no-effect input', async () => {
    const result = await analyse(monotone, 'prcc');
    if (result.method !== 'prcc') throw new Error('not prcc');
    expect([result.samples, result.runs, result.sampling, result.leftOut]).toEqual([500, 500, 'lhs', []]);
    const output = result.outputs.find((entry) => entry.variable === 'y')!;
    expect(output.parameters.map((entry) => entry.name)).toEqual(['x2', 'x1', 'x3']);
    const correlations = byName(output.parameters);
    expect(correlations.x1!.prcc).toBeGreaterThan(0.8);
    expect(correlations.x2!.prcc).toBeLessThan(-0.9);
    expect(correlations.x1!.p_value).toBeLessThan(1e-10);
    expect(correlations.x2!.p_value).toBeLessThan(1e-10);
    expect(Math.abs(correlations.x3!.prcc)).toBeLessThan(0.1);
    expect(correlations.x3!.p_value).toBeGreaterThan(0.01);
  });

  it('lists each target variable in every saved year with everyYear, naming the targets in their years', async () => {
    const result = await analyse(monotone, 'prcc', { everyYear: true, sampleCount: 50 });
    expect(result.outputs.map((output) => [output.variable, output.year, output.targets])).toEqual([
      ['y', 0, []],
      ['y', 1, ['y_1']],
      ['y', 2, []],
      ['level', 0, []],
      ['level', 1, []],
      ['level', 2, ['level_2']],
    ]);
    // level is 0 at time 0 in every run.
    expect(result.outputs[3]!.constant).toBe(true);
  });

  for (const method of ['prcc', 'sobol', 'morris'] as const) {
    it(`${method} gives the same numbers for a seed on 1, 2 and 3 workers, and other numbers for another seed`, async () => {
      const sampleCount = method === 'morris' ? 30 : 300;
      const results = [];
      for (const workerCount of [1, 2, 3]) results.push(await analyse(monotone, method, { sampleCount, workerCount }));
      expect(results[1]).toEqual(results[0]);
      expect(results[2]).toEqual(results[0]);
      const reseeded = await analyse(withOverrides(monotone, { seed: 12 }), method, { sampleCount });
      expect(reseeded.outputs).not.toEqual(results[0]!.outputs);
    });
  }

  it('throws RangeError for a scenario with no varying input, and for too few samples', async () => {
    const fixed = withOverrides(monotone, {
      set: new Map([
        ['x1', 0.5],
        ['x2', 0.5],
        ['x3', 0.5],
      ]),
    });
    await expect(analyse(fixed, 'sobol')).rejects.toThrow(/no uncertain input/);
    await expect(analyse(monotone, 'prcc', { sampleCount: 4 })).rejects.toThrow(/more than 4/);
    await expect(analyse(monotone, 'morris', { sampleCount: 1 })).rejects.toThrow(/at least 2/);
  });
});
