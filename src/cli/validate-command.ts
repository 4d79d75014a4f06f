import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { minimumFitPoints, observedPointCount } from '../analysis/calibrate-scenario.js';
import { checkModel } from '../compile/compile-model.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { InputError } from '../diagnostics/input-error.js';
import { messages } from '../diagnostics/messages.js';
import { compileExperiment } from '../experiment/compile-experiment.js';
import { locateField, type ModelSpec } from '../model/model-spec.js';
import { readModelText } from '../model/read-model-text.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { looksLikeScenario } from '../scenario/looks-like-scenario.js';
import { exitCodes, ReportedFailure } from './cli-error.js';
import { printDiagnostics, printModelWarnings, type CommandOutput } from './output.js';
import { loadModelHistory } from './read-model-history.js';
import { readTextFile } from './read-text-file.js';

/**
 * What a model needs beyond itself: its data file readable and well formed (reports and calibrate
 * read it), and, when it marks parameters `calibrate: true`, enough observed values to fit them.
 */
function checkModelData(model: ModelSpec): Diagnostic[] {
  const history = loadModelHistory(model);
  if (!history.ok) return history.diagnostics;
  if (history.value === undefined || !model.parameters.some((parameter) => parameter.calibrate === true)) return [];
  const pointCount = observedPointCount(model, history.value);
  if (pointCount >= minimumFitPoints) return [];
  const until = model.time.stop;
  return [
    {
      ...locateField(model, 'data'),
      severity: 'error',
      field: 'data',
      ...messages.tooFewFitPoints(pointCount, minimumFitPoints, until),
    },
  ];
}

/** Check a scenario file: the whole extends chain, its model, the model as its policies change it, and its data. */
function validateScenario(file: string, output: CommandOutput): boolean {
  const loaded = loadScenario(file, { readText: readTextFile });
  const compiled = loaded.ok ? compileExperiment(loaded.value) : loaded;
  if (!compiled.ok) {
    printDiagnostics(output, compiled.diagnostics);
    return false;
  }
  if (!loaded.ok) return false;
  const { uncertainty, targets, model } = loaded.value;
  const dataProblems = checkModelData(model);
  if (dataProblems.length > 0) {
    printDiagnostics(output, dataProblems);
    return false;
  }
  const count = (value: number, noun: string): string => `${value} ${noun}${value === 1 ? '' : 's'}`;
  output.out(
    `ok ${file}: scenario on model ${model.name}, ${count(uncertainty.parameters.length, 'uncertain input')}, ${count(targets.length, 'target')}, ${count(uncertainty.runCount, 'run')}\n`,
  );
  return true;
}

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
  program
    .command('validate')
    .description(
      'check model and scenario files: names, references, units, loops, ranges, distributions, targets, data files',
    )
    .argument('<files...>', 'model files (YAML, JSON or XMILE) and scenario files')
    .option('--out <dir>', 'also check that run --out could write into this folder')
    .action((files: string[], options: { out?: string }) => {
      if (options.out !== undefined) checkOutFolder(options.out);
      let failed = false;
      for (const file of files) {
        const text = readTextFile(file);
        if (text.ok && looksLikeScenario(text.value)) {
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
