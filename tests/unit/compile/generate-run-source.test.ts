import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createInterpreter } from '../../../src/compile/interpret-plan.js';
import type { EvaluationPlan } from '../../../src/compile/evaluation-plan.js';
import { generateRunSource, numberLiteral } from '../../../src/compile/generate-run-source.js';
import { planModel, type PlanOptions } from '../../../src/compile/plan-model.js';
import type { RunFunction } from '../../../src/compile/run-function.js';
import { readModel } from '../../../src/model/read-model.js';
import { readInlineModel } from '../../helpers/inline-model.js';

/**
 * generateRunSource() phase by phase (DESIGN.md, Speed): the shape of the source it writes (run
 * constants before the loop, stocks as `let` locals, auxes as `const`s, lookups inline, an integer
 * save counter) and the numbers that source computes.
 */

const plan = (lines: readonly string[], options: PlanOptions = {}): EvaluationPlan => {
  const planned = planModel(readInlineModel(lines), options);
  if (!planned.ok) throw new Error(JSON.stringify(planned.diagnostics));
  return planned.value;
};

/** The source in its parts: everything before the step loop, and the loop. */
function sections(source: string): { setup: string; loop: string } {
  const loopStart = source.indexOf('for (let step = 0; ; step++) {');
  expect(loopStart).toBeGreaterThan(0);
  return { setup: source.slice(0, loopStart), loop: source.slice(loopStart) };
}

const runFunction = (source: string): RunFunction => {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return (new Function(source) as () => RunFunction)();
};

/** Run a plan once through generated code, row-major, with its default parameters (or `parameters`). */
function runGenerated(evaluation: EvaluationPlan, hoistReciprocals = true, parameters?: number[]): Float64Array {
  const out = new Float64Array(evaluation.saveCount * evaluation.outputNames.length);
  runFunction(generateRunSource(evaluation, { hoistReciprocals }))(
    Float64Array.from(parameters ?? evaluation.defaultParameters),
    out,
    0,
    evaluation.outputNames.length,
    1,
  );
  return out;
}

function runInterpreted(evaluation: EvaluationPlan, parameters?: number[]): Float64Array {
  const out = new Float64Array(evaluation.saveCount * evaluation.outputNames.length);
  createInterpreter(evaluation)(
    Float64Array.from(parameters ?? evaluation.defaultParameters),
    out,
    0,
    evaluation.outputNames.length,
    1,
  );
  return out;
}

const decay = [
  'time: { start: 0, stop: 4, dt: 0.5, save_every: 1 }',
  'parameters:',
  '  rate: 0.25',
  '  scale: 3',
  'stocks:',
  '  x: { initial: 8 * scale, outflows: [loss] }',
  'flows:',
  '  loss: x * rate',
];

describe('generateRunSource() shape', () => {
  it('reads each parameter once, before the loop, and keeps each stock in a function-local let', () => {
    const source = generateRunSource(plan(decay), { hoistReciprocals: true });
    const { setup, loop } = sections(source);
    expect(setup).toContain('const p0_rate = parameters[0];');
    expect(setup).toContain('const p1_scale = parameters[1];');
    expect(source.match(/parameters\[/g)).toHaveLength(2);
    expect(setup).toMatch(/let s0_x = /);
    expect(loop).toMatch(/s0_x \+= dt \* /);
    expect(loop).not.toMatch(/parameters\[|\bMap\b|\bnew\b|=>|\bfunction\b/);
  });

  it('defines every aux and flow as a const in the loop body, in dependency order', () => {
    const source = generateRunSource(
      plan([
        'time: { start: 0, stop: 2, dt: 1 }',
        'stocks:',
        '  s: { initial: 1, inflows: [f] }',
        'flows:',
        '  f: c',
        'auxiliaries:',
        '  c: b * 2',
        '  b: a + s',
        '  a: s * s',
      ]),
      { hoistReciprocals: true },
    );
    const { loop } = sections(source);
    const position = (name: string): number => loop.search(new RegExp(`const v\\d+_${name} = `));
    expect(position('a')).toBeGreaterThan(0);
    expect(position('a')).toBeLessThan(position('b'));
    expect(position('b')).toBeLessThan(position('c'));
    expect(position('c')).toBeLessThan(position('f'));
    expect(loop).not.toMatch(/\blet v\d/);
  });

  it('computes run-constant auxes and subexpressions once, before the loop', () => {
    const source = generateRunSource(
      plan([
        'time: { start: 0, stop: 2, dt: 1 }',
        'parameters:',
        '  a: 2',
        '  b: 3',
        'stocks:',
        '  s: { initial: 1, inflows: [f] }',
        'flows:',
        '  f: s * exp(a * b) + k',
        'auxiliaries:',
        '  k: sqrt(a) + b',
      ]),
      { hoistReciprocals: true },
    );
    const { setup, loop } = sections(source);
    expect(setup).toMatch(/const v\d+_k = \(Math\.sqrt\(p0_a\) \+ p1_b\);/);
    expect(setup).toMatch(/const k\d+ = Math\.exp\(\(p0_a \* p1_b\)\);/);
    expect(loop).not.toContain('Math.exp');
    expect(loop).not.toContain('Math.sqrt');
  });

  it('turns a division by a run constant into a multiplication by its reciprocal, computed before the loop', () => {
    const model = plan([
      'time: { start: 0, stop: 2, dt: 1 }',
      'parameters:',
      '  T: 4',
      'stocks:',
      '  s: { initial: 1, inflows: [f] }',
      'flows:',
      '  f: s / T',
    ]);
    const hoisted = sections(generateRunSource(model, { hoistReciprocals: true }));
    expect(hoisted.setup).toMatch(/const (k\d+) = \(1 \/ p0_T\);/);
    const reciprocal = /const (k\d+) = \(1 \/ p0_T\);/.exec(hoisted.setup)![1]!;
    expect(hoisted.loop).toContain(`s0_s * ${reciprocal}`);
    expect(hoisted.loop).not.toContain('/');
    const plain = sections(generateRunSource(model, { hoistReciprocals: false }));
    expect(plain.loop).toContain('s0_s / p0_T');
  });

  it('shares one reciprocal of a stock the step divides by twice', () => {
    const source = generateRunSource(
      plan([
        'time: { start: 0, stop: 2, dt: 1 }',
        'stocks:',
        '  s: { initial: 2, inflows: [f] }',
        'flows:',
        '  f: 1 / s + 3 / s',
      ]),
      { hoistReciprocals: true },
    );
    const { loop } = sections(source);
    expect(loop).toContain('const r_s0_s = 1 / s0_s;');
    expect(loop.match(/\/ s0_s/g)).toHaveLength(1);
  });

  it('inlines a lookup as comparisons over its constant points, with no call', () => {
    const source = generateRunSource(
      plan([
        'time: { start: 0, stop: 2, dt: 1 }',
        'lookups:',
        '  effect: { points: [[0, 0.6], [1, 1], [3, 1.3]] }',
        'stocks:',
        '  s: { initial: 0.5, inflows: [f] }',
        'flows:',
        '  f: effect(s)',
      ]),
      { hoistReciprocals: true },
    );
    const { loop } = sections(source);
    for (const point of ['0.6', '1.3', '3']) expect(loop).toContain(point);
    expect(loop).not.toMatch(/effect|lookups?\b/);
    expect(loop).toMatch(/s0_s > 0 \?/);
  });

  it('saves on an integer counter of steps, never with time % save_every, and stops after the last step', () => {
    const source = generateRunSource(plan(decay), { hoistReciprocals: true });
    const { loop } = sections(source);
    expect(loop).toContain('if (untilSave === 0) {');
    expect(loop).toContain('untilSave = 2;');
    expect(loop).toContain('o += saveStride;');
    expect(loop).toContain('if (step === 8) break;');
    expect(loop).not.toContain('%');
  });

  it('computes an aux only the saved points need inside the save block, and one nothing needs not at all', () => {
    const lines = [
      'time: { start: 0, stop: 2, dt: 0.5 }',
      'stocks:',
      '  s: { initial: 1, inflows: [f] }',
      'flows:',
      '  f: s * 0.1',
      'auxiliaries:',
      '  report: s * 100',
      '  unused: s * 7',
    ];
    const { loop } = sections(generateRunSource(plan(lines, { outputs: ['s', 'report'] }), { hoistReciprocals: true }));
    const saveBlock = loop.slice(loop.indexOf('if (untilSave === 0) {'), loop.indexOf('untilSave--;'));
    expect(saveBlock).toMatch(/const v\d+_report = /);
    expect(loop.match(/_report = /g)).toHaveLength(1);
    expect(loop).not.toContain('unused');
  });

  it('gives each delay_fixed a ring buffer allocated before the loop and written once per step', () => {
    const source = generateRunSource(
      plan(['time: { start: 0, stop: 2, dt: 0.5 }', 'auxiliaries:', '  x: time', '  d: delay_fixed(x, 1, 0)']),
      { hoistReciprocals: true },
    );
    const { setup, loop } = sections(source);
    expect(setup).toContain('const db0 = new Float64Array(dn0);');
    expect(loop).not.toContain('new Float64Array');
    expect(loop.match(/db0\[dq0\] = /g)).toHaveLength(1);
  });

  it('writes the four RK4 stages with stage times and stocks shadowed by their stage values', () => {
    const source = generateRunSource(plan(decay, { method: 'rk4' }), { hoistReciprocals: true });
    const { setup, loop } = sections(source);
    expect(setup).toContain('const dtOver6 = dt / 6;');
    expect(loop).toContain('const middleTime = time + halfDt;');
    expect(loop).toContain('const s0_x = a2_0;');
    expect(loop).toContain('s0_x = s0_x + dtOver6 * (k1_0 + 2 * k2_0 + 2 * k3_0 + k4_0);');
  });
});

describe('generateRunSource() numbers', () => {
  it('Euler decay dx/dt = -r x gives x0 (1 - r dt)^n at each saved point', () => {
    const values = runGenerated(plan(decay));
    // outputs: x, loss; saved every 2 steps of dt = 0.5
    for (let saveIndex = 0; saveIndex <= 4; saveIndex++)
      expect(values[saveIndex * 2]).toBeCloseTo(24 * Math.pow(1 - 0.125, saveIndex * 2), 12);
    expect(values[1]).toBe(6);
  });

  it('takes parameters from the array it is given, not the model defaults', () => {
    const evaluation = plan(decay);
    const values = runGenerated(evaluation, true, [0.5, 1]);
    expect(values[0]).toBe(8);
    expect(values[8]).toBeCloseTo(8 * Math.pow(0.75, 8), 12);
  });

  it('writes column-major into a shared buffer at outBase with the strides it is given', () => {
    const evaluation = plan(decay);
    const runCount = 3;
    const saveCount = evaluation.saveCount;
    const out = new Float64Array(runCount * saveCount * 2).fill(-1);
    const run = runFunction(generateRunSource(evaluation, { hoistReciprocals: true }));
    const rowMajor = runGenerated(evaluation);
    run(Float64Array.from(evaluation.defaultParameters), out, 1, runCount, saveCount * runCount);
    for (let saveIndex = 0; saveIndex < saveCount; saveIndex++) {
      expect(out[1 + saveIndex * runCount]).toBe(rowMajor[saveIndex * 2]);
      expect(out[1 + saveIndex * runCount + saveCount * runCount]).toBe(rowMajor[saveIndex * 2 + 1]);
      expect(out[saveIndex * runCount]).toBe(-1);
    }
  });

  it('agrees bit for bit with the interpreter without reciprocals, and to 1e-12 with them (STYLE.md), on the reference model', () => {
    const read = readModel(readFileSync('models/reference.yaml', 'utf8'), 'models/reference.yaml');
    if (!read.ok) throw new Error('models/reference.yaml does not read');
    const planned = planModel(read.value);
    if (!planned.ok) throw new Error('models/reference.yaml does not plan');
    const interpreted = runInterpreted(planned.value);
    expect(Array.from(runGenerated(planned.value, false))).toEqual(Array.from(interpreted));
    const hoisted = runGenerated(planned.value, true);
    let largest = 0;
    hoisted.forEach((value, index) => {
      largest = Math.max(
        largest,
        Math.abs(value - interpreted[index]!) / Math.max(1e-300, Math.abs(interpreted[index]!)),
      );
    });
    expect(largest).toBeLessThan(1e-12);
    expect(hoisted.every(Number.isFinite)).toBe(true);
  });

  it('writes non-finite values as they are instead of throwing', () => {
    const values = runGenerated(
      plan(['time: { start: 0, stop: 2, dt: 1 }', 'auxiliaries:', '  a: 1 / (1 - time)', '  b: sqrt(-1)']),
    );
    expect(Array.from(values)).toEqual([1, NaN, Infinity, NaN, -1, NaN]);
  });
});

describe('numberLiteral()', () => {
  it('writes text that reads back as exactly the same double, negatives and -0 in parentheses', () => {
    for (const value of [0, 1, 0.1 + 0.2, 1 / 3, -2.5, 1e-300, 5e-324, 1.7976931348623157e308, Math.PI, -1e21]) {
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      expect(Object.is((new Function(`return ${numberLiteral(value)};`) as () => number)(), value), String(value)).toBe(
        true,
      );
    }
    expect(numberLiteral(-0)).toBe('(-0)');
    expect(numberLiteral(-2.5)).toBe('(-2.5)');
    expect(numberLiteral(NaN)).toBe('NaN');
    expect(numberLiteral(Infinity)).toBe('Infinity');
  });
});
