import quantile from '@stdlib/stats-base-dists-normal-quantile';
import { describe, expect, it } from 'vitest';
import type { ScenarioSummary } from '../../../src/experiment/scenario-summary.js';
import type { LeverSolution } from '../../../src/analysis/solve-lever.js';
import { messages } from '../../../src/diagnostics/messages.js';
import { runInProcess, runJsonInProcess } from '../../helpers/run-cli-in-process.js';

const atLeast = 'tests/fixtures/solve/at-least.yaml';
const withPolicy = 'tests/fixtures/solve/with-policy.yaml';
const baseline = 'scenarios/baseline.yaml';

/** `solve --json` in-process; one worker (the calling thread) unless the arguments say otherwise. */
const solveJson = (args: readonly string[]): Promise<LeverSolution> =>
  runJsonInProcess<LeverSolution>([
    'solve',
    ...args,
    '--json',
    ...(args.includes('--workers') ? [] : ['--workers', '1']),
  ]);

/** The fixture's closed form: x(1) = 10 + lever + noise, noise ~ normal(0, 2); P(x(1) >= 15) = p at this lever. */
const closedForm = (p: number): number => 15 - 10 - 2 * quantile(1 - p, 0, 1);

/** `kechuang solve` in-process through `runCli`, on one worker; tests/e2e/solve-command.test.ts runs the binary on two and three, and stops it with Ctrl-C. */
describe('kechuang solve', () => {
  it('--json finds the closed-form lever to within the tolerance plus the LHS sampling error (1/N in probability)', async () => {
    const solution = await solveJson([
      atLeast,
      '--target',
      'x_high',
      '--probability',
      '0.9',
      '--lever',
      'lever',
      '--workers',
      '1',
    ]);
    expect(solution).toMatchObject({
      lever: 'lever',
      targets: ['x_high'],
      reachable: true,
      direction: 'rising',
      range: [-10, 20],
      runsPerTrial: 2000,
      seed: 11,
      sampling: 'lhs',
    });
    expect(solution.value!).toBeGreaterThanOrEqual(closedForm(0.9 - 1 / 2000));
    expect(solution.value!).toBeLessThanOrEqual(closedForm(0.9 + 1 / 2000) + 0.03);
    expect(solution.runs).toBe(12 * 2000);
    expect(solution.probability).toBeGreaterThanOrEqual(0.9);
  });

  it('prints the answer, the runs spent and every trial as a table', async () => {
    const run = await runInProcess([
      'solve',
      atLeast,
      '--target',
      'x_high',
      '--probability',
      '0.9',
      '--lever',
      'lever',
      '--runs',
      '400',
      '--workers',
      '1',
    ]);
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('solve lever in at-least: x_high with probability ≥ 90%');
    expect(lines[2]).toBe("  range -10 to 20 (the parameter's declared min and max), tolerance 0.03");
    expect(lines[3]).toBe(
      '  common random numbers: seed 11, the same 400 runs at every value (Latin hypercube sampling)',
    );
    expect(lines[5]).toMatch(/^lever = 7\.\d+: probability 9\d\.\d\d%$/);
    expect(lines[6]).toBe('  the smallest value meeting 90% (the probability rises with the lever), to within 0.03');
    expect(lines[7]).toMatch(/^ {2}12 trials x 400 runs = 4,800 model runs in \d+\.\d s$/);
    expect(run.stdout).toContain('│     -10 │       0.00% │ no    │');
  });

  it('scales a policy with --lever policy:<name>, over 0 to 3 by default', async () => {
    const solution = await solveJson([
      withPolicy,
      '--target',
      'x_high',
      '--probability',
      '0.9',
      '--lever',
      'policy:rate',
      '--workers',
      '1',
    ]);
    expect(solution).toMatchObject({ lever: 'policy:rate', range: [0, 3], reachable: true });
    expect(solution.value!).toBeGreaterThanOrEqual(closedForm(0.9 - 1 / 2000) / 4);
    expect(solution.value!).toBeLessThanOrEqual(closedForm(0.9 + 1 / 2000) / 4 + 0.003);
  });

  it('takes several targets as --target a,b or repeated --target, all to be met in the same run', async () => {
    const common = ['--probability', '0.6', '--lever', 'lever', '--range', '0,7', '--runs', '500', '--workers', '1'];
    const listed = await solveJson([atLeast, '--target', 'x_high,x_cap', ...common]);
    const repeated = await solveJson([atLeast, '--target', 'x_high', '--target', 'x_cap', ...common]);
    expect(listed.targets).toEqual(['x_high', 'x_cap']);
    const strip = ({ wallSeconds: _wallSeconds, ...rest }: LeverSolution) => rest;
    expect(strip(repeated)).toEqual(strip(listed));
    const single = await solveJson([atLeast, '--target', 'x_high', ...common]);
    expect(listed.value!).toBeGreaterThanOrEqual(single.value!);
  });

  it('says when the probability is reached at neither end, and exits 0 with reachable false', async () => {
    const run = await runInProcess([
      'solve',
      atLeast,
      '--target',
      'x_far',
      '--probability',
      '0.9',
      '--lever',
      'lever',
      '--runs',
      '500',
      '--workers',
      '1',
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /not reachable in the range: the best probability is 1\d\.\d\d%, at the upper end \(lever = 20\), below 90%/,
    );
    const solution = await solveJson([
      atLeast,
      '--target',
      'x_far',
      '--probability',
      '0.9',
      '--lever',
      'lever',
      '--runs',
      '500',
      '--workers',
      '1',
    ]);
    expect(solution).toMatchObject({ value: null, reachable: false, bestAt: 20, runs: 1000 });
  });

  it('warns when a trial shows the probability is not monotone in the lever', async () => {
    // P(15 <= x(1) <= 20) peaks at lever 7.5: from 6 (met at 0.6) towards 20 it first rises, then falls.
    const run = await runInProcess([
      'solve',
      atLeast,
      '--target',
      'x_high,x_cap',
      '--probability',
      '0.6',
      '--lever',
      'lever',
      '--range',
      '6,20',
      '--runs',
      '1000',
      '--workers',
      '1',
      '--json',
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /^warning \[non-monotone\] tests\/fixtures\/solve\/at-least\.yaml: the probability is not monotone in lever/,
    );
    const solution = JSON.parse(run.stdout) as LeverSolution;
    expect(solution).toMatchObject({ direction: 'falling', monotone: false });
    expect(solution.violations.length).toBeGreaterThan(0);
  });

  it('finds the basic-research allocation for a 17% basic-research share in 2025 on the Beijing baseline; run --set at that value reports the same probability', async () => {
    const solution = await solveJson([
      baseline,
      '--target',
      'basic_research_share_2025',
      '--probability',
      '0.9',
      '--lever',
      'basic_allocation_increase',
      '--runs',
      '500',
    ]);
    expect(solution).toMatchObject({
      reachable: true,
      direction: 'rising',
      range: [-0.2, 0.4],
      runs: 12 * 500,
      runsPerTrial: 500,
    });
    expect(solution.value!).toBeGreaterThan(0.01);
    expect(solution.value!).toBeLessThan(0.04);
    const run = await runInProcess([
      'run',
      baseline,
      '--workers',
      '1',
      '--runs',
      '500',
      '--set',
      `basic_allocation_increase=${solution.value}`,
      '--json',
    ]);
    expect(run.status, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as ScenarioSummary;
    expect(summary.targets.find((target) => target.id === 'basic_research_share_2025')!.probability).toBe(
      solution.probability,
    );
  });

  describe('bad input exits 2 with a message naming the option, and no stack trace', () => {
    const base = ['solve', atLeast, '--runs', '50', '--workers', '1'];
    const cases: [string, string[], string][] = [
      [
        'an unknown target, with a did-you-mean',
        [...base, '--target', 'x_hihg', '--probability', '0.9', '--lever', 'lever'],
        `error [unknown-target] --target x_hihg: ${messages.unknownTarget('x_hihg', 'x_high', []).message}\n  hint: did you mean 'x_high'?`,
      ],
      [
        'no target',
        [...base, '--probability', '0.9', '--lever', 'lever'],
        `error [missing-field] --target: ${messages.targetNeeded([]).message}`,
      ],
      [
        'a probability of 1.5',
        [...base, '--target', 'x_high', '--probability', '1.5', '--lever', 'lever'],
        `error [invalid-value] --probability 1.5: ${messages.probabilityOutOfRange('1.5').message}`,
      ],
      [
        'a probability of 0',
        [...base, '--target', 'x_high', '--probability', '0', '--lever', 'lever'],
        `--probability 0: ${messages.probabilityOutOfRange('0').message}`,
      ],
      [
        'a probability of 90 (a percentage)',
        [...base, '--target', 'x_high', '--probability', '90', '--lever', 'lever'],
        'hint: probabilities are shares: write 0.9 for 90%',
      ],
      [
        'a malformed --range',
        [...base, '--target', 'x_high', '--probability', '0.9', '--lever', 'lever', '--range', '0;2'],
        `error [invalid-value] --range 0;2: ${messages.invalidRange('0;2').message}`,
      ],
      [
        'a --range of one number',
        [...base, '--target', 'x_high', '--probability', '0.9', '--lever', 'lever', '--range', '2'],
        `--range 2: ${messages.invalidRange('2').message}`,
      ],
      [
        'a --range with min >= max',
        [...base, '--target', 'x_high', '--probability', '0.9', '--lever', 'lever', '--range', '3,3'],
        `--range 3,3: ${messages.invalidRange('3,3').message}`,
      ],
      [
        'a --range beyond the declared range',
        [...base, '--target', 'x_high', '--probability', '0.9', '--lever', 'lever', '--range', '0,30'],
        `--range 0,30: ${messages.rangeBeyondDeclared('lever', -10, 20).message}`,
      ],
      [
        'a parameter without min and max, and no --range',
        [...base, '--target', 'x_high', '--probability', '0.9', '--lever', 'unbounded'],
        `error [missing-field] --lever unbounded: ${messages.rangeNeeded('unbounded').message}`,
      ],
      [
        'an unknown lever, with a did-you-mean',
        [...base, '--target', 'x_high', '--probability', '0.9', '--lever', 'levr'],
        `error [unknown-lever] --lever levr: ${messages.unknownLever('levr', undefined, [], []).message}\n  hint: did you mean 'lever'?`,
      ],
      [
        'a policy the scenario lacks',
        [...base, '--target', 'x_high', '--probability', '0.9', '--lever', 'policy:rate'],
        'this scenario has no policies to scale',
      ],
      [
        'the lever also in --set',
        [...base, '--target', 'x_high', '--probability', '0.9', '--lever', 'lever', '--set', 'lever=1'],
        `--lever lever: ${messages.leverAlsoSet('lever').message}`,
      ],
      [
        'a zero tolerance',
        [...base, '--target', 'x_high', '--probability', '0.9', '--lever', 'lever', '--tolerance', '0'],
        `--tolerance 0: ${messages.invalidTolerance('0', 30).message}`,
      ],
    ];
    it.each(cases)('%s', async (_title, args, expected) => {
      const run = await runInProcess(args);
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toContain(expected);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stdout).toBe('');
    });
  });
});
