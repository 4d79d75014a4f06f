import { describe, expect, it } from 'vitest';
import { compileModel, type CompiledModel } from '../../../src/compile/compile-model.js';
import { readModel } from '../../../src/model/read-model.js';
import { findNonFinite, simulate } from '../../../src/runtime/simulate.js';

function compile(lines: string[]): CompiledModel {
  const read = readModel(lines.join('\n'), 'inline.yaml');
  if (!read.ok) throw new Error(JSON.stringify(read.diagnostics));
  const compiled = compileModel(read.value);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  return compiled.value;
}

const growth = compile([
  'time: { start: 0, stop: 2, dt: 0.5, save_every: 1 }',
  'parameters:',
  '  rate: 0.1',
  'stocks:',
  '  x: { initial: 1, inflows: [f] }',
  'flows:',
  '  f: rate * x',
]);

describe('simulate()', () => {
  it('writes into the buffer it is given, so Monte Carlo can reuse one buffer', () => {
    const buffer = new Float64Array(growth.saveCount * 2);
    const result = simulate(growth, growth.defaultParameters(), buffer);
    expect(result.values).toBe(buffer);
    expect(Array.from(result.times)).toEqual([0, 1, 2]);
    expect(buffer[0]).toBe(1);
  });

  it('writes column-major when asked: outBase, saveStride and outputStride place each run in a shared store', () => {
    const runCount = 3;
    const store = new Float64Array(runCount * growth.saveCount * 2);
    const parameters = growth.defaultParameters();
    for (let runIndex = 0; runIndex < runCount; runIndex++) {
      parameters[0] = 0.1 * (runIndex + 1);
      growth.run(parameters, store, runIndex, runCount, growth.saveCount * runCount);
    }
    const single = simulate(growth, Float64Array.of(0.2)).values;
    for (let saveIndex = 0; saveIndex < growth.saveCount; saveIndex++) {
      expect(store[saveIndex * runCount + 1]).toBe(single[saveIndex * 2]);
      expect(store[growth.saveCount * runCount + saveIndex * runCount + 1]).toBe(single[saveIndex * 2 + 1]);
    }
  });

  it('throws a RangeError naming the buffer when it is too small', () => {
    expect(() => simulate(growth, growth.defaultParameters(), new Float64Array(2))).toThrow(
      new RangeError('simulate(): buffer holds 2 values, needs 6'),
    );
  });

  it('throws a RangeError naming the parameters when their count is wrong', () => {
    expect(() => simulate(growth, new Float64Array(3))).toThrow(
      new RangeError('simulate(): parameters has 3 values, the model has 1 parameters'),
    );
  });
});

describe('findNonFinite()', () => {
  it('names the first variable and time that went non-finite', () => {
    const model = compile([
      'time: { start: 0, stop: 3, dt: 1 }',
      'auxiliaries:',
      '  fine: time',
      '  broken: 1 / (2 - time)',
    ]);
    expect(findNonFinite(simulate(model))).toEqual({ variable: 'broken', time: 2, value: Infinity });
  });

  it('returns undefined for a finite run', () => {
    expect(findNonFinite(simulate(growth))).toBeUndefined();
  });
});
