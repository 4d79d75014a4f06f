import { describe, expect, it } from 'vitest';
import { messages } from '../../../src/diagnostics/messages.js';
import {
  formatFieldPath,
  locateInSegments,
  readYamlSource,
  type YamlSource,
} from '../../../src/diagnostics/yaml-document.js';

const read = (text: string): YamlSource => {
  const result = readYamlSource(text, 'f.yaml');
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.source;
};

const text = [
  'name: demo',
  'stocks:',
  '  gdp:',
  '    initial: 100',
  '    inflows: [growth, other]',
  'lookups:',
  '  f: { points: [[0, 1], [2, 3]] }',
  '',
].join('\n');

describe('readYamlSource()', () => {
  it('gives the document as plain values', () => {
    expect(read(text).root).toEqual({
      name: 'demo',
      stocks: { gdp: { initial: 100, inflows: ['growth', 'other'] } },
      lookups: {
        f: {
          points: [
            [0, 1],
            [2, 3],
          ],
        },
      },
    });
  });

  it('locates a value, or its key, by field path, through mappings and lists', () => {
    const source = read(text);
    expect(source.locate(['stocks', 'gdp', 'initial'])).toEqual({ file: 'f.yaml', line: 4, column: 14 });
    expect(source.locate(['stocks', 'gdp', 'initial'], 'key')).toEqual({ file: 'f.yaml', line: 4, column: 5 });
    expect(source.locate(['stocks', 'gdp', 'inflows', 1])).toEqual({ file: 'f.yaml', line: 5, column: 23 });
    expect(source.locate(['lookups', 'f', 'points', 1, 0])).toEqual({ file: 'f.yaml', line: 7, column: 26 });
  });

  it('locates a path that does not exist at its nearest existing parent', () => {
    expect(read(text).locate(['stocks', 'gdp', 'outflows'])).toEqual(read(text).locate(['stocks', 'gdp']));
    expect(read(text).locate(['nothing', 'here'])).toEqual({ file: 'f.yaml', line: 1, column: 1 });
  });

  it('reports a syntax error at the line and column where the parser stops, with the reason', () => {
    const result = readYamlSource('name: x\ntime: { start: 0\nstocks: {}\n', 'bad.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics[0]).toMatchObject({ file: 'bad.yaml', line: 3, code: 'syntax-error', field: '' });
    expect(result.diagnostics[0]!.message).toMatch(/^YAML syntax error: /);
  });

  it('reports every key written twice at its second writing, and reads on (the later value wins)', () => {
    const result = readYamlSource('a: 1\nb:\n  c: 2\n  c: 3\na: 4\n', 'twice.yaml');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.keyDiagnostics.map((diagnostic) => [diagnostic.field, diagnostic.line, diagnostic.column])).toEqual([
      ['b.c', 4, 3],
      ['a', 5, 1],
    ]);
    expect(result.keyDiagnostics[0]).toMatchObject(messages.duplicateKey('c'));
    expect(result.source.root).toEqual({ a: 4, b: { c: 3 } });
  });

  it('refuses text nested deeper than it can read before parsing it, at the place it gets too deep', () => {
    const result = readYamlSource(`a: ${'['.repeat(300)}${']'.repeat(300)}\n`, 'deep.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics[0]).toMatchObject({ line: 1, column: 260, ...messages.yamlTooDeep(256, 512) });
  });

  it('reads JSON, a subset of YAML, with positions', () => {
    const source = read('{\n  "a": {\n    "b": [1, 2]\n  }\n}\n');
    expect(source.root).toEqual({ a: { b: [1, 2] } });
    expect(source.locate(['a', 'b', 1])).toMatchObject({ line: 3, column: 14 });
  });
});

describe('scalarSegments()', () => {
  /** Where each character of the scalar at `path` sits in the file, as line:column. */
  const positions = (yaml: string, path: (string | number)[]): string[] => {
    const source = read(yaml);
    const segments = source.scalarSegments(path)!;
    const value = String((source.root as Record<string, unknown>)[path[0] as string]);
    return [...value].map((_, offset) => {
      const location = locateInSegments(segments, offset);
      return `${location.line}:${location.column}`;
    });
  };

  it('maps a plain scalar character for character', () => {
    expect(positions('eq: a + b\n', ['eq'])).toEqual(['1:5', '1:6', '1:7', '1:8', '1:9']);
  });

  it('maps past the quote and past escapes in a double-quoted scalar', () => {
    // value: a"b, written "a\"b"
    expect(positions('eq: "a\\"b"\n', ['eq'])).toEqual(['1:6', '1:7', '1:9']);
  });

  it('maps a plain scalar folded over two lines to both lines', () => {
    const mapped = positions('eq: a +\n  bb\n', ['eq']);
    expect(mapped[0]).toBe('1:5');
    expect(mapped.at(-1)).toBe('2:4');
    expect(mapped.at(-2)).toBe('2:3');
  });

  it('is undefined for a path that is not a scalar', () => {
    expect(read('a: { b: 1 }\n').scalarSegments(['a'])).toBeUndefined();
    expect(read('a: 1\n').scalarSegments(['b'])).toBeUndefined();
  });
});

describe('formatFieldPath()', () => {
  it('writes keys with dots and list indices in brackets', () => {
    expect(formatFieldPath(['stocks', 'gdp', 'initial'])).toBe('stocks.gdp.initial');
    expect(formatFieldPath(['lookups', 'f', 'points', 2, 0])).toBe('lookups.f.points[2][0]');
    expect(formatFieldPath([])).toBe('');
  });
});
