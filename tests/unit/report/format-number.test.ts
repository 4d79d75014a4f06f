import { describe, expect, it } from 'vitest';
import { formatExact, formatNumber } from '../../../src/report/format-number.js';

describe('formatNumber()', () => {
  it('gives six significant digits with thousands separators', () => {
    expect(formatNumber(1234567.891)).toBe('1,234,570');
    expect(formatNumber(41611)).toBe('41,611');
    expect(formatNumber(0.0612345678)).toBe('0.0612346');
    expect(formatNumber(-2.5)).toBe('-2.5');
    expect(formatNumber(0)).toBe('0');
  });

  it('turns scientific from 1e12 up and below 1e-4', () => {
    expect(formatNumber(1e12)).toBe('1.0000e+12');
    expect(formatNumber(999_999_999_999)).toBe('1,000,000,000,000');
    expect(formatNumber(0.00009876)).toBe('9.8760e-5');
    expect(formatNumber(-3e-7)).toBe('-3.0000e-7');
  });

  it('writes NaN and the infinities as JavaScript names them', () => {
    expect([NaN, Infinity, -Infinity].map(formatNumber)).toEqual(['NaN', 'Infinity', '-Infinity']);
  });
});

describe('formatExact()', () => {
  it('writes the shortest text that reads back as the same double', () => {
    for (const value of [0.1 + 0.2, 1 / 3, 1e-300, 2 ** 53 + 2, -0.000123]) {
      expect(Number(formatExact(value))).toBe(value);
    }
    expect(formatExact(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(formatExact(2)).toBe('2');
  });
});
