import { test } from 'vitest';
import { readModel } from '../../../src/model/read-model.js';
import { checkModel } from '../../../src/compile/compile-model.js';
const texts = [`name: m
time: { start: 0, stop: 10, dt: 1, unit: year }
parameters:
  growth_rate: { value: 0.05, unit: 1/year, min: 0, max: 0.12 }
lookups:
  response: { points: [[0, 0.5], [1, 1], [2, 1.2]], unit: dmnl }
stocks:
  gdp: { initial: 100, unit: yi_yuan, inflows: [gdp_growth] }
flows:
  gdp_growth: { equation: gdp * growth_rate * response(ratio), unit: yi_yuan/year }
auxiliaries:
  ratio: { equation: 'smooth(gdp / 100, 2)', unit: dmnl }
`, `name: m
time: { start: 0, stop: 10, dt: 1, unit: year }
auxiliaries:
  a: { equation: b + 1 }
  b: { equation: 'smooth(a, 2)' }
`, `name: m
time: { start: 0, stop: 10, dt: 1, unit: year }
auxiliaries:
  a: { equation: b + 1 }
  b: { equation: 'smooth(a, 2, 0)' }
`, `name: m
time: { start: 0, stop: 10, dt: 1, unit: year }
parameters:
  p: { value: 1, unit: yi_yuan }
auxiliaries:
  a: { equation: 'p + 1' }
  b: { equation: 'p * 2 + 1', unit: yi_yuan }
  c: { equation: 'p / p + 1', unit: dmnl }
  d: { equation: 'p > 0 ? p : 0' }
`];
test('s', () => {
  for (const text of texts) {
  const r = readModel(text, 'm.yaml');
  if (!r.ok) { console.log(r.diagnostics); continue; }
  const c = checkModel(r.value);
  console.log(JSON.stringify(c.ok ? 'OK' : c.diagnostics));
  }
});
