import { normalize } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { isRecord } from '../diagnostics/field-reader.js';
import { messages } from '../diagnostics/messages.js';
import { readYamlSource } from '../diagnostics/yaml-document.js';
import { diagnosticAt } from './internal/diagnostic-at.js';
import type { FieldPlace, ScenarioFile } from './scenario-file.js';
import type { ScenarioIo } from './scenario-io.js';
import { readScenarioFile } from './read-scenario-file.js';

/** A scenario file and the files it extends, read in that order. */
export interface ScenarioChain {
  /** The file given, then each file it extends; ends early where a file cannot be read. */
  files: ScenarioFile[];
  /** The text of each file read, in the same order. */
  texts: string[];
  /** False when some file of the chain could not be read or parsed, so a merge would miss its fields. */
  complete: boolean;
  diagnostics: Diagnostic[];
}

/** Why `io` could not read a file, without the catalogue's generic "cannot read the file" lead. */
export function unreadableReason(diagnostics: readonly Diagnostic[]): string {
  const lead = messages.fileUnreadable('').message;
  const reasons = diagnostics.map(({ message }) => (message.startsWith(lead) ? message.slice(lead.length) : message));
  return reasons.join('; ');
}

/** Whether a file named by `extends` is a model rather than a scenario: XMILE, Vensim .mdl, or YAML with `time` or `stocks` and no `model`. */
function isModelFile(path: string, text: string): boolean {
  if (/\.(xmile|xml|stmx|mdl)$/i.test(path)) return true;
  const parsed = readYamlSource(text, path);
  if (!parsed.ok || !isRecord(parsed.source.root)) return false;
  const root = parsed.source.root;
  return (
    (Object.hasOwn(root, 'time') || Object.hasOwn(root, 'stocks')) &&
    !Object.hasOwn(root, 'model') &&
    !Object.hasOwn(root, 'extends')
  );
}

/**
 * Read `file` and follow its `extends` field, and the next file's, to the end of the chain. A file
 * that cannot be read, or that is a model, is reported at the `extends` field that names it; a file named twice is a cycle,
 * reported at the `extends` field that closes it with the whole loop (`a.yaml -> b.yaml -> a.yaml`).
 * Files are told apart by their normalised path.
 */
export function readScenarioChain(file: string, io: ScenarioIo): ScenarioChain {
  const chain: ScenarioChain = { files: [], texts: [], complete: true, diagnostics: [] };
  const visited: string[] = [];
  let path = file;
  let namedAt: FieldPlace | undefined;
  for (;;) {
    const text = io.readText(path);
    if (!text.ok) {
      if (namedAt === undefined) chain.diagnostics.push(...text.diagnostics);
      else {
        const reason = unreadableReason(text.diagnostics);
        chain.diagnostics.push(diagnosticAt(namedAt, messages.referencedFileUnreadable('extends', path, reason)));
      }
      chain.complete = false;
      return chain;
    }
    if (namedAt !== undefined && isModelFile(path, text.value)) {
      chain.diagnostics.push(diagnosticAt(namedAt, messages.extendsModel(path)));
      chain.complete = false;
      return chain;
    }
    chain.texts.push(text.value);
    const read = readScenarioFile(text.value, path);
    chain.diagnostics.push(...read.diagnostics);
    if (read.scenario === undefined) {
      chain.complete = false;
      return chain;
    }
    chain.files.push(read.scenario);
    visited.push(path);
    const next = read.scenario.extends;
    if (next === undefined) return chain;
    if (visited.some((seen) => normalize(seen) === normalize(next.value))) {
      chain.diagnostics.push(diagnosticAt(next.place, messages.circularExtends([...visited, next.value])));
      return chain;
    }
    path = next.value;
    namedAt = next.place;
  }
}
