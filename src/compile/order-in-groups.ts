import { orderByDependency, type DependencyOrder } from '../model/order-by-dependency.js';

/**
 * `orderByDependency`, keeping the members of each group (the elements of one array) next to each
 * other so that code can compute them in one loop: a group is ordered as one node, with the
 * dependencies of all its members. A group whose members depend on one another, or whose grouping
 * would make a loop that the elements alone do not, falls back to its members one by one; the
 * result is always a valid element order, and the loop reported is always one between elements.
 */
export function orderInGroups(
  nodes: readonly string[],
  dependenciesOf: (node: string) => readonly string[],
  groupOf: (node: string) => string | undefined,
): DependencyOrder {
  const members = new Map<string, string[]>();
  for (const node of nodes) {
    const group = groupOf(node);
    if (group !== undefined) members.set(group, [...(members.get(group) ?? []), node]);
  }
  const known = new Set(nodes);
  for (const [group, list] of members) {
    const inside = new Set(list);
    const selfDependent = list.some((member) => dependenciesOf(member).some((dependency) => inside.has(dependency)));
    if (list.length < 2 || selfDependent) members.delete(group);
  }
  if (members.size === 0) return orderByDependency(nodes, dependenciesOf);
  const nodeOf = (name: string): string => {
    const group = groupOf(name);
    return group !== undefined && members.has(group) ? `\u0000${group}` : name;
  };
  const collapsed: string[] = [];
  const seen = new Set<string>();
  for (const node of nodes) {
    const collapsedNode = nodeOf(node);
    if (!seen.has(collapsedNode)) {
      seen.add(collapsedNode);
      collapsed.push(collapsedNode);
    }
  }
  const grouped = orderByDependency(collapsed, (node) => {
    const group = node.startsWith('\u0000') ? members.get(node.slice(1)) : undefined;
    const dependencies = (group ?? [node]).flatMap((member) => dependenciesOf(member));
    return [...new Set(dependencies.filter((dependency) => known.has(dependency)).map(nodeOf))].filter(
      (dependency) => dependency !== node,
    );
  });
  if (!grouped.ok) return orderByDependency(nodes, dependenciesOf);
  return {
    ok: true,
    order: grouped.order.flatMap((node) => (node.startsWith('\u0000') ? members.get(node.slice(1))! : [node])),
  };
}
