import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioSummary } from '../../../src/experiment/scenario-summary.js';
import { messages } from '../../../src/diagnostics/messages.js';
import { beijingScenarioNames, beijingTargetIds } from '../../helpers/beijing-model.js';
import { expectNoStackTrace, runInProcess, runJsonInProcess } from '../../helpers/run-cli-in-process.js';

/**
 * `kechuang run` in-process through `runCli`, on one worker (the calling thread). What only a process
 * shows (two worker threads, files written by the binary, exit codes, progress on a terminal, a closed
 * pipe) is in tests/e2e/run-command.test.ts and tests/e2e/cli.test.ts.
 */

const scratch = mkdtempSync(join(tmpdir(), 'kechuang-run-'));
const example = 'bench/reference-mc100k.yaml';
const population = 'tests/fixtures/run/population-mc.yaml';

const runJson = (args: readonly string[]): Promise<ScenarioSummary> =>
  runJsonInProcess<ScenarioSummary>(['run', ...args, '--json', '--workers', '1']);

describe('kechuang run on the example scenario', () => {
  let summary: ScenarioSummary;
  beforeAll(async () => {
    summary = await runJson([example, '--runs', '3000']);
  });

  it('--json prints summary.json with the experiment, every target and every output series', () => {
    expect(summary).toMatchObject({
      scenario: 'reference-mc100k',
      model: 'beijing_ref',
      runs: 3000,
      seed: 20240611,
      sampling: 'random',
    });
    expect(summary.engine).toMatchObject({ version: '0.1.0', workers: 1 });
    expect(summary.engine.wallSeconds).toBeGreaterThan(0);
    expect(
      summary.targets.map((target) => [target.id, target.variable, target.year, target.op, target.threshold]),
    ).toEqual([
      ['intensity_2025', 'intensity', 2025, '>=', 0.034],
      ['tech_contract_2025', 'Tech_contract', 2025, '>=', 3500],
    ]);
    for (const target of summary.targets) {
      expect(target.probability).toBeGreaterThan(0);
      expect(target.probability).toBeLessThan(1);
      expect(target.p5).toBeLessThan(target.p50);
      expect(target.p50).toBeLessThan(target.p95);
      expect(target.firstMet.shareMetBy).toHaveLength(21);
    }
    expect(Object.keys(summary.series)).toEqual([
      'intensity',
      'Basic_share',
      'personnel_per_10k',
      'Digital_VA',
      'HighTech_VA',
      'Tech_contract',
    ]);
    const contract = summary.series['Tech_contract']!;
    expect(contract.time).toEqual(Array.from({ length: 21 }, (_, index) => 2015 + index));
    // Every run starts from the same stock, so the band is a point at the start and opens later.
    expect(new Set([contract.p5[0], contract.p50[0], contract.p95[0], contract.mean[0]])).toEqual(new Set([3453]));
    expect(contract.p95[20]! - contract.p5[20]!).toBeGreaterThan(0);
  });

  it('--json carries the provenance needed to reproduce it: file hashes, seed, sampling, inputs', () => {
    expect(summary.provenance.scenarioFile).toBe(example);
    expect(summary.provenance.modelFile).toBe(join('scenarios', '..', 'models', 'reference.yaml'));
    expect(summary.provenance.modelHash).toMatch(/^[0-9a-f]{64}$/);
    expect(summary.provenance.scenarioHash).toMatch(/^[0-9a-f]{64}$/);
    expect(summary.provenance.uncertain.map((input) => input.name)).toContain('funding_boost');
  });

  it('prints a table of each target with its probability and percentiles, and the experiment line', async () => {
    const run = await runInProcess(['run', example, '--runs', '3000', '--workers', '1']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('3,000 runs, seed 20240611, random sampling, 1 worker');
    expect(run.stdout).toMatch(/intensity_2025\s*│ intensity ≥ 3.4% in 2025\s*│ %\s*│\s*\d+\.\d%/);
    expect(run.stdout).toContain('tech_contract_2025');
    expect(run.stderr).toBe('');
  });
});

describe('kechuang run --out', () => {
  it('writes one folder per scenario when given several', async () => {
    const folder = join(scratch, 'several');
    const run = await runInProcess([
      'run',
      population,
      example,
      '--runs',
      '1000',
      '--workers',
      '1',
      '--out',
      folder,
      '--quiet',
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(join(folder, 'population-mc', 'summary.json'))).toBe(true);
    expect(existsSync(join(folder, 'reference-mc100k', 'series.csv'))).toBe(true);
  });

  it('writes report.html from the same numbers as summary.json, with the history dots of the model data file', async () => {
    const folder = join(scratch, 'baseline');
    const run = await runInProcess([
      'run',
      'tests/fixtures/report/baseline.yaml',
      '--workers',
      '1',
      '--out',
      folder,
      '--quiet',
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect([run.stdout, run.stderr]).toEqual(['', '']);
    const summary = JSON.parse(readFileSync(join(folder, 'summary.json'), 'utf8')) as ScenarioSummary;
    const page = parse(readFileSync(join(folder, 'report.html'), 'utf8'));
    const probabilities = page
      .querySelectorAll('table.targets .prob')
      .map((cell) => Number(cell.getAttribute('data-probability')));
    expect(probabilities).toEqual(summary.targets.map((target) => target.probability));
    expect(page.querySelectorAll('figure.chart')).toHaveLength(Object.keys(summary.series).length);
    expect(page.querySelector('figure.chart svg')!.text).toContain('dots: observed (population_thousand)');
    expect(page.querySelector('footer')!.text).toContain(`Kechuang ${summary.engine.version}`);
  });
});

describe('kechuang run in the terminal', () => {
  it('prints the target table and, where the terminal is wide enough, an ASCII fan per output', async () => {
    const run = await runInProcess(['run', 'tests/fixtures/report/baseline.yaml', '--workers', '1']);
    expect(run.status, run.stderr).toBe(0);
    // The unit has a column of its own; the condition wraps to fit 120 columns.
    expect(run.stdout).toMatch(/│ population_2035 │ population ≥ 10\.3 in\s+│ million\s+│\s+\d+\.\d% │/);
    expect(run.stdout).toContain('Population · 人口 (million persons): P95, P50 (median), P5 of 400 runs');
    expect(run.stdout).toContain('net_growth_rate (percent per year): P95, P50 (median), P5 of 400 runs');
    expect(run.stdout).toMatch(/┤/);
  });
});

describe('kechuang run --set, --seed, --runs', () => {
  it('--set fixes a sampled parameter and moves the odds; --seed changes the draws', async () => {
    const base = await runJson([population]);
    const higher = await runJson([population, '--set', 'birth_rate=0.009']);
    expect(higher.targets[0]!.probability).toBeGreaterThan(base.targets[0]!.probability);
    expect(higher.provenance.set).toEqual({ birth_rate: 0.009 });
    expect(higher.provenance.uncertain.find((input) => input.name === 'birth_rate')?.overridden).toBe(true);
    expect((await runJson([population, '--seed', '43'])).targets[0]!.p50).not.toBe(base.targets[0]!.p50);
  });

  it.each([
    [
      ['--set', 'birth_rate=0.2'],
      '--set birth_rate=0.2',
      messages.parameterOutOfRange('birth_rate', 0.2, 0, 0.05).message,
    ],
    [['--set', 'birth_rat=0.01'], '--set birth_rat=0.01', "did you mean 'birth_rate'?"],
    [['--set', 'birth_rate'], '--set birth_rate', messages.invalidOverride('birth_rate').message],
    [['--runs', '0'], '--runs 0', messages.notInteger('a whole number from 1 to 1000000000', '0').message],
    [['--runs', '2.5'], '--runs 2.5', 'expected a whole number'],
    [['--seed', 'abc'], '--seed abc', 'expected a whole number'],
    [['--workers', '0'], '--workers 0', 'expected a whole number from 1 to 1024'],
    [['--max-memory', '-1'], '--max-memory -1', messages.notPositive().message],
    [['--only-run', '3000'], '--only-run 3000', messages.onlyRunOutOfRange(3000, 3000).message],
  ])('%j is an input error (exit 2) naming the option', async (args, option, expected) => {
    const run = await runInProcess([
      'run',
      population,
      ...(args.includes('--workers') ? [] : ['--workers', '1']),
      ...args,
    ]);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain(option);
    expect(run.stderr).toContain(expected);
    expectNoStackTrace(run.stderr);
  });
});

describe('kechuang run on a model file', () => {
  it('says it needs a scenario and how to run the model instead (exit 2)', async () => {
    const run = await runInProcess(['run', 'models/reference.yaml', '--workers', '1']);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain(
      `models/reference.yaml:1:1: error [wrong-type] ${messages.modelNotScenario('models/reference.yaml').message}`,
    );
    expect(run.stderr).toContain('kechuang simulate models/reference.yaml');
    expectNoStackTrace(run.stderr);
  });
});

describe('kechuang run refusing what would not fit in memory', () => {
  // One column of a billion runs (8 GB) is more than 4 GB, so not even passes over single columns fit.
  it('says how much memory the experiment needs and which flags lower it, before allocating anything', async () => {
    const run = await runInProcess(['run', example, '--runs', '1000000000', '--max-memory', '4', '--workers', '1']);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain(
      'this experiment needs 1008.1 GB of memory (1,000,000,000 runs x 21 saved times x 6 stored variables',
    );
    expect(run.stderr).toContain('lower --runs');
    expect(run.stderr).toContain('--max-memory');
    expectNoStackTrace(run.stderr);
  });

  it('honours --max-memory: over it, the outputs are summarised in passes, with the same numbers', async () => {
    const run = await runInProcess(['run', population, '--max-memory', '0.0001', '--json', '--workers', '1']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('more than the 0.100 MB allowed: their outputs are summarised in 14 passes');
    const held = await runInProcess(['run', population, '--json', '--workers', '1']);
    const numbers = (stdout: string): unknown => ({ ...(JSON.parse(stdout) as object), engine: undefined });
    expect(numbers(run.stdout)).toEqual(numbers(held.stdout));
  });
});

describe('kechuang run --only-run', () => {
  it('redoes one run of an experiment that broke down, printing its sampled inputs and its non-finite values', async () => {
    const redo = await runInProcess([
      'run',
      'tests/fixtures/run/breaks-down-mc.yaml',
      '--runs',
      '40',
      '--seed',
      '7',
      '--only-run',
      '12',
    ]);
    expect(redo.status, redo.stderr).toBe(0);
    expect(redo.stdout).toContain('run 12 of breaks-down-mc (seed 7, 40 runs), sampled inputs:\n  gap = 0.5');
    expect(redo.stdout).toMatch(/│\s+1 │\s+Infinity │/);
  });
});

describe('kechuang run on a scenario whose model is an XMILE file', () => {
  it('samples the XMILE constants as parameters and reports the target', async () => {
    const summary = await runJson(['tests/fixtures/run/sir-xmile-mc.yaml']);
    expect(summary).toMatchObject({ scenario: 'sir-xmile-mc', model: 'SIR', runs: 2000, sampling: 'lhs' });
    expect(summary.provenance.modelFile).toMatch(/SIR\.xmile$/);
    const [target] = summary.targets;
    expect(target!.probability).toBeGreaterThan(0.2);
    expect(target!.probability).toBeLessThan(0.8);
    expect(summary.series['recovered']!.time).toHaveLength(3201);
    expect(summary.series['recovered']!.p50.at(-1)).toBeGreaterThan(summary.series['recovered']!.p50[0]!);
  });
});

describe('kechuang run on a scenario without targets', () => {
  it('reports every stock (the default outputs) at the last saved time', async () => {
    const run = await runInProcess(['run', 'tests/fixtures/run/population-no-targets.yaml', '--workers', '1']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('500 runs, seed 1, Latin hypercube sampling');
    expect(run.stdout).toMatch(/│ population\s+│\s+2040 │/);
    const summary = await runJson(['tests/fixtures/run/population-no-targets.yaml']);
    expect(summary.targets).toEqual([]);
    expect(Object.keys(summary.series)).toEqual(['population']);
  });
});

describe('the Beijing scenarios', () => {
  const scenarioNames = beijingScenarioNames;
  const targetIds = beijingTargetIds;
  const summaries = new Map<string, ScenarioSummary>();
  beforeAll(async () => {
    for (const name of scenarioNames) summaries.set(name, await runJson([`scenarios/${name}.yaml`, '--runs', '300']));
  });

  it.each(scenarioNames)(
    'kechuang run scenarios/%s.yaml reports the eight 2025 targets and the bands to 2030',
    (name) => {
      const summary = summaries.get(name)!;
      expect(summary.scenario).toBe(name);
      expect(summary.targets.map((target) => target.id)).toEqual(targetIds);
      for (const target of summary.targets) {
        expect(target.probability).toBeGreaterThanOrEqual(0);
        expect(target.probability).toBeLessThanOrEqual(1);
        expect(target.p5).toBeLessThanOrEqual(target.p95);
      }
      expect(summary.series['rd_intensity']!.time.at(-1)).toBe(2030);
      expect(summary.targets.find((target) => target.id === 'rd_personnel_2025')!.note).toMatch(/the target was met/);
    },
  );

  it('the basic-research push raises the odds of the 17% basic-research share above the baseline', () => {
    const odds = (name: string): number =>
      summaries.get(name)!.targets.find((target) => target.id === 'basic_research_share_2025')!.probability;
    expect(odds('basic-research-push')).toBeGreaterThan(odds('baseline') + 0.25);
  });
});

/**
 * The inputs that issue 21 found mishandled: names that are keys of Object.prototype, scenario names
 * that are paths, a data file that is missing, values near the largest double, and an experiment
 * larger than the machine.
 */
const fixtures = 'tests/fixtures/names';
const namesScenario = join(fixtures, 'prototype-names-mc.yaml');

/** Copies of the fixtures in a folder of their own, so that a test may change them. */
function copiedFixtures(): string {
  const folder = mkdtempSync(join(scratch, 'case-'));
  for (const name of readdirSync(fixtures)) copyFileSync(join(fixtures, name), join(folder, name));
  return folder;
}

describe('kechuang run with names that are keys of Object.prototype (issue 21, problems 5 and 6)', () => {
  it('keeps __proto__ in summary.json, series.csv and the report, and draws charts titled constructor or hasOwnProperty', async () => {
    const out = join(scratch, 'prototype-names');
    const run = await runInProcess(['run', namesScenario, '--workers', '1', '--quiet', '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as ScenarioSummary;
    expect(Object.keys(summary.series)).toEqual(['__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf']);
    expect(Object.hasOwn(summary.series, '__proto__')).toBe(true);
    expect(summary.series['__proto__']!.mean).toHaveLength(11);
    expect(Object.keys(summary.provenance.set)).toEqual([]);
    const csv = readFileSync(join(out, 'series.csv'), 'utf8');
    expect(csv.split('\n').filter((line) => line.startsWith('__proto__,'))).toHaveLength(11);
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    for (const name of ['__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'])
      expect(report).toContain(`data-variable="${name}"`);
  });

  it('prints __proto__ among the sampled inputs of a failed run and of --only-run', async () => {
    const scenario = join(fixtures, 'proto-input-mc.yaml');
    const failed = await runInProcess(['run', scenario, '--workers', '1', '--quiet']);
    expect(failed.status).toBe(3);
    expect(failed.stderr).toMatch(/its sampled inputs: __proto__=-0\.\d+/);
    const rerun = await runInProcess(['run', scenario, '--only-run', '1']);
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(rerun.stdout).toMatch(/sampled inputs:\n {2}__proto__ = -0\.\d+\n/);
  });

  it('ranks a parameter named constructor in the tornado chart of sensitivity --out', async () => {
    const out = join(scratch, 'prototype-sensitivity');
    const run = await runInProcess([
      'sensitivity',
      namesScenario,
      '--samples',
      '64',
      '--workers',
      '1',
      '--quiet',
      '--out',
      out,
    ]);
    expect(run.status, run.stderr).toBe(0);
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    expect(report).toContain('>constructor<');
  });
});

describe('kechuang run --out with several scenarios (issue 21, problem 4)', () => {
  it('writes each into a folder of its own inside --out, whatever the names, saying which were renamed', async () => {
    const folder = copiedFixtures();
    const source = readFileSync(join(folder, 'prototype-names-mc.yaml'), 'utf8');
    const names = ['../../escaped', '', '.', 'same', 'same'];
    const files = names.map((name, index) => {
      const file = join(folder, `scenario-${index}.yaml`);
      writeFileSync(file, source.replace('name: constructor', `name: ${JSON.stringify(name)}`));
      return file;
    });
    const out = join(folder, 'out', 'deep');
    const run = await runInProcess(['run', ...files, '--runs', '5', '--workers', '1', '--quiet', '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['escaped', 'same', 'same-2', 'scenario', 'scenario-2']);
    for (const sub of readdirSync(out))
      expect(readdirSync(join(out, sub)).sort()).toEqual(['report.html', 'runs.parquet', 'series.csv', 'summary.json']);
    expect(existsSync(join(folder, 'escaped'))).toBe(false);
    expect(readdirSync(join(folder, 'out'))).toEqual(['deep']);
    expect(run.stderr).toContain(messages.scenarioFolderRenamed('../../escaped', join(out, 'escaped')).message);
    expect(run.stderr).toContain(messages.scenarioFolderRenamed('same', join(out, 'same-2')).message);
  });
});

describe('kechuang run --out with a data file missing (issue 21, problem 10)', () => {
  it('exits 2 naming the data file before any run, leaving no checkpoint and no lock', async () => {
    const folder = copiedFixtures();
    const model = join(folder, 'prototype-names.yaml');
    writeFileSync(
      model,
      readFileSync(model, 'utf8').replace('name: prototype-names', 'name: prototype-names\ndata: gone.csv'),
    );
    const out = join(folder, 'out');
    const run = await runInProcess(['run', join(folder, 'prototype-names-mc.yaml'), '--workers', '1', '--out', out]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      `${model}:3:7: error [file-unreadable] data: cannot read the data file '${join(folder, 'gone.csv')}': no such file`,
    );
    expect(existsSync(out)).toBe(false);
    const validated = await runInProcess(['validate', model]);
    expect(validated.status).toBe(2);
    expect(validated.stderr).toContain('[file-unreadable] data:');
  });
});

describe('kechuang validate --out (issue 21: validate checks what run --out needs)', () => {
  it('passes a folder that run could create, creating nothing, and exits 2 for one that cannot be a folder', async () => {
    const folder = copiedFixtures();
    const out = join(folder, 'not-yet', 'out');
    const passed = await runInProcess(['validate', namesScenario, '--out', out]);
    expect(passed.status, passed.stderr).toBe(0);
    expect(existsSync(join(folder, 'not-yet'))).toBe(false);
    const file = join(folder, 'a-file');
    writeFileSync(file, 'not a folder');
    for (const blocked of [file, join(file, 'out')]) {
      const refused = await runInProcess(['validate', namesScenario, '--out', blocked]);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain(
        `error [file-unwritable] --out ${blocked}: cannot write there: ${file} is a file`,
      );
      expect(refused.stdout).toBe('');
    }
  });
});

describe('kechuang run on values near the largest double (issue 21, problem 11)', () => {
  it('reports a finite mean and band, where their sum overflows', async () => {
    const run = await runInProcess(['run', join(fixtures, 'near-largest-mc.yaml'), '--workers', '1', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const { mean, p5, p95 } = (JSON.parse(run.stdout) as ScenarioSummary).series['level']!;
    for (const value of [...mean, ...p5, ...p95]) expect(value).toBeGreaterThan(1.5e308);
    for (const value of [...mean, ...p5, ...p95]) expect(value).toBeLessThan(1.7e308);
  });
});

describe('kechuang run larger than the machine (issue 21, problem 12)', () => {
  it('exits 2 saying the machine could not give the memory, with --max-memory above what it has', async () => {
    const run = await runInProcess([
      'run',
      namesScenario,
      '--runs',
      '1000000000',
      '--max-memory',
      '100000',
      '--workers',
      '1',
      '--quiet',
    ]);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain('[too-large]');
    // 1e9 runs x 11 saved times x 4 outputs x 8 bytes, plus the sample matrix.
    expect(run.stderr).toContain(messages.memoryUnavailable('368.0 GB').message);
  });
});

describe('kechuang run --out on a folder another run holds (issue 21, problem 1)', () => {
  it('refuses, naming the other run, and leaves its files alone', async () => {
    const out = join(scratch, 'held');
    mkdirSync(out);
    const lock = {
      pid: process.pid,
      host: (await import('node:os')).hostname(),
      started: 'then',
      command: 'kechuang run x.yaml --out held',
      token: 't',
    };
    writeFileSync(join(out, '.kechuang-lock'), JSON.stringify(lock));
    const run = await runInProcess(['run', namesScenario, '--workers', '1', '--out', out]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(messages.outFolderLocked(out, lock.pid, lock.host, 'then', lock.command).message);
    expect(readdirSync(out)).toEqual(['.kechuang-lock']);
  });
});
