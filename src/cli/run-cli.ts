import { Command, CommanderError } from 'commander';
import { exitCodes, ReportedFailure } from './cli-error.js';
import { InputError } from '../diagnostics/input-error.js';
import { commandCatalogue, commandNamed } from './command-catalogue.js';
import { mapStackTrace } from './map-stack-trace.js';
import { processOutput, type CommandOutput } from './output.js';
import { helpExamples } from './help-examples.js';
import { packageVersion } from './package-version.js';

/**
 * Build the `kechuang` program for an argument list; `output` receives everything it prints. The
 * command the arguments name is loaded and defined whole; every other command is listed by name,
 * usage and description only (command-catalogue.ts), so that `--version`, `--help` and each command
 * load no more than they need.
 */
export async function createProgram(output: CommandOutput, argv: readonly string[] = []): Promise<Command> {
  const program = new Command('kechuang')
    .description('Kechuang (科创): system dynamics scenarios for science-and-technology planning')
    .version(packageVersion)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureHelp({
      subcommandTerm: (command) =>
        [command.name(), commandCatalogue.find((entry) => entry.name === command.name())?.usage ?? ''].join(' ').trim(),
    });
  const named = commandNamed(argv);
  for (const entry of commandCatalogue) {
    if (entry === named) (await entry.load())(program, output);
    else program.command(entry.name).description(entry.description);
  }
  const outputError = (text: string, write: (text: string) => void): void =>
    write(text.replace(/^error: /, 'error [invalid-option] '));
  program.configureOutput({ writeOut: output.out, writeErr: output.err, outputError });
  for (const command of program.commands) {
    command.exitOverride().configureOutput({ writeOut: output.out, writeErr: output.err, outputError });
    helpExamples(command, command.name());
  }
  return program;
}

/** Run the command line and return the exit code: 0 ok, 1 a bug, 2 bad input, 3 a run failed. */
export async function runCli(argv: readonly string[], output: CommandOutput = processOutput): Promise<number> {
  try {
    const program = await createProgram(output, argv);
    await program.parseAsync([...argv], { from: 'user' });
    return exitCodes.ok;
  } catch (error) {
    if (error instanceof ReportedFailure) return error.exitCode;
    if (error instanceof InputError) {
      output.err(`${error.render()}\n`);
      return exitCodes.badInput;
    }
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.badInput;
    }
    const detail = error instanceof Error ? mapStackTrace(error.stack ?? error.message) : String(error);
    output.err(
      `kechuang: internal error. This is a bug in Kechuang, not in your files; please report it with this text:\n${detail}\n`,
    );
    return exitCodes.internal;
  }
}
