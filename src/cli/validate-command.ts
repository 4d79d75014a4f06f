import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { checkModel } from '../compile/compile-model.js';
import { InputError } from '../diagnostics/input-error.js';
import { messages } from '../diagnostics/messages.js';
import { readModelText } from '../model/read-model-text.js';
import { looksLikeScenario } from '../scenario/looks-like-scenario.js';
import { checkModelData } from './check-model-data.js';
import { exitCodes, ReportedFailure } from './cli-error.js';
import { printDiagnostics, printModelWarnings, type CommandOutput } from './output.js';
import { readTextFile } from './read-text-file.js';
import { catalogueCommand } from './command-catalogue.js';

/**
 * Check that `run --out folder` could write there: the folder, or the nearest folder above it that
 * exists (run makes the rest), is a folder this process may write into. Nothing is created.
 */
function checkOutFolder(folder: string): void {
  let existing = resolve(folder);
  for (;;) {
    try {
      if (!statSync(existing).isDirectory())
        throw new InputError(`--out ${folder}`, messages.fileUnwritable(`${existing} is a file, not a folder`));
      accessSync(existing, constants.W_OK);
      return;
    } catch (error) {
      if (error instanceof InputError) throw error;
      const code = (error as { code?: string }).code;
      // ENOTDIR: a file stands somewhere above; walking up reaches it and says so.
      if ((code === 'ENOENT' || code === 'ENOTDIR') && dirname(existing) !== existing) {
        existing = dirname(existing);
        continue;
      }
      const reason =
        code === 'EACCES' || code === 'EROFS' ? `${existing} may not be written into (${code})` : String(error);
      throw new InputError(`--out ${folder}`, messages.fileUnwritable(reason));
    }
  }
}

/** `kechuang validate <file...>`: check models; exit 0 only when every file is clean. */
export function registerValidateCommand(program: Command, output: CommandOutput): void {
  catalogueCommand(program, 'validate')
    .argument('<files...>', 'model files (YAML, JSON or XMILE) and scenario files')
    .option('--out <dir>', 'also check that run --out could write into this folder')
    .action(async (files: string[], options: { out?: string }) => {
      if (options.out !== undefined) checkOutFolder(options.out);
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
        const problems = !checked.ok ? checked.diagnostics : read.ok ? checkModelData(read.value) : [];
        if (problems.length > 0) {
          failed = true;
          printDiagnostics(output, problems);
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
