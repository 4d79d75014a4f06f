import { describe, expect, it } from 'vitest';
import { parseXmlTree, type XmlElement } from '../../../../src/model/internal/xml-tree.js';
import { plainNumber, XmileReader } from '../../../../src/model/internal/xmile-reader.js';

const element = (xml: string): XmlElement => {
  const result = parseXmlTree(xml, 'm.xmile');
  if (!result.ok) throw new Error('bad XML');
  return result.value.root;
};

describe('XmileReader', () => {
  it('number() reads the numbers XMILE writes and reports anything else at the element content', () => {
    const reader = new XmileReader('m.xmile');
    expect(reader.number(element('<dt> 0.25 </dt>'), 'time.dt')).toBe(0.25);
    expect(reader.number(element('<dt>-1.5e-3</dt>'), 'time.dt')).toBe(-0.0015);
    expect(reader.number(element('<dt>1/4</dt>'), 'time.dt')).toBeUndefined();
    expect(reader.number(element('<dt>Infinity</dt>'), 'time.dt')).toBeUndefined();
    expect(reader.diagnostics.map((diagnostic) => [diagnostic.field, diagnostic.column, diagnostic.message])).toEqual([
      ['time.dt', 5, "expected a number in <dt>, found '1/4'"],
      ['time.dt', 5, "expected a number in <dt>, found 'Infinity'"],
    ]);
  });

  it('text() is the trimmed text, undefined when absent or blank', () => {
    const reader = new XmileReader('m.xmile');
    expect(reader.text(element('<doc>  hello </doc>'))).toBe('hello');
    expect(reader.text(element('<doc>   </doc>'))).toBeUndefined();
    expect(reader.text(undefined)).toBeUndefined();
  });

  it('plainNumber accepts signs, fractions and exponents and nothing else', () => {
    for (const text of ['1', '+2', '-3.5', '.5', '5.', '1e3', '2.5E-4'])
      expect(plainNumber.test(text), text).toBe(true);
    for (const text of ['', 'e3', '1e', '0x10', '1,5', 'NaN', '1 2']) expect(plainNumber.test(text), text).toBe(false);
  });
});
