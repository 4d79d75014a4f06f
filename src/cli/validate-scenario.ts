import { checkTargetPlausibility } from '../experiment/check-target-plausibility.js';
import { compileExperiment } from '../experiment/compile-experiment.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { checkModelData } from './check-model-data.js';
import { printDiagnostics, type CommandOutput } from './output.js';
import { readTextFile } from './read-text-file.js';

/** Check a scenario file: the whole extends chain, its model, the model as its policies change it, and its data. */
export function validateScenario(file: string, output: CommandOutput): boolean {
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
  const dataProblems = checkModelData(model);
  if (dataProblems.length > 0) {
    printDiagnostics(output, dataProblems);
    return false;
  }
  const count = (value: number, noun: string): string => `${value} ${noun}${value === 1 ? '' : 's'}`;
  output.out(
    `ok ${file}: scenario on model ${model.name}, ${count(uncertainty.parameters.length, 'uncertain input')}, ${count(targets.length, 'target')}, ${count(uncertainty.runCount, 'run')}${warnings.length === 0 ? '' : `; ${count(warnings.length, 'warning')}`}\n`,
  );
  return true;
}
