import { describe, expect, it } from 'vitest';
import { createRunFunctionCache } from '../../../src/parallel/run-function-cache.js';
import { encodeRunSource, type RunSource } from '../../../src/parallel/run-source.js';

describe('createRunFunctionCache()', () => {
  const source = (value: number): string => `return function run(parameters, out, base) { out[base] = ${value}; };`;
  /** A source under a hash of the test's choosing (the cache trusts the hash). */
  const encoded = (hash: string, text: string): RunSource => ({ ...encodeRunSource(text), hash });

  it('compiles a source once per hash and keeps the most recently used ones', () => {
    const cache = createRunFunctionCache(2);
    const first = cache.get(encoded('a', source(1)));
    expect(cache.get(encoded('a', 'not even JavaScript'))).toBe(first);
    cache.get(encoded('b', source(2)));
    cache.get(encoded('a', source(1)));
    cache.get(encoded('c', source(3))); // evicts b, the least recently used
    expect(cache.get(encoded('a', 'not even JavaScript'))).toBe(first);
    expect(() => cache.get(encoded('b', 'not even JavaScript'))).toThrow(SyntaxError);
  });

  it('throws a RangeError for a capacity that is not a positive integer', () => {
    expect(() => createRunFunctionCache(0)).toThrow('capacity must be a positive integer');
  });
});
