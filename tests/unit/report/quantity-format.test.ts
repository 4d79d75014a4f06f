import { describe, expect, it } from 'vitest';
import { quantityFormat } from '../../../src/report/quantity-format.js';

describe('quantityFormat()', () => {
  // Issue 20, problem 5: units changed scale from row to row (the file says 12000 亿元, the table 1.2 万亿元/year).
  it('shows yi_yuan in 亿元 whatever the size, as the model file writes it, and in 万亿元 only when asked', () => {
    const small = quantityFormat('rd_expenditure', 'yi_yuan', [2500, 2843.5]);
    expect([small.scale, small.unitText, small.format(2843.5)]).toEqual([1, '亿元 (100 million yuan)', '2,844 亿元']);
    const large = quantityFormat('gdp', 'yi_yuan', [41611, 52000]);
    expect([large.scale, large.format(41611), large.number(41611)]).toEqual([1, '41,611 亿元', '41,611']);
    expect(quantityFormat('gdp_growth', 'yi_yuan/year', [12000]).format(12000)).toBe('12,000 亿元/year');
    const asked = quantityFormat('gdp', 'yi_yuan', [41611], { unit: '万亿元' });
    expect([asked.scale, asked.unitText, asked.format(41611)]).toEqual([
      1e-4,
      '万亿元 (trillion yuan)',
      '4.161 万亿元',
    ]);
    expect(quantityFormat('gdp_growth', 'yi_yuan/year', [12000], { unit: 'wan_yi_yuan' }).format(12000)).toBe(
      '1.2 万亿元/year',
    );
    expect(quantityFormat('share', 'dmnl', [0.17], { unit: 'percent' }).format(0.17)).toBe('17.0%');
    expect(quantityFormat('gdp', 'yi_yuan', [41611], { unit: 'persons' }).format(41611)).toBe('41,611 亿元');
  });

  it('shows shares as percentages with one decimal: dmnl named _share/_intensity/_rate/_growth, or every value within [0, 1]', () => {
    const named = quantityFormat('rd_intensity', 'dmnl', [0.058, 1.2]);
    expect([named.percent, named.axisFormat, named.format(0.0612), named.unitText]).toEqual([
      true,
      '.1%',
      '6.1%',
      'percent',
    ]);
    expect(quantityFormat('ratio', 'dmnl', [0.2, 0.9]).format(0.25)).toBe('25.0%');
    expect(quantityFormat('ratio', undefined, [0.2, 0.9]).percent).toBe(true);
    expect(quantityFormat('ratio', 'dmnl', [0.2, 1.9]).percent).toBe(false);
    expect(quantityFormat('net_growth_rate', '1/year', [0.004]).format(0.0042)).toBe('0.4%/year');
    expect(quantityFormat('x_share', 'dmnl', [-0.0001]).number(-0.0001)).toBe('0.0%');
  });

  it('shows other units with up to four significant digits and their reading', () => {
    expect(quantityFormat('researchers', 'wan_person', [12.345]).format(12.345)).toBe('12.35 万人');
    expect(quantityFormat('researchers', 'wan_person', [12]).unitText).toBe('万人 (10,000 persons)');
    expect(quantityFormat('staff', 'person', [123456.7]).format(123456.7)).toBe('123,457 persons');
    expect(quantityFormat('index', 'dmnl', [3, 5]).format(3.14159)).toBe('3.142');
    expect(quantityFormat('speed', 'km/hour', [3]).format(3)).toBe('3 km per hour');
    expect(quantityFormat('density', 'person/wan_person', [300]).format(300)).toBe('300 persons per 万人');
    expect(quantityFormat('hires', 'person/year', [3]).unitText).toBe('persons per year');
  });
});
