import type { Command } from 'commander';
import { checkModel } from '../compile/compile-model.js';
import { checkTargetPlausibility } from '../experiment/check-target-plausibility.js';
import { compileExperiment } from '../experiment/compile-experiment.js';
import { readModelText } from '../model/read-model-text.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { looksLikeScenario } from '../scenario/looks-like-scenario.js';
import { exitCodes, ReportedFailure } from './cli-error.js';
import { printDiagnostics, printModelWarnings, type CommandOutput } from './output.js';
import { readTextFile } from './read-text-file.js';

/** Check a scenario file: the whole extends chain, its model, and the model as its policies change it. */
function validateScenario(file: string, output: CommandOutput): boolean {
  const loaded = loadScenario(file, { readText: readTextFile });
  const compiled = loaded.ok ? compileExperiment(loaded.value) : loaded;
  if (!compiled.ok) {
    printDiagnostics(output, compiled.diagnostics);
    return false;
  }
  if (!loaded.ok) return false;
  const warnings = checkTargetPlausibility(compiled.value);
  if (warnings.length > 0) printDiagnostics(output, warnings);
  const { uncertainty, targets, model } = loaded.value;
  const count = (value: number, noun: string): string => `${value} ${noun}${value === 1 ? '' : 's'}`;
  output.out(
    `ok ${file}: scenario on model ${model.name}, ${count(uncertainty.parameters.length, 'uncertain input')}, ${count(targets.length, 'target')}, ${count(uncertainty.runCount, 'run')}${warnings.length === 0 ? '' : `; ${count(warnings.length, 'warning')}`}\n`,
  );
  return true;
}

/** `kechuang validate <file...>`: check models; exit 0 only when every file is clean. */
export function registerValidateCommand(program: Command, output: CommandOutput): void {
  program
    .command('validate')
    .description('check model and scenario files: names, references, units, loops, ranges, distributions, targets')
    .argument('<files...>', 'model files (YAML, JSON or XMILE) and scenario files')
    .action((files: string[]) => {
      let failed = false;
      for (const file of files) {
        const text = readTextFile(file);
        if (text.ok && looksLikeScenario(text.value)) {
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
