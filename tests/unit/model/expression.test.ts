import { describe, expect, it } from 'vitest';
import {
  build,
  formatExpression,
  mapExpression,
  referencedNames,
  walkExpression,
  type Expression,
} from '../../../src/model/expression.js';
import { parseEquation } from '../../../src/model/parse-equation.js';

const parsed = (text: string): Expression => {
  const result = parseEquation(text);
  if (!result.ok) throw new Error(`does not parse: ${text}`);
  return result.expression;
};

describe('expression trees', () => {
  it('build writes the nodes the parser writes', () => {
    expect(build.add(build.reference('a'), build.number(2))).toEqual({
      kind: 'binary',
      operator: 'add',
      left: { kind: 'reference', name: 'a', offset: 0 },
      right: { kind: 'number', value: 2 },
    });
    expect(build.negate(build.number(1))).toEqual({
      kind: 'unary',
      operator: 'negate',
      operand: { kind: 'number', value: 1 },
    });
    expect(build.call('min', [build.number(1)])).toEqual({
      kind: 'call',
      name: 'min',
      args: [{ kind: 'number', value: 1 }],
      offset: 0,
    });
  });

  it('walkExpression() visits parents before children, left to right, into every kind of node', () => {
    const kinds: string[] = [];
    walkExpression(parsed('a > 0 ? -min(b, 2) : c'), (node) =>
      kinds.push(node.kind === 'reference' ? node.name : node.kind === 'number' ? String(node.value) : node.kind),
    );
    expect(kinds).toEqual(['conditional', 'binary', 'a', '0', 'unary', 'call', 'b', '2', 'c']);
  });

  it('referencedNames() lists the variables read, once each, in first-use order, not the functions called', () => {
    expect(referencedNames(parsed('b * smooth(a, T) + b / lookup_f(a)'))).toEqual(['b', 'a', 'T']);
    expect(referencedNames(parsed('3 + 4'))).toEqual([]);
  });

  it('mapExpression() rebuilds bottom-up, replacing what the callback returns, leaving the input unchanged', () => {
    const input = parsed('a + b * a');
    const doubled = mapExpression(input, (node) =>
      node.kind === 'reference' && node.name === 'a'
        ? build.multiply(build.number(2), build.reference('a'))
        : undefined,
    );
    expect(formatExpression(doubled)).toBe('((2 * a) + (b * (2 * a)))');
    expect(formatExpression(input)).toBe('(a + (b * a))');
    const folded = mapExpression(parsed('(1 + 2) * x'), (node) =>
      node.kind === 'binary' && node.left.kind === 'number' && node.right.kind === 'number'
        ? build.number(node.left.value + node.right.value)
        : undefined,
    );
    expect(formatExpression(folded)).toBe('(3 * x)');
  });

  it('formatExpression() prints text that parses back to the same tree', () => {
    for (const text of [
      'a + b * c - d / e',
      '-(x) ^ 2',
      'not (a and b) or c',
      'a >= 1 ? b : c % 3',
      'max(a, -2, smooth(b, 3, 0))',
      '(a == b) != c',
    ]) {
      const tree = parsed(text);
      const strip = (expression: Expression): unknown =>
        JSON.parse(JSON.stringify(expression, (key, value: unknown) => (key === 'offset' ? undefined : value)));
      expect(strip(parsed(formatExpression(tree))), text).toEqual(strip(tree));
    }
  });
});
