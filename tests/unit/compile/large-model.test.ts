import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/compile/compile-model.js';
import { readModel } from '../../../src/model/read-model.js';
import { simulate } from '../../../src/runtime/simulate.js';
import { countRunLocals, maximumRunLocals } from '../../../src/compile/run-size-limit.js';
import { messages } from '../../../src/diagnostics/messages.js';
import type { Equation, ModelSpec } from '../../../src/model/model-spec.js';
import type { Expression } from '../../../src/model/expression.js';

describe('models with tens of thousands of elements', () => {
  it('readModel() and compileModel() handle a chain of 20,000 auxiliaries without overflowing the stack', () => {
    const chainLength = 20_000;
    const lines = [
      'name: chain',
      'time: { start: 0, stop: 1, dt: 0.5 }',
      'stocks:',
      '  s: { initial: 1, inflows: [f] }',
      'flows:',
      `  f: a${chainLength - 1}`,
      'auxiliaries:',
      '  a0: s',
    ];
    for (let index = 1; index < chainLength; index++) lines.push(`  a${index}: a${index - 1} + 1`);
    const read = readModel(lines.join('\n'), 'chain.yaml');
    if (!read.ok) throw new Error(JSON.stringify(read.diagnostics.slice(0, 3)));
    const compiled = compileModel(read.value, { outputs: ['s', 'f'] });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics.slice(0, 3)));
    const result = simulate(compiled.value);
    const flowAtStart = 1 + (chainLength - 1);
    expect(Array.from(result.values.subarray(0, 4))).toEqual([
      1,
      flowAtStart,
      1 + 0.5 * flowAtStart,
      1 + 0.5 * flowAtStart + (chainLength - 1),
    ]);
  });
});

describe('models too large for one run function (issue 21, problem 7)', () => {
  /** A model of `stockCount` stocks, each drained by its own flow, built as data (reading 300,000 from YAML takes minutes). */
  function stockModel(stockCount: number, method: 'euler' | 'rk4'): ModelSpec {
    const location = { file: 'big.yaml', line: 1, column: 1 };
    const documented = {
      unit: undefined,
      doc: undefined,
      label: undefined,
      labelZh: undefined,
      source: undefined,
      assumption: undefined,
      location,
    };
    // Expressions built directly: parsing 600,000 equations would take a minute.
    const equation = (text: string, expression: Expression): Equation => ({ text, expression, location, segments: [] });
    const one = equation('1', { kind: 'number', value: 1 });
    return {
      name: 'big',
      file: 'big.yaml',
      doc: undefined,
      time: { start: 0, stop: 2, dt: 1, method, saveEvery: 1, saveEveryDeclared: true, unit: 'year' },
      parameters: [],
      lookups: [],
      stocks: Array.from({ length: stockCount }, (_, index) => ({
        kind: 'stock' as const,
        name: `s${index}`,
        ...documented,
        initial: one,
        inflows: [],
        outflows: [`f${index}`],
      })),
      flows: Array.from({ length: stockCount }, (_, index) => ({
        kind: 'flow' as const,
        name: `f${index}`,
        ...documented,
        equation: equation(`0.1 * s${index}`, {
          kind: 'binary',
          operator: 'multiply',
          left: { kind: 'number', value: 0.1 },
          right: { kind: 'reference', name: `s${index}`, offset: 6 },
        }),
      })),
      auxiliaries: [],
      locations: new Map(),
    };
  }

  it('compileModel() refuses 300,000 stocks under rk4 at once, saying how many values and the limit', () => {
    const model = stockModel(300_000, 'rk4');
    const started = performance.now();
    const compiled = compileModel(model);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(compiled.ok).toBe(false);
    if (compiled.ok) return;
    expect(compiled.diagnostics).toEqual([
      expect.objectContaining(messages.runFunctionTooLarge(3_300_000, maximumRunLocals, 'rk4')),
    ]);
  });

  it('compileModel() refuses 10,000 stocks under rk4 (a run that overflowed the stack) before compiling', () => {
    const compiled = compileModel(stockModel(10_000, 'rk4'));
    expect(compiled.ok || compiled.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['too-large']);
  });

  it('counts the generated locals exactly, and runs a model just within the limit', () => {
    const compiled = compileModel(stockModel(4_000, 'rk4'), { outputs: ['s0'] });
    if (!compiled.ok) throw new Error(compiled.diagnostics[0]!.message);
    const locals = countRunLocals(compiled.value.source);
    expect(locals).toBeGreaterThan(11 * 4_000);
    expect(locals).toBeLessThanOrEqual(maximumRunLocals);
    expect(simulate(compiled.value).values[2]).toBeCloseTo(Math.exp(-0.2), 3);
  });
});
