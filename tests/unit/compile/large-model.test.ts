import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/compile/compile-model.js';
import { readModel } from '../../../src/model/read-model.js';
import { simulate } from '../../../src/runtime/simulate.js';

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
