import type { Message } from '../diagnostics/messages.js';
import { messages } from '../diagnostics/messages.js';
import type { DimensionSpec } from './model-spec.js';

/** A name as written on the left of a definition: `capacity[district]` is `capacity` over `district`. */
export interface SubscriptedName {
  name: string;
  subscripts: string[];
}

/** Split `capacity[district, year]` into its name and subscripts; a name without brackets has none. */
export function splitSubscriptedName(key: string): SubscriptedName | undefined {
  const match = /^([^[\]]+?)\s*(?:\[([^[\]]*)\])?$/.exec(key.trim());
  if (match === null) return undefined;
  const subscripts = match[2] === undefined ? [] : match[2].split(',').map((part) => part.trim());
  if (subscripts.some((subscript) => subscript === '')) return undefined;
  return { name: match[1]!, subscripts };
}

/**
 * Mark each dimension whose elements all belong to another, larger, dimension as a subrange of it
 * (of the largest such, the first written when two are equal), unless it already names its parent.
 * Mappings and parents written in the file are kept.
 */
export function inferSubranges(dimensions: readonly DimensionSpec[]): DimensionSpec[] {
  return dimensions.map((dimension, index) => {
    if (dimension.parent !== undefined) return dimension;
    let parent: DimensionSpec | undefined;
    dimensions.forEach((candidate, candidateIndex) => {
      if (candidate === dimension || candidate.elements.length < dimension.elements.length) return;
      if (candidate.elements.length === dimension.elements.length && candidateIndex > index) return;
      if (!dimension.elements.every((element) => candidate.elements.includes(element))) return;
      if (parent === undefined || candidate.elements.length > parent.elements.length) parent = candidate;
    });
    if (parent === undefined) return dimension;
    // Two dimensions of the same elements: the later one is the subrange, unless that would make a loop.
    if (parent.parent === dimension.name) return dimension;
    return { ...dimension, parent: parent.name };
  });
}

/** One definition's left-hand side, for working out its array's dimensions. */
export interface DefinitionSubscripts {
  name: string;
  subscripts: readonly string[];
  report(message: Message): void;
}

/**
 * The dimension of each position of each array: the smallest dimension or subrange that holds every
 * element the array's definitions cover at that position (one named in a definition when two are
 * as small). Definitions that disagree on the number of subscripts, or whose subscripts at one
 * position come from no common dimension, are reported.
 */
export function arrayDimensions(
  dimensions: readonly DimensionSpec[],
  definitions: readonly DefinitionSubscripts[],
): Map<string, string[]> {
  const byName = new Map(dimensions.map((dimension) => [dimension.name, dimension]));
  const covered = (subscript: string): readonly string[] | undefined =>
    byName.get(subscript)?.elements ??
    (dimensions.some((dimension) => dimension.elements.includes(subscript)) ? [subscript] : undefined);
  const grouped = new Map<string, DefinitionSubscripts[]>();
  for (const definition of definitions) {
    if (definition.subscripts.length === 0) continue;
    grouped.set(definition.name, [...(grouped.get(definition.name) ?? []), definition]);
  }
  const result = new Map<string, string[]>();
  for (const [name, group] of grouped) {
    const count = group[0]!.subscripts.length;
    const chosen: string[] = [];
    let valid = true;
    for (const definition of group) {
      if (definition.subscripts.length !== count) {
        definition.report(messages.wrongSubscriptCount(name, count, definition.subscripts.length));
        valid = false;
      }
    }
    for (let position = 0; valid && position < count; position++) {
      const union = new Set<string>();
      const named = new Set<string>();
      for (const definition of group) {
        const subscript = definition.subscripts[position]!;
        const elements = covered(subscript);
        if (elements === undefined) {
          definition.report(messages.unknownDimension(subscript));
          valid = false;
          break;
        }
        if (byName.has(subscript)) named.add(subscript);
        for (const element of elements) union.add(element);
      }
      if (!valid) break;
      const holding = dimensions.filter((dimension) =>
        [...union].every((element) => dimension.elements.includes(element)),
      );
      const smallest = Math.min(...holding.map((dimension) => dimension.elements.length));
      const best = holding.filter((dimension) => dimension.elements.length === smallest);
      const pick = best.find((dimension) => named.has(dimension.name)) ?? best[0];
      if (pick === undefined) {
        group[0]!.report(messages.mixedDimensions(name, position + 1));
        valid = false;
        break;
      }
      chosen.push(pick.name);
    }
    if (valid) result.set(name, chosen);
  }
  return result;
}
