import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { commandCatalogue } from '../../../src/cli/command-catalogue.js';
import type { CommandOutput } from '../../../src/cli/output.js';
import { commandsWithExamples } from '../../../src/cli/help-examples.js';
import { sharedOptionDefinitions } from '../../../src/cli/shared-options.js';
import { runInProcess } from '../../helpers/run-in-process.js';

// run-cli.ts defines only the command it runs: load every command from the catalogue to see all their options.
const silent: CommandOutput = { out: () => undefined, err: () => undefined, width: 120 };
const program = new Command('kechuang');
for (const entry of commandCatalogue) (await entry.load())(program, silent);
const commands: readonly Command[] = program.commands;
const shared = Object.values(sharedOptionDefinitions);
const longName = (flags: string): string => flags.split(/[ ,]+/).find((part) => part.startsWith('--'))!;

// Issue 20, problem 7: one thing, many spellings.
describe('--help of every command (issue 20, problem 7)', () => {
  it('gives each shared option the same flags, argument and description wherever a command takes it', () => {
    const seen: string[] = [];
    for (const command of commands) {
      for (const option of command.options) {
        const definition = shared.find((candidate) => longName(candidate.flags) === option.long);
        // validate --out checks that run --out could write into the folder; it writes nothing there itself.
        if (definition === undefined || (command.name() === 'validate' && option.long === '--out')) continue;
        seen.push(`${command.name()} ${option.long}`);
        expect(option.flags, `${command.name()} ${option.long}`).toBe(definition.flags);
        expect(option.description, `${command.name()} ${option.long}`).toBe(definition.description);
      }
    }
    for (const name of ['run', 'compare', 'simulate', 'calibrate', 'sensitivity', 'solve', 'discover'])
      for (const flag of ['--json', '--quiet']) expect(seen).toContain(`${name} ${flag}`);
    for (const name of ['run', 'compare', 'simulate', 'calibrate', 'sensitivity'])
      expect(seen).toContain(`${name} --out`);
    expect(seen).toContain('sensitivity --runs');
    expect(seen).toContain('run --lang');
    expect(seen).toContain('compare --lang');
  });

  it('shows examples on every command, marks required options, and shows no empty default', async () => {
    expect(commands.map((command) => command.name()).sort()).toEqual([...commandsWithExamples].sort());
    for (const command of commands) {
      const help = await runInProcess([command.name(), '--help']);
      expect(help.status, command.name()).toBe(0);
      expect(help.stdout, command.name()).toMatch(/\nExamples:\n {2}\$ kechuang /);
      expect(help.stdout, command.name()).not.toContain('(default: [])');
      expect(help.stdout, `${command.name()}: a number shown as quoted text`).not.toMatch(/\(default: "[\d.]+"\)/);
    }
    const solve = (await runInProcess(['solve', '--help'])).stdout;
    for (const option of ['--target <ids>', '--probability <p>', '--lever <name>'])
      expect(solve).toMatch(new RegExp(`${option.replace(/[<>]/g, '.')}\\s+\\(required\\)`));
  });

  it('reports a misused option in the error style of every other problem', async () => {
    const run = await runInProcess(['run', '--bogus']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error \[invalid-option\] unknown option '--bogus'/);
  });
});
