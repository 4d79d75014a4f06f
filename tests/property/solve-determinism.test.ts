import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
// Worker threads run compiled JavaScript, so these laws are checked on the built library (dist/).
import { createShardExecutor, loadScenario, parseLever, solveLever, withOverrides } from '../../dist/index.js';
import type { LeverSolution, ScenarioSpec, ShardExecutor, SolveLeverSpec } from '../../dist/index.js';
import { propertyRuns, propertySeed } from './property-config.js';

const fixture = 'tests/fixtures/solve/at-least.yaml';

function loadFixture(): ScenarioSpec {
  const loaded = loadScenario(fixture, { readText: (path) => ({ ok: true, value: readFileSync(path, 'utf8') }) });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics, undefined, 1));
  return loaded.value;
}

const executors = new Map<number, ShardExecutor>(
  [1, 2, 3].map((workerCount) => [workerCount, createShardExecutor(workerCount)]),
);
afterAll(async () => {
  await Promise.all([...executors.values()].map((executor) => executor.close()));
});

async function solveOn(
  workerCount: number,
  scenario: ScenarioSpec,
  spec: SolveLeverSpec,
): Promise<Omit<LeverSolution, 'wallSeconds'>> {
  const solved = await solveLever(scenario, spec, { executor: executors.get(workerCount)!, memoryLimitBytes: 1e9 });
  if (!solved.ok || !solved.value.ok) throw new Error('solve did not finish');
  const { wallSeconds: _wallSeconds, ...rest } = solved.value.solution;
  return rest;
}

describe('solveLever() on the built library', () => {
  it(`gives the same solution for a seed on 1, 2 and 3 workers, and whichever target direction (fast-check seed ${propertySeed})`, async () => {
    const scenario = loadFixture();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 500, max: 3500 }), // above 1,000 runs a trial is split into shards across the workers,
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.constantFrom('x_high', 'x_low'),
        async (seed, runCount, probability, target) => {
          const spec: SolveLeverSpec = {
            lever: parseLever('lever'),
            targets: [target],
            probability,
            range: [-10, 20],
            tolerance: 0.05,
          };
          const sized = withOverrides(scenario, { seed, runCount });
          const [one, two, three] = await Promise.all(
            [1, 2, 3].map((workerCount) => solveOn(workerCount, sized, spec)),
          );
          expect(two).toEqual(one);
          expect(three).toEqual(one);
          expect(one!.monotone).toBe(true);
        },
      ),
      { numRuns: propertyRuns(8), seed: propertySeed },
    );
  });
});
