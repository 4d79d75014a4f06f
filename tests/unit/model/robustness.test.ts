import { describe, expect, it } from 'vitest';
import { checkModel } from '../../../src/compile/compile-model.js';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.js';
import { messages } from '../../../src/diagnostics/messages.js';
import { readModel } from '../../../src/model/read-model.js';

const header = ['name: m', 'time: { start: 0, stop: 10, dt: 1, unit: year }'];

function problems(lines: string[]): Diagnostic[] {
  const read = readModel([...header, ...lines].join('\n'), 'm.yaml');
  if (!read.ok) return read.diagnostics;
  const checked = checkModel(read.value);
  return checked.ok ? [] : checked.diagnostics;
}

describe('names mathjs reads as literals', () => {
  it.each(['NaN', 'Infinity', 'undefined'])('readModel() refuses %s as a name', (name) => {
    expect(problems(['parameters:', `  ${name}: 3`])).toMatchObject([
      { code: 'invalid-name', line: 4, field: `parameters.${name}`, message: messages.reservedName(name).message },
    ]);
  });

  it('readModel() refuses a YAML true key as a name', () => {
    expect(problems(['parameters:', '  true: 3'])).toMatchObject([{ code: 'invalid-name', field: 'parameters.true' }]);
  });
});

describe('unit rules that must not reject correct equations', () => {
  it('checkModel() accepts a ramp with a bare-number slope inside a dimensionless sum', () => {
    expect(problems(['auxiliaries:', '  share: { equation: "min(1, 0.1 + ramp(0.05, 2, 8))", unit: dmnl }'])).toEqual(
      [],
    );
  });

  it('checkModel() reads x ^ -1 and pow(x, -1) as reciprocal units', () => {
    expect(
      problems([
        'parameters:',
        '  T: { value: 2, unit: year }',
        'stocks:',
        '  s: { initial: 1, unit: person, inflows: [f] }',
        'flows:',
        '  f: { equation: s * T ^ -1, unit: person/year }',
        'auxiliaries:',
        '  y: { equation: "pow(T, -1)", unit: 1/year }',
      ]),
    ).toEqual([]);
  });
});

describe('locations', () => {
  it('checkModel() points a nested call at the inner call', () => {
    expect(problems(['auxiliaries:', '  a: max(1, max(2))'])).toMatchObject([
      { code: 'wrong-argument-count', line: 4, column: 13 },
    ]);
  });

  it('readModel() points at a numeric key where it is written', () => {
    expect(problems(['parameters:', '  a: 1', '  2020: 5'])).toMatchObject([
      { code: 'invalid-name', line: 5, column: 3, field: 'parameters.2020' },
    ]);
  });

  it('checkModel() points into a single-quoted equation past its opening quote', () => {
    expect(problems(['auxiliaries:', "  d: 'bogus_name'"])).toMatchObject([{ line: 4, column: 7 }]);
  });
});

describe('files the YAML reader must not crash on', () => {
  it('readModel() reports an alias used too often as a YAML error', () => {
    const aliases = Array.from({ length: 120 }, (_, index) => `  p${index}: *v`);
    expect(problems(['parameters:', '  base: &v 1', ...aliases])).toMatchObject([{ code: 'syntax-error' }]);
  });

  it('readModel() says a !!binary value is binary data, not a mapping', () => {
    expect(problems(['stocks:', '  s: !!binary aGVsbG8='])).toMatchObject([
      {
        code: 'wrong-type',
        field: 'stocks.s',
        message: messages.wrongType('{ initial, inflows, outflows, unit }', 'binary data').message,
      },
    ]);
  });

  it('readModel() points at the entry of an inflow list that is not a name', () => {
    expect(problems(['stocks:', '  s: { initial: 1, inflows: [f, 3] }', 'flows:', '  f: 1'])).toMatchObject([
      { code: 'wrong-type', field: 'stocks.s.inflows[1]' },
    ]);
  });
});

describe('loops', () => {
  it('checkModel() names a variable that reads itself as a -> a', () => {
    expect(problems(['auxiliaries:', '  a: a + 1'])).toMatchObject([
      { message: messages.circularDependency(['a', 'a']).message },
    ]);
  });
});
