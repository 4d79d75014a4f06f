import { describe, expect, it } from 'vitest';
import { isDimensionlessUnit, unitAlternatives, unitFactor } from '../../../src/model/unit-scale.js';

describe('unitFactor()', () => {
  it("converts within a family, a left-out denominator taken to be the other side's", () => {
    expect(unitFactor('万亿元', 'yi_yuan/year')).toBe(1e4);
    expect(unitFactor('wan_yi_yuan/year', 'yi_yuan/year')).toBe(1e4);
    expect(unitFactor('percent', 'dmnl')).toBe(0.01);
    expect(unitFactor('%', '1')).toBe(0.01);
    expect(unitFactor('万人', 'person')).toBe(1e4);
    expect(unitFactor('yi_yuan/year', 'yi_yuan/year')).toBe(1);
  });

  it('refuses units of different families or denominators', () => {
    expect(unitFactor('person', 'yi_yuan')).toBeUndefined();
    expect(unitFactor('亿元/month', 'yi_yuan/year')).toBeUndefined();
    expect(unitFactor('furlong', 'yi_yuan')).toBeUndefined();
  });
});

describe('isDimensionlessUnit() and unitAlternatives()', () => {
  it('knows pure numbers and lists the other units of a family', () => {
    expect(isDimensionlessUnit('dmnl')).toBe(true);
    expect(isDimensionlessUnit(undefined)).toBe(true);
    expect(isDimensionlessUnit('1/year')).toBe(false);
    expect(unitAlternatives('yi_yuan/year')).toContain('万亿元');
    expect(unitAlternatives('dmnl')).toContain('percent');
    expect(unitAlternatives('furlong')).toEqual([]);
  });
});
