import { fileURLToPath } from 'node:url';
import cdf from '@stdlib/stats-base-dists-normal-cdf';
import quantile from '@stdlib/stats-base-dists-normal-quantile';
import { afterAll, describe, expect, it } from 'vitest';
import { messages } from '../../../src/diagnostics/messages.js';
import { runScenario } from '../../../src/experiment/run-scenario.js';
import {
  defaultLeverRange,
  leverCandidates,
  parseLever,
  plannedTrialCount,
  solveLever,
  type LeverSolution,
  type SolveLeverSpec,
} from '../../../src/analysis/solve-lever.js';
import { createShardExecutor, type ShardExecutor } from '../../../src/parallel/shard-executor.js';
import type { ScenarioSpec } from '../../../src/scenario/scenario-spec.js';
import { withOverrides } from '../../../src/scenario/with-overrides.js';
import { loadScenarioOrThrow } from '../../helpers/report-fixtures.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../../fixtures/solve/${name}`, import.meta.url));
const atLeast = loadScenarioOrThrow(fixture('at-least.yaml'));
const withPolicy = loadScenarioOrThrow(fixture('with-policy.yaml'));

// The fixture: x(1) = x0 + lever + rate + noise with x0 = 10, noise ~ normal(0, sd = 2), runs N = 2000 (LHS).
const x0 = 10;
const sd = 2;
const runCount = 2000;
const threshold = 15;
/** The lever at which P(x(1) >= threshold) = p: 1 - Phi((threshold - x0 - lever) / sd) = p. */
const leverAtLeast = (p: number): number => threshold - x0 - sd * quantile(1 - p, 0, 1);
/** The lever at which P(x(1) <= threshold) = p: Phi((threshold - x0 - lever) / sd) = p. */
const leverAtMost = (p: number): number => threshold - x0 - sd * quantile(p, 0, 1);

const executors: ShardExecutor[] = [];
const executor = (workerCount: number): ShardExecutor => {
  const created = createShardExecutor(workerCount);
  executors.push(created);
  return created;
};
afterAll(async () => {
  await Promise.all(executors.map((created) => created.close()));
});

async function solve(scenario: ScenarioSpec, spec: SolveLeverSpec, workerCount = 1): Promise<LeverSolution> {
  const solved = await solveLever(scenario, spec, { executor: executor(workerCount), memoryLimitBytes: 1e9 });
  if (!solved.ok || !solved.value.ok) throw new Error(`solve did not finish: ${JSON.stringify(solved)}`);
  return solved.value.solution;
}

describe('solveLever()', () => {
  it('finds the closed-form lever for x(1) >= 15 with probability 0.9, within the tolerance plus the LHS sampling error', async () => {
    const solution = await solve(atLeast, {
      lever: parseLever('lever'),
      targets: ['x_high'],
      probability: 0.9,
      range: [-10, 20],
    });
    const exact = leverAtLeast(0.9); // 15 - 10 + 2 * 1.28155 = 7.5631
    expect(exact).toBeCloseTo(7.5631, 4);
    // Latin hypercube sampling puts exactly one of the N noise probabilities in each stratum
    // [k/N, (k+1)/N), and a run meets the target when its probability u >= Phi((15 - 10 - lever) / sd),
    // so at any lever the share of runs meeting it is within 1/N of the true probability. The smallest
    // lever meeting 0.9 on the sample therefore lies between the levers whose true probability is
    // 0.9 - 1/N and 0.9 + 1/N, and bisection returns a value at most one tolerance above it.
    const tolerance = 30 / 1000;
    expect(solution.tolerance).toBeCloseTo(tolerance, 15);
    expect(solution.value!).toBeGreaterThanOrEqual(leverAtLeast(0.9 - 1 / runCount));
    expect(solution.value!).toBeLessThanOrEqual(leverAtLeast(0.9 + 1 / runCount) + tolerance);
    // That bracket is about +-1/(N phi(1.2816)) sd = +-0.0057 wide around the closed form.
    expect(Math.abs(solution.value! - exact)).toBeLessThan(tolerance + 0.006);
    expect(solution.probability).toBeGreaterThanOrEqual(0.9);
    expect(solution.probability).toBeLessThan(0.9 + 3 / runCount + (tolerance / sd) * 0.18);
    expect(solution).toMatchObject({
      lever: 'lever',
      reachable: true,
      direction: 'rising',
      targets: ['x_high'],
      runsPerTrial: runCount,
      monotone: true,
      violations: [],
      required: 0.9,
    });
    expect(solution.trials.length).toBe(plannedTrialCount({ range: [-10, 20] }));
    expect(solution.runs).toBe(solution.trials.length * runCount);
    expect(solution.iterations).toBe(solution.trials.length - 2);
  });

  it('finds the largest lever when the probability falls with it (x(1) <= 15), at the closed form', async () => {
    const solution = await solve(atLeast, {
      lever: parseLever('lever'),
      targets: ['x_low'],
      probability: 0.9,
      range: [-10, 20],
      tolerance: 0.001,
    });
    const exact = leverAtMost(0.9); // 5 - 2.5631 = 2.4369
    expect(solution.direction).toBe('falling');
    expect(solution.value!).toBeLessThanOrEqual(leverAtMost(0.9 - 1 / runCount));
    expect(solution.value!).toBeGreaterThanOrEqual(leverAtMost(0.9 + 1 / runCount) - 0.001);
    expect(Math.abs(solution.value! - exact)).toBeLessThan(0.001 + 0.006);
  });

  it('scales a scenario policy: policy:rate multiplies its 4 widgets a year, so the scale is the closed-form lever / 4', async () => {
    const range = defaultLeverRange(withPolicy, parseLever('policy:rate'))!;
    expect(range).toEqual([0, 3]);
    const solution = await solve(withPolicy, {
      lever: parseLever('policy:rate'),
      targets: ['x_high'],
      probability: 0.9,
      range,
    });
    expect(solution.lever).toBe('policy:rate');
    expect(solution.value!).toBeGreaterThanOrEqual(leverAtLeast(0.9 - 1 / runCount) / 4);
    expect(solution.value!).toBeLessThanOrEqual(leverAtLeast(0.9 + 1 / runCount) / 4 + 0.003);
  });

  it('requires every target in the same run: x_high and x_cap together need more than x_high alone', async () => {
    const solution = await solve(atLeast, {
      lever: parseLever('lever'),
      targets: ['x_high', 'x_cap'],
      probability: 0.8,
      range: [-10, 20],
      tolerance: 0.001,
    });
    // P(15 <= x(1) <= 20) = Phi((20 - 10 - lever) / 2) - Phi((15 - 10 - lever) / 2) peaks at lever = 7.5 (0.7887 < 0.8).
    expect(solution.reachable).toBe(false);
    const both = await solve(atLeast, {
      lever: parseLever('lever'),
      targets: ['x_high', 'x_cap'],
      probability: 0.7,
      range: [-10, 7.5],
      tolerance: 0.001,
    });
    expect(both.reachable).toBe(true);
    expect(both.targets).toEqual(['x_high', 'x_cap']);
  });

  it('records trials ordered against the direction: P(15 <= x(1) <= 20) rises from lever 6 to its peak at 7.5, then falls', async () => {
    const solution = await solve(atLeast, {
      lever: parseLever('lever'),
      targets: ['x_high', 'x_cap'],
      probability: 0.6,
      range: [6, 20],
      tolerance: 0.01,
    });
    expect(solution).toMatchObject({ direction: 'falling', reachable: true, monotone: false });
    // 6 meets 0.6 (0.669); bisection meets 7.75 (0.785) on its way: a higher lever, a higher probability.
    expect(solution.violations[0]![0].value).toBe(6);
    expect(solution.violations[0]![1].probability).toBeGreaterThan(solution.violations[0]![0].probability);
    // The crossing found is on the falling side, where Phi((20 - 10 - v) / 2) - Phi((15 - 10 - v) / 2) = 0.6.
    const jointProbability = (value: number): number => cdf((10 - value) / 2, 0, 1) - cdf((5 - value) / 2, 0, 1);
    expect(Math.abs(jointProbability(solution.value!) - 0.6)).toBeLessThan(0.01);
  });

  it('says when the probability is met at neither end, with the better end and its probability', async () => {
    const solution = await solve(atLeast, {
      lever: parseLever('lever'),
      targets: ['x_far'],
      probability: 0.9,
      range: [-10, 20],
    });
    expect(solution).toMatchObject({
      value: null,
      reachable: false,
      bestAt: 20,
      direction: 'rising',
      iterations: 0,
      runs: 2 * runCount,
    });
    // At lever 20, x(1) >= 32 needs noise >= 2 = 1 sd: 1 - Phi(1) = 0.1587, within 1/N on the sample.
    expect(Math.abs(solution.probability - 0.158655)).toBeLessThanOrEqual(1 / runCount);
  });

  it('reports the lower end when both ends meet it (rising)', async () => {
    const solution = await solve(atLeast, {
      lever: parseLever('lever'),
      targets: ['x_high'],
      probability: 0.9,
      range: [10, 20],
    });
    expect(solution).toMatchObject({ value: 10, reachable: true, direction: 'rising', runs: 2 * runCount });
  });

  it('gives the probability that `run --set lever=value` reports at the value found (the same draws)', async () => {
    const solution = await solve(atLeast, {
      lever: parseLever('lever'),
      targets: ['x_high'],
      probability: 0.9,
      range: [-10, 20],
    });
    const ran = await runScenario(withOverrides(atLeast, { set: new Map([['lever', solution.value!]]) }), {
      executor: executor(1),
      engineVersion: '0.1.0',
      memoryLimitBytes: 1e9,
    });
    if (!ran.ok || !ran.value.ok) throw new Error('run failed');
    expect(ran.value.summary.targets.find((target) => target.id === 'x_high')!.probability).toBe(solution.probability);
    for (const trial of solution.trials.slice(0, 4)) {
      const atTrial = await runScenario(withOverrides(atLeast, { set: new Map([['lever', trial.value]]) }), {
        executor: executor(1),
        engineVersion: '0.1.0',
        memoryLimitBytes: 1e9,
      });
      if (!atTrial.ok || !atTrial.value.ok) throw new Error('run failed');
      expect(atTrial.value.summary.targets[0]!.probability).toBe(trial.probability);
    }
  });

  it('lists the levers a scenario offers, and has no default range for a parameter without min and max', () => {
    expect(leverCandidates(withPolicy)).toEqual(['lever', 'rate', 'noise', 'unbounded', 'policy:rate']);
    expect(defaultLeverRange(atLeast, parseLever('lever'))).toEqual([-10, 20]);
    expect(defaultLeverRange(atLeast, parseLever('unbounded'))).toBeUndefined();
  });

  it('throws a RangeError naming the misused part of the spec', async () => {
    const base: SolveLeverSpec = {
      lever: parseLever('lever'),
      targets: ['x_high'],
      probability: 0.9,
      range: [-10, 20],
    };
    const options = { executor: executor(1), memoryLimitBytes: 1e9 };
    await expect(solveLever(atLeast, { ...base, probability: 1 }, options)).rejects.toThrow(
      new RangeError(`spec.probability 1: ${messages.probabilityOutOfRange('1').message}`),
    );
    await expect(solveLever(atLeast, { ...base, range: [3, 3] }, options)).rejects.toThrow(
      /^spec\.range 3,3: expected/,
    );
    await expect(solveLever(atLeast, { ...base, tolerance: 0 }, options)).rejects.toThrow(
      /^spec\.tolerance 0: expected a positive number/,
    );
    await expect(solveLever(atLeast, { ...base, targets: ['nope'] }, options)).rejects.toThrow(
      /^spec\.target nope: 'nope' is not a target id/,
    );
    await expect(solveLever(atLeast, { ...base, lever: parseLever('policy:lever') }, options)).rejects.toThrow(
      /^spec\.lever policy:lever: /,
    );
  });
});
