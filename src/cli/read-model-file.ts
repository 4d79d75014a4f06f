import type { Result } from '../diagnostics/diagnostic.js';
import type { ModelSpec } from '../model/model-spec.js';
import { readModelText } from '../model/read-model-text.js';
import { readTextFile } from './read-text-file.js';

/** Read a model file from disk; an unreadable file is a diagnostic like any other. */
export function readModelFile(path: string): Result<ModelSpec> {
  const text = readTextFile(path);
  return text.ok ? readModelText(text.value, path) : text;
}
