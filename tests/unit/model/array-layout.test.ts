import { describe, expect, it } from 'vitest';
import type { Message } from '../../../src/diagnostics/messages.js';
import { messages } from '../../../src/diagnostics/messages.js';
import { arrayDimensions, inferSubranges, splitSubscriptedName } from '../../../src/model/array-layout.js';
import type { DimensionSpec } from '../../../src/model/model-spec.js';

const at = { file: 'unit.yaml', line: 1, column: 1 };
const dimension = (name: string, elements: string[]): DimensionSpec => ({ name, elements, location: at });

describe('splitSubscriptedName()', () => {
  it('splits a name from its subscripts, and refuses empty subscripts', () => {
    expect(splitSubscriptedName('capacity[district, year]')).toEqual({
      name: 'capacity',
      subscripts: ['district', 'year'],
    });
    expect(splitSubscriptedName('growth')).toEqual({ name: 'growth', subscripts: [] });
    expect(splitSubscriptedName('x[a,]')).toBeUndefined();
    expect(splitSubscriptedName('x[a]]')).toBeUndefined();
  });
});

describe('inferSubranges()', () => {
  it('makes a dimension whose elements all belong to a larger one its subrange; of two equal ones, the later', () => {
    const found = inferSubranges([
      dimension('district', ['a', 'b', 'c']),
      dimension('north', ['a', 'b']),
      dimension('same', ['a', 'b', 'c']),
      dimension('other', ['z']),
    ]);
    expect(found.map((spec) => [spec.name, spec.parent])).toEqual([
      ['district', undefined],
      ['north', 'district'],
      ['same', 'district'],
      ['other', undefined],
    ]);
  });
});

describe('arrayDimensions()', () => {
  const dims = inferSubranges([dimension('district', ['a', 'b', 'c']), dimension('north', ['a', 'b'])]);
  it('takes the smallest dimension holding every element the definitions cover', () => {
    const reported: Message[] = [];
    const report = (message: Message): void => void reported.push(message);
    const found = arrayDimensions(dims, [
      { name: 'x', subscripts: ['north'], report },
      { name: 'y', subscripts: ['a'], report },
      { name: 'y', subscripts: ['b'], report },
      { name: 'y', subscripts: ['c'], report },
      { name: 'z', subscripts: ['district'], report },
    ]);
    expect(Object.fromEntries(found)).toEqual({ x: ['north'], y: ['district'], z: ['district'] });
    expect(reported).toEqual([]);
  });

  it('reports an unknown subscript and definitions with different subscript counts', () => {
    const reported: string[] = [];
    const report = (message: Message): void => void reported.push(message.message);
    arrayDimensions(dims, [
      { name: 'x', subscripts: ['nowhere'], report },
      { name: 'y', subscripts: ['a'], report },
      { name: 'y', subscripts: ['a', 'b'], report },
    ]);
    expect(reported).toEqual([
      messages.unknownDimension('nowhere').message,
      messages.wrongSubscriptCount('y', 1, 2).message,
    ]);
  });
});
