import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScenarioSummary } from '../../src/experiment/scenario-summary.js';
import { messages } from '../../src/diagnostics/messages.js';
import { runKechuang } from '../helpers/run-cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'kechuang-run-'));
const example = 'bench/reference-mc100k.yaml';
const population = 'tests/fixtures/run/population-mc.yaml';

const noStackTrace = (text: string): void => {
  expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(text).not.toMatch(/internal error/);
};

function runJson(args: readonly string[]): ScenarioSummary {
  const run = runKechuang(['run', ...args, '--json']);
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as ScenarioSummary;
}

describe('kechuang run on the example scenario', () => {
  const summary = runJson([example, '--runs', '3000', '--workers', '2']);

  it('--json prints summary.json with the experiment, every target and every output series', () => {
    expect(summary).toMatchObject({
      scenario: 'reference-mc100k',
      model: 'beijing_ref',
      runs: 3000,
      seed: 20240611,
      sampling: 'random',
    });
    expect(summary.engine).toMatchObject({ version: '0.1.0', workers: 2 });
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

  it('gives the same numbers with one worker (in the main thread) as with two', () => {
    const single = runJson([example, '--runs', '3000', '--workers', '1']);
    expect({ ...single, engine: undefined }).toEqual({ ...summary, engine: undefined });
  });

  it('prints a table of each target with its probability and percentiles, and the experiment line', () => {
    const run = runKechuang(['run', example, '--runs', '3000', '--workers', '2']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('3,000 runs, seed 20240611, random sampling, 2 workers');
    expect(run.stdout).toMatch(/intensity_2025\s*│ intensity ≥ 3.4% in 2025\s*│ %\s*│\s*\d+\.\d%/);
    expect(run.stdout).toContain('tech_contract_2025');
    expect(run.stderr).toBe('');
  });
});

describe('kechuang run --out', () => {
  it('writes summary.json (as --json prints it) and series.csv, and leaves no temporary files', () => {
    const folder = join(scratch, 'out');
    const run = runKechuang(['run', population, '--workers', '2', '--out', folder, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const written = JSON.parse(readFileSync(join(folder, 'summary.json'), 'utf8')) as ScenarioSummary;
    expect(written).toEqual(JSON.parse(run.stdout));
    const csv = readFileSync(join(folder, 'series.csv'), 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe('variable,time,mean,p5,p50,p95');
    expect(csv).toHaveLength(1 + 2 * 21);
    const [variable, time, mean, p5, p50, p95] = csv[21]!.split(',');
    expect([variable, Number(time)]).toEqual(['population', 2040]);
    expect(Number(mean)).toBe(written.series['population']!.mean[20]);
    expect([Number(p5), Number(p50), Number(p95)]).toEqual(
      [20, 20, 20].map(
        (index, column) =>
          [written.series['population']!.p5, written.series['population']!.p50, written.series['population']!.p95][
            column
          ]![index],
      ),
    );
    expect(readdirSync(folder).sort()).toEqual(['report.html', 'runs.parquet', 'series.csv', 'summary.json']);
  });

  it('writes one folder per scenario when given several', () => {
    const folder = join(scratch, 'several');
    const run = runKechuang([
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
});

describe('kechuang run --set, --seed, --runs', () => {
  it('--set fixes a sampled parameter and moves the odds; --seed changes the draws', () => {
    const base = runJson([population]);
    const higher = runJson([population, '--set', 'birth_rate=0.009']);
    expect(higher.targets[0]!.probability).toBeGreaterThan(base.targets[0]!.probability);
    expect(higher.provenance.set).toEqual({ birth_rate: 0.009 });
    expect(higher.provenance.uncertain.find((input) => input.name === 'birth_rate')?.overridden).toBe(true);
    expect(runJson([population, '--seed', '43']).targets[0]!.p50).not.toBe(base.targets[0]!.p50);
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
  ])('%j is an input error (exit 2) naming the option', (args, option, expected) => {
    const run = runKechuang(['run', population, ...args]);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain(option);
    expect(run.stderr).toContain(expected);
    noStackTrace(run.stderr);
  });
});

describe('kechuang run on a model file', () => {
  it('says it needs a scenario and how to run the model instead (exit 2)', () => {
    const run = runKechuang(['run', 'models/reference.yaml']);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain(
      `models/reference.yaml:1:1: error [wrong-type] ${messages.modelNotScenario('models/reference.yaml').message}`,
    );
    expect(run.stderr).toContain('kechuang simulate models/reference.yaml');
    noStackTrace(run.stderr);
  });
});

describe('kechuang run refusing what would not fit in memory', () => {
  // One column of a billion runs (8 GB) is more than 4 GB, so not even passes over single columns fit.
  it('says how much memory the experiment needs and which flags lower it, before allocating anything', () => {
    const run = runKechuang(['run', example, '--runs', '1000000000', '--max-memory', '4']);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain(
      'this experiment needs 1008.1 GB of memory (1,000,000,000 runs x 21 saved times x 6 stored variables',
    );
    expect(run.stderr).toContain('lower --runs');
    expect(run.stderr).toContain('--max-memory');
    noStackTrace(run.stderr);
  });

  it('honours --max-memory: over it, the outputs are summarised in passes, with the same numbers', () => {
    const run = runKechuang(['run', population, '--max-memory', '0.0001', '--json']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('more than the 0.100 MB allowed: their outputs are summarised in 14 passes');
    const held = runKechuang(['run', population, '--json']);
    const numbers = (stdout: string): unknown => ({ ...(JSON.parse(stdout) as object), engine: undefined });
    expect(numbers(run.stdout)).toEqual(numbers(held.stdout));
  });
});

describe('kechuang run when runs break down', () => {
  const scenario = 'tests/fixtures/run/breaks-down-mc.yaml';

  it('exits 3 naming the run, variable, time and inputs, and the command that redoes it', () => {
    const run = runKechuang(['run', scenario, '--workers', '2']);
    expect(run.status, run.stderr).toBe(3);
    const match = /run (\d+) gives level = Infinity at time 1[^;]*; its sampled inputs: gap=0\.5/.exec(run.stderr);
    expect(match, run.stderr).not.toBeNull();
    const rerun = /reproduce with: kechuang (run .+)$/m.exec(run.stderr)![1]!.split(' ');
    expect(rerun).toEqual(['run', scenario, '--runs', '40', '--seed', '7', '--only-run', match![1]]);
    noStackTrace(run.stderr);

    const redo = runKechuang(rerun);
    expect(redo.status, redo.stderr).toBe(0);
    expect(redo.stdout).toContain(`run ${match![1]} of breaks-down-mc (seed 7, 40 runs), sampled inputs:\n  gap = 0.5`);
    expect(redo.stdout).toMatch(/│\s+1 │\s+Infinity │/);
  });
});

describe('kechuang simulate and validate on a scenario', () => {
  // birth_rate is triangular(0.004, 0.006, 0.009): its mode holds 40% of the mass below it, so the median is
  // max - sqrt(0.5 * (max - min) * (max - mode)).
  const birthRateMedian = 0.009 - Math.sqrt(0.5 * 0.005 * 0.003);

  it('simulate runs the scenario central case: policies, fixed values, uncertain inputs at their medians', () => {
    const run = runKechuang(['simulate', population, '--vars', 'effective_birth_rate', '--csv']);
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

  it('simulate --set on a scenario overrides its policy for that parameter', () => {
    const run = runKechuang([
      'simulate',
      population,
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

  it('validate checks scenarios and models side by side', () => {
    const run = runKechuang(['validate', population, example, 'models/reference.yaml']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      `ok ${population}: scenario on model population, 2 uncertain inputs, 1 target, 3000 runs`,
    );
    expect(run.stdout).toContain(
      `ok ${example}: scenario on model beijing_ref, 10 uncertain inputs, 2 targets, 100000 runs`,
    );
  });
});

describe('kechuang run progress', () => {
  // `script` (util-linux) gives the command a terminal, as a user at a prompt has.
  const hasScript = spawnSync('script', ['--version']).status === 0;
  const inTerminal = (args: string): string =>
    spawnSync('script', ['-qc', `"${process.execPath}" dist/cli/main.js ${args} > /dev/null`, '/dev/null'], {
      encoding: 'utf8',
    }).stdout;

  it.skipIf(!hasScript)('shows a bar on a terminal for runs longer than about a second, and none with --quiet', () => {
    expect(inTerminal(`run ${example} --workers 1 --runs 600000`)).toMatch(/runs .*100% \| 600000\/600000/);
    expect(inTerminal(`run ${example} --workers 1 --runs 600000 --quiet`)).not.toContain('runs ');
  });
});

describe('kechuang run on a scenario whose model is an XMILE file', () => {
  it('samples the XMILE constants as parameters and reports the target', () => {
    const summary = runJson(['tests/fixtures/run/sir-xmile-mc.yaml', '--workers', '2']);
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
  it('reports every stock (the default outputs) at the last saved time', () => {
    const run = runKechuang(['run', 'tests/fixtures/run/population-no-targets.yaml', '--workers', '2']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('500 runs, seed 1, Latin hypercube sampling');
    expect(run.stdout).toMatch(/│ population\s+│\s+2040 │/);
    const summary = runJson(['tests/fixtures/run/population-no-targets.yaml', '--workers', '1']);
    expect(summary.targets).toEqual([]);
    expect(Object.keys(summary.series)).toEqual(['population']);
  });
});

describe('kechuang writing into a pipe that closes early', () => {
  it('stops quietly with exit 0 when the reader stops reading (| head)', () => {
    const model = join(scratch, 'long.yaml');
    writeFileSync(
      model,
      'name: long\ntime: { start: 0, stop: 100000, dt: 1 }\nstocks:\n  x: { initial: 1, inflows: [f] }\nflows:\n  f: { equation: 0.0001 * x }\n',
    );
    const piped = spawnSync(
      'bash',
      ['-c', `"${process.execPath}" dist/cli/main.js simulate "${model}" --csv | head -1; exit \${PIPESTATUS[0]}`],
      { encoding: 'utf8' },
    );
    expect(piped.stdout).toBe('time,x,f\n');
    expect(piped.stderr).toBe('');
    expect(piped.status).toBe(0);
  });
});
