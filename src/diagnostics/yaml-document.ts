import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { Diagnostic, SourceLocation } from './diagnostic.js';
import { messages } from './messages.js';

/** A path into a YAML document: map keys and sequence indices. */
export type FieldPath = readonly (string | number)[];

/** A parsed YAML (or JSON) file whose values can be traced back to lines and columns. */
export interface YamlSource {
  file: string;
  /** The document as plain JavaScript values. */
  root: unknown;
  /** Where the value at `path` starts (or its key, with `part: 'key'`); the nearest existing parent otherwise. */
  locate(path: FieldPath, part?: 'key' | 'value'): SourceLocation;
  /** Where the scalar at `path` starts its text, so offsets inside an equation can be added; 0 if it is quoted once. */
  scalarTextStart(path: FieldPath): { location: SourceLocation; quoted: boolean } | undefined;
}

/** Format a field path the way messages show it: `stocks.gdp.initial`, `lookups.f.points[2]`. */
export function formatFieldPath(path: FieldPath): string {
  return path
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`))
    .join('');
}

/** Parse YAML or JSON text, keeping positions. Syntax errors come back as diagnostics. */
export function readYamlSource(
  text: string,
  file: string,
): { ok: true; source: YamlSource } | { ok: false; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const position = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  if (document.errors.length > 0) {
    return {
      ok: false,
      diagnostics: document.errors.map((error): Diagnostic => {
        const at = position(error.pos[0]);
        const firstLine = error.message.split('\n')[0] ?? error.message;
        const detail = firstLine.replace(/ at line \d+, column \d+:?$/, '');
        if (error.code === 'DUPLICATE_KEY') {
          const key = /^\s*([^:\s]+)\s*:/.exec(text.slice(error.pos[0]))?.[1] ?? '';
          return {
            ...at,
            severity: 'error',
            field: key,
            code: 'duplicate-name',
            message: `'${key}' appears twice in the same section`,
            hint: 'each name may be defined once',
          };
        }
        return { ...at, severity: 'error', field: '', ...messages.syntaxError('YAML', detail) };
      }),
    };
  }

  const findNode = (path: FieldPath): { node: YamlNode | null; keyNode: YamlNode | null; depth: number } => {
    let node: unknown = document.contents;
    let keyNode: YamlNode | null = null;
    let depth = 0;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === segment);
        if (pair === undefined) break;
        keyNode = pair.key as YamlNode;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
        keyNode = null;
        node = node.items[segment];
      } else {
        break;
      }
      depth += 1;
    }
    return { node: (node ?? null) as YamlNode | null, keyNode, depth };
  };

  const source: YamlSource = {
    file,
    root: document.toJS(),
    locate(path, part = 'value') {
      const { node, keyNode, depth } = findNode(path);
      const complete = depth === path.length;
      const chosen = complete && part === 'key' && keyNode !== null ? keyNode : (node ?? keyNode);
      const offset = chosen?.range?.[0];
      return offset === undefined ? { file, line: 1, column: 1 } : position(offset);
    },
    scalarTextStart(path) {
      const { node, depth } = findNode(path);
      if (depth !== path.length || !isScalar(node) || node.range === undefined || node.range === null) return undefined;
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      const folded = node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL';
      if (folded) return undefined;
      return { location: position(node.range[0] + (quoted ? 1 : 0)), quoted };
    },
  };
  return { ok: true, source };
}
