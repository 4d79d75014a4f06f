import fc from 'fast-check';
import { test } from 'vitest';
import { randomModelArbitrary, readModelFile, compileOrThrow } from '../helpers/model-builders.js';
import { simulate } from '../../src/runtime/simulate.js';

test('probe', () => {
  const samples = fc.sample(randomModelArbitrary(), { seed: Number(process.env.S ?? 7), numRuns: Number(process.env.N ?? 300) });
  const bad: string[] = [];
  for (const file of samples) {
    const model = readModelFile(file);
    for (const method of ['euler', 'rk4'] as const) {
      const ref = simulate(compileOrThrow(model, { method, interpret: true }));
      const exact = simulate(compileOrThrow(model, { method, hoistReciprocals: false }));
      exact.values.forEach((v, i) => { if (!Object.is(v, ref.values[i])) bad.push(`EXACT ${method} ${ref.outputNames[i % ref.outputNames.length]} ${v} ${ref.values[i]}`); });
      const c = compileOrThrow(model, { method });
      const got = simulate(c);
      ref.values.forEach((v, i) => { const w = got.values[i]!; const d = Math.abs(v - w); if (d > 1e-9 * Math.max(Math.abs(v), Math.abs(w)) + 1e-12) bad.push(`${method} ${ref.outputNames[i % ref.outputNames.length]} t=${ref.times[Math.floor(i / ref.outputNames.length)]} ${v} ${w} ${JSON.stringify(file)}`); });
    }
  }
  console.log(bad.length, bad.slice(0, 5).join('\n'));
});
