import type { Command } from 'commander';
import { checkModel } from '../compile/compile-model.js';
import { exitCodes, ReportedFailure } from './cli-error.js';
import { printDiagnostics, type CommandOutput } from './output.js';
import { readModelFile } from './read-model-file.js';

/** `kechuang validate <file...>`: check models; exit 0 only when every file is clean. */
export function registerValidateCommand(program: Command, output: CommandOutput): void {
  program
    .command('validate')
    .description('check model files: names, references, units, loops, ranges')
    .argument('<files...>', 'model files (YAML, JSON or XMILE)')
    .action((files: string[]) => {
      let failed = false;
      for (const file of files) {
        const read = readModelFile(file);
        const checked = read.ok ? checkModel(read.value) : read;
        if (!checked.ok) {
          failed = true;
          printDiagnostics(output, checked.diagnostics);
          continue;
        }
        const model = read.ok ? read.value : undefined;
        output.out(
          `ok ${file}: ${model?.stocks.length ?? 0} stocks, ${model?.flows.length ?? 0} flows, ${model?.auxiliaries.length ?? 0} auxiliaries, ${model?.parameters.length ?? 0} parameters\n`,
        );
      }
      if (failed) throw new ReportedFailure(exitCodes.badInput);
    });
}
