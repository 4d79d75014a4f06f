import { describe, expect, test } from 'vitest';
import { messages } from '../../../src/diagnostics/messages.js';
import type { Expression } from '../../../src/model/expression.js';
import {
  maximumEquationDepth,
  maximumOperatorCount,
  maximumParenthesisDepth,
  parseEquation,
  type EquationProblem,
} from '../../../src/model/parse-equation.js';

const reference = (name: string, offset: number): Expression => ({ kind: 'reference', name, offset });
const number = (value: number): Expression => ({ kind: 'number', value });

/** The expression `parseEquation` gives; the text must parse. */
function parsed(text: string): Expression {
  const result = parseEquation(text);
  if (!result.ok) throw new Error(`expected '${text}' to parse: ${result.problem.message.message}`);
  return result.expression;
}

/** The problem `parseEquation` reports; the text must not parse. */
function problem(text: string): EquationProblem {
  const result = parseEquation(text);
  if (result.ok) throw new Error(`expected '${text}' not to parse`);
  return result.problem;
}

describe('parseEquation()', () => {
  test('parseEquation() keeps operator precedence and the offset where each name starts', () => {
    expect(parsed('gdp + growth_rate * 2')).toEqual({
      kind: 'binary',
      operator: 'add',
      left: reference('gdp', 0),
      right: { kind: 'binary', operator: 'multiply', left: reference('growth_rate', 6), right: number(2) },
    });
  });

  test('parseEquation() drops parentheses and a unary plus', () => {
    expect(parsed('+(a)')).toEqual(reference('a', 2));
  });

  test('parseEquation() reads a call with the offset of the function name', () => {
    expect(parsed('1 + max(0, x)')).toEqual({
      kind: 'binary',
      operator: 'add',
      left: number(1),
      right: { kind: 'call', name: 'max', args: [number(0), reference('x', 11)], offset: 4 },
    });
  });

  test('parseEquation() reads cond ? a : b as a conditional', () => {
    expect(parsed('x > 0 ? x : 0')).toEqual({
      kind: 'conditional',
      condition: { kind: 'binary', operator: 'greater', left: reference('x', 0), right: number(0) },
      whenTrue: reference('x', 8),
      whenFalse: number(0),
    });
  });

  test('parseEquation() reads negation and not as unary operators', () => {
    expect(parsed('-a')).toEqual({ kind: 'unary', operator: 'negate', operand: reference('a', 1) });
    expect(parsed('not a')).toEqual({ kind: 'unary', operator: 'not', operand: reference('a', 4) });
  });

  test('parseEquation() maps each comparison and logical operator to its own name', () => {
    const operatorOf = (text: string): string | undefined => {
      const expression = parsed(text);
      return expression.kind === 'binary' ? expression.operator : undefined;
    };
    expect(
      [
        'a - b',
        'a / b',
        'a ^ b',
        'a % b',
        'a < b',
        'a <= b',
        'a > b',
        'a >= b',
        'a == b',
        'a != b',
        'a and b',
        'a or b',
      ].map(operatorOf),
    ).toEqual([
      'subtract',
      'divide',
      'pow',
      'mod',
      'less',
      'lessEqual',
      'greater',
      'greaterEqual',
      'equal',
      'unequal',
      'and',
      'or',
    ]);
  });

  test('parseEquation() reads true and false as 1 and 0', () => {
    expect(parsed('true')).toEqual(number(1));
    expect(parsed('false')).toEqual(number(0));
  });

  test('parseEquation() reads an equation that spans lines', () => {
    expect(parsed('1 +\n2')).toEqual({ kind: 'binary', operator: 'add', left: number(1), right: number(2) });
  });

  test('parseEquation() reports a missing operand at the offending operator', () => {
    expect(problem('1 + * 2')).toEqual({ offset: 4, message: messages.equationSyntax('Value expected') });
  });

  test('parseEquation() reports an equation that ends too soon at its end', () => {
    expect(problem('x + y +')).toEqual({ offset: 7, message: messages.equationSyntax('Unexpected end of expression') });
  });

  test('parseEquation() reports an unclosed parenthesis at the end', () => {
    expect(problem('(1')).toEqual({ offset: 2, message: messages.equationSyntax('Parenthesis ) expected') });
  });

  test('parseEquation() rejects implicit multiplication (gdp growth)', () => {
    expect(problem('gdp growth').message).toEqual(
      messages.unsupportedSyntax('implicit multiplication (two terms side by side)'),
    );
  });

  test('parseEquation() rejects implicit multiplication nested in parentheses', () => {
    expect(problem('3 * (gdp growth)').message).toEqual(
      messages.unsupportedSyntax('implicit multiplication (two terms side by side)'),
    );
  });

  test('parseEquation() points implicit multiplication at the second term', () => {
    expect(problem('gdp growth').offset).toBe(4);
  });

  test('parseEquation() rejects an operator the language lacks at that operator', () => {
    expect(problem('a xor b')).toEqual({ offset: 2, message: messages.unsupportedSyntax("the operator 'xor'") });
    expect(problem('x!')).toEqual({ offset: 1, message: messages.unsupportedSyntax("the operator '!'") });
  });

  test('parseEquation() rejects text values', () => {
    expect(problem('"abc"')).toEqual({ offset: 0, message: messages.unsupportedSyntax('a text value') });
  });

  test('parseEquation() rejects assignment, indexing, arrays, ranges and several statements', () => {
    for (const text of ['a = 1', 'x[1]', '[1, 2]', '1:3', 'a; b']) {
      expect(problem(text), text).toMatchObject({ offset: 0, message: { code: 'unsupported-syntax' } });
    }
  });

  test('parseEquation() reads a line break as a space, so an equation may span lines', () => {
    expect(parsed('a +\n  b')).toEqual({
      kind: 'binary',
      operator: 'add',
      left: reference('a', 0),
      right: reference('b', 6),
    });
    expect(problem('a\nb')).toEqual({
      offset: 2,
      message: messages.unsupportedSyntax('implicit multiplication (two terms side by side)'),
    });
  });

  test('parseEquation() refuses parentheses nested deeper than maximumParenthesisDepth at the first bracket too deep, before mathjs runs out of stack', () => {
    const depth = maximumParenthesisDepth;
    expect(parsed(`${'('.repeat(depth)}x${')'.repeat(depth)}`)).toEqual(reference('x', depth));
    expect(problem(`${'abs('.repeat(depth + 1)}1${')'.repeat(depth + 1)}`)).toEqual({
      offset: 4 * depth + 3,
      message: messages.nestedTooDeep(`parentheses are nested more than ${depth} levels deep here`),
    });
    expect(problem(`${'('.repeat(5000)}1`).message.code).toBe('too-large');
  });

  test('parseEquation() refuses chains of prefix signs, powers or conditionals longer than any equation within the depth limit, before mathjs runs out of stack', () => {
    const tooMany = messages.nestedTooDeep(
      `the equation has more than ${maximumOperatorCount} prefix signs, powers and conditionals`,
    );
    expect(problem(`${'-'.repeat(1_000_000)}1`)).toEqual({ offset: 0, message: tooMany });
    expect(
      problem(
        Array(maximumOperatorCount + 2)
          .fill('2')
          .join('^'),
      ),
    ).toEqual({ offset: 0, message: tooMany });
    expect(problem(`${'not '.repeat(maximumOperatorCount / 2 + 1)}${'-'.repeat(maximumOperatorCount / 2)}1`)).toEqual({
      offset: 0,
      message: tooMany,
    });
    // Binary + and - are read in a loop, and do not count: a sum of 1,400 terms with signs parses.
    expect(parsed(Array.from({ length: 1400 }, () => '-x').join(' - ')).kind).toBe('binary');
    expect(problem(`${'-'.repeat(1600)}1`)).toEqual({
      offset: 0,
      message: messages.nestedTooDeep(
        `the equation is nested more than ${maximumEquationDepth} levels deep (or is a sum of that many terms)`,
      ),
    });
  });
});
