import type { Command } from 'commander';
import { checkModel } from '../compile/compile-model.js';
import { readModelText } from '../model/read-model-text.js';
import { looksLikeScenario } from '../scenario/looks-like-scenario.js';
import { exitCodes, ReportedFailure } from './cli-error.js';
import { printDiagnostics, printModelWarnings, type CommandOutput } from './output.js';
import { readTextFile } from './read-text-file.js';
import { catalogueCommand } from './command-catalogue.js';

/** `kechuang validate <file...>`: check models; exit 0 only when every file is clean. */
export function registerValidateCommand(program: Command, output: CommandOutput): void {
  catalogueCommand(program, 'validate')
    .argument('<files...>', 'model files (YAML, JSON or XMILE) and scenario files')
    .action(async (files: string[]) => {
      let failed = false;
      for (const file of files) {
        const text = readTextFile(file);
        if (text.ok && looksLikeScenario(text.value)) {
          // Scenarios need their distributions and the experiment's compiler: loaded only for them.
          const { validateScenario } = await import('./validate-scenario.js');
          if (!validateScenario(file, output)) failed = true;
          continue;
        }
        const read = text.ok ? readModelText(text.value, file) : text;
        const checked = read.ok ? checkModel(read.value) : read;
        if (!checked.ok) {
          failed = true;
          printDiagnostics(output, checked.diagnostics);
          continue;
        }
        const model = read.ok ? read.value : undefined;
        if (model !== undefined) printModelWarnings(output, model);
        output.out(
          `ok ${file}: ${model?.stocks.length ?? 0} stocks, ${model?.flows.length ?? 0} flows, ${model?.auxiliaries.length ?? 0} auxiliaries, ${model?.parameters.length ?? 0} parameters\n`,
        );
      }
      if (failed) throw new ReportedFailure(exitCodes.badInput);
    });
}
