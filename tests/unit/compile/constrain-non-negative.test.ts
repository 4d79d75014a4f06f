import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/compile/compile-model.js';
import { readModel } from '../../../src/model/read-model.js';
import { simulate } from '../../../src/runtime/simulate.js';

/** Run a YAML model with both the generated code and the reference interpreter; they must agree exactly. */
function run(yaml: string, method: 'euler' | 'rk4' = 'euler'): (name: string) => number[] {
  const read = readModel(yaml, 'unit.yaml');
  if (!read.ok) throw new Error(JSON.stringify(read.diagnostics));
  const series = [false, true].map((interpret) => {
    const compiled = compileModel(read.value, { method, interpret });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
    return simulate(compiled.value);
  });
  expect(Array.from(series[0]!.values)).toEqual(Array.from(series[1]!.values));
  const result = series[0]!;
  return (name) => {
    const index = result.outputNames.indexOf(name);
    return Array.from(result.times, (_, row) => result.values[row * result.outputNames.length + index]!);
  };
}

const model = (stocks: string, flows: string): string => `
name: unit
time: { start: 0, stop: 4, dt: 1 }
stocks:
${stocks}
flows:
${flows}
`;

describe('constrainNonNegative() through compileModel()', () => {
  it('limits an outflow to what the stock holds plus its inflows, and reports the limited flow', () => {
    const values = run(
      model('  s: { initial: 5, inflows: [fill], outflows: [drain], non_negative: true }', '  fill: 1\n  drain: 4'),
    );
    expect(values('s')).toEqual([5, 2, 0, 0, 0]);
    expect(values('drain')).toEqual([4, 3, 1, 1, 1]);
  });

  it('serves outflows in the order the stock lists them, and the stock downstream receives what was taken', () => {
    const values = run(
      model(
        '  s: { initial: 3, outflows: [first, second], non_negative: true }\n  t: { initial: 0, inflows: [second] }',
        '  first: 2\n  second: 2',
      ),
    );
    expect(values('first')).toEqual([2, 0, 0, 0, 0]);
    expect(values('second')).toEqual([1, 0, 0, 0, 0]);
    expect(values('t')).toEqual([0, 1, 1, 1, 1]);
    expect(values('s')).toEqual([3, 0, 0, 0, 0]);
  });

  it('clamps a stock that a negative inflow would take below 0', () => {
    const values = run(model('  s: { initial: 1, inflows: [f], non_negative: true }', '  f: -0.75'));
    expect(values('s')).toEqual([1, 0.25, 0, 0, 0]);
  });

  it('keeps the value of a flow that leaves two stocks, and limits it in each non-negative one', () => {
    const values = run(
      model('  a: { initial: 2, outflows: [f], non_negative: true }\n  b: { initial: 2, outflows: [f] }', '  f: 1.5'),
    );
    expect(values('f')).toEqual([1.5, 1.5, 1.5, 1.5, 1.5]);
    expect(values('a')).toEqual([2, 0.5, 0, 0, 0]);
    expect(values('b')).toEqual([2, 0.5, -1, -2.5, -4]);
  });

  it('never lets an RK4 run go below 0, and matches an unconstrained run while the constraint does not bind', () => {
    const decay = (nonNegative: boolean): string =>
      model(`  s: { initial: 10, outflows: [loss], non_negative: ${nonNegative} }`, '  loss: s * 0.5');
    expect(run(decay(true), 'rk4')('s')).toEqual(run(decay(false), 'rk4')('s'));
    const values = run(model('  s: { initial: 1, outflows: [loss], non_negative: true }', '  loss: 3'), 'rk4');
    for (const value of values('s')) expect(value).toBeGreaterThanOrEqual(0);
  });
});
