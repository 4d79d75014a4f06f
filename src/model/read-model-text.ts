import type { Result } from '../diagnostics/diagnostic.js';
import type { ModelSpec } from './model-spec.js';
import { readMdl } from './read-mdl.js';
import { readModel } from './read-model.js';
import { readXmile } from './read-xmile.js';

/** File name endings read as XMILE; everything else is YAML or JSON. */
const xmileExtensions = /\.(xmile|xml|stmx)$/i;

/** Read a model's text in the format its file name says: XMILE (`.xmile`, `.xml`, `.stmx`), Vensim (`.mdl`), else YAML or JSON. */
export function readModelText(text: string, file: string): Result<ModelSpec> {
  if (/\.mdl$/i.test(file)) return readMdl(text, file);
  return xmileExtensions.test(file) ? readXmile(text, file) : readModel(text, file);
}
