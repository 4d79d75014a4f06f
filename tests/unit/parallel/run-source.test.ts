import { describe, expect, it } from 'vitest';
import { createRunFunctionCache } from '../../../src/parallel/run-function-cache.js';
import { decodeRunSource, encodeRunSource } from '../../../src/parallel/run-source.js';

describe('encodeRunSource()', () => {
  it('puts the source on shared memory as UTF-8 under its sha256, decoded and compiled back whole', () => {
    const text = 'return function run(parameters, out, base) { const 科创 = 7; out[base] = 科创; };';
    const out = new Float64Array(1);
    createRunFunctionCache().get(encodeRunSource(text))(new Float64Array(0), out, 0, 1, 1);
    expect(out[0]).toBe(7);
    expect(decodeRunSource(encodeRunSource(text))).toBe(text);
  });

  it('hashes the text: the same source, the same hash; another source, another', () => {
    expect(encodeRunSource('a').hash).toBe(encodeRunSource('a').hash);
    expect(encodeRunSource('a').hash).not.toBe(encodeRunSource('b').hash);
    expect(encodeRunSource('a').bytes).toBeInstanceOf(SharedArrayBuffer);
  });
});
