import { describe, expect, it } from 'vitest';
import { describeValue, FieldReader, isRecord } from '../../../src/diagnostics/field-reader.js';
import { messages } from '../../../src/diagnostics/messages.js';
import { readYamlSource } from '../../../src/diagnostics/yaml-document.js';

const readerOf = (text: string): { reader: FieldReader; root: Record<string, unknown> } => {
  const result = readYamlSource(text, 'f.yaml');
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return { reader: new FieldReader(result.source), root: result.source.root as Record<string, unknown> };
};

describe('isRecord() and describeValue()', () => {
  it('isRecord() accepts plain mappings only', () => {
    expect(isRecord({ a: 1 })).toBe(true);
    expect(isRecord(Object.create(null))).toBe(true);
    expect(isRecord([1])).toBe(false);
    expect(isRecord(null)).toBe(false);
    expect(isRecord(new Set())).toBe(false);
    expect(isRecord(new Date(0))).toBe(false);
  });

  it('describeValue() names what was found in words a person reads', () => {
    expect(describeValue(null)).toBe('nothing');
    expect(describeValue([1])).toBe('a list');
    expect(describeValue({})).toBe('a mapping');
    expect(describeValue('fast')).toBe("the text 'fast'");
    expect(describeValue(2.5)).toBe('number 2.5');
    expect(describeValue(true)).toBe('boolean true');
    expect(describeValue(new Uint8Array(2))).toBe('binary data');
    expect(describeValue(new Set())).toBe('a set');
  });
});

describe('FieldReader', () => {
  it('number() reads numbers, reports text where a number belongs at the value, and a missing required field', () => {
    const { reader, root } = readerOf('dt: fast\nstart: 0\n');
    expect(reader.number(root['start'], ['start'], true)).toBe(0);
    expect(reader.number(root['dt'], ['dt'], true, 'a positive number')).toBeUndefined();
    expect(reader.number(root['stop'], ['stop'], true)).toBeUndefined();
    expect(reader.number(root['other'], ['other'], false)).toBeUndefined();
    expect(reader.diagnostics).toEqual([
      {
        file: 'f.yaml',
        line: 1,
        column: 5,
        severity: 'error',
        field: 'dt',
        ...messages.wrongType('a positive number', "the text 'fast'"),
      },
      {
        file: 'f.yaml',
        line: 1,
        column: 1,
        severity: 'error',
        field: 'stop',
        ...messages.missingField('stop', 'a number'),
      },
    ]);
  });

  it('number() refuses infinities and NaN', () => {
    const { reader, root } = readerOf('a: .inf\nb: .nan\n');
    expect(reader.number(root['a'], ['a'], true)).toBeUndefined();
    expect(reader.number(root['b'], ['b'], true)).toBeUndefined();
    expect(reader.diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      'expected a number, found number Infinity',
      'expected a number, found number NaN',
    ]);
  });

  it('checkKeys() reports each unknown key at the key, with a did-you-mean', () => {
    const { reader, root } = readerOf('stock:\n  intial: 1\n  unit: person\n');
    reader.checkKeys(root['stock'] as Record<string, unknown>, ['stock'], ['initial', 'unit', 'inflows']);
    expect(reader.diagnostics).toHaveLength(1);
    expect(reader.diagnostics[0]).toMatchObject({
      line: 2,
      column: 3,
      field: 'stock.intial',
      ...messages.unknownField('intial', ['initial', 'unit', 'inflows'], 'initial'),
    });
  });

  it('string() takes text or a number as text; stringList() a name or a list of names', () => {
    const { reader, root } = readerOf('a: text\nb: 12\nc: [x, y]\nd: one\ne: [x, 3]\nf: { k: 1 }\n');
    expect(reader.string(root['a'], ['a'])).toBe('text');
    expect(reader.string(root['b'], ['b'])).toBe('12');
    expect(reader.stringList(root['c'], ['c'])).toEqual(['x', 'y']);
    expect(reader.stringList(root['d'], ['d'])).toEqual(['one']);
    expect(reader.stringList(root['e'], ['e'])).toEqual([]);
    expect(reader.stringList(root['f'], ['f'])).toEqual([]);
    expect(reader.stringList(undefined, ['g'])).toEqual([]);
    expect(reader.diagnostics.map((diagnostic) => [diagnostic.field, diagnostic.message])).toEqual([
      ['e[1]', 'expected a name, found number 3'],
      ['f', 'expected a list of names, found a mapping'],
    ]);
  });

  it('record(), boolean() and flag() check their types', () => {
    const { reader, root } = readerOf('r: [1]\nb: yes-ish\nok: true\nflag: 3\nwhy: "no series"\n');
    expect(reader.record(root['r'], ['r'], 'a mapping of stocks')).toBeUndefined();
    expect(reader.boolean(root['b'], ['b'])).toBeUndefined();
    expect(reader.boolean(root['ok'], ['ok'])).toBe(true);
    expect(reader.flag(root['flag'], ['flag'])).toBeUndefined();
    expect(reader.flag(root['why'], ['why'])).toBe('no series');
    expect(reader.diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      'expected a mapping of stocks, found a list',
      "expected true or false, found the text 'yes-ish'",
      'expected true or a reason, found number 3',
    ]);
  });

  it('remembers where each field it read is written, for problems found later', () => {
    const { reader, root } = readerOf('time:\n  dt: 0.25\n');
    reader.record(root['time'], ['time'], 'a mapping');
    reader.number((root['time'] as Record<string, unknown>)['dt'], ['time', 'dt'], true);
    expect(reader.locations.get('time.dt')).toEqual({ file: 'f.yaml', line: 2, column: 7 });
    expect(reader.locations.get('time')).toEqual({ file: 'f.yaml', line: 1, column: 1 });
  });
});
