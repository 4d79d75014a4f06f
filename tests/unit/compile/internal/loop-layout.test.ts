import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../../src/compile/compile-model.js';
import { affineIndex, groupLoop, planLoopLayout } from '../../../../src/compile/internal/loop-layout.js';
import { build, formatExpression } from '../../../../src/model/expression.js';
import { readModel } from '../../../../src/model/read-model.js';
import { simulate } from '../../../../src/runtime/simulate.js';

const { reference, number, multiply, add } = build;

describe('groupLoop()', () => {
  it('makes one template of equations of one shape, with a placeholder where names or numbers differ', () => {
    const loop = groupLoop(
      ['x[a]', 'x[b]'],
      [
        add(multiply(reference('y[a]'), reference('k')), number(1)),
        add(multiply(reference('y[b]'), reference('k')), number(2)),
      ],
    );
    expect(loop === undefined ? undefined : formatExpression(loop.template)).toBe('((@v0 * k) + @n0)');
    expect(loop?.names).toEqual([['y[a]', 'y[b]']]);
    expect(loop?.numbers).toEqual([[1, 2]]);
  });

  it('refuses equations of different shapes', () => {
    expect(groupLoop(['x[a]', 'x[b]'], [reference('y'), add(reference('y'), number(1))])).toBeUndefined();
    expect(
      groupLoop(['x[a]', 'x[b]'], [build.call('abs', [number(1)]), build.call('exp', [number(1)])]),
    ).toBeUndefined();
  });
});

describe('affineIndex()', () => {
  it('finds base and stride of evenly stepping positions, and nothing otherwise', () => {
    expect(affineIndex([4, 5, 6])).toEqual({ base: 4, stride: 1 });
    expect(affineIndex([0, 3, 6])).toEqual({ base: 0, stride: 3 });
    expect(affineIndex([0, 2, 3])).toBeUndefined();
  });
});

describe('planLoopLayout()', () => {
  const plan = (count: number, method = 'euler') => ({
    method,
    stocks: [],
    variables: Array.from({ length: count }, (_, index) => ({
      name: `x[e${index}]`,
      group: 'x:aux',
      expression: multiply(reference(`y[e${index}]`), number(2)),
    })),
  });
  it('keeps arrays unrolled within the budget, and stores every long enough run beyond it', () => {
    expect(planLoopLayout(plan(6), { minimumLength: 4, unrolledBudget: 10 }).stored.size).toBe(0);
    const layout = planLoopLayout(plan(12), { minimumLength: 4, unrolledBudget: 10 });
    expect(layout.arrays).toEqual([{ name: 'av0', length: 12 }]);
    expect(layout.stored.get('x[e3]')).toEqual({ array: 'av0', index: 3 });
    expect(layout.variableLoops.get('x[e0]')?.members).toHaveLength(12);
    expect(planLoopLayout(plan(12, 'rk4'), { minimumLength: 4, unrolledBudget: 0 }).stored.size).toBe(0);
  });
});

describe('generateRunSource() with loops', () => {
  it('computes a large array in loops over typed arrays, to the numbers of the unrolled code and the interpreter', () => {
    const text = `
name: loops
time: { start: 0, stop: 3, dt: 0.5 }
dimensions:
  d: [${Array.from({ length: 12 }, (_, index) => `e${index}`).join(', ')}]
parameters:
  rate[d]: [${Array.from({ length: 12 }, (_, index) => 0.01 * (index + 1)).join(', ')}]
stocks:
  s[d]: { initial: "rate[d] * 100", inflows: [grow], non_negative: true }
flows:
  grow[d]: s[d] * rate[d] - 1 / (rate[d] + 1)
auxiliaries:
  total: sum(s[d!])
  share[d]: s[d] / total + s[d] / total
`;
    const read = readModel(text, 'loops.yaml');
    if (!read.ok) throw new Error(JSON.stringify(read.diagnostics));
    const run = (options: Parameters<typeof compileModel>[1]) => {
      const compiled = compileModel(read.value, options);
      if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
      return { source: compiled.value.source, values: Array.from(simulate(compiled.value).values) };
    };
    const looped = run({ loops: { minimumLength: 2, unrolledBudget: 0 } });
    expect(looped.source).toContain('for (let li = 0; li < 12; li++)');
    expect(looped.values).toEqual(run({ loops: { minimumLength: Infinity } }).values);
    expect(run({ loops: { minimumLength: 2, unrolledBudget: 0 }, hoistReciprocals: false }).values).toEqual(
      run({ interpret: true }).values,
    );
  });
});
