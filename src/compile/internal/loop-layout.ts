import type { Expression } from '../../model/expression.js';

/** Where an element computed in a loop lives: index `index` of the typed array `array`. */
export interface StoredName {
  array: string;
  index: number;
}

/**
 * One loop over the members of a group: `template` is the first member's equation in which every
 * part that differs between members is a placeholder, `@v<k>` for a name (`names[k][i]` for member
 * i) and `@n<k>` for a number (`numbers[k][i]`).
 */
export interface GroupLoop {
  members: readonly string[];
  template: Expression;
  names: readonly (readonly string[])[];
  numbers: readonly (readonly number[])[];
}

/** Placeholder names can be told from model names: no model or hidden name starts with `@`. */
export const isPlaceholder = (name: string): boolean => name.startsWith('@');

/**
 * The loop over `members` whose equations are `expressions` (in member order), when they have one
 * shape: the same operators, functions and conditionals, differing only in the names and numbers
 * they read. Undefined when shapes differ, or when a placeholder would stand for a function name.
 */
export function groupLoop(members: readonly string[], expressions: readonly Expression[]): GroupLoop | undefined {
  const names: string[][] = [];
  const numbers: number[][] = [];
  const build = (nodes: readonly Expression[]): Expression | undefined => {
    const first = nodes[0]!;
    for (const node of nodes) if (node.kind !== first.kind) return undefined;
    switch (first.kind) {
      case 'number': {
        const values = nodes.map((node) => (node as typeof first).value);
        if (values.every((value) => Object.is(value, first.value))) return first;
        numbers.push(values);
        return { kind: 'reference', name: `@n${numbers.length - 1}`, offset: 0 };
      }
      case 'reference': {
        const list = nodes.map((node) => (node as typeof first).name);
        if (list.every((name) => name === first.name)) return first;
        names.push(list);
        return { kind: 'reference', name: `@v${names.length - 1}`, offset: 0 };
      }
      case 'unary': {
        const typed = nodes as (typeof first)[];
        if (typed.some((node) => node.operator !== first.operator)) return undefined;
        const operand = build(typed.map((node) => node.operand));
        return operand === undefined ? undefined : { ...first, operand };
      }
      case 'binary': {
        const typed = nodes as (typeof first)[];
        if (typed.some((node) => node.operator !== first.operator)) return undefined;
        const left = build(typed.map((node) => node.left));
        const right = left === undefined ? undefined : build(typed.map((node) => node.right));
        return left === undefined || right === undefined ? undefined : { ...first, left, right };
      }
      case 'conditional': {
        const typed = nodes as (typeof first)[];
        const condition = build(typed.map((node) => node.condition));
        const whenTrue = condition === undefined ? undefined : build(typed.map((node) => node.whenTrue));
        const whenFalse = whenTrue === undefined ? undefined : build(typed.map((node) => node.whenFalse));
        return condition === undefined || whenTrue === undefined || whenFalse === undefined
          ? undefined
          : { ...first, condition, whenTrue, whenFalse };
      }
      case 'call': {
        const typed = nodes as (typeof first)[];
        if (typed.some((node) => node.name !== first.name || node.args.length !== first.args.length)) return undefined;
        const args: Expression[] = [];
        for (let position = 0; position < first.args.length; position++) {
          const arg = build(typed.map((node) => node.args[position]!));
          if (arg === undefined) return undefined;
          args.push(arg);
        }
        return { ...first, args };
      }
    }
  };
  if (expressions.length === 0) return undefined;
  const template = build(expressions);
  return template === undefined ? undefined : { members, template, names, numbers };
}

/**
 * How to index the `k`-th element of a list of positions inside a loop over `li`: `base + li * stride`
 * when the positions step evenly, else undefined (the caller tabulates them).
 */
export function affineIndex(indices: readonly number[]): { base: number; stride: number } | undefined {
  const base = indices[0];
  if (base === undefined) return undefined;
  const stride = indices.length > 1 ? indices[1]! - base : 1;
  return indices.every((index, position) => index === base + position * stride) ? { base, stride } : undefined;
}

/** Which elements live in typed arrays, and the loops that compute them. */
export interface LoopLayout {
  stored: ReadonlyMap<string, StoredName>;
  /** Each typed array: its name and length. */
  arrays: readonly { name: string; length: number }[];
  /** The loop computing a run of variables, by the name of its first member. */
  variableLoops: ReadonlyMap<string, GroupLoop>;
  /** The loop of a run of stocks' net flows, by its first stock. */
  derivativeLoops: ReadonlyMap<string, GroupLoop>;
  /** The loop of a run of stocks' initial values, by its first stock. */
  initialLoops: ReadonlyMap<string, GroupLoop>;
}

/** Consecutive members of one group: `[start, end)` over a list. */
function groupRuns<T extends { group?: string }>(items: readonly T[], threshold: number): [number, number][] {
  const runs: [number, number][] = [];
  let start = 0;
  for (let index = 1; index <= items.length; index++) {
    const group = items[start]?.group;
    if (index < items.length && group !== undefined && items[index]!.group === group) continue;
    if (group !== undefined && index - start >= threshold) runs.push([start, index]);
    start = index;
  }
  return runs;
}

/** How `planLoopLayout` chooses what to loop. */
export interface LoopOptions {
  /** Runs shorter than this are never loops. */
  minimumLength: number;
  /** Elements of arrays that may stay unrolled before the largest runs become loops. */
  unrolledBudget: number;
}

/**
 * Decide which groups (elements of one array, see `PlanVariable.group`) live in typed arrays, in an
 * Euler plan (RK4 keeps every value in a local). While the plan's arrays hold no more than
 * `unrolledBudget` elements in all, every element stays a local; beyond it, every run of at least
 * `minimumLength` consecutive members of one group is stored. A stored run whose members share one
 * shape gets a loop; one whose members differ is computed one element at a time into its typed array.
 */
export function planLoopLayout(
  plan: {
    method: string;
    stocks: readonly { name: string; group?: string; initial: Expression; derivative: Expression }[];
    variables: readonly { name: string; group?: string; expression: Expression }[];
  },
  options: LoopOptions,
): LoopLayout {
  const stored = new Map<string, StoredName>();
  const arrays: { name: string; length: number }[] = [];
  const variableLoops = new Map<string, GroupLoop>();
  const derivativeLoops = new Map<string, GroupLoop>();
  const initialLoops = new Map<string, GroupLoop>();
  const empty = { stored, arrays, variableLoops, derivativeLoops, initialLoops };
  if (plan.method !== 'euler' || !Number.isFinite(options.minimumLength)) return empty;
  const runs = [
    ...groupRuns(plan.variables, 1).map(([start, end]) => ({ kind: 'variables' as const, start, end })),
    ...groupRuns(plan.stocks, 1).map(([start, end]) => ({ kind: 'stocks' as const, start, end })),
  ].filter((run) => run.end - run.start >= 2);
  const elementCount = runs.reduce((total, run) => total + run.end - run.start, 0);
  // The unrolled function is fast until V8 stops optimising it, and then slow all at once: so either
  // everything stays unrolled, or every run long enough becomes a loop.
  if (elementCount <= options.unrolledBudget) return empty;
  const chosen = runs.filter((run) => run.end - run.start >= options.minimumLength);
  const store = (members: readonly { name: string }[], prefix: string): void => {
    const array = `${prefix}${arrays.length}`;
    arrays.push({ name: array, length: members.length });
    members.forEach((member, index) => stored.set(member.name, { array, index }));
  };
  for (const run of chosen) {
    if (run.kind === 'variables') {
      const members = plan.variables.slice(run.start, run.end);
      store(members, 'av');
      const names = members.map((member) => member.name);
      const loop = groupLoop(
        names,
        members.map((member) => member.expression),
      );
      if (loop !== undefined) variableLoops.set(names[0]!, loop);
    } else {
      const members = plan.stocks.slice(run.start, run.end);
      store(members, 'as');
      const names = members.map((member) => member.name);
      const derivative = groupLoop(
        names,
        members.map((member) => member.derivative),
      );
      if (derivative !== undefined) derivativeLoops.set(names[0]!, derivative);
      const initial = groupLoop(
        names,
        members.map((member) => member.initial),
      );
      if (initial !== undefined) initialLoops.set(names[0]!, initial);
    }
  }
  return { stored, arrays, variableLoops, derivativeLoops, initialLoops };
}
