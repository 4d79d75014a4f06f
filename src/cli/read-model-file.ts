import { readFileSync } from 'node:fs';
import type { Result } from '../diagnostics/diagnostic.js';
import { failure } from '../diagnostics/diagnostic.js';
import { messages } from '../diagnostics/messages.js';
import type { ModelSpec } from '../model/model-spec.js';
import { readModel } from '../model/read-model.js';

/** Read a model file from disk; an unreadable file is a diagnostic like any other. */
export function readModelFile(path: string): Result<ModelSpec> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error);
    return failure([{ file: path, line: 1, column: 1, severity: 'error', field: '', ...messages.fileUnreadable(reason) }]);
  }
  return readModel(text, path);
}
