import type { Result } from '../diagnostics/diagnostic.js';
import { failure, success } from '../diagnostics/diagnostic.js';
import { messages } from '../diagnostics/messages.js';
import type { ModelHistory } from '../model/model-history.js';
import { parseModelHistory } from '../model/model-history.js';
import { locateField, type ModelSpec } from '../model/model-spec.js';
import { exitCodes, ReportedFailure } from './cli-error.js';
import { printDiagnostics, type CommandOutput } from './output.js';
import { readTextFile } from './read-text-file.js';

/**
 * The observed history of a model's variables, from `dataFile` (by default the data file the model
 * names, `data:`), undefined when there is none, or the problems of a data file that cannot be read
 * (reported at the model's `data:` field) or parsed.
 */
export function loadModelHistory(model: ModelSpec, dataFile = model.dataFile): Result<ModelHistory | undefined> {
  if (dataFile === undefined) return success(undefined);
  const text = readTextFile(dataFile);
  if (!text.ok) {
    const reason = text.diagnostics[0]?.message.replace(/^cannot read the file: /, '') ?? 'it cannot be read';
    const named = dataFile === model.dataFile;
    return failure([
      {
        ...(named ? locateField(model, 'data') : { file: dataFile, line: 1, column: 1 }),
        severity: 'error',
        field: named ? 'data' : '',
        ...messages.dataFileUnreadable(dataFile, reason),
      },
    ]);
  }
  return parseModelHistory(model, text.value, dataFile);
}

/**
 * `loadModelHistory`, a data file that cannot be read or parsed reported on stderr and the command
 * ended (exit 2).
 */
export function readModelHistory(
  model: ModelSpec,
  output: CommandOutput,
  dataFile = model.dataFile,
): ModelHistory | undefined {
  const history = loadModelHistory(model, dataFile);
  if (!history.ok) {
    printDiagnostics(output, history.diagnostics);
    throw new ReportedFailure(exitCodes.badInput);
  }
  return history.value;
}
