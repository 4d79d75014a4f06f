import { describe, expect, it } from 'vitest';
import { orderInGroups } from '../../../src/compile/order-in-groups.js';
import type { DependencyOrder } from '../../../src/model/order-by-dependency.js';

/** Order a graph given as node -> dependencies, grouping `name[i]` into `name`. */
function order(graph: Record<string, readonly string[]>): DependencyOrder {
  return orderInGroups(
    Object.keys(graph),
    (node) => graph[node] ?? [],
    (node) => /^(\w+)\[/.exec(node)?.[1],
  );
}

/** True when every node comes after each of its dependencies that is in the graph. */
function respectsDependencies(graph: Record<string, readonly string[]>, ordered: readonly string[]): boolean {
  const position = new Map(ordered.map((node, index) => [node, index]));
  return Object.entries(graph).every(([node, dependencies]) =>
    dependencies.every((dependency) => !position.has(dependency) || position.get(dependency)! < position.get(node)!),
  );
}

const orderOf = (result: DependencyOrder): string[] => {
  if (!result.ok) throw new Error(`unexpected loop ${result.loop.join(' -> ')}`);
  return result.order;
};

describe('orderInGroups()', () => {
  it("keeps an array's elements next to each other, so one loop can compute them", () => {
    const graph = { 'a[1]': ['x'], y: [], 'a[2]': ['y'], x: [], 'a[3]': [] };
    const ordered = orderOf(order(graph));
    expect(ordered).toHaveLength(5);
    expect(respectsDependencies(graph, ordered)).toBe(true);
    const first = ordered.indexOf('a[1]');
    expect(ordered.slice(first, first + 3)).toEqual(['a[1]', 'a[2]', 'a[3]']);
  });

  it('orders a group after everything any of its members needs, and before what needs any member', () => {
    const graph = { z: ['a[2]'], 'a[1]': [], 'a[2]': ['w'], w: [] };
    expect(orderOf(order(graph))).toEqual(['w', 'a[1]', 'a[2]', 'z']);
  });

  it('falls back to elements one by one when members of a group depend on one another', () => {
    const graph = { 'a[2]': ['a[1]'], 'a[1]': ['x'], x: [] };
    expect(orderOf(order(graph))).toEqual(['x', 'a[1]', 'a[2]']);
  });

  it('falls back to elements one by one when grouping would make a loop the elements do not have', () => {
    // a[1] -> x -> a[2]: as one node the group would need x and x the group.
    const graph = { 'a[1]': ['x'], x: ['a[2]'], 'a[2]': [] };
    const ordered = orderOf(order(graph));
    expect(ordered).toEqual(['a[2]', 'x', 'a[1]']);
    expect(respectsDependencies(graph, ordered)).toBe(true);
  });

  it('reports a real loop between elements, naming elements, never a group', () => {
    const result = order({ 'a[1]': ['b'], b: ['a[1]'], 'a[2]': [] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.loop).toEqual(expect.arrayContaining(['a[1]', 'b']));
    expect(result.loop.some((node) => node.includes('\u0000'))).toBe(false);
  });

  it('ignores dependencies outside the nodes and orders ungrouped nodes as orderByDependency does', () => {
    const graph = { b: ['a', 'outside'], a: [] };
    expect(orderOf(order(graph))).toEqual(['a', 'b']);
    expect(orderOf(order({ 'a[1]': ['outside'], 'a[2]': [] }))).toEqual(['a[1]', 'a[2]']);
  });
});
