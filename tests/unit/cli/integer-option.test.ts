import { describe, expect, it } from 'vitest';
import { integerOption } from '../../../src/cli/integer-option.js';
import { InputError } from '../../../src/diagnostics/input-error.js';

describe('integerOption()', () => {
  it('reads a whole number within the bounds, spaces and a sign allowed', () => {
    expect(integerOption('--runs', '500', 1, 1e6)).toBe(500);
    expect(integerOption('--runs', ' +7 ', 1, 10)).toBe(7);
    expect(integerOption('--seed', '-3', -5, 5)).toBe(-3);
    expect(integerOption('--runs', '1', 1, 1)).toBe(1);
  });

  it('gives undefined when the option was not given', () => {
    expect(integerOption('--runs', undefined, 1, 10)).toBeUndefined();
  });

  it('refuses fractions, exponents, hex, words, empty text, numbers past the bounds and past 2^53, naming the option', () => {
    for (const text of ['1.5', '1e3', '0x10', 'ten', '', '  ', '0', '11', '9007199254740993']) {
      let thrown: unknown;
      try {
        integerOption('--runs', text, 1, 10);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, text).toBeInstanceOf(InputError);
      expect((thrown as InputError).render()).toBe(
        `error [invalid-value] --runs ${text}: expected a whole number from 1 to 10, found '${text}'`,
      );
    }
  });
});
