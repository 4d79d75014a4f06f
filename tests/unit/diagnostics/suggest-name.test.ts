import { describe, expect, it } from 'vitest';
import { suggestName } from '../../../src/diagnostics/suggest-name.js';

describe('suggestName()', () => {
  const names = ['birth_rate', 'death_rate', 'population', 'gdp'];

  it('suggests the closest name within a third of the name length in edits', () => {
    expect(suggestName('brith_rate', names)).toBe('birth_rate');
    expect(suggestName('populaton', names)).toBe('population');
    expect(suggestName('deth_rate', names)).toBe('death_rate');
  });

  it('suggests nothing for a name far from every candidate, or when there are none', () => {
    expect(suggestName('foo', names)).toBeUndefined();
    expect(suggestName('interest', names)).toBeUndefined();
    expect(suggestName('gdp2', [])).toBeUndefined();
  });

  it('prefers a name that differs only in case, even over a closer spelling', () => {
    expect(suggestName('GDP', [...names, 'gdq'])).toBe('gdp');
    expect(suggestName('Population', names)).toBe('population');
  });

  it('never suggests the name being defined, nor the name itself', () => {
    expect(suggestName('rate', ['rate', 'rates'], 'rates')).toBeUndefined();
    expect(suggestName('rat', ['rat', 'rate'])).toBe('rate');
  });
});
