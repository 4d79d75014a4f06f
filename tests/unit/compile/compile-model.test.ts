import { describe, expect, it } from 'vitest';
import { checkModel, compileModel, instantiatePlan } from '../../../src/compile/compile-model.js';
import { simulate } from '../../../src/runtime/simulate.js';
import { readInlineModel } from '../../helpers/inline-model.js';

const lines = [
  'time: { start: 2020, stop: 2024, dt: 0.5, save_every: 1 }',
  'parameters:',
  '  rate: { value: 0.1, min: 0, max: 1 }',
  '  start_level: 5',
  'stocks:',
  '  level: { initial: start_level, inflows: [growth] }',
  'flows:',
  '  growth: level * rate',
  'auxiliaries:',
  '  doubled: level * 2',
];

describe('compileModel()', () => {
  it('gives a model ready to run: parameter and output names, saved times, its source', () => {
    const compiled = compileModel(readInlineModel(lines));
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
    const model = compiled.value;
    expect(model.parameterNames).toEqual(['rate', 'start_level']);
    expect(model.outputNames).toEqual(['level', 'growth', 'doubled']);
    expect(model.saveCount).toBe(5);
    expect(Array.from(model.saveTimes)).toEqual([2020, 2021, 2022, 2023, 2024]);
    expect(model.source).toContain('return function run(parameters, out, outBase, saveStride, outputStride)');
    expect(model.parameterIndex('start_level')).toBe(1);
    expect(model.parameterIndex('level')).toBe(-1);
  });

  it('defaultParameters() is a fresh copy each time, so a caller may change it', () => {
    const compiled = compileModel(readInlineModel(lines));
    if (!compiled.ok) throw new Error('does not compile');
    const first = compiled.value.defaultParameters();
    first[0] = 99;
    expect(Array.from(compiled.value.defaultParameters())).toEqual([0.1, 5]);
  });

  it('with interpret: true runs the reference interpreter, with no source, to the same numbers without reciprocals', () => {
    const model = readInlineModel(lines);
    const interpreted = compileModel(model, { interpret: true });
    const generated = compileModel(model, { hoistReciprocals: false });
    if (!interpreted.ok || !generated.ok) throw new Error('does not compile');
    expect(interpreted.value.source).toBe('');
    expect(Array.from(simulate(interpreted.value).values)).toEqual(Array.from(simulate(generated.value).values));
  });

  it('reports reference, unit and plan problems together and compiles nothing', () => {
    const compiled = compileModel(
      readInlineModel([
        'time: { start: 0, stop: 1, dt: 0.3 }',
        'parameters:',
        '  length: { value: 2, unit: meter }',
        'auxiliaries:',
        '  a: nope + 1',
        '  b: length + time',
      ]),
    );
    expect(compiled.ok).toBe(false);
    if (compiled.ok) return;
    expect(compiled.diagnostics.map((diagnostic) => diagnostic.code).sort()).toEqual(
      ['invalid-time', 'unit-mismatch', 'unknown-variable'].sort(),
    );
  });

  it('accepts outputs, method and dt options', () => {
    const compiled = compileModel(readInlineModel(lines), { outputs: ['doubled'], method: 'rk4', dt: 0.25 });
    if (!compiled.ok) throw new Error('does not compile');
    expect(compiled.value.outputNames).toEqual(['doubled']);
    expect(compiled.value.plan).toMatchObject({ method: 'rk4', dt: 0.25, stepCount: 16 });
    expect(simulate(compiled.value).values[4]).toBeCloseTo(10 * Math.exp(0.4), 6);
  });
});

describe('checkModel()', () => {
  it('returns the plan of a clean model without generating code', () => {
    const checked = checkModel(readInlineModel(lines));
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(checked.value.stepCount).toBe(8);
  });

  it('reports a parameter outside its declared range', () => {
    const model = readInlineModel(lines.map((line) => line.replace('value: 0.1', 'value: 2')));
    const checked = checkModel(model);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.diagnostics[0]!.code).toBe('parameter-out-of-range');
  });
});

describe('instantiatePlan()', () => {
  it('wraps a checked plan into a runnable model', () => {
    const checked = checkModel(readInlineModel(lines));
    if (!checked.ok) throw new Error('does not check');
    const model = instantiatePlan(checked.value);
    const { values } = simulate(model);
    expect(values[0]).toBe(5);
    expect(values[3 * 3]).toBeCloseTo(5 * Math.pow(1.05, 6), 12);
  });
});
