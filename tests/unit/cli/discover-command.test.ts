import { describe, expect, it } from 'vitest';
import type { Discovery } from '../../../src/analysis/discover-scenarios.js';
import { messages } from '../../../src/diagnostics/messages.js';
import { runInProcess, runJsonInProcess } from '../../helpers/run-cli-in-process.js';

const boxScenario = 'tests/fixtures/analysis/box-failure.yaml';
const beijing = 'scenarios/baseline.yaml';

const discoverJson = (args: readonly string[]): Promise<Discovery> =>
  runJsonInProcess<Discovery>(['discover', ...args, '--json']);

/** `kechuang discover` in-process through `runCli`, on one worker; tests/e2e/discover-command.test.ts runs the binary on two and three. */
describe('kechuang discover', () => {
  it('prints the failing box of the synthetic case as readable ranges, with coverage, density and the trajectory', async () => {
    const run = await runInProcess(['discover', boxScenario, '--target', 'ok_0', '--workers', '1']);
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('discover: scenario box-failure, runs missing ok_0 (ok ≥ 0.5 in 0)');
    expect(lines[1]).toBe('2,000 runs (seed 11, random sampling): 207 miss (10.3%)');
    expect(lines[3]).toMatch(/^box: x1 ≤ 0\.2\d+ and x2 ≥ 0\.[56]\d+: 9\d% of misses, density 0\.9\d \(10% of runs\)$/);
    expect(run.stdout).toContain('peeling trajectory (0.05 of the box');
    expect(run.stdout).toMatch(/│\s+0 │\s+100% │\s+0\.10 │ 100% │\s+0 │/);
    expect(run.stdout).not.toContain('x3');
  });

  it('--json prints the targets, the class, the box and the trajectory; --met asks about the runs that meet', async () => {
    const discovery = await discoverJson([boxScenario, '--target', 'ok_0', '--workers', '1']);
    expect(discovery.targets).toEqual([{ id: 'ok_0', variable: 'ok', year: 0, op: '>=', threshold: 0.5 }]);
    expect([discovery.class, discovery.runs, discovery.classCount]).toEqual(['missed', 2000, 207]);
    expect(discovery.box!.restrictions.map((restriction) => restriction.name)).toEqual(['x1', 'x2']);
    expect(discovery.trajectory[discovery.chosenStep!]!.density).toBeGreaterThan(0.95);
    const met = await discoverJson([boxScenario, '--target', 'ok_0', '--workers', '1', '--met']);
    expect([met.class, met.classCount]).toEqual(['met', 1793]);
  });

  it('says so and exits 0 when the target is met in every run', async () => {
    const run = await runInProcess(['discover', boxScenario, '--target', 'never_missed', '--workers', '1']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(messages.nothingToDiscover('target never_missed', 'met', 2000).message);
    expect(run.stdout).toContain('target never_missed met in all 2,000 runs: nothing to discover');
  });

  it('refuses bad input with exit 2 and a message naming the option', async () => {
    const cases: [string[], string][] = [
      [
        ['--target', 'digital_growth_2052'],
        "error [unknown-target] --target digital_growth_2052: 'digital_growth_2052' is not a target id of the scenario\n  hint: did you mean 'digital_growth_2025'?",
      ],
      [
        ['--target', 'ok_0', '--peel', '0.7'],
        "error [invalid-value] --peel 0.7: expected a number between 0 and 0.5 (both excluded), found '0.7'",
      ],
      [
        ['--target', 'ok_0', '--peel', 'abc'],
        "error [invalid-value] --peel abc: expected a number between 0 and 0.5 (both excluded), found 'abc'",
      ],
      [
        ['--target', 'ok_0', '--min-mass', '0'],
        "error [invalid-value] --min-mass 0: expected a number between 0 and 1 (both excluded), found '0'",
      ],
      [
        ['--target', 'ok_0', '--min-coverage', '1.5'],
        "error [invalid-value] --min-coverage 1.5: expected a number from 0 to 1, found '1.5'",
      ],
      [
        ['--target', 'ok_0', '--target', 'never_missed', '--threshold', '0.2'],
        'error [invalid-value] --threshold 0.2: --threshold replaces one target',
      ],
      [['--target', 'ok_0', '--threshold', 'x'], 'error [invalid-value] --threshold x: expected a number'],
      [
        ['--target', 'ok_0', '--set', 'x9=1'],
        "error [unknown-parameter] --set x9=1: 'x9' is not a parameter of the model",
      ],
      [['--target', 'ok_0', '--runs', '0'], 'error [invalid-value] --runs 0: expected a whole number from 1'],
      [[], "required option '--target <id>' not specified"],
    ];
    for (const [args, expected] of cases) {
      const run = await runInProcess([
        'discover',
        ...(args.includes('digital_growth_2052') ? [beijing] : [boxScenario]),
        ...args,
        '--workers',
        '1',
      ]);
      expect(run.status, run.stdout + run.stderr).toBe(2);
      expect(run.stderr).toContain(expected);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('kechuang discover --exclude', () => {
  it('keeps excluded inputs varying but out of the box, and names them', async () => {
    const run = await runInProcess(['discover', boxScenario, '--target', 'ok_0', '--workers', '1', '--exclude', 'x2']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^box: x1 ≤ /m);
    expect(run.stdout).not.toMatch(/^box: .*x2/m);
    expect(run.stdout).toContain('not bounded (--exclude), though they vary: x2');
    const misspelt = await runInProcess([
      'discover',
      boxScenario,
      '--target',
      'ok_0',
      '--workers',
      '1',
      '--exclude',
      'x22',
    ]);
    expect(misspelt.status).toBe(2);
    expect(misspelt.stderr).toContain(
      `error [unknown-parameter] --exclude x22: ${messages.unknownInput('x22', 'x2').message}\n  hint: did you mean 'x2'?`,
    );
  });
});

describe('kechuang discover on a model that breaks down', () => {
  it('exits 3 naming the run, the variable and the command that reproduces it', async () => {
    const run = await runInProcess([
      'discover',
      'tests/fixtures/run/breaks-down-mc.yaml',
      '--target',
      'level_4',
      '--workers',
      '1',
    ]);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain(
      'error [non-finite] tests/fixtures/run/breaks-down-mc.yaml: run 12 gives level = Infinity at time 1',
    );
    expect(run.stderr).toContain(
      'reproduce with: kechuang run tests/fixtures/run/breaks-down-mc.yaml --runs 40 --seed 7 --only-run 12',
    );
  });
});
