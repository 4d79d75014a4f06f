import { describe, expect, it } from 'vitest';
import { compileModel, type CompileOptions } from '../../../src/compile/compile-model.js';
import { messages } from '../../../src/diagnostics/messages.js';
import { readModel } from '../../../src/model/read-model.js';
import { findNonFinite, simulate } from '../../../src/runtime/simulate.js';

function compile(lines: string[], options: CompileOptions = {}): ReturnType<typeof compileModel> {
  const read = readModel(lines.join('\n'), 'inline.yaml');
  if (!read.ok) throw new Error(JSON.stringify(read.diagnostics));
  return compileModel(read.value, options);
}

function runBoth(lines: string[]): { generated: Float64Array; interpreted: Float64Array } {
  const generated = compile(lines);
  const interpreted = compile(lines, { interpret: true });
  if (!generated.ok || !interpreted.ok) throw new Error('does not compile');
  return { generated: simulate(generated.value).values, interpreted: simulate(interpreted.value).values };
}

describe('generated code stays small and flat', () => {
  it('compileModel() binds the operands of %, so nesting it 30 deep does not double the code 30 times', () => {
    const compiled = compile(['time: { start: 0, stop: 2, dt: 1 }', 'auxiliaries:', `  a: "time${' % 7'.repeat(30)}"`]);
    if (!compiled.ok) throw new Error('does not compile');
    expect(compiled.value.source.length).toBeLessThan(20_000);
    expect(Array.from(simulate(compiled.value).values)).toEqual([0, 1, 2]);
  });

  it('compileModel() writes a sum of 1,400 terms flat and a stock with 3,000 inflows, agreeing with the interpreter', () => {
    const sum = runBoth([
      'time: { start: 0, stop: 1, dt: 0.5 }',
      'stocks:',
      '  s: { initial: 1, inflows: [f] }',
      'flows:',
      `  f: "${Array(1400).fill('s * 0.001').join(' + ')}"`,
    ]);
    expect(sum.generated).toEqual(sum.interpreted);
    const flowNames = Array.from({ length: 3000 }, (_, index) => `f${index}`);
    const inflows = runBoth([
      'time: { start: 0, stop: 1, dt: 0.5 }',
      'stocks:',
      `  s: { initial: 1, inflows: [${flowNames.join(', ')}] }`,
      'flows:',
      ...flowNames.map((name) => `  ${name}: s * 0.0001`),
    ]);
    expect(inflows.generated[3000 + 1]).toBeCloseTo(1.15, 12);
  });

  it('readModel() refuses an equation nested deeper than the engine can walk, with a message', () => {
    const read = readModel(
      ['time: { start: 0, stop: 1, dt: 1 }', 'auxiliaries:', `  a: "${Array(1600).fill('1').join(' + ')}"`].join('\n'),
      'deep.yaml',
    );
    expect(read.ok).toBe(false);
    if (!read.ok)
      expect(read.diagnostics[0]).toMatchObject({ code: 'too-large', line: 3, field: 'auxiliaries.a.equation' });
  });

  it('compileModel() orders the initial values of a stock that reads a chain of 10,000 auxiliaries', () => {
    const chain = Array.from({ length: 10_000 }, (_, index) =>
      index === 0 ? '  a0: 1' : `  a${index}: a${index - 1} + 1`,
    );
    const compiled = compile(
      ['time: { start: 0, stop: 1, dt: 1 }', 'stocks:', '  s: { initial: a9999 }', 'auxiliaries:', ...chain],
      { outputs: ['s'] },
    );
    if (!compiled.ok) throw new Error('does not compile');
    expect(simulate(compiled.value).values[0]).toBe(10_000);
  });
});

describe('delay_fixed buffers', () => {
  const model = (delayTime: string): string[] => [
    'time: { start: 0, stop: 4, dt: 1 }',
    'parameters:',
    `  lag: ${delayTime}`,
    'auxiliaries:',
    '  x: time',
    '  d: "delay_fixed(x, lag, -1)"',
  ];

  it('returns the initial value throughout when the delay is longer than the run, without allocating for it', () => {
    const { generated, interpreted } = runBoth(model('1e12'));
    expect(generated).toEqual(interpreted);
    expect(Array.from(generated).filter((_, index) => index % 2 === 1)).toEqual([-1, -1, -1, -1, -1]);
  });

  it('gives NaN in both the generated code and the interpreter when the delay time is negative', () => {
    const { generated, interpreted } = runBoth(model('-1'));
    expect(Array.from(generated)).toEqual(Array.from(interpreted));
    expect(Number.isNaN(generated[1])).toBe(true);
  });
});

describe('runs too large to hold', () => {
  it('checkModel() refuses a run of more steps than can be computed, naming time.dt', () => {
    const compiled = compile(['time: { start: 0, stop: 1e12, dt: 1 }', 'auxiliaries:', '  a: 1']);
    expect(compiled.ok).toBe(false);
    if (!compiled.ok)
      expect(compiled.diagnostics[0]).toMatchObject({
        code: 'too-large',
        field: 'time.dt',
        message: messages.tooLarge('the run would take 1000000000000 steps; at most 100000000 are allowed').message,
      });
  });

  it('compileModel() throws on options a program got wrong: an unknown method, a non-positive dt', () => {
    const lines = ['time: { start: 0, stop: 1, dt: 1 }', 'auxiliaries:', '  a: 1'];
    const read = readModel(lines.join('\n'), 'inline.yaml');
    if (!read.ok) throw new Error('does not read');
    expect(() => compileModel(read.value, { method: 'rk5' as 'rk4' })).toThrow(
      new TypeError("options.method must be 'euler' or 'rk4', found 'rk5'"),
    );
    expect(() => compileModel(read.value, { dt: 0 })).toThrow(
      new RangeError('options.dt must be a positive finite number, found 0'),
    );
  });

  it('findNonFinite() reports the NaN of an invalid delay with its variable', () => {
    const compiled = compile(['time: { start: 0, stop: 2, dt: 1 }', 'auxiliaries:', '  d: "delay_fixed(time, -2, 0)"']);
    if (!compiled.ok) throw new Error('does not compile');
    expect(findNonFinite(simulate(compiled.value))).toMatchObject({ variable: 'd', time: 0 });
  });
});
