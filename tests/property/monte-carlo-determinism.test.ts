import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Worker threads run compiled JavaScript, so these laws are checked on the built library (dist/).
import { createShardExecutor, loadScenario, runScenario, withOverrides } from '../../dist/index.js';
import type { ScenarioSpec, ShardExecutor } from '../../dist/index.js';
import { propertyRuns, propertySeed } from './property-config.js';

const scenarioFile = 'scenarios/property-mc.yaml';
/** The mc100k inputs on the reference model, with a policy and both target directions; `sampling` varies. */
const scenarioText = (sampling: 'lhs' | 'random'): string => `
name: property-mc
model: ../models/reference.yaml
policies:
  gov_st_share: { interpolate: linear, points: { 2020: 0.11, 2030: 0.14 } }
uncertainty:
  sampling: ${sampling}
  parameters:
    gdp_growth_base: { dist: normal, mean: 0.065, sd: 0.01 }
    rd_spillover: { dist: uniform, min: 0.05, max: 0.2 }
    enterprise_rd_propensity: { dist: triangular, min: 0.022, mode: 0.028, max: 0.035 }
    knowledge_depreciation: { dist: pert, min: 0.1, mode: 0.15, max: 0.2 }
    attrition_rate: { dist: beta, alpha: 2, beta: 3, min: 0.03, max: 0.08 }
    digital_growth_base: { dist: truncated_normal, mean: 0.075, sd: 0.01, min: 0.05, max: 0.1 }
    digital_rd_elasticity: { dist: lognormal, mu: -0.7, sigma: 0.3 }
    tech_contract_multiplier: { dist: discrete, values: [2, 2.5, 3], weights: [1, 2, 1] }
    funding_boost: { dist: empirical, values: [0, 0.1, 0.15, 0.2, 0.4] }
targets:
  - { id: intensity_2025, variable: intensity, year: 2025, at_least: 0.034 }
  - { id: contract_2030, variable: Tech_contract, year: 2030, at_most: 6000 }
outputs: [intensity, Tech_contract]
`;

function loadPropertyScenario(sampling: 'lhs' | 'random'): ScenarioSpec {
  const loaded = loadScenario(scenarioFile, {
    readText: (path) => ({
      ok: true,
      value: path === scenarioFile ? scenarioText(sampling) : readFileSync(path, 'utf8'),
    }),
  });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics, undefined, 1));
  return loaded.value;
}

const scenarios = { lhs: loadPropertyScenario('lhs'), random: loadPropertyScenario('random') };
const executors: ShardExecutor[] = [];

beforeAll(() => {
  for (let workerCount = 1; workerCount <= 4; workerCount++) executors.push(createShardExecutor(workerCount));
});
afterAll(async () => {
  await Promise.all(executors.map((executor) => executor.close()));
});

/** The summary's numbers as text, without the engine block (worker count and wall time). */
async function summaryNumbers(scenario: ScenarioSpec, executor: ShardExecutor): Promise<string> {
  const ran = await runScenario(scenario, { executor, engineVersion: 'test', memoryLimitBytes: 1e9 });
  if (!ran.ok || !ran.value.ok) throw new Error('the property scenario failed to run');
  const { engine: _engine, ...numbers } = ran.value.summary;
  return JSON.stringify(numbers);
}

const experiment = fc.record({
  seed: fc.integer({ min: -1e9, max: 1e9 }),
  runCount: fc.integer({ min: 1, max: 4500 }),
  sampling: fc.constantFrom('lhs' as const, 'random' as const),
});

describe(`Monte Carlo determinism (seed ${propertySeed})`, () => {
  it('runScenario() gives bit-identical summaries with 1, 2, 3 and 4 workers', async () => {
    await fc.assert(
      fc.asyncProperty(experiment, async ({ seed, runCount, sampling }) => {
        const scenario = withOverrides(scenarios[sampling], { seed, runCount });
        const [first, ...others] = await Promise.all(executors.map((executor) => summaryNumbers(scenario, executor)));
        for (const other of others) expect(other).toBe(first);
      }),
      { seed: propertySeed, numRuns: propertyRuns(6) },
    );
  });

  it('runScenario() repeats itself for the same seed and differs for another', async () => {
    await fc.assert(
      fc.asyncProperty(experiment, fc.integer({ min: 1, max: 1e6 }), async ({ seed, runCount, sampling }, shift) => {
        fc.pre(runCount >= 20);
        const executor = executors[1]!;
        const scenario = withOverrides(scenarios[sampling], { seed, runCount });
        const once = await summaryNumbers(scenario, executor);
        expect(await summaryNumbers(scenario, executor)).toBe(once);
        expect(await summaryNumbers(withOverrides(scenario, { seed: seed + shift }), executor)).not.toBe(once);
      }),
      { seed: propertySeed, numRuns: propertyRuns(5) },
    );
  });
});
