import { isRecord } from '../diagnostics/field-reader.js';
import { readYamlSource } from '../diagnostics/yaml-document.js';

/**
 * Whether a file's text reads as a scenario rather than a model: a top-level mapping with a `model`
 * or `extends` key and no `stocks`. `extends` counts because a scenario that extends another usually
 * inherits its `model`; no model may have either key. Text that is not YAML is not a scenario (the
 * model reader will report it).
 */
export function looksLikeScenario(text: string): boolean {
  // Without `model` or `extends` followed by a colon, and without an escape that could spell them, no
  // key can be either: a model file is told apart without being parsed twice.
  if (!/(?:model|extends)["']?\s*:/.test(text) && !text.includes('\\')) return false;
  const parsed = readYamlSource(text, '');
  if (!parsed.ok) return false;
  const root = parsed.source.root;
  if (!isRecord(root) || Object.hasOwn(root, 'stocks')) return false;
  return Object.hasOwn(root, 'model') || Object.hasOwn(root, 'extends');
}
