import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSeriesCsv } from '../../helpers/compare-series.js';
import { expectNoStackTrace, runInProcess } from '../../helpers/run-cli-in-process.js';

/** `kechuang simulate` run in-process through `runCli` (tests/e2e/cli.test.ts runs the binary). */

const scratch = mkdtempSync(join(tmpdir(), 'kechuang-simulate-'));
const writeModel = (name: string, text: string): string => {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
};
const population = 'models/examples/population.yaml';
const xmileSuite = new URL('../../golden/fixtures/conformance/xmile/', import.meta.url).pathname;

describe('kechuang simulate', () => {
  it('--csv prints time and every stock, flow and aux at each saved time', async () => {
    const run = await runInProcess(['simulate', population, '--csv']);
    expect(run.status, run.stderr).toBe(0);
    const table = parseSeriesCsv(run.stdout);
    expect(table.columns).toEqual([
      'time',
      'population',
      'births',
      'deaths',
      'effective_birth_rate',
      'net_growth_rate',
    ]);
    expect(table.rows.map((row) => row[0])).toEqual(Array.from({ length: 21 }, (_, index) => 2020 + index));
    expect(table.rows[0]![1]).toBe(10);
  });

  it('--set changes a parameter and --vars narrows the columns', async () => {
    const base = parseSeriesCsv((await runInProcess(['simulate', population, '--csv', '--vars', 'population'])).stdout);
    const run = await runInProcess([
      'simulate',
      population,
      '--csv',
      '--vars',
      'population',
      '--set',
      'birth_rate=0.01',
    ]);
    expect(run.status, run.stderr).toBe(0);
    const changed = parseSeriesCsv(run.stdout);
    expect(changed.columns).toEqual(['time', 'population']);
    expect(changed.rows.at(-1)![1]).toBeGreaterThan(base.rows.at(-1)![1]!);
  });

  it('--method and --dt change the integration; euler and rk4 agree closely on a smooth model', async () => {
    const euler = parseSeriesCsv(
      (await runInProcess(['simulate', population, '--csv', '--method', 'euler', '--dt', '0.0625'])).stdout,
    );
    const rk4 = parseSeriesCsv((await runInProcess(['simulate', population, '--csv', '--method', 'rk4'])).stdout);
    const last = euler.rows.length - 1;
    expect(euler.rows[last]![1]).not.toBe(rk4.rows[last]![1]);
    expect(Math.abs(euler.rows[last]![1]! - rk4.rows[last]![1]!) / rk4.rows[last]![1]!).toBeLessThan(1e-3);
  });

  it('without --csv prints a table with names and units', async () => {
    const run = await runInProcess(['simulate', population]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('population');
    expect(run.stdout).toContain('(million persons)');
    // Wider than 120 columns, the table continues in a second block with the time column repeated.
    const years = run.stdout.split('\n').flatMap((line) => /^│\s+(20\d\d)\s+│/.exec(line)?.[1] ?? []);
    expect(new Set(years).size).toBe(21);
    expect(years.length % 21).toBe(0);
  });

  it('exits 2 naming the parameter for an unknown --set name, without a stack trace', async () => {
    const run = await runInProcess(['simulate', population, '--set', 'brith_rate=0.01']);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain("'brith_rate' is not a parameter");
    expect(run.stderr).toContain("did you mean 'birth_rate'");
    expectNoStackTrace(run.stderr);
  });

  it('exits 2 with a did-you-mean for a misspelt --vars name', async () => {
    const run = await runInProcess(['simulate', population, '--vars', 'populaton']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      "error [unknown-output] --vars populaton: 'populaton' is not a stock, flow or auxiliary",
    );
    expect(run.stderr).toContain("did you mean 'population'?");
    expectNoStackTrace(run.stderr);
  });

  it.each([
    [['--set', 'birth_rate'], "error [invalid-override] --set birth_rate: 'birth_rate' is not of the form name=number"],
    [['--set', 'birth_rate=fast'], 'error [invalid-override] --set birth_rate=fast'],
    [['--dt', '-1'], 'error [invalid-value] --dt -1: expected a positive number'],
    [['--method', 'heun'], "argument 'heun' is invalid"],
  ])('exits 2 for a malformed option %j', async (options, expected) => {
    const run = await runInProcess(['simulate', population, ...options]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(expected);
    expectNoStackTrace(run.stderr);
  });

  it('exits 2 when --set leaves the declared range', async () => {
    const run = await runInProcess(['simulate', population, '--set', 'birth_rate=0.9']);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain('outside its declared range');
    expectNoStackTrace(run.stderr);
  });

  it('simulates a model written as JSON, with the same structure as YAML', async () => {
    const path = writeModel(
      'decay.json',
      JSON.stringify(
        {
          name: 'decay',
          time: { start: 0, stop: 2, dt: 1 },
          parameters: { rate: { value: 0.5, unit: '1/year' } },
          stocks: { x: { initial: 8, unit: 'widget', outflows: ['loss'] } },
          flows: { loss: { equation: 'rate * x', unit: 'widget/year' } },
        },
        null,
        2,
      ),
    );
    const run = await runInProcess(['simulate', path, '--csv']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe('time,x,loss\n0,8,4\n1,4,2\n2,2,1\n');
  });
});

describe('kechuang simulate on a scenario', () => {
  const scenario = 'tests/fixtures/run/population-mc.yaml';
  // birth_rate is triangular(0.004, 0.006, 0.009): its mode holds 40% of the mass below it, so the median is
  // max - sqrt(0.5 * (max - min) * (max - mode)).
  const birthRateMedian = 0.009 - Math.sqrt(0.5 * 0.005 * 0.003);

  it('runs the scenario central case: policies, fixed values, uncertain inputs at their medians', async () => {
    const run = await runInProcess(['simulate', scenario, '--vars', 'effective_birth_rate', '--csv']);
    expect(run.status, run.stderr).toBe(0);
    const rows = run.stdout
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',').map(Number));
    // policy_boost follows the scenario's step policy (0 until 2030, then 0.002).
    expect(rows.find(([time]) => time === 2029)![1]).toBeCloseTo(birthRateMedian, 15);
    expect(rows.find(([time]) => time === 2030)![1]).toBeCloseTo(birthRateMedian + 0.002, 15);
  });

  it('--set on a scenario overrides its policy for that parameter', async () => {
    const run = await runInProcess([
      'simulate',
      scenario,
      '--vars',
      'effective_birth_rate',
      '--csv',
      '--set',
      'policy_boost=0',
    ]);
    expect(run.status, run.stderr).toBe(0);
    const values = new Set(
      run.stdout
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',')[1]),
    );
    expect(values.size).toBe(1);
    expect(Number([...values][0])).toBeCloseTo(birthRateMedian, 15);
  });

  it('scenarios/projection-2024.yaml starts in 2024 from the 2024 data', async () => {
    const run = await runInProcess([
      'simulate',
      'scenarios/projection-2024.yaml',
      '--csv',
      '--vars',
      'gdp,rd_expenditure,high_tech_va',
    ]);
    expect(run.status, run.stderr).toBe(0);
    const [header, first, ...rest] = run.stdout.trimEnd().split('\n');
    expect(header).toBe('time,gdp,rd_expenditure,high_tech_va');
    const [time, gdp, rd, highTech] = first!.split(',').map(Number);
    expect(time).toBe(2024);
    expect(gdp).toBeCloseTo(49843.1, 6);
    expect(rd).toBeCloseTo(3278.4, 6);
    expect(highTech).toBeCloseTo(14900, 6);
    expect(rest).toHaveLength(6);
  });
});

describe('kechuang simulate on XMILE models', () => {
  it('--csv prints every stock, flow, aux and constant under its name as written', async () => {
    const special = join(xmileSuite, 'special_characters_xmile/test_special_variable_names.xmile');
    const run = await runInProcess(['simulate', special, '--csv']);
    expect(run.status, run.stderr).toBe(0);
    const header = run.stdout.split('\n')[0];
    expect(header).toBe(
      'time,Stock with Newline Character,Hyphenated-Stockname,Flow with STEP(function call!),"Flow w/ division, lists, and INITIAL(construction functions)",normal flow,Flow*with a few^arithmetic + characters,SAVEPER,TIME STEP,FINAL TIME,INITIAL TIME,Aux with (entirely superfuluous) parenthetical comment,import,Aux with $peC!@| characters',
    );
    expect(run.stdout.split('\n')[2]).toBe('1,-2,6,90,21,10,4,1,1,100,0,90,10,21');
  });

  it('--set changes a constant, and --vars takes written names', async () => {
    const run = await runInProcess([
      'simulate',
      join(xmileSuite, 'SIR/SIR.xmile'),
      '--csv',
      '--set',
      'total_population=2000',
      '--vars',
      'Susceptible,total population',
    ]);
    expect(run.status, run.stderr).toBe(0);
    const table = parseSeriesCsv(run.stdout);
    expect(table.columns).toEqual(['time', 'susceptible', 'total_population']);
    expect(table.rows[0]).toEqual([0, 2000, 2000]);
  });
});
