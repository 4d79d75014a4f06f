import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import type { MorrisResult, PrccResult, SobolResult } from '../../../src/analysis/sensitivity-analysis.js';
import { messages } from '../../../src/diagnostics/messages.js';
import { runInProcess, runJsonInProcess } from '../../helpers/run-cli-in-process.js';

const scratch = mkdtempSync(join(tmpdir(), 'kechuang-sensitivity-'));
const ishigami = 'tests/fixtures/analysis/ishigami.yaml';
const monotone = 'tests/fixtures/analysis/monotone.yaml';

/** `sensitivity --json` in-process, on one worker (the calling thread). */
const sensitivityJson = <Result>(args: readonly string[]): Promise<Result> =>
  runJsonInProcess<Result>([
    'sensitivity',
    ...args,
    '--json',
    ...(args.includes('--workers') ? [] : ['--workers', '1']),
  ]);

/**
 * `kechuang sensitivity` in-process through `runCli`, on one worker; tests/e2e/sensitivity-command.test.ts
 * runs the binary on two and three.
 */
describe('kechuang sensitivity', () => {
  it('--method prcc prints a table per output with PRCC and p-values, sign and order right', async () => {
    const run = await runInProcess(['sensitivity', monotone, '--method', 'prcc', '--workers', '1']);
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(
      "PRCC (partial rank correlation) for monotone: 500 runs, seed 11, Latin hypercube sampling (the scenario's own Monte Carlo runs); p-values from Student's t",
    );
    expect(lines).toContain('y in 1 (target y_1)');
    const rows = lines
      .filter((line) => /^│ x\d/.test(line))
      .slice(0, 3)
      .map((line) =>
        line
          .split('│')
          .slice(1, -1)
          .map((cell) => cell.trim()),
      );
    expect(rows.map((row) => row[0])).toEqual(['x2', 'x1', 'x3']);
    expect(Number(rows[0]![1])).toBeLessThan(-0.9);
    expect(Number(rows[1]![1])).toBeGreaterThan(0.8);
    expect(Number(rows[2]![2])).toBeGreaterThan(0.01);
  });

  it('--method morris --json gives a no-effect input mu_star and sigma 0, with the design in the JSON', async () => {
    const result = await sensitivityJson<MorrisResult>([
      monotone,
      '--method',
      'morris',
      '--samples',
      '10',
      '--workers',
      '1',
    ]);
    expect([result.method, result.samples, result.runs, result.levels]).toEqual(['morris', 10, 40, 4]);
    const x3 = result.outputs[0]!.parameters.find((entry) => entry.name === 'x3')!;
    expect([x3.mu_star, x3.sigma]).toEqual([0, 0]);
  });

  it('--every-year ranks each target variable in every saved year', async () => {
    const result = await sensitivityJson<PrccResult>([
      monotone,
      '--method',
      'prcc',
      '--runs',
      '40',
      '--every-year',
      '--workers',
      '1',
    ]);
    expect(result.outputs.map((output) => `${output.variable}@${output.year}`)).toEqual([
      'y@0',
      'y@1',
      'y@2',
      'level@0',
      'level@1',
      'level@2',
    ]);
  });

  it('--out writes sensitivity.json, sensitivity.csv and report.html with a tornado chart per output', async () => {
    const out = join(scratch, 'sobol');
    const run = await runInProcess([
      'sensitivity',
      ishigami,
      '--method',
      'sobol',
      '--samples',
      '512',
      '--workers',
      '1',
      '--out',
      out,
      '--quiet',
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    const json = JSON.parse(readFileSync(join(out, 'sensitivity.json'), 'utf8')) as SobolResult;
    const csv = readFileSync(join(out, 'sensitivity.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('variable,year,rank,parameter,S1,S1_conf,ST,ST_conf');
    expect(csv.slice(1).map((line) => line.split(',')[3])).toEqual(
      json.outputs[0]!.parameters.map((entry) => entry.name),
    );
    expect(Number(csv[1]!.split(',')[6])).toBe(json.outputs[0]!.parameters[0]!.ST);
    const page = parse(readFileSync(join(out, 'report.html'), 'utf8'));
    const figures = page.querySelectorAll('figure.chart');
    expect(figures.map((figure) => [figure.getAttribute('data-variable'), figure.getAttribute('data-year')])).toEqual([
      ['y', '0'],
    ]);
    expect(figures[0]!.querySelector('svg')).not.toBeNull();
    expect(page.textContent).toContain(`kechuang sensitivity ${ishigami} --method sobol --samples 512 --seed 7`);
  });

  it('ranks the twenty factors of scenarios/sensitivity/assumptions.yaml, the calibration refits as one joint factor; PRCC leaves that group out with a note', async () => {
    const sobol = await sensitivityJson<SobolResult>([
      'scenarios/sensitivity/assumptions.yaml',
      '--method',
      'sobol',
      '--samples',
      '16',
      '--workers',
      '1',
    ]);
    expect(sobol.factors).toHaveLength(20);
    expect(sobol.runs).toBe(16 * 22);
    const joint = sobol.outputs[0]!.parameters.find((entry) => entry.name === 'joint:calibration')!;
    expect(joint.members).toEqual(sobol.factors.find((factor) => factor.name === 'joint:calibration')!.parameters);
    expect(joint.members!.length).toBeGreaterThan(1);
    expect(sobol.outputs.map((output) => output.targets[0])).toEqual([
      'rd_intensity_2025',
      'basic_research_share_2025',
      'rd_personnel_2025',
      'hightech_va_2025',
      'digital_growth_2025',
      'tech_contract_2025',
      'zgc_revenue_2025',
      'unicorns_2025',
    ]);
    const prcc = await runInProcess([
      'sensitivity',
      'scenarios/baseline.yaml',
      '--method',
      'prcc',
      '--runs',
      '60',
      '--workers',
      '1',
    ]);
    expect(prcc.status, prcc.stderr).toBe(0);
    expect(prcc.stdout).toContain('note: joint:calibration (');
    expect(prcc.stdout).toContain('varies in the runs but is not rank-correlated');
  });

  it('exits 2 with a clear message for bad input', async () => {
    const cases: [string[], string][] = [
      [
        [monotone, '--method', 'sobel'],
        `error [invalid-value] --method sobel: ${messages.unknownMethod('sobel', [], undefined).message}`,
      ],
      [
        [monotone, '--samples', '0'],
        `error [invalid-value] --samples 0: ${messages.notInteger('a whole number from 2 to 1000000000', '0').message}`,
      ],
      [
        [monotone, '--samples', '2.5'],
        `error [invalid-value] --samples 2.5: ${messages.notInteger('a whole number from 2 to 1000000000', '2.5').message}`,
      ],
      [
        [monotone, '--method', 'prcc', '--runs', '3'],
        `error [invalid-value] --runs 3: ${messages.prccTooFewRuns(3, 3).message}`,
      ],
      [
        ['tests/fixtures/analysis/no-uncertainty.yaml'],
        `error [nothing-to-vary] tests/fixtures/analysis/no-uncertainty.yaml: ${messages.nothingToVary('no-uncertainty').message}`,
      ],
      [
        [monotone, '--set', 'x1=0.5', '--set', 'x2=0.5', '--set', 'x3=0.5'],
        `error [nothing-to-vary] ${monotone}: ${messages.nothingToVary('monotone').message}`,
      ],
      [
        ['tests/fixtures/analysis/no-targets.yaml'],
        `error [missing-field] tests/fixtures/analysis/no-targets.yaml: ${messages.noSensitivityTargets('no-targets').message}`,
      ],
      [
        [monotone, '--set', 'nope=1'],
        `error [unknown-parameter] --set nope=1: ${messages.unknownParameter('nope', undefined).message}`,
      ],
      [['tests/fixtures/analysis/missing.yaml'], 'file-unreadable'],
    ];
    for (const [args, expected] of cases) {
      const run = await runInProcess(['sensitivity', ...args, '--workers', '1']);
      expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toContain(expected);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stdout).toBe('');
    }
  });

  it('exits 3 when a run breaks down, naming the run, its inputs and the command that reproduces it', async () => {
    const breaksDown = 'tests/fixtures/run/breaks-down-mc.yaml';
    const sobol = await runInProcess([
      'sensitivity',
      breaksDown,
      '--method',
      'sobol',
      '--samples',
      '64',
      '--workers',
      '1',
    ]);
    expect(sobol.status, sobol.stderr).toBe(3);
    expect(sobol.stderr).toContain('gives level = Infinity at time 1');
    expect(sobol.stderr).toContain(`reproduce with: kechuang simulate ${breaksDown} --set gap=0.5`);
    const prcc = await runInProcess(['sensitivity', breaksDown, '--method', 'prcc', '--runs', '64', '--workers', '1']);
    expect(prcc.status, prcc.stderr).toBe(3);
    expect(prcc.stderr).toMatch(
      new RegExp(`reproduce with: kechuang run ${breaksDown} --runs 64 --seed 7 --only-run \\d+`),
    );
    for (const run of [sobol, prcc]) {
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stdout).toBe('');
    }
  });
});
