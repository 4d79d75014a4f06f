import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  kechuangCommand,
  rerunCommand,
  resumeCommand,
  shellWord,
  simulateCommand,
} from '../../../src/cli/reproduce-command.js';

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
