import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  kechuangCommand,
  rerunCommand,
  resumeCommand,
  shellWord,
  simulateCommand,
} from '../../../src/cli/reproduce-command.js';
import { runInProcess } from '../../helpers/run-cli-in-process.js';

/** The words a POSIX shell makes of a command line (printed one per line by printf). */
const shellWords = (line: string): string[] =>
  execFileSync('sh', ['-c', `printf '%s\\n' ${line}`], { encoding: 'utf8' })
    .split('\n')
    .slice(0, -1);

describe('shellWord()', () => {
  it('leaves plain words bare and quotes the rest so that a shell reads them back unchanged', () => {
    expect(shellWord('scenarios/baseline.yaml')).toBe('scenarios/baseline.yaml');
    expect(shellWord('rate=0.05')).toBe('rate=0.05');
    for (const hostile of ['my scenario.yaml', "it's.yaml", 'div0 $(touch PWNED).yaml', 'a`b`;c|d&e', '*', '']) {
      expect(shellWords(shellWord(hostile))).toEqual([hostile]);
    }
  });
});

describe('rerunCommand()', () => {
  it('names the file, the design, the fixed values and the run, each word quoted', () => {
    const command = rerunCommand({ file: 'my dir/s.yaml', runCount: 2000, seed: 7, set: ['a=1', 'b=2'] }, 41);
    expect(command).toBe("kechuang run 'my dir/s.yaml' --runs 2000 --seed 7 --set a=1 --set b=2 --only-run 41");
  });
});

describe('simulateCommand()', () => {
  it('fixes the command line values, then the inputs of the run', () => {
    expect(simulateCommand('s.yaml', ['a=1'], { b: 0.5, c: -2 })).toBe(
      'kechuang simulate s.yaml --set a=1 --set b=0.5 --set c=-2',
    );
  });
});

describe('resumeCommand()', () => {
  it('keeps --redis and --queue, with any password shown as *** and never printed', () => {
    const command = resumeCommand(['a.yaml'], {
      set: [],
      out: 'out',
      redis: 'redis://:hunter2@10.0.0.5:6380',
      queue: 'sobol',
    });
    expect(command).toBe("kechuang run a.yaml --redis 'redis://:***@10.0.0.5:6380' --queue sobol --out out --resume");
  });

  it('repeats the files and the options that shape the experiment, with --resume', () => {
    const command = resumeCommand(['a.yaml', 'b c.yaml'], { runs: '100', set: ['x=1'], out: 'out dir' });
    expect(command).toBe("kechuang run a.yaml 'b c.yaml' --runs 100 --set x=1 --out 'out dir' --resume");
    expect(shellWords(command.replace(/^kechuang /, ''))).toEqual([
      'run',
      'a.yaml',
      'b c.yaml',
      '--runs',
      '100',
      '--set',
      'x=1',
      '--out',
      'out dir',
      '--resume',
    ]);
  });
});

describe('kechuangCommand()', () => {
  it('prefixes kechuang and quotes each word', () => {
    expect(kechuangCommand(['describe', 'a b'])).toBe("kechuang describe 'a b'");
  });
});

describe('every command Kechuang prints, for a file at a hostile path (issue 21, problem 13)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'kechuang hostile '));
  const hostile = join(folder, "div0 $(touch PWNED) it's.yaml");
  /** The words of a printed command as a shell reads them, run in an empty folder where PWNED would appear. */
  const wordsOf = (command: string): string[] => {
    const cwd = mkdtempSync(join(tmpdir(), 'kechuang-shell-'));
    const words = execFileSync('sh', ['-c', `printf '%s\\n' ${command.replace(/^kechuang /, '')}`], {
      cwd,
      encoding: 'utf8',
    })
      .split('\n')
      .slice(0, -1);
    expect(readdirSync(cwd)).toEqual([]);
    return words;
  };

  it('quotes the exit-3 hint, the report line that reproduces the numbers, and calibrate header', async () => {
    for (const name of ['breaks-down.yaml', 'population-mc.yaml'])
      copyFileSync(join('tests/fixtures/run', name), join(folder, name));
    writeFileSync(hostile, readFileSync('tests/fixtures/run/breaks-down-mc.yaml', 'utf8'));
    const failed = await runInProcess(['run', hostile, '--workers', '1', '--quiet']);
    expect(failed.status).toBe(3);
    const rerun = /reproduce with: (.+)$/m.exec(failed.stderr)![1]!;
    expect(wordsOf(rerun)).toEqual(['run', hostile, '--runs', '40', '--seed', '7', '--only-run', expect.any(String)]);

    for (const name of ['population-history.yaml', 'population-data.csv'])
      copyFileSync(join('tests/fixtures/report', name), join(folder, name));
    writeFileSync(hostile, readFileSync('tests/fixtures/report/baseline.yaml', 'utf8'));
    const out = join(folder, 'out $(touch PWNED)');
    const ran = await runInProcess(['run', hostile, '--runs', '20', '--workers', '1', '--quiet', '--out', out]);
    expect(ran.status, ran.stderr).toBe(0);
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    const reproduce = /<code class="reproduce">([^<]+)<\/code>/.exec(report)![1]!;
    const unescaped = reproduce.replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
    expect(wordsOf(unescaped)).toEqual(['run', hostile, '--runs', '20', '--seed', '42']);

    // Two more observed years, so that there is something to fit (the fixture has two in the model's span).
    writeFileSync(
      join(folder, 'population-data.csv'),
      `${readFileSync(join(folder, 'population-data.csv'), 'utf8')}population_thousand,2024,10070,thousand_person,illustrative,,\n`,
    );
    const written = join(folder, 'calibrated');
    const calibrated = await runInProcess([
      'calibrate',
      hostile,
      '--fit',
      'birth_rate',
      '--bootstrap',
      '2',
      '--out',
      written,
    ]);
    expect(calibrated.status, calibrated.stderr).toBe(0);
    // --out names a folder: the fit is written there under the scenario file's name.
    const header = /Written by `(kechuang calibrate [^`]+)`/.exec(
      readFileSync(join(written, basename(hostile)), 'utf8'),
    )![1]!;
    expect(wordsOf(header)).toEqual([
      'calibrate',
      hostile,
      '--fit',
      'birth_rate',
      '--until',
      expect.any(String),
      '--bootstrap',
      '2',
      '--seed',
      expect.any(String),
    ]);
  });
});
