import { availableParallelism } from 'node:os';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { CommandOutput } from '../../../src/cli/output.js';
import { addSharedOptions, readSharedOptions } from '../../../src/cli/shared-options.js';
import { InputError } from '../../../src/diagnostics/input-error.js';

function capture(): { output: CommandOutput; errors: () => string } {
  let stderr = '';
  return { output: { out: () => undefined, err: (text) => void (stderr += text), width: 120 }, errors: () => stderr };
}

describe('addSharedOptions()', () => {
  it('gives every command the same flags and descriptions, in the order asked', () => {
    const first = addSharedOptions(new Command('a'), ['runs', 'seed', 'set', 'json']);
    const second = addSharedOptions(new Command('b'), ['json', 'runs']);
    const describe = (command: Command) => new Map(command.options.map((option) => [option.long, option.description]));
    expect(first.options.map((option) => option.long)).toEqual(['--runs', '--seed', '--set', '--json']);
    expect(describe(second).get('--runs')).toBe(describe(first).get('--runs'));
    expect(describe(second).get('--json')).toBe(describe(first).get('--json'));
  });

  it('collects a repeated --set in order', () => {
    const command = addSharedOptions(new Command('a').exitOverride(), ['set']);
    command.parse(['--set', 'a=1', '--set', 'b=2'], { from: 'user' });
    expect(command.opts()).toEqual({ set: ['a=1', 'b=2'] });
  });
});

describe('readSharedOptions()', () => {
  it('reads checked numbers and fills the defaults', () => {
    const { output } = capture();
    const shared = readSharedOptions({ runs: '500', seed: '-3', json: true }, output);
    expect(shared).toMatchObject({ runCount: 500, seed: -3, json: true, quiet: false, set: [], out: undefined });
    expect(shared.workerCount).toBe(availableParallelism());
    expect(shared.memoryLimitBytes).toBeGreaterThan(0);
  });

  it('caps --workers at the cores of this machine, with a warning that says so', () => {
    const { output, errors } = capture();
    const shared = readSharedOptions({ workers: '999' }, output);
    expect(shared.workerCount).toBe(availableParallelism());
    expect(errors()).toMatch(/warning \[invalid-value\] --workers 999: 999 worker threads asked for/);
  });

  it('refuses a bad number naming the option', () => {
    const { output } = capture();
    expect(() => readSharedOptions({ runs: '0' }, output)).toThrow(InputError);
    expect(() => readSharedOptions({ seed: '1.5' }, output)).toThrow(/expected a whole number/);
    expect(() => readSharedOptions({ maxMemory: '-1' }, output)).toThrow(/positive number/);
    try {
      readSharedOptions({ workers: 'many' }, output);
    } catch (error) {
      expect((error as InputError).option).toBe('--workers many');
    }
  });
});
