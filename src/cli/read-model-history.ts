import type { ModelHistory } from '../model/model-history.js';
import { parseModelHistory } from '../model/model-history.js';
import type { ModelSpec } from '../model/model-spec.js';
import { exitCodes, ReportedFailure } from './cli-error.js';
import { printDiagnostics, type CommandOutput } from './output.js';
import { readTextFile } from './read-text-file.js';

/**
 * The observed history of a model's variables, from `dataFile` (by default the data file the model
 * names, `data:`), or undefined when there is none. A data file that cannot be read or parsed is
 * reported and ends the command (exit 2).
 */
export function readModelHistory(
  model: ModelSpec,
  output: CommandOutput,
  dataFile = model.dataFile,
): ModelHistory | undefined {
  if (dataFile === undefined) return undefined;
  const text = readTextFile(dataFile);
  const history = text.ok ? parseModelHistory(model, text.value, dataFile) : text;
  if (!history.ok) {
    printDiagnostics(output, history.diagnostics);
    throw new ReportedFailure(exitCodes.badInput);
  }
  return history.value;
}
