import { describe, expect, it } from 'vitest';
import { messages } from '../../../src/diagnostics/messages.js';
import { checkReferences } from '../../../src/model/check-references.js';
import { readInlineModel } from '../../helpers/inline-model.js';

/** checkReferences() alone, on models readModel() accepts. */

const check = (lines: string[]) =>
  checkReferences(readInlineModel(['time: { start: 0, stop: 1, dt: 1 }', ...lines])).map((diagnostic) => ({
    field: diagnostic.field,
    line: diagnostic.line,
    code: diagnostic.code,
    message: diagnostic.message,
  }));

describe('checkReferences()', () => {
  it('finds nothing wrong in a model whose names all resolve', () => {
    expect(
      check([
        'parameters:',
        '  k: 0.1',
        'lookups:',
        '  f: { points: [[0, 0], [1, 1]] }',
        'stocks:',
        '  s: { initial: 1, inflows: [g] }',
        'flows:',
        '  g: f(s) * k + time * dt + pi',
      ]),
    ).toEqual([]);
  });

  it('names the first definition of a name defined twice across sections, by kind and line', () => {
    const [problem] = check(['parameters:', '  a: 1', 'auxiliaries:', '  a: 2']);
    expect(problem).toEqual({
      field: 'auxiliaries.a',
      line: 5,
      code: 'duplicate-name',
      message: messages.duplicateName('a', 'parameter', 3).message,
    });
  });

  it('describes the argument count a built-in takes: exactly, a range, or at least', () => {
    const problems = check(['auxiliaries:', '  a: abs(1, 2)', '  b: ramp(1)', '  c: min(1)', '  d: pow(2)']);
    expect(problems.map((problem) => problem.message)).toEqual([
      'abs() takes 1 argument, found 2',
      'ramp() takes 2 to 3 arguments, found 1',
      'min() takes at least 2 arguments, found 1',
      'pow() takes 2 arguments, found 1',
    ]);
  });

  it('lists the built-ins and the lookups for an unknown function', () => {
    const [problem] = check(['lookups:', '  curve: { points: [[0, 0], [1, 1]] }', 'auxiliaries:', '  a: curv(1)']);
    expect(problem!.code).toBe('unknown-function');
    expect(problem!.message).toBe(messages.unknownFunction('curv', []).message);
    expect(messages.unknownFunction('curv', ['min', 'curve']).hint).toContain('curve');
  });

  it('reports a lookup read without being called, or called with two arguments', () => {
    const problems = check([
      'lookups:',
      '  f: { points: [[0, 0], [1, 1]] }',
      'auxiliaries:',
      '  a: f + 1',
      '  b: f(1, 2)',
    ]);
    expect(problems.map((problem) => problem.message)).toEqual([
      "lookup 'f' must be called: f(x)",
      'f() takes 1 argument, found 2',
    ]);
  });

  it('does not suggest the variable being defined for its own misspelling', () => {
    const [problem] = check(['auxiliaries:', '  rates: rate + 1']);
    expect(problem).toMatchObject({
      code: 'unknown-variable',
      message: messages.unknownVariable('rate', undefined).message,
    });
  });

  it('checks the flows a stock lists: defined, a flow, listed once; and that every flow is attached', () => {
    const problems = check([
      'stocks:',
      '  s: { initial: 1, inflows: [g, g, a, nope] }',
      'flows:',
      '  g: 1',
      '  loose: 2',
      'auxiliaries:',
      '  a: 3',
    ]);
    expect(problems.map((problem) => [problem.field, problem.message])).toEqual([
      ['stocks.s.inflows', messages.flowAttachedTwice('g', 's').message],
      ['stocks.s.inflows', messages.notAFlow('a', 'auxiliary').message],
      ['stocks.s.inflows', messages.notAFlow('nope', undefined).message],
      ['flows.loose', messages.flowNotAttached('loose').message],
    ]);
  });

  it('reports a parameter value outside its declared min or max, at the value', () => {
    const problems = check([
      'parameters:',
      '  low: { value: -1, min: 0 }',
      '  high: { value: 5, max: 4 }',
      '  fine: { value: 4, min: 4, max: 4 }',
    ]);
    expect(problems.map((problem) => [problem.field, problem.message])).toEqual([
      ['parameters.low.value', messages.parameterOutOfRange('low', -1, 0, undefined).message],
      ['parameters.high.value', messages.parameterOutOfRange('high', 5, undefined, 4).message],
    ]);
  });
});
