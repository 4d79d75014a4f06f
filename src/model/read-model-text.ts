import type { Result } from '../diagnostics/diagnostic.js';
import type { ModelSpec } from './model-spec.js';
import { readModel } from './read-model.js';

/** Read a model's text in the format its file name says (YAML or JSON). */
export function readModelText(text: string, file: string): Result<ModelSpec> {
  return readModel(text, file);
}
