import { Command, CommanderError } from 'commander';
import { exitCodes, ReportedFailure } from './cli-error.js';
import { InputError } from '../diagnostics/input-error.js';
import { registerCalibrateCommand } from './calibrate-command.js';
import { registerCompareCommand } from './compare-command.js';
import { registerConvertCommand } from './convert-command.js';
import { registerDescribeCommand } from './describe-command.js';
import { registerDiscoverCommand } from './discover-command.js';
import { processOutput, type CommandOutput } from './output.js';
import { helpExamples } from './help-examples.js';
import { packageVersion } from './package-version.js';
import { registerRunCommand } from './run-command.js';
import { registerSensitivityCommand } from './sensitivity-command.js';
import { registerSimulateCommand } from './simulate-command.js';
import { registerSolveCommand } from './solve-command.js';
import { registerValidateCommand } from './validate-command.js';

/** Build the `kechuang` program; `output` receives everything it prints. */
export function createProgram(output: CommandOutput): Command {
  const program = new Command('kechuang')
    .description('Kechuang (科创): system dynamics scenarios for science-and-technology planning')
    .version(packageVersion)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: output.out, writeErr: output.err });
  registerRunCommand(program, output);
  registerCompareCommand(program, output);
  registerSimulateCommand(program, output);
  registerValidateCommand(program, output);
  registerDescribeCommand(program, output);
  registerConvertCommand(program, output);
  registerCalibrateCommand(program, output);
  registerSolveCommand(program, output);
  registerSensitivityCommand(program, output);
  registerDiscoverCommand(program, output);
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
    await createProgram(output).parseAsync([...argv], { from: 'user' });
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
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    output.err(
      `kechuang: internal error. This is a bug in Kechuang, not in your files; please report it with this text:\n${detail}\n`,
    );
    return exitCodes.internal;
  }
}
