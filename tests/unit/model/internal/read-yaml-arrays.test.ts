import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../../src/compile/compile-model.js';
import { messages } from '../../../../src/diagnostics/messages.js';
import { formatModelYaml } from '../../../../src/model/format-model-yaml.js';
import type { ModelSpec } from '../../../../src/model/model-spec.js';
import { readModel } from '../../../../src/model/read-model.js';
import { simulate } from '../../../../src/runtime/simulate.js';

const model = `
name: districts
time: { start: 0, stop: 2, dt: 1 }
dimensions:
  district: [haidian, chaoyang, dongcheng]
  north: [haidian, chaoyang]
  sector: { elements: [ict, bio], labels: [ICT, Biotech] }
parameters:
  capacity[district]: { value: [1, 2, 3], min: 0 }
  weight[district, sector]: [[1, 2], [3, 4], [5, 6]]
  growth: 0.5
stocks:
  pop[district]: { initial: "capacity[district] * 10", inflows: [births], non_negative: true }
flows:
  births[district]: pop[district] * growth
auxiliaries:
  total: sum(pop[district!])
  northern[north]: pop[north] + 1
  by_sector[sector]: sum(weight[district!, sector])
  special[haidian]: 1
  special[chaoyang]: 2
  special[dongcheng]: vmax(capacity[district!])
`;

const read = (text: string): ModelSpec => {
  const result = readModel(text, 'unit.yaml');
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  return result.value;
};

const runAll = (spec: ModelSpec): Map<string, number[]> => {
  const compiled = compileModel(spec);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics, null, 2));
  const result = simulate(compiled.value);
  return new Map(
    result.outputNames.map((name, index) => [
      name,
      Array.from(result.times, (_, row) => result.values[row * result.outputNames.length + index]!),
    ]),
  );
};

describe('readModel() with dimensions and arrays', () => {
  it('expands each definition into elements named name[element], in file order, with values, equations and flows in step', () => {
    const spec = read(model);
    expect(spec.parameters.map((parameter) => [parameter.name, parameter.value])).toEqual([
      ['capacity[haidian]', 1],
      ['capacity[chaoyang]', 2],
      ['capacity[dongcheng]', 3],
      ['weight[haidian,ict]', 1],
      ['weight[haidian,bio]', 2],
      ['weight[chaoyang,ict]', 3],
      ['weight[chaoyang,bio]', 4],
      ['weight[dongcheng,ict]', 5],
      ['weight[dongcheng,bio]', 6],
      ['growth', 0.5],
    ]);
    expect(spec.stocks.map((stock) => [stock.name, stock.inflows, stock.nonNegative])).toEqual([
      ['pop[haidian]', ['births[haidian]'], true],
      ['pop[chaoyang]', ['births[chaoyang]'], true],
      ['pop[dongcheng]', ['births[dongcheng]'], true],
    ]);
    const values = runAll(spec);
    expect(values.get('pop[chaoyang]')).toEqual([20, 30, 45]);
    expect(values.get('total')).toEqual([60, 90, 135]);
    expect(values.get('northern[haidian]')).toEqual([11, 16, 23.5]);
    expect(values.get('by_sector[bio]')).toEqual([12, 12, 12]);
    expect(values.get('special[dongcheng]')).toEqual([3, 3, 3]);
    expect(values.has('northern[dongcheng]')).toBe(false);
  });

  it('writes the arrays back as they were defined, and the written file runs to the same numbers', () => {
    const spec = read(model);
    const yaml = formatModelYaml(spec);
    expect(yaml).toContain('capacity[district]:');
    expect(yaml).toContain('equation: sum(pop[district!])');
    expect(yaml).toContain('labels: [ ICT, Biotech ]');
    const reread = read(yaml);
    expect([...runAll(reread)]).toEqual([...runAll(spec)]);
  });

  it('reports an undefined element, an element defined twice, and a wrong count of values', () => {
    const problems = (text: string): string[] => {
      const result = readModel(text, 'unit.yaml');
      return result.ok ? [] : result.diagnostics.map((diagnostic) => diagnostic.message);
    };
    const base = 'name: m\ntime: { start: 0, stop: 1, dt: 1 }\ndimensions:\n  d: [a, b]\n';
    expect(problems(`${base}auxiliaries:\n  x[a]: 1\n`)).toEqual([messages.elementsUndefined('x', ['x[b]']).message]);
    expect(problems(`${base}auxiliaries:\n  x[d]: 1\n  x[a]: 2\n`)).toEqual([
      messages.elementDefinedTwice('x[a]').message,
    ]);
    expect(problems(`${base}parameters:\n  p[d]: [1, 2, 3]\n`)).toEqual([
      messages.invalidValue('expected 2 values, one per element, found 3').message,
    ]);
    expect(problems(`${base}auxiliaries:\n  y[e]: 1\n`)).toContain(messages.unknownDimension('e').message);
  });
});
