import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Discovery } from '../../../src/analysis/discover-scenarios.js';
import { defaultPrimOptions } from '../../../src/analysis/prim-box.js';
import { messages } from '../../../src/diagnostics/messages.js';
import { boxLine, formatBound, formatPrimTable, restrictionText } from '../../../src/report/prim-table.js';

const box = {
  restrictions: [
    { name: 'gdp_growth_base', min: null, max: 0.046812 },
    { name: 'employed_persons', min: 1240.5, max: 1300.25 },
    { name: 'rd_spillover', min: 0.09, max: null },
  ],
  coverage: 0.8123,
  density: 0.9234,
  mass: 0.0812,
  runCount: 812,
  classCount: 750,
};

const discovery: Discovery = {
  scenario: 'baseline',
  targets: [{ id: 'digital_growth_2025', variable: 'digital_economy_growth', year: 2025, op: '>=', threshold: 0.075 }],
  class: 'missed',
  runs: 10000,
  seed: 1,
  sampling: 'lhs',
  classCount: 923,
  inputs: [
    { name: 'gdp_growth_base' },
    { name: 'employed_persons' },
    { name: 'rd_spillover', joint: 'calibration', jointRowCount: 100 },
  ],
  excluded: [],
  options: defaultPrimOptions,
  box,
  peeledBox: { ...box, restrictions: [...box.restrictions, { name: 'x', min: 0.1, max: null }], density: 0.93 },
  trajectory: [
    { coverage: 1, density: 0.0923, mass: 1, restrictionCount: 0 },
    { coverage: 0.8123, density: 0.93, mass: 0.0812, restrictionCount: 4 },
  ],
  chosenStep: 1,
  dropTolerance: 0.01,
  jointRows: [{ group: 'calibration', rowCount: 100, rowsInBox: 40 }],
};

describe('prim-table', () => {
  it('restrictionText() writes one-sided and two-sided ranges with four significant digits', () => {
    expect(box.restrictions.map(restrictionText)).toEqual([
      'gdp_growth_base ≤ 0.04682',
      '1240 ≤ employed_persons ≤ 1301',
      'rd_spillover ≥ 0.09',
    ]);
    expect([
      formatBound(0.00001234),
      formatBound(-2.5),
      formatBound(0.123456, 'down'),
      formatBound(-0.123456, 'up'),
    ]).toEqual(['1.234e-5', '-2.5', '0.1234', '-0.1234']);
  });

  it('formatBound() rounds down and up outwards, so a printed range holds the box (to 1e-12 relative)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-4, max: 1e8, noNaN: true }), fc.boolean(), (magnitude, negative) => {
        const value = negative ? -magnitude : magnitude;
        // Within 1e-12 relative: a value that floating point puts a hair off four digits is taken as those four digits.
        expect(Number(formatBound(value, 'down')) - value).toBeLessThanOrEqual(magnitude * 1e-12);
        expect(value - Number(formatBound(value, 'up'))).toBeLessThanOrEqual(magnitude * 1e-12);
      }),
    );
  });

  it('boxLine() gives the ranges, the coverage of the class and the density', () => {
    expect(boxLine(box, discovery)).toBe(
      'gdp_growth_base ≤ 0.04682 and 1240 ≤ employed_persons ≤ 1301 and rd_spillover ≥ 0.09: 81% of misses, density 0.92 (8% of runs)',
    );
    expect(boxLine(box, { ...discovery, class: 'met' })).toContain(': 81% of runs meeting it, density 0.92');
  });

  it('formatPrimTable() prints the question, the box, the trajectory, the dropped bounds and the joint rows kept', () => {
    const text = formatPrimTable(discovery);
    expect(text.split('\n').slice(0, 4)).toEqual([
      'discover: scenario baseline, runs missing digital_growth_2025 (digital_economy_growth ≥ 0.075 in 2025)',
      '10,000 runs (seed 1, Latin hypercube sampling): 923 miss (9.2%)',
      '',
      `box: ${boxLine(box, discovery)}`,
    ]);
    expect(text).toMatch(/│\s+1 \* │\s+81% │\s+0\.93 │\s+8% │\s+4 │/);
    expect(text).toContain(
      'bounds dropped as not mattering (density within 0.010 without them): x ≥ 0.1; before dropping: density 0.93, coverage 81%',
    );
    expect(text).toContain('so a bound on one of them selects rows: the box keeps 40 of the 100 rows');
  });

  it('formatPrimTable() says there is nothing to discover when no run is in the class', () => {
    const text = formatPrimTable({
      ...discovery,
      classCount: 0,
      box: null,
      peeledBox: null,
      trajectory: [],
      chosenStep: null,
    });
    const nothing = messages.nothingToDiscover('target digital_growth_2025', 'met', 10000);
    expect(text).toContain(`${nothing.message}\nhint: ${nothing.hint}`);
    expect(nothing.message).toBe('target digital_growth_2025 met in all 10,000 runs: nothing to discover');
  });
});
