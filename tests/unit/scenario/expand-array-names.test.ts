import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/scenario/load-scenario.js';
import type { Result } from '../../../src/diagnostics/diagnostic.js';

const files: Record<string, string> = {
  'model.yaml': `
name: districts
time: { start: 0, stop: 2, dt: 1 }
dimensions:
  district: [haidian, chaoyang]
parameters:
  capacity[district]: { value: [1, 2], min: 0, max: 10 }
  growth: 0.1
auxiliaries:
  demand[district]: capacity[district] * growth
`,
  'scenario.yaml': `
name: s
model: model.yaml
set: { capacity: 3, "capacity[chaoyang]": 4 }
uncertainty:
  runs: 10
  parameters:
    capacity: { dist: uniform, min: 1, max: 5 }
outputs: [demand]
`,
};

const readText = (path: string): Result<string> => {
  const name = path.replace(/^.*[\\/]/, '');
  const text = files[name];
  return text === undefined ? { ok: false, diagnostics: [] } : { ok: true, value: text };
};

describe('expandArrayNames() through loadScenario()', () => {
  it('sets, samples and reports a whole array as each of its elements; an element named alone wins over the array', () => {
    const loaded = loadScenario('scenario.yaml', { readText });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics, null, 2));
    const spec = loaded.value;
    expect([...spec.set]).toEqual([
      ['capacity[haidian]', 3],
      ['capacity[chaoyang]', 4],
    ]);
    expect(spec.uncertainty.parameters.map((parameter) => parameter.name)).toEqual([
      'capacity[haidian]',
      'capacity[chaoyang]',
    ]);
    expect(spec.outputs).toEqual(['demand[haidian]', 'demand[chaoyang]']);
  });
});
