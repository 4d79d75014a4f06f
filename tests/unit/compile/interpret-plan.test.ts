import { describe, expect, it } from 'vitest';
import { createInterpreter } from '../../../src/compile/interpret-plan.js';
import type { EvaluationPlan } from '../../../src/compile/evaluation-plan.js';
import { planModel, type PlanOptions } from '../../../src/compile/plan-model.js';
import { readInlineModel } from '../../helpers/inline-model.js';

/** The reference interpreter against closed forms: it is what the generated code is held to. */

const planned = (lines: readonly string[], options: PlanOptions = {}): EvaluationPlan => {
  const result = planModel(readInlineModel(lines), options);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.value;
};

/** Interpret a plan once, row-major; `series[name][saveIndex]`. */
function interpret(plan: EvaluationPlan, parameters?: number[]): Record<string, number[]> {
  const outputCount = plan.outputNames.length;
  const out = new Float64Array(plan.saveCount * outputCount);
  createInterpreter(plan)(Float64Array.from(parameters ?? plan.defaultParameters), out, 0, outputCount, 1);
  return Object.fromEntries(
    plan.outputNames.map((name, outputIndex) => [
      name,
      Array.from({ length: plan.saveCount }, (_, saveIndex) => out[saveIndex * outputCount + outputIndex]!),
    ]),
  );
}

const growth = [
  'time: { start: 0, stop: 2, dt: 0.25, save_every: 1 }',
  'parameters:',
  '  k: 0.5',
  'stocks:',
  '  x: { initial: 3, inflows: [g] }',
  'flows:',
  '  g: k * x',
];

describe('createInterpreter()', () => {
  it('Euler: x0 (1 + k dt)^n at each saved point', () => {
    const { x } = interpret(planned(growth));
    expect(x).toEqual([3, 3 * Math.pow(1.125, 4), 3 * Math.pow(1.125, 8)]);
  });

  it('RK4: x0 (1 + h + h^2/2 + h^3/6 + h^4/24)^n, h = k dt', () => {
    const { x } = interpret(planned(growth, { method: 'rk4' }));
    const h = 0.125;
    const factor = 1 + h + (h * h) / 2 + (h * h * h) / 6 + (h * h * h * h) / 24;
    expect(x![2]).toBeCloseTo(3 * Math.pow(factor, 8), 12);
  });

  it('RK4 evaluates time-dependent flows at the stage times: the integral of t^2 over [0, 1] is 1/3 exactly', () => {
    const { x } = interpret(
      planned(
        [
          'time: { start: 0, stop: 1, dt: 0.5 }',
          'stocks:',
          '  x: { initial: 0, inflows: [f] }',
          'flows:',
          '  f: time * time',
        ],
        { method: 'rk4' },
      ),
    );
    expect(x![2]).toBeCloseTo(1 / 3, 15);
  });

  it('takes parameters from its argument', () => {
    const { x } = interpret(planned(growth), [0]);
    expect(x).toEqual([3, 3, 3]);
  });

  it('delay_fixed gives the initial value for the delay time, then the input that much earlier', () => {
    const { d } = interpret(
      planned(['time: { start: 0, stop: 3, dt: 0.5 }', 'auxiliaries:', '  x: time * 10', '  d: delay_fixed(x, 1, -1)']),
    );
    expect(d).toEqual([-1, -1, 0, 5, 10, 15, 20]);
  });

  it('delay_fixed with a negative delay time is NaN at the start, so the run is reported as failed', () => {
    const { d } = interpret(
      planned([
        'time: { start: 0, stop: 1, dt: 0.5 }',
        'parameters:',
        '  T: -1',
        'auxiliaries:',
        '  d: delay_fixed(3, T)',
      ]),
    );
    expect(d![0]).toBeNaN();
  });

  it('writes into a column-major store at outBase with the strides it is given, and nothing else', () => {
    const plan = planned(growth);
    const runCount = 4;
    const out = new Float64Array(runCount * plan.saveCount * 2).fill(-7);
    createInterpreter(plan)(Float64Array.from([0.5]), out, 2, runCount, runCount * plan.saveCount);
    const rowMajor = interpret(plan);
    for (let saveIndex = 0; saveIndex < plan.saveCount; saveIndex++) {
      expect(out[2 + saveIndex * runCount]).toBe(rowMajor['x']![saveIndex]);
      expect(out[2 + saveIndex * runCount + runCount * plan.saveCount]).toBe(rowMajor['g']![saveIndex]);
    }
    expect(out.filter((value) => value === -7)).toHaveLength(out.length - 2 * plan.saveCount);
  });
});
