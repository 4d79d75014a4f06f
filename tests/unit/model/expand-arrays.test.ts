import { describe, expect, it } from 'vitest';
import { messages } from '../../../src/diagnostics/messages.js';
import {
  bindingsFor,
  elementTuples,
  familyOf,
  instantiateExpression,
  type ArrayScope,
} from '../../../src/model/expand-arrays.js';
import { formatExpression } from '../../../src/model/expression.js';
import type { DimensionSpec } from '../../../src/model/model-spec.js';
import { parseEquation } from '../../../src/model/parse-equation.js';

const at = { file: 'unit.yaml', line: 1, column: 1 };
const dimensions: DimensionSpec[] = [
  { name: 'district', elements: ['a', 'b', 'c'], location: at },
  { name: 'north', elements: ['a', 'b'], parent: 'district', location: at },
  { name: 'sector', elements: ['x', 'y'], location: at },
  { name: 'source', elements: ['p', 'q', 'r'], mappings: [{ to: 'district' }], location: at },
  { name: 'pair', elements: ['m', 'n'], mappings: [{ to: 'sector', elements: ['y', 'x'] }], location: at },
];
const arrays = new Map<string, string[]>([
  ['pop', ['district']],
  ['flow', ['district', 'sector']],
  ['share', ['sector']],
  ['northern', ['north']],
]);
const scope: ArrayScope = {
  dimensions: new Map(dimensions.map((dimension) => [dimension.name, dimension])),
  dimensionsOf: (name) => arrays.get(name),
};

/** Instantiate `text` for the element `tuple` of an equation written over `subscripts`. */
const expand = (text: string, subscripts: string[] = [], tuple: string[] = []): string => {
  const parsed = parseEquation(text);
  if (!parsed.ok) throw new Error(parsed.problem.message.message);
  const result = instantiateExpression(parsed.expression, bindingsFor(scope, subscripts, tuple), scope);
  if (!result.ok) throw new Error(result.problem.message.message);
  return formatExpression(result.expression);
};

const problem = (text: string, subscripts: string[] = [], tuple: string[] = []): string | undefined => {
  const parsed = parseEquation(text);
  if (!parsed.ok) throw new Error(parsed.problem.message.message);
  const result = instantiateExpression(parsed.expression, bindingsFor(scope, subscripts, tuple), scope);
  return result.ok ? undefined : result.problem.message.message;
};

describe('instantiateExpression()', () => {
  it('turns subscripts into the element the left-hand side binds, and a bare array into its element in step', () => {
    expect(expand('pop[district] * 2 + pop', ['district'], ['b'])).toBe('((pop[b] * 2) + pop[b])');
    expect(expand('flow[district, sector] + flow[c, x]', ['district', 'sector'], ['a', 'y'])).toBe(
      '(flow[a,y] + flow[c,x])',
    );
    expect(expand('pop[district]', ['north'], ['b'])).toBe('pop[b]');
    expect(expand('northern[north]', ['district'], ['a'])).toBe('northern[a]');
  });

  it('reduces sum, prod, vmin, vmax and vmean over the dimensions nothing binds, and over d!', () => {
    expect(expand('sum(pop[district!])')).toBe('((pop[a] + pop[b]) + pop[c])');
    expect(expand('vmax(pop[north!])')).toBe('max(pop[a], pop[b])');
    expect(expand('sum(flow[district, sector!])', ['district'], ['c'])).toBe('(flow[c,x] + flow[c,y])');
    expect(expand('prod(share[sector!] * 2)')).toBe('((share[x] * 2) * (share[y] * 2))');
    expect(expand('vmean(pop[district!])')).toBe('(((pop[a] + pop[b]) + pop[c]) / 3)');
    expect(expand('sum(flow[district!, sector!])')).toBe(
      '(((((flow[a,x] + flow[a,y]) + flow[b,x]) + flow[b,y]) + flow[c,x]) + flow[c,y])',
    );
  });

  it('follows mappings in both directions, by position or by the listed elements', () => {
    expect(expand('pop[district]', ['source'], ['q'])).toBe('pop[b]');
    expect(expand('share[sector]', ['pair'], ['m'])).toBe('share[y]');
  });

  it('reports a scalar with subscripts, a wrong subscript count, a free dimension outside a sum, and an element outside', () => {
    expect(problem('pop[district]')).toBe(messages.unboundDimension('pop', 'district').message);
    expect(problem('pop[district, sector]', ['district'], ['a'])).toBe(
      messages.wrongSubscriptCount('pop', 1, 2).message,
    );
    expect(problem('growth[district]')).toBe(messages.notAnArray('growth').message);
    expect(problem('pop[z]')).toBe(messages.unknownSubscript('pop', 'z', 'district').message);
    expect(problem('northern[district]', ['district'], ['c'])).toBe(
      messages.subscriptOutsideDimension('northern', 'c', 'north').message,
    );
  });
});

describe('elementTuples() and familyOf()', () => {
  it('lists element combinations, the first subscript varying slowest, and follows subranges up', () => {
    expect(elementTuples(scope, ['north', 'sector'])).toEqual([
      ['a', 'x'],
      ['a', 'y'],
      ['b', 'x'],
      ['b', 'y'],
    ]);
    expect(elementTuples(scope, ['c', 'sector'])).toEqual([
      ['c', 'x'],
      ['c', 'y'],
    ]);
    expect(familyOf(scope.dimensions, 'north')).toBe('district');
  });
});
