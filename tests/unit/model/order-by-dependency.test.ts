import { describe, expect, it } from 'vitest';
import { orderByDependency } from '../../../src/model/order-by-dependency.js';

const graph =
  (edges: Record<string, string[]>) =>
  (node: string): string[] =>
    edges[node] ?? [];

describe('orderByDependency()', () => {
  it('puts each node after everything it depends on', () => {
    const edges = { d: ['b', 'c'], b: ['a'], c: ['a', 'b'], a: [] };
    const result = orderByDependency(['d', 'c', 'b', 'a'], graph(edges));
    expect(result).toEqual({ ok: true, order: ['a', 'b', 'c', 'd'] });
  });

  it('is deterministic: independent nodes keep the order given', () => {
    expect(orderByDependency(['x', 'y', 'z'], graph({}))).toEqual({ ok: true, order: ['x', 'y', 'z'] });
    expect(orderByDependency(['z', 'y', 'x'], graph({}))).toEqual({ ok: true, order: ['z', 'y', 'x'] });
  });

  it('ignores dependencies outside the nodes (parameters, built-in names)', () => {
    expect(orderByDependency(['b', 'a'], graph({ b: ['a', 'time', 'p'], a: ['p'] }))).toEqual({
      ok: true,
      order: ['a', 'b'],
    });
  });

  it('returns the first loop found, closed, in dependency order', () => {
    const result = orderByDependency(['r', 'a', 'b', 'c'], graph({ r: ['a'], a: ['b'], b: ['c'], c: ['a'] }));
    expect(result).toEqual({ ok: false, loop: ['a', 'b', 'c', 'a'] });
  });

  it('reports a node that depends on itself as a loop of one', () => {
    expect(orderByDependency(['x'], graph({ x: ['x'] }))).toEqual({ ok: false, loop: ['x', 'x'] });
  });

  it('orders a chain of 200,000 nodes without overflowing the call stack', () => {
    const count = 200_000;
    const nodes = Array.from({ length: count }, (_, index) => `n${index}`);
    const result = orderByDependency(nodes, (node) => (node === 'n0' ? [] : [`n${Number(node.slice(1)) - 1}`]));
    expect(result.ok).toBe(true);
    if (result.ok) expect([result.order[0], result.order[count - 1]]).toEqual(['n0', `n${count - 1}`]);
  });
});
