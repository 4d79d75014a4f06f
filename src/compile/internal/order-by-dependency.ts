/** Nodes sorted so each comes after what it depends on, or the first loop found, closed (`a, b, a`). */
export type DependencyOrder = { ok: true; order: string[] } | { ok: false; loop: string[] };

/**
 * Depth-first topological sort, visiting roots and dependencies in the order given so the result is
 * deterministic. Dependencies outside `nodes` are ignored.
 */
export function orderByDependency(nodes: readonly string[], dependenciesOf: (node: string) => readonly string[]): DependencyOrder {
  const known = new Set(nodes);
  const state = new Map<string, 'visiting' | 'done'>();
  const order: string[] = [];
  const path: string[] = [];
  let loop: string[] | undefined;
  const visit = (node: string): void => {
    if (loop !== undefined) return;
    const seen = state.get(node);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      loop = [...path.slice(path.indexOf(node)), node];
      return;
    }
    state.set(node, 'visiting');
    path.push(node);
    for (const dependency of dependenciesOf(node)) if (known.has(dependency)) visit(dependency);
    path.pop();
    state.set(node, 'done');
    order.push(node);
  };
  for (const node of nodes) visit(node);
  return loop === undefined ? { ok: true, order } : { ok: false, loop };
}
