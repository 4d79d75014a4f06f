import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSelectionScratch, selectOrderStatistics } from '../../../src/stats/select-order-statistics.js';
import { propertyRuns, propertySeed } from '../../property/property-config.js';

/** `sorted[rank]` for each rank, the definition the selection must meet (zeros compared by value). */
function bySorting(values: Float64Array, ranks: readonly number[]): number[] {
  const sorted = Float64Array.from(values).sort();
  return ranks.map((rank) => sorted[rank]!);
}

const bandRanks = (length: number): number[] =>
  [...new Set([0, Math.floor((length - 1) * 0.05), Math.ceil((length - 1) * 0.5), length - 1])].sort((a, b) => a - b);

describe('selectOrderStatistics()', () => {
  it('gives sorted[rank] on columns long enough to be counted, leaving the column as it was', () => {
    let state = 7;
    const next = (): number => (state = (state * 16807) % 2147483647) / 2147483647;
    const columns: Record<string, Float64Array> = {
      uniform: Float64Array.from({ length: 20_000 }, next),
      signed: Float64Array.from({ length: 20_000 }, () => next() - 0.5),
      constant: new Float64Array(20_000).fill(7.25),
      'three values': Float64Array.from({ length: 20_000 }, () => Math.floor(next() * 3)),
      'decades apart': Float64Array.from(
        { length: 20_000 },
        () => Math.exp(next() * 40 - 20) * (next() < 0.5 ? -1 : 1),
      ),
      'one ulp apart': Float64Array.from({ length: 20_000 }, (_, index) => 1 + (index % 9) * 2 ** -52),
      infinities: Float64Array.from({ length: 20_000 }, () => (next() < 0.01 ? -Infinity : next() * 1e308)),
    };
    const scratch = createSelectionScratch();
    for (const [name, values] of Object.entries(columns)) {
      const before = Float64Array.from(values);
      const ranks = bandRanks(values.length);
      expect(selectOrderStatistics(values, ranks, scratch), name).toEqual(bySorting(values, ranks));
      expect(values, name).toEqual(before);
    }
  });

  it(`agrees with sorting on any doubles but NaN, short and long columns (seed ${propertySeed})`, () => {
    const column = fc.oneof(
      fc.float64Array({ noNaN: true, minLength: 1, maxLength: 60 }),
      fc
        .tuple(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), fc.integer({ min: 4097, max: 9000 }), fc.nat(40))
        .map(([centre, length, spread]) =>
          Float64Array.from({ length }, (_, index) => centre + ((index * 7919) % (spread + 1)) * 2 ** -40),
        ),
    );
    fc.assert(
      fc.property(column, (values) => {
        const ranks = bandRanks(values.length);
        const selected = selectOrderStatistics(values, ranks);
        const expected = bySorting(values, ranks);
        // -0 and +0 are equal values; which one a selection returns is not part of the contract.
        expect(selected.map((value) => (value === 0 ? 0 : value))).toEqual(
          expected.map((value) => (value === 0 ? 0 : value)),
        );
      }),
      { seed: propertySeed, numRuns: propertyRuns(200) },
    );
  });

  it('throws a RangeError for a rank outside the column', () => {
    expect(() => selectOrderStatistics(Float64Array.of(1, 2), [2])).toThrow(RangeError);
    expect(() => selectOrderStatistics(Float64Array.of(1, 2), [0.5])).toThrow(RangeError);
  });
});
