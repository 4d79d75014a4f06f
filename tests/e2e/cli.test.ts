import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSeriesCsv } from '../helpers/compare-series.js';
import { runKechuang } from '../helpers/run-cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'kechuang-e2e-'));
const writeModel = (name: string, text: string): string => {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
};

const noStackTrace = (text: string): void => {
  expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(text).not.toMatch(/internal error/);
};

describe('kechuang simulate', () => {
  it('--csv prints time and every stock, flow and aux at each saved time', () => {
    const run = runKechuang(['simulate', 'models/examples/population.yaml', '--csv']);
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

  it('--set changes a parameter and --vars narrows the columns', () => {
    const base = parseSeriesCsv(
      runKechuang(['simulate', 'models/examples/population.yaml', '--csv', '--vars', 'population']).stdout,
    );
    const run = runKechuang([
      'simulate',
      'models/examples/population.yaml',
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

  it('--method and --dt change the integration; euler and rk4 agree closely on a smooth model', () => {
    const euler = parseSeriesCsv(
      runKechuang(['simulate', 'models/examples/population.yaml', '--csv', '--method', 'euler', '--dt', '0.0625'])
        .stdout,
    );
    const rk4 = parseSeriesCsv(
      runKechuang(['simulate', 'models/examples/population.yaml', '--csv', '--method', 'rk4']).stdout,
    );
    const last = euler.rows.length - 1;
    expect(euler.rows[last]![1]).not.toBe(rk4.rows[last]![1]);
    expect(Math.abs(euler.rows[last]![1]! - rk4.rows[last]![1]!) / rk4.rows[last]![1]!).toBeLessThan(1e-3);
  });

  it('without --csv prints a table with names and units', () => {
    const run = runKechuang(['simulate', 'models/examples/population.yaml']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('population');
    expect(run.stdout).toContain('(million persons)');
    // Wider than 120 columns, the table continues in a second block with the time column repeated.
    const years = run.stdout.split('\n').flatMap((line) => /^│\s+(20\d\d)\s+│/.exec(line)?.[1] ?? []);
    expect(new Set(years).size).toBe(21);
    expect(years.length % 21).toBe(0);
  });

  it('exits 2 naming the parameter for an unknown --set name, without a stack trace', () => {
    const run = runKechuang(['simulate', 'models/examples/population.yaml', '--set', 'brith_rate=0.01']);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain("'brith_rate' is not a parameter");
    expect(run.stderr).toContain("did you mean 'birth_rate'");
    noStackTrace(run.stderr);
  });

  it('exits 2 with a did-you-mean for a misspelt --vars name', () => {
    const run = runKechuang(['simulate', 'models/examples/population.yaml', '--vars', 'populaton']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      "error [unknown-output] --vars populaton: 'populaton' is not a stock, flow or auxiliary",
    );
    expect(run.stderr).toContain("did you mean 'population'?");
    noStackTrace(run.stderr);
  });

  it.each([
    [['--set', 'birth_rate'], "error [invalid-override] --set birth_rate: 'birth_rate' is not of the form name=number"],
    [['--set', 'birth_rate=fast'], 'error [invalid-override] --set birth_rate=fast'],
    [['--dt', '-1'], 'error [invalid-value] --dt -1: expected a positive number'],
    [['--method', 'heun'], "argument 'heun' is invalid"],
  ])('exits 2 for a malformed option %j', (options, expected) => {
    const run = runKechuang(['simulate', 'models/examples/population.yaml', ...options]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(expected);
    noStackTrace(run.stderr);
  });

  it('exits 2 when --set leaves the declared range', () => {
    const run = runKechuang(['simulate', 'models/examples/population.yaml', '--set', 'birth_rate=0.9']);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain('outside its declared range');
    noStackTrace(run.stderr);
  });

  it('exits 2 for a missing file and for an unknown option', () => {
    const missing = runKechuang(['simulate', 'models/nope.yaml']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('models/nope.yaml:1:1');
    noStackTrace(missing.stderr);
    const option = runKechuang(['simulate', 'models/examples/population.yaml', '--bogus']);
    expect(option.status).toBe(2);
    expect(option.stderr).toContain("unknown option '--bogus'");
  });

  it('exits 3 and names the variable and time when a run produces a non-finite value', () => {
    const path = writeModel(
      'blowup.yaml',
      [
        'name: blowup',
        'time: { start: 0, stop: 4, dt: 1 }',
        'stocks:',
        '  x: { initial: 1, inflows: [f] }',
        'flows:',
        '  f: { equation: "1 / (2 - time)" }',
        '',
      ].join('\n'),
    );
    const run = runKechuang(['simulate', path, '--csv']);
    expect(run.status, run.stderr).toBe(3);
    expect(run.stderr).toMatch(/f is Infinity at time 2/);
    expect(run.stderr).toContain(`kechuang simulate ${path}`);
    noStackTrace(run.stderr);
  });
});

describe('kechuang with JSON models', () => {
  it('simulates a model written as JSON, with the same structure as YAML', () => {
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
    const run = runKechuang(['simulate', path, '--csv']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe('time,x,loss\n0,8,4\n1,4,2\n2,2,1\n');
  });

  it('points at the line and field of a problem in a JSON model', () => {
    const path = writeModel(
      'bad.json',
      '{\n  "name": "bad",\n  "time": { "start": 0, "stop": 2, "dt": 1 },\n  "auxiliaries": { "a": "b * 2" }\n}\n',
    );
    const run = runKechuang(['validate', path]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      `${path}:4:26: error [unknown-variable] auxiliaries.a.equation: 'b' is not defined in this model`,
    );
  });
});

describe('kechuang validate', () => {
  it('exits 0 and says ok for every clean model', () => {
    const run = runKechuang([
      'validate',
      'models/reference.yaml',
      'models/examples/population.yaml',
      'models/examples/smooth-delay.yaml',
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.match(/^ok /gm)).toHaveLength(3);
  });

  it('exits 2 and prints file:line:column, code and field for a bad model', () => {
    const path = writeModel(
      'bad.yaml',
      [
        'name: bad',
        'time: { start: 0, stop: 10, dt: 1 }',
        'stocks:',
        '  s: { initial: 1, inflows: [f] }',
        'flows:',
        '  f: { equation: s * rate }',
        '',
      ].join('\n'),
    );
    const run = runKechuang(['validate', path]);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain(
      `${path}:6:22: error [unknown-variable] flows.f.equation: 'rate' is not defined in this model`,
    );
    noStackTrace(run.stderr);
  });

  it('reports every file, and fails when any is bad', () => {
    const path = writeModel('broken.yaml', 'name: [\n');
    const run = runKechuang(['validate', 'models/examples/population.yaml', path]);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stdout).toContain('ok models/examples/population.yaml');
    expect(run.stderr).toContain(`${path}:`);
    noStackTrace(run.stderr);
  });
});

describe('kechuang with files that are not models', () => {
  it.each([
    ['a directory', (): string => scratch, 'it is a directory, not a file'],
    ['a binary file', (): string => writeModel('binary.yaml', '\u0000\u0001\u0002binary'), 'it holds binary data'],
    ['an empty file', (): string => writeModel('empty.yaml', ''), 'found an empty file'],
    ['a list', (): string => writeModel('list.yaml', '- a\n- b\n'), 'found a list'],
  ])('exits 2 naming the file for %s', (_, makePath, expected) => {
    const path = makePath();
    const run = runKechuang(['validate', path]);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain(`${path}:1:1: error`);
    expect(run.stderr).toContain(expected);
    noStackTrace(run.stderr);
  });
});

describe('kechuang describe', () => {
  it('lists parameters with units, ranges and docs, and the stocks, flows and auxes', () => {
    const run = runKechuang(['describe', 'models/examples/population.yaml']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Parameters (5)');
    expect(run.stdout).toMatch(/birth_rate\s+│\s+0\.006\s+│\s+1\/year\s+│\s+\[0, 0\.05\]/);
    expect(run.stdout).toContain('Stocks (1)');
    expect(run.stdout).toContain('Population / 人口');
    expect(run.stdout).toContain('Auxiliaries (2)');
  });

  it('--json prints the model as data', () => {
    const run = runKechuang(['describe', 'models/examples/population.yaml', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const model = JSON.parse(run.stdout) as { parameters: { name: string; min?: number }[] };
    expect(model.parameters.map((parameter) => parameter.name)).toContain('policy_boost');
  });
});

describe('kechuang --help and --version', () => {
  it('exit 0', () => {
    expect(runKechuang(['--help']).status).toBe(0);
    const version = runKechuang(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
