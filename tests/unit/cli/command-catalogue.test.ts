import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { commandCatalogue, commandNamed } from '../../../src/cli/command-catalogue.js';
import type { CommandOutput } from '../../../src/cli/output.js';
import { createProgram } from '../../../src/cli/run-cli.js';

const silent: CommandOutput = { out: () => undefined, err: () => undefined, width: 120 };

describe('commandCatalogue', () => {
  it.each(commandCatalogue.map((entry) => [entry.name, entry] as const))(
    '%s: the catalogue lists the usage and description its module defines',
    async (name, entry) => {
      const program = new Command('kechuang');
      (await entry.load())(program, silent);
      const command = program.commands.find((candidate) => candidate.name() === name)!;
      expect(program.createHelp().subcommandTerm(command)).toBe(`${name} ${entry.usage}`);
      expect(command.description()).toBe(entry.description);
    },
  );
});

describe('commandNamed()', () => {
  it('finds the command an argument list runs or asks help for, and none for --version or --help', () => {
    expect(commandNamed(['run', 'a.yaml', '--json'])?.name).toBe('run');
    expect(commandNamed(['help', 'solve'])?.name).toBe('solve');
    expect(commandNamed(['--help'])).toBeUndefined();
    expect(commandNamed(['--version'])).toBeUndefined();
    expect(commandNamed(['rnu'])).toBeUndefined();
  });
});

describe('createProgram()', () => {
  it('lists every command in --help with its usage, defining only the one the arguments name', async () => {
    const program = await createProgram(silent, ['validate', 'm.yaml']);
    const help = program.createHelp();
    expect(program.commands.map((command) => help.subcommandTerm(command))).toEqual(
      commandCatalogue.map((entry) => `${entry.name} ${entry.usage}`),
    );
    const defined = program.commands.filter((command) => command.registeredArguments.length > 0);
    expect(defined.map((command) => command.name())).toEqual(['validate']);
  });
});
