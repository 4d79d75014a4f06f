import { describe, expect, it } from 'vitest';
import { checkUnits } from '../../../src/model/check-units.js';
import { readModel } from '../../../src/model/read-model.js';

const unitProblems = (auxiliaries: string[]): string[] => {
  const read = readModel(
    [
      'name: m',
      'time: { start: 0, stop: 4, dt: 1, unit: year }',
      'parameters:',
      '  money: { value: 10, unit: yuan }',
      '  span: { value: 2, unit: year }',
      'auxiliaries:',
      ...auxiliaries.map((line) => `  ${line}`),
    ].join('\n'),
    'm.yaml',
  );
  if (!read.ok) throw new Error(JSON.stringify(read.diagnostics));
  return checkUnits(read.value).map((diagnostic) => diagnostic.message);
};

describe('checkUnits() on the built-ins added for XMILE', () => {
  it('gives safediv() the unit of a / b, impulse() volume per time unit, trend_of() 1 per time unit', () => {
    expect(
      unitProblems([
        'rate: { equation: "safediv(money, span)", unit: yuan/year }',
        'fallback: { equation: "safediv(money, span, 0)", unit: yuan/year }',
        'ratio: { equation: "safediv(4, 2)", unit: dmnl }',
        'spike: { equation: "impulse(money, 1, span)", unit: yuan/year }',
        'growth: { equation: "trend_of(money, span)", unit: 1/year }',
        'first: { equation: "init(money)", unit: yuan }',
        'late: { equation: "delay_fixed(money, span)", unit: yuan }',
      ]),
    ).toEqual([]);
  });

  it('reports a safediv() whose alternative has another unit, and times that are not times', () => {
    expect(
      unitProblems([
        'a: "safediv(money, span, span)"',
        'b: "impulse(money, money)"',
        'c: "trend_of(money, money)"',
        'd: { equation: "trend_of(money, span)", unit: yuan }',
      ]),
    ).toEqual([
      'units do not agree: safediv() quotient and alternative differ: yuan/year and year',
      'units do not agree: impulse() first time needs a time in year, found yuan',
      'units do not agree: trend_of() time needs a time in year, found yuan',
      'units do not agree in the equation of d: expected yuan, found 1/year',
    ]);
  });
});
