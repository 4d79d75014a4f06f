import { describe, expect, it } from 'vitest';
import { canonicalName, createIdentifierAllocator, displayName } from '../../../../src/model/internal/xmile-names.js';

describe('canonicalName()', () => {
  it('matches names as XMILE does: case ignored, _ and line breaks and the two characters \\n as spaces, runs collapsed', () => {
    expect(canonicalName('Total_Population')).toBe('total population');
    expect(canonicalName('  total \n  population ')).toBe('total population');
    expect(canonicalName('Stock with\\nNewline')).toBe('stock with newline');
    expect(canonicalName('a__b')).toBe(canonicalName('A B'));
  });
});

describe('displayName()', () => {
  it('puts a written name on one header line, keeping its case', () => {
    expect(displayName('Stock with\\nNewline  Character')).toBe('Stock with Newline Character');
    expect(displayName('Total\r\n   Population')).toBe('Total Population');
  });
});

describe('createIdentifierAllocator()', () => {
  it('makes identifiers of letters, digits and single underscores', () => {
    const allocate = createIdentifierAllocator();
    expect(allocate('total population')).toBe('total_population');
    expect(allocate('flow w/ division, lists')).toBe('flow_w_division_lists');
    expect(allocate('aux with $pec!@| characters')).toBe('aux_with_pec_characters');
  });

  it('writes letters outside ASCII as u and their code point, so names in any script stay distinct', () => {
    const allocate = createIdentifierAllocator();
    expect(allocate('人口')).toBe('u4eba_u53e3');
    expect(allocate('人才')).toBe('u4eba_u624d');
  });

  it('puts _ before a leading digit and numbers repeats and reserved words', () => {
    const allocate = createIdentifierAllocator();
    expect(allocate('2nd stage')).toBe('_2nd_stage');
    expect(allocate('time')).toBe('time_2');
    expect(allocate('rate')).toBe('rate');
    expect(allocate('rate!')).toBe('rate_2');
    expect(allocate('rate?')).toBe('rate_3');
    expect(allocate('!!!')).toBe('_');
  });

  it('keeps each allocator to itself', () => {
    expect(createIdentifierAllocator()('rate')).toBe('rate');
    expect(createIdentifierAllocator()('rate')).toBe('rate');
  });
});
