import { readFileSync, statSync } from 'node:fs';
import type { Result } from '../diagnostics/diagnostic.js';
import { failure } from '../diagnostics/diagnostic.js';
import { messages } from '../diagnostics/messages.js';
import type { ModelSpec } from '../model/model-spec.js';
import { readModel } from '../model/read-model.js';

/** Models are small; anything larger is a wrong path, and parsing it would only waste minutes. */
const maximumModelBytes = 20e6;

/** Read a model file from disk; an unreadable file is a diagnostic like any other. */
export function readModelFile(path: string): Result<ModelSpec> {
  const problem = (reason: string): Result<ModelSpec> =>
    failure([{ file: path, line: 1, column: 1, severity: 'error', field: '', ...messages.fileUnreadable(reason) }]);
  let bytes: Buffer;
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) return problem('it is a directory, not a model file');
    if (stats.size > maximumModelBytes) return problem(`it is ${(stats.size / 1e6).toFixed(1)} MB; a model file may be at most ${maximumModelBytes / 1e6} MB`);
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return problem(code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : error instanceof Error ? error.message : String(error));
  }
  if (bytes.includes(0)) return problem('it holds binary data, not YAML or JSON text');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return problem('it is not UTF-8 text');
  }
  return readModel(text, path);
}
