import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Node as YamlNode,
  type Pair,
  type YAMLMap,
} from 'yaml';
import type { Diagnostic, SourceLocation } from './diagnostic.js';
import { messages, type Message } from './messages.js';

/** A path into a YAML document: map keys and sequence indices. */
export type FieldPath = readonly (string | number)[];

/** A parsed YAML (or JSON) file whose values can be traced back to lines and columns. */
export interface YamlSource {
  file: string;
  /** The document as plain JavaScript values. */
  root: unknown;
  /** Where the value at `path` starts (or its key, with `part: 'key'`); the nearest existing parent otherwise. */
  locate(path: FieldPath, part?: 'key' | 'value'): SourceLocation;
  /**
   * How the text of the scalar at `path` maps back to the file: YAML folds lines and resolves escapes,
   * so each segment says where a run of the value's characters starts in the file.
   */
  scalarSegments(path: FieldPath): TextSegment[] | undefined;
}

/** From character `offset` of a scalar's value on, characters sit at `line`, from `column` on. */
export interface TextSegment extends SourceLocation {
  offset: number;
}

/** The YAML reader's words, except where it ran out of stack: then say what in the file caused that. */
const yamlProblem = (detail: string): Message =>
  detail.includes('Maximum call stack size exceeded') ? messages.yamlTooDeep() : messages.syntaxError('YAML', detail);

/**
 * The YAML reader recurses once per level of nesting and runs out of stack near 800 levels of
 * `[`, and where that happens while V8 compiles a regular expression the process dies outright
 * (a fatal "out of memory", not a catchable error). So deeper text is refused before parsing, with
 * a wide margin: at most this many open `[` or `{`, and this many columns of indentation (counting
 * the `- ` and `? ` of compact nested lists).
 */
const maximumFlowDepth = 256;
const maximumIndentColumns = 512;

/** The offset where the text first nests deeper than the limits above, or -1 (brackets in strings count too: no model needs 256). */
function tooDeepOffset(text: string): number {
  let flowDepth = 0;
  let lineStart = true;
  let indent = 0;
  for (let offset = 0; offset < text.length; offset++) {
    const char = text[offset];
    if (char === '\n') {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart) {
      const indicator = (char === '-' || char === '?') && (text[offset + 1] === ' ' || text[offset + 1] === '\t');
      if (char === ' ' || char === '\t' || indicator) {
        indent += indicator ? 2 : 1;
        if (indicator) offset++;
        if (indent > maximumIndentColumns) return offset;
        continue;
      }
      lineStart = false;
    }
    if (char === '[' || char === '{') {
      flowDepth++;
      if (flowDepth > maximumFlowDepth) return offset;
    } else if (char === ']' || char === '}') flowDepth = Math.max(0, flowDepth - 1);
  }
  return -1;
}

/** The file location of a character offset in a scalar's value, given its segments. */
export function locateInSegments(segments: readonly TextSegment[], offset: number): SourceLocation {
  let chosen = segments[0];
  for (const segment of segments) if (segment.offset <= offset) chosen = segment;
  if (chosen === undefined) return { file: '', line: 1, column: 1 };
  return { file: chosen.file, line: chosen.line, column: chosen.column + (offset - chosen.offset) };
}

const isSpace = (character: string | undefined): boolean => character !== undefined && /\s/.test(character);

/** Walk a scalar's value against its raw text, starting a new segment wherever the two part ways. */
function alignScalar(value: string, raw: string, quote: string | undefined): { offset: number; rawOffset: number }[] {
  const anchors = [{ offset: 0, rawOffset: 0 }];
  let valueIndex = 0;
  let rawIndex = 0;
  while (valueIndex < value.length && rawIndex < raw.length) {
    const escaped = (quote === '"' && raw[rawIndex] === '\\') || (quote === "'" && raw.startsWith("''", rawIndex));
    if (value[valueIndex] === raw[rawIndex] && !escaped) {
      valueIndex++;
      rawIndex++;
      continue;
    }
    if (quote === '"' && raw[rawIndex] === '\\') {
      const escape = /^\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|\r?\n\s*|.)/.exec(raw.slice(rawIndex));
      rawIndex += escape?.[0].length ?? 1;
      if (!/^\\\r?\n/.test(escape?.[0] ?? '')) valueIndex++;
    } else if (quote === "'" && raw.startsWith("''", rawIndex)) {
      rawIndex += 2;
      valueIndex++;
    } else if (isSpace(raw[rawIndex])) {
      while (isSpace(raw[rawIndex])) rawIndex++;
      while (isSpace(value[valueIndex])) valueIndex++;
    } else {
      break;
    }
    anchors.push({ offset: valueIndex, rawOffset: rawIndex });
  }
  return anchors;
}

/** Format a field path the way messages show it: `stocks.gdp.initial`, `lookups.f.points[2]`. */
export function formatFieldPath(path: FieldPath): string {
  return path
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`))
    .join('');
}

/**
 * Parse YAML or JSON text, keeping positions. Syntax errors come back as diagnostics. A key written
 * twice in one mapping, or a key that is a list or a mapping, is reported in `keyDiagnostics` and
 * reading goes on (the later value wins), so the file's other problems are reported too.
 */
export function readYamlSource(
  text: string,
  file: string,
): { ok: true; source: YamlSource; keyDiagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] } {
  const deepAt = tooDeepOffset(text);
  if (deepAt >= 0) {
    const before = text.slice(0, deepAt);
    const line = before.split('\n').length;
    const location = { file, line, column: deepAt - before.lastIndexOf('\n') };
    return {
      ok: false,
      diagnostics: [
        { ...location, severity: 'error', field: '', ...messages.yamlTooDeep(maximumFlowDepth, maximumIndentColumns) },
      ],
    };
  }
  const lineCounter = new LineCounter();
  // logLevel 'error': the reader's warnings would go to process.emitWarning (stderr, beside our
  // diagnostics); the one that matters, a key that is a list or mapping, is a diagnostic below.
  const document = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, logLevel: 'error' });
  const position = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const keyDiagnostics: Diagnostic[] = [];
  if (document.errors.length > 0) {
    return {
      ok: false,
      diagnostics: document.errors.map((error): Diagnostic => {
        const firstLine = error.message.split('\n')[0] ?? error.message;
        const detail = firstLine.replace(/ at line \d+, column \d+:?$/, '');
        return { ...position(error.pos[0]), severity: 'error', field: '', ...yamlProblem(detail) };
      }),
    };
  }
  /** Each mapping's pairs by key, built on first use: lookups stay constant-time in sections of thousands of names. */
  const pairIndex = new WeakMap<YAMLMap, Map<unknown, Pair>>();
  const pairOf = (map: YAMLMap, key: string | number): Pair | undefined => {
    let index = pairIndex.get(map);
    if (index === undefined) {
      index = new Map();
      for (const item of map.items) if (isScalar(item.key)) index.set(String(item.key.value), item);
      pairIndex.set(map, index);
    }
    return index.get(String(key));
  };

  const findNode = (path: FieldPath): { node: YamlNode | null; keyNode: YamlNode | null; depth: number } => {
    let node: unknown = document.contents;
    let keyNode: YamlNode | null = null;
    let depth = 0;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = pairOf(node, segment);
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

  const duplicateKeys = (): Diagnostic[] => {
    const found: Diagnostic[] = [];
    const stack: { node: unknown; path: (string | number)[] }[] = [{ node: document.contents, path: [] }];
    for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
      const { node, path } = entry;
      if (isMap(node)) {
        const seen = new Set<unknown>();
        for (const pair of node.items) {
          if (isMap(pair.key) || isSeq(pair.key)) {
            found.push({
              ...position((pair.key as YamlNode).range?.[0] ?? 0),
              severity: 'error',
              field: formatFieldPath(path),
              ...messages.collectionKey(isMap(pair.key) ? 'a mapping' : 'a list'),
            });
            continue;
          }
          const value: unknown = isScalar(pair.key) ? pair.key.value : undefined;
          const key =
            typeof value === 'number'
              ? value
              : typeof value === 'string' || typeof value === 'boolean'
                ? String(value)
                : undefined;
          if (key === undefined) continue;
          if (seen.has(key)) {
            const offset = (pair.key as YamlNode).range?.[0] ?? 0;
            found.push({
              ...position(offset),
              severity: 'error',
              field: formatFieldPath([...path, key]),
              ...messages.duplicateKey(String(key)),
            });
          }
          seen.add(key);
          stack.push({ node: pair.value, path: [...path, key] });
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, index) => stack.push({ node: item, path: [...path, index] }));
      }
    }
    return found.sort((a, b) => a.line - b.line || a.column - b.column);
  };

  let root: unknown;
  try {
    root = document.toJS();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, diagnostics: [{ ...position(0), severity: 'error', field: '', ...yamlProblem(detail) }] };
  }
  const source: YamlSource = {
    file,
    root,
    locate(path, part = 'value') {
      const { node, keyNode, depth } = findNode(path);
      const complete = depth === path.length;
      const chosen = complete && part === 'key' && keyNode !== null ? keyNode : (node ?? keyNode);
      const offset = chosen?.range?.[0];
      return offset === undefined ? { file, line: 1, column: 1 } : position(offset);
    },
    scalarSegments(path) {
      const { node, depth } = findNode(path);
      if (depth !== path.length || !isScalar(node) || node.range === undefined || node.range === null) return undefined;
      const value = String(node.value);
      let start = node.range[0];
      let quote: string | undefined;
      if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') {
        quote = node.type === 'QUOTE_DOUBLE' ? '"' : "'";
        start += 1;
      } else if (node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL') {
        const headerEnd = text.indexOf('\n', start);
        start = headerEnd < 0 ? start : headerEnd + 1;
        while (isSpace(text[start])) start++;
      }
      const raw = text.slice(start, node.range[1]);
      return alignScalar(value, raw, quote).map(({ offset, rawOffset }) => ({
        ...position(start + rawOffset),
        offset,
      }));
    },
  };
  keyDiagnostics.push(...duplicateKeys());
  return { ok: true, source, keyDiagnostics };
}
