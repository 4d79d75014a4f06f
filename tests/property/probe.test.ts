import fc from 'fast-check';
import { test } from 'vitest';
import { randomModelArbitrary, readModelFile, compileOrThrow } from '../helpers/model-builders.js';
import { simulate } from '../../src/runtime/simulate.js';

test('probe', () => {
  const samples = fc.sample(randomModelArbitrary(), { seed: Number(process.env.S ?? 7), numRuns: Number(process.env.N ?? 300) });
  let maxScaled = 0; let reciprocals = 0; let nonExact = 0; let worst = '';
  for (const file of samples) {
    const model = readModelFile(file);
    for (const method of ['euler', 'rk4'] as const) {
      const ref = simulate(compileOrThrow(model, { method, interpret: true }));
      const c = compileOrThrow(model, { method });
      if (/r_[sv]\d/.test(c.source)) reciprocals++;
      const got = simulate(c);
      let differs = false;
      ref.values.forEach((v, i) => { const w = got.values[i]!; if (v !== w) differs = true; const d = Math.abs(v - w) / (1e-9 * Math.max(Math.abs(v), Math.abs(w)) + 1e-12); if (d > maxScaled) { maxScaled = d; worst = `${method} ${v} ${w}`; } });
      if (differs) nonExact++;
    }
  }
  console.log({ maxScaled, worst, reciprocals, nonExact });
});
