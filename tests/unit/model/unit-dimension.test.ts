import { describe, expect, test } from 'vitest';
import {
  combineDimensions,
  dimensionless,
  formatDimension,
  parseDimension,
  powerDimension,
  sameDimension,
} from '../../../src/model/unit-dimension.js';

/** A unit's base names and exponents as a plain object, for readable comparisons. */
const exponents = (unit: string): Record<string, number> => Object.fromEntries(parseDimension(unit));

describe('parseDimension()', () => {
  test('parseDimension() reads a quotient as exponents of base units', () => {
    expect(exponents('yi_yuan/year')).toEqual({ yi_yuan: 1, year: -1 });
  });

  test('parseDimension() reads a parenthesised denominator', () => {
    expect(exponents('yi_yuan/(person*year)')).toEqual({ yi_yuan: 1, person: -1, year: -1 });
  });

  test('parseDimension() reads repeated division as powers', () => {
    expect(exponents('yi_yuan/year/year')).toEqual({ yi_yuan: 1, year: -2 });
  });

  test('parseDimension() reads dmnl, 1 and the empty text as dimensionless', () => {
    for (const unit of ['dmnl', '1', '', '  ']) expect(parseDimension(unit).size, unit).toBe(0);
  });

  test('parseDimension() ignores numbers, which are scale words, not dimensions', () => {
    expect(exponents('1e8 yuan')).toEqual({ yuan: 1 });
    expect(exponents('1/year')).toEqual({ year: -1 });
  });

  test('parseDimension() reads a constant power', () => {
    expect(exponents('year^2')).toEqual({ year: 2 });
    expect(exponents('year^0.5')).toEqual({ year: 0.5 });
  });

  test('parseDimension() cancels a unit divided by itself', () => {
    expect(parseDimension('person/person').size).toBe(0);
  });

  test('parseDimension() throws for a sum', () => {
    expect(() => parseDimension('yi_yuan + person')).toThrow("'+' cannot appear in a unit");
  });

  test('parseDimension() throws for a function call', () => {
    expect(() => parseDimension('sqrt(year)')).toThrow('only names, numbers, *, / and ^number can appear in a unit');
  });

  test('parseDimension() throws for text that does not parse', () => {
    expect(() => parseDimension('yi_yuan +')).toThrow(/Unexpected end of expression/);
  });

  test('parseDimension() reads a negative power (year^-1)', () => {
    expect(exponents('year^-1')).toEqual({ year: -1 });
  });
});

describe('formatDimension()', () => {
  test('formatDimension() writes dimensionless as dmnl', () => {
    expect(formatDimension(dimensionless)).toBe('dmnl');
  });

  test('formatDimension() writes a unit as it was read', () => {
    for (const unit of ['yi_yuan/year', '1/year', 'yi_yuan/(person*year)', 'person*year', 'year^2', '1/year^2']) {
      expect(formatDimension(parseDimension(unit)), unit).toBe(unit);
    }
  });
});

describe('combineDimensions()', () => {
  test('combineDimensions() multiplies and cancels exponents', () => {
    const rate = parseDimension('yi_yuan/year');
    const year = parseDimension('year');
    expect(formatDimension(combineDimensions(rate, year, 1))).toBe('yi_yuan');
    expect(formatDimension(combineDimensions(rate, year, -1))).toBe('yi_yuan/year^2');
  });
});

describe('powerDimension()', () => {
  test('powerDimension() multiplies every exponent', () => {
    expect(Object.fromEntries(powerDimension(parseDimension('yi_yuan/year'), 2))).toEqual({ yi_yuan: 2, year: -2 });
  });

  test('powerDimension() to the zeroth power is dimensionless', () => {
    expect(powerDimension(parseDimension('person'), 0).size).toBe(0);
  });
});

describe('sameDimension()', () => {
  test('sameDimension() ignores the order units were written in', () => {
    expect(sameDimension(parseDimension('person*year'), parseDimension('year*person'))).toBe(true);
  });

  test('sameDimension() tells different units apart', () => {
    expect(sameDimension(parseDimension('yi_yuan'), parseDimension('yi_yuan/year'))).toBe(false);
    expect(sameDimension(parseDimension('yi_yuan'), parseDimension('person'))).toBe(false);
  });

  test('sameDimension() treats a fractional power and its inverse as the unit itself', () => {
    const person = parseDimension('person');
    expect(sameDimension(powerDimension(powerDimension(person, 1 / 3), 3), person)).toBe(true);
  });
});
