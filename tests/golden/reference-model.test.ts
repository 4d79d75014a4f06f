import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/compile/compile-model.js';
import { simulate } from '../../src/runtime/simulate.js';
import { loadModel, parseSeriesCsv, worstMismatch, type SeriesTable } from '../helpers/compare-series.js';

const expected = parseSeriesCsv(readFileSync(new URL('./fixtures/reference-c.csv', import.meta.url), 'utf8'));
const model = loadModel('models/reference.yaml');

function runReference(options: { hoistReciprocals?: boolean; interpret?: boolean }): SeriesTable {
  const compiled = compileModel(model, { outputs: expected.columns.slice(1), ...options });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  const result = simulate(compiled.value);
  const outputCount = result.outputNames.length;
  return {
    columns: ['time', ...result.outputNames],
    rows: Array.from(result.times, (time, saveIndex) => [
      time,
      ...result.values.subarray(saveIndex * outputCount, (saveIndex + 1) * outputCount),
    ]),
  };
}

describe('models/reference.yaml against the C implementation (reference-c.csv)', () => {
  it('compileModel() with hoisted reciprocals matches to a relative 1e-9', () => {
    const { ratio, where } = worstMismatch(expected, runReference({}), { relative: 1e-9, absolute: 0 });
    expect(ratio, where).toBeLessThanOrEqual(1);
  });

  it('compileModel() without reciprocal hoisting matches the C output bit for bit', () => {
    const { ratio, where } = worstMismatch(expected, runReference({ hoistReciprocals: false }), {
      relative: 0,
      absolute: 1e-300,
    });
    expect(ratio, where).toBeLessThanOrEqual(1);
  });

  it('the reference interpreter matches the C output bit for bit', () => {
    const { ratio, where } = worstMismatch(expected, runReference({ interpret: true }), {
      relative: 0,
      absolute: 1e-300,
    });
    expect(ratio, where).toBeLessThanOrEqual(1);
  });

  it('saves the 21 yearly points 2015..2035', () => {
    expect(runReference({}).rows.map((row) => row[0])).toEqual(Array.from({ length: 21 }, (_, index) => 2015 + index));
  });
});
