import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages } from '../../../src/diagnostics/messages.js';
import type { ScenarioSummary } from '../../../src/experiment/scenario-summary.js';
import { runInProcess } from '../../helpers/run-in-process.js';

/**
 * `kechuang run` in-process (runCli with a capturing output) on the inputs that issue 21 found
 * mishandled: names that are keys of Object.prototype, scenario names that are paths, a data file that
 * is missing, values near the largest double, and an experiment larger than the machine.
 */
const scratch = mkdtempSync(join(tmpdir(), 'kechuang-run-command-'));
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
      expect(readdirSync(join(out, sub)).sort()).toEqual(['report.html', 'series.csv', 'summary.json']);
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
