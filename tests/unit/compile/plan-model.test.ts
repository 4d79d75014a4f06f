import { describe, expect, it } from 'vitest';
import type { EvaluationPlan, InitialStep } from '../../../src/compile/evaluation-plan.js';
import { planModel, type PlanOptions } from '../../../src/compile/plan-model.js';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.js';
import { messages } from '../../../src/diagnostics/messages.js';
import { readInlineModel } from '../../helpers/inline-model.js';

/** planModel(): evaluation order, run constants, the clock as integer steps, initial values, outputs, and its loop diagnostic. */

const planned = (lines: readonly string[], options: PlanOptions = {}): EvaluationPlan => {
  const result = planModel(readInlineModel(lines), options);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.value;
};

const rejected = (lines: readonly string[], options: PlanOptions = {}): Diagnostic[] => {
  const result = planModel(readInlineModel(lines), options);
  if (result.ok) throw new Error('planModel() accepted the model');
  return result.diagnostics;
};

const names = (plan: EvaluationPlan): string[] => plan.variables.map((variable) => variable.name);
const initialNames = (plan: EvaluationPlan): string[] =>
  plan.initialOrder.map((step: InitialStep) =>
    step.kind === 'stock'
      ? plan.stocks[step.index]!.name
      : step.kind === 'delay'
        ? plan.delays[step.index]!.name
        : plan.variables[step.index]!.name,
  );

describe('planModel() ordering', () => {
  it('orders auxes and flows so each comes after every variable it reads, whatever the file order', () => {
    const plan = planned([
      'time: { start: 0, stop: 1, dt: 1 }',
      'stocks:',
      '  s: { initial: 1, inflows: [f] }',
      'flows:',
      '  f: d + a',
      'auxiliaries:',
      '  d: c * 2',
      '  c: b + s',
      '  b: a * a',
      '  a: s + 1',
    ]);
    const order = names(plan);
    expect([...order].sort()).toEqual(['a', 'b', 'c', 'd', 'f']);
    for (const [first, second] of [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'f'],
      ['a', 'f'],
    ] as const)
      expect(order.indexOf(first), `${first} before ${second} in ${order.join(', ')}`).toBeLessThan(
        order.indexOf(second),
      );
  });

  it('keeps the stocks in file order, then the hidden stocks of smooth and delay calls', () => {
    const plan = planned([
      'time: { start: 0, stop: 1, dt: 1 }',
      'stocks:',
      '  b: { initial: 1, inflows: [f] }',
      '  a: { initial: 2 }',
      'flows:',
      '  f: smooth(a, 2)',
    ]);
    expect(plan.stocks.map((stock) => [stock.name, stock.hidden])).toEqual([
      ['b', false],
      ['a', false],
      ['#smooth0(f)', true],
    ]);
    expect(plan.variables.find((variable) => variable.name === '#smooth0(f).flow')).toMatchObject({
      kind: 'flow',
      hidden: true,
    });
  });

  it('gives each stock the net of its inflows minus its outflows as its derivative', () => {
    const plan = planned([
      'time: { start: 0, stop: 1, dt: 1 }',
      'stocks:',
      '  s: { initial: 1, inflows: [in1, in2], outflows: [out1] }',
      '  idle: { initial: 3 }',
      'flows:',
      '  in1: 1',
      '  in2: 2',
      '  out1: 4',
    ]);
    expect(plan.stocks[0]!.derivative).toMatchObject({
      kind: 'binary',
      operator: 'subtract',
      right: { kind: 'reference', name: 'out1' },
    });
    expect(plan.stocks[1]!.derivative).toEqual({ kind: 'number', value: 0 });
  });
});

describe('planModel() run constants', () => {
  it('marks what reads only parameters, dt, numbers and other run constants, and nothing that reads a stock or the clock', () => {
    const plan = planned([
      'time: { start: 0, stop: 1, dt: 0.5 }',
      'parameters:',
      '  p: 2',
      'stocks:',
      '  s: { initial: 1, inflows: [f] }',
      'flows:',
      '  f: s * k2',
      'auxiliaries:',
      '  k1: p * 3 + dt',
      '  k2: sqrt(k1) + pi',
      '  clock: step(1, 0.5)',
      '  wall: time * p',
      '  level: s + k1',
    ]);
    const constant = Object.fromEntries(plan.variables.map((variable) => [variable.name, variable.runConstant]));
    expect(constant).toEqual({ k1: true, k2: true, clock: false, wall: false, level: false, f: false });
  });
});

describe('planModel() clock', () => {
  it('turns the clock into whole step counts: steps, steps between saves, saved points', () => {
    const plan = planned(['time: { start: 2020, stop: 2030, dt: 0.25, save_every: 2 }', 'auxiliaries:', '  a: 1']);
    expect(plan).toMatchObject({ start: 2020, dt: 0.25, stepCount: 40, saveStride: 8, saveCount: 6 });
  });

  it('counts steps by rounding, so a dt such as 0.1 that is not exact in binary still gives whole steps', () => {
    const plan = planned(['time: { start: 0, stop: 1, dt: 0.1, save_every: 0.2 }', 'auxiliaries:', '  a: 1']);
    expect(plan).toMatchObject({ stepCount: 10, saveStride: 2, saveCount: 6 });
  });

  it('saves every step when the model does not say, and --dt without save_every saves at the new dt', () => {
    const lines = ['time: { start: 0, stop: 2, dt: 0.5 }', 'auxiliaries:', '  a: 1'];
    expect(planned(lines)).toMatchObject({ stepCount: 4, saveStride: 1, saveCount: 5 });
    expect(planned(lines, { dt: 0.25 })).toMatchObject({ dt: 0.25, stepCount: 8, saveStride: 1, saveCount: 9 });
  });

  it('keeps a written save_every when --dt changes the step', () => {
    const plan = planned(['time: { start: 0, stop: 2, dt: 0.5, save_every: 1 }', 'auxiliaries:', '  a: 1'], {
      dt: 0.125,
    });
    expect(plan).toMatchObject({ dt: 0.125, stepCount: 16, saveStride: 8, saveCount: 3 });
  });

  it('takes the method from the model unless the options override it', () => {
    const lines = ['time: { start: 0, stop: 1, dt: 1, method: rk4 }', 'auxiliaries:', '  a: 1'];
    expect(planned(lines).method).toBe('rk4');
    expect(planned(lines, { method: 'euler' }).method).toBe('euler');
  });

  it('reports a --dt that does not divide the run under the field --dt', () => {
    const [problem] = rejected(['time: { start: 0, stop: 1, dt: 0.5 }', 'auxiliaries:', '  a: 1'], { dt: 0.3 });
    expect(problem).toMatchObject({ field: '--dt', code: 'invalid-time', line: 1 });
  });
});

describe('planModel() initial values', () => {
  it('computes initial values in dependency order: the auxes a stock initial reads before the stock', () => {
    const plan = planned([
      'time: { start: 0, stop: 1, dt: 1 }',
      'stocks:',
      '  late: { initial: early * 2 + helper }',
      '  early: { initial: 3 }',
      'auxiliaries:',
      '  helper: early + 1',
      '  unrelated: late * 5',
    ]);
    const order = initialNames(plan);
    expect(order.indexOf('early')).toBeLessThan(order.indexOf('helper'));
    expect(order.indexOf('helper')).toBeLessThan(order.indexOf('late'));
    expect(order).not.toContain('unrelated');
  });

  it('orders a delay_fixed initial value among the stocks and auxes it reads', () => {
    const plan = planned([
      'time: { start: 0, stop: 1, dt: 0.5 }',
      'stocks:',
      '  s: { initial: 4 }',
      'auxiliaries:',
      '  x: s * 2',
      '  d: delay_fixed(x, 1)',
    ]);
    expect(initialNames(plan)).toEqual(['s', 'x', '#delay_fixed0(d)']);
  });
});

describe('planModel() outputs and parameters', () => {
  it('saves every stock, flow and aux by default, and exactly the names asked for otherwise', () => {
    const lines = [
      'time: { start: 0, stop: 1, dt: 1 }',
      'parameters:',
      '  p: 1',
      'stocks:',
      '  s: { initial: 1, inflows: [f] }',
      'flows:',
      '  f: p',
      'auxiliaries:',
      '  a: s + smooth(s, 1)',
    ];
    expect(planned(lines).outputNames).toEqual(['s', 'f', 'a']);
    expect(planned(lines, { outputs: ['a', 's'] }).outputNames).toEqual(['a', 's']);
  });

  it('reports an output that is not a stock, flow or aux', () => {
    const [problem] = rejected(['time: { start: 0, stop: 1, dt: 1 }', 'auxiliaries:', '  a: 1'], { outputs: ['b'] });
    expect(problem).toMatchObject({ field: 'outputs', ...messages.unknownOutput('b') });
  });

  it('lists the parameters in file order with their values, and prepares each lookup', () => {
    const plan = planned([
      'time: { start: 0, stop: 1, dt: 1 }',
      'parameters:',
      '  b: 2',
      '  a: 0.5',
      'lookups:',
      '  curve: { points: [[0, 1], [2, 5]] }',
      'auxiliaries:',
      '  y: curve(a * b)',
    ]);
    expect(plan.parameterNames).toEqual(['b', 'a']);
    expect(plan.defaultParameters).toEqual([2, 0.5]);
    expect(Array.from(plan.lookups.get('curve')!.slopes)).toEqual([2]);
  });
});

describe('planModel() loop diagnostic', () => {
  it('names a loop of auxes in loop order, at the equation of its first variable', () => {
    const problems = rejected([
      'time: { start: 0, stop: 1, dt: 1 }',
      'auxiliaries:',
      '  reader: a + 1',
      '  a: b * 2',
      '  b: c + 1',
      '  c: a / 2',
    ]);
    expect(problems).toHaveLength(1);
    const [problem] = problems;
    expect(problem!.code).toBe('circular-dependency');
    expect(problem!.message).toMatch(/: (a -> b -> c -> a|b -> c -> a -> b|c -> a -> b -> c)$/);
    expect(problem!.message).not.toContain('reader');
    const first = /: (\w+) ->/.exec(problem!.message)![1]!;
    expect(problem!.field).toBe(`auxiliaries.${first}.equation`);
    expect(problem!.line).toBe(['reader', 'a', 'b', 'c'].indexOf(first) + 3);
  });

  it('names a variable that reads itself twice (x -> x)', () => {
    const [problem] = rejected(['time: { start: 0, stop: 1, dt: 1 }', 'auxiliaries:', '  x: x + 1']);
    expect(problem).toMatchObject({ ...messages.circularDependency(['x', 'x']), field: 'auxiliaries.x.equation' });
  });

  it('names the owner, not the hidden stock, of a smooth whose initial value closes a loop', () => {
    const [problem] = rejected([
      'time: { start: 0, stop: 1, dt: 1 }',
      'auxiliaries:',
      '  a: smooth(b, 2)',
      '  b: a * 2',
    ]);
    expect(problem!.code).toBe('circular-initialization');
    expect(problem!.message).not.toContain('#');
    expect(problem!.message).toMatch(/a -> b -> a|b -> a -> b/);
  });
});
