import { describe, expect, it } from 'vitest';
import { isRunConstant, saveTimes, type EvaluationPlan } from '../../../src/compile/evaluation-plan.js';
import { planModel } from '../../../src/compile/plan-model.js';
import { build } from '../../../src/model/expression.js';
import { parseEquation } from '../../../src/model/parse-equation.js';
import { readInlineModel } from '../../helpers/inline-model.js';

const parsed = (text: string): ReturnType<typeof build.number> => {
  const result = parseEquation(text);
  if (!result.ok) throw new Error(`does not parse: ${text}`);
  return result.expression;
};

describe('saveTimes()', () => {
  it('gives start + saveIndex * saveStride * dt for each saved point, exact on a binary grid', () => {
    const planned = planModel(
      readInlineModel(['time: { start: 2020, stop: 2030, dt: 0.0625, save_every: 0.5 }', 'auxiliaries:', '  a: 1']),
    );
    if (!planned.ok) throw new Error('the model does not plan');
    const times = saveTimes(planned.value);
    expect(times).toBeInstanceOf(Float64Array);
    expect(Array.from(times)).toEqual(Array.from({ length: 21 }, (_, index) => 2020 + index / 2));
  });

  it('computes each time from the integer index, so 0.1 steps do not drift (the 30th save is 3, not 2.9999999999999996)', () => {
    const plan = { start: 0, dt: 0.1, saveStride: 1, saveCount: 31 } as EvaluationPlan;
    let summed = 0;
    for (let step = 0; step < 30; step++) summed += 0.1;
    expect(summed).not.toBe(3);
    expect(saveTimes(plan)[30]).toBe(3);
    expect(saveTimes(plan)[10]).toBe(1);
  });
});

describe('isRunConstant()', () => {
  const constants = new Set(['p', 'q', 'dt']);

  it('is true for numbers, named constants and the names it is given, combined by pure built-ins', () => {
    expect(isRunConstant(parsed('p * 2 + sqrt(q) / dt'), constants)).toBe(true);
    expect(isRunConstant(parsed('max(p, q, 3) ^ 2'), constants)).toBe(true);
    expect(isRunConstant(build.number(4), new Set())).toBe(true);
  });

  it('is false once any name is not a run constant, however deep', () => {
    expect(isRunConstant(parsed('p + min(q, s * 2)'), constants)).toBe(false);
    expect(isRunConstant(parsed('time'), constants)).toBe(false);
  });

  it('is false for a built-in that reads the clock, even of constant arguments', () => {
    for (const call of ['step(p, 2)', 'ramp(p, 1, 2)', 'pulse(q, 1)', 'impulse(1, 2)'])
      expect(isRunConstant(parsed(call), constants), call).toBe(false);
  });
});
