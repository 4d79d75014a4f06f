/** Nodes sorted so each comes after what it depends on, or the first loop found, closed (`a, b, a`). */
export type DependencyOrder = { ok: true; order: string[] } | { ok: false; loop: string[] };

/**
 * Depth-first topological sort, visiting roots and dependencies in the order given so the result is
 * deterministic. Dependencies outside `nodes` are ignored. Iterative, so a chain of a hundred thousand
 * auxiliaries does not overflow the call stack.
 */
export function orderByDependency(
  nodes: readonly string[],
  dependenciesOf: (node: string) => readonly string[],
): DependencyOrder {
  const known = new Set(nodes);
  const state = new Map<string, 'visiting' | 'done'>();
  const order: string[] = [];
  for (const root of nodes) {
    if (state.has(root)) continue;
    const path: string[] = [root];
    const pending: (readonly string[])[] = [dependenciesOf(root).filter((dependency) => known.has(dependency))];
    const position: number[] = [0];
    state.set(root, 'visiting');
    while (path.length > 0) {
      const depth = path.length - 1;
      const dependencies = pending[depth]!;
      const next = dependencies[position[depth]!];
      if (next === undefined) {
        state.set(path[depth]!, 'done');
        order.push(path[depth]!);
        path.pop();
        pending.pop();
        position.pop();
        continue;
      }
      position[depth]! += 1;
      const seen = state.get(next);
      if (seen === 'done') continue;
      if (seen === 'visiting') return { ok: false, loop: [...path.slice(path.indexOf(next)), next] };
      state.set(next, 'visiting');
      path.push(next);
      pending.push(dependenciesOf(next).filter((dependency) => known.has(dependency)));
      position.push(0);
    }
  }
  return { ok: true, order };
}
