import type { Message } from '../diagnostics/messages.js';
import { messages } from '../diagnostics/messages.js';
import { build, type Expression, type Subscript } from './expression.js';
import type { DimensionSpec } from './model-spec.js';

/** What expanding arrays needs to know about a model: its dimensions and the dimensions of each array. */
export interface ArrayScope {
  dimensions: ReadonlyMap<string, DimensionSpec>;
  /** The dimension (or subrange) of each position of an arrayed variable; undefined for a scalar. */
  dimensionsOf(name: string): readonly string[] | undefined;
}

/** A problem found while expanding, at the character offset of the name it concerns. */
export interface ArrayProblem {
  offset: number;
  message: Message;
}

export type Instantiated = { ok: true; expression: Expression } | { ok: false; problem: ArrayProblem };

/** Functions that reduce an array to one number: `sum(x[d!])`. */
export const arrayReducers: ReadonlySet<string> = new Set(['sum', 'prod', 'vmin', 'vmax', 'vmean']);

/** The name of one element of an array: `capacity[haidian]`, `flow[a,b]`. */
export const elementName = (name: string, elements: readonly string[]): string => `${name}[${elements.join(',')}]`;

/** The dimension a subrange's elements come from, followed to the top: `north` to `district`. */
export function familyOf(dimensions: ReadonlyMap<string, DimensionSpec>, name: string): string {
  let current = name;
  for (let steps = 0; steps < dimensions.size; steps++) {
    const parent = dimensions.get(current)?.parent;
    if (parent === undefined) return current;
    current = parent;
  }
  return current;
}

/** The elements a subscript stands for: a dimension's or subrange's elements, or one element. */
export function subscriptElements(scope: ArrayScope, subscript: string): readonly string[] | undefined {
  const dimension = scope.dimensions.get(subscript);
  if (dimension !== undefined) return dimension.elements;
  for (const candidate of scope.dimensions.values()) if (candidate.elements.includes(subscript)) return [subscript];
  return undefined;
}

/** Every combination of one element per subscript, the first subscript varying slowest. */
export function elementTuples(scope: ArrayScope, subscripts: readonly string[]): string[][] {
  let tuples: string[][] = [[]];
  for (const subscript of subscripts) {
    const elements = subscriptElements(scope, subscript) ?? [];
    tuples = tuples.flatMap((tuple) => elements.map((element) => [...tuple, element]));
  }
  return tuples;
}

/**
 * Which element each dimension stands for while one element of an array is computed: every
 * subscript of the left-hand side that is a dimension or subrange, and the dimensions above it.
 */
export function bindingsFor(
  scope: ArrayScope,
  subscripts: readonly string[],
  tuple: readonly string[],
): Map<string, string> {
  const bindings = new Map<string, string>();
  subscripts.forEach((subscript, position) => {
    const element = tuple[position]!;
    let current: string | undefined = scope.dimensions.has(subscript) ? subscript : undefined;
    while (current !== undefined && !bindings.has(current)) {
      bindings.set(current, element);
      current = scope.dimensions.get(current)?.parent;
    }
  });
  return bindings;
}

class ExpansionProblem extends Error {
  constructor(readonly problem: ArrayProblem) {
    super(problem.message.message);
  }
}

/** The element a mapping gives for `element` of `from`, read in the direction `from -> to`. */
function mapForward(
  dimensions: ReadonlyMap<string, DimensionSpec>,
  from: string,
  to: string,
  element: string,
): string | undefined {
  const source = dimensions.get(from);
  const mapping = source?.mappings?.find((candidate) => candidate.to === to);
  if (source === undefined || mapping === undefined) return undefined;
  const index = source.elements.indexOf(element);
  return mapping.elements?.[index] ?? dimensions.get(to)?.elements[index];
}

/**
 * Resolve a subscript written as the dimension `wanted` while `bindings` hold: the element bound to it,
 * or to another dimension of the same family that holds an element of `wanted`, or what a mapping
 * between a bound dimension and `wanted` gives. Undefined when nothing binds it (a free dimension).
 */
function resolveDimension(
  scope: ArrayScope,
  bindings: ReadonlyMap<string, string>,
  wanted: string,
): string | undefined {
  const direct = bindings.get(wanted);
  if (direct !== undefined) return direct;
  const { dimensions } = scope;
  const wantedElements = dimensions.get(wanted)?.elements ?? [];
  const wantedFamily = familyOf(dimensions, wanted);
  for (const [bound, element] of bindings)
    if (familyOf(dimensions, bound) === wantedFamily && wantedElements.includes(element)) return element;
  for (const [bound, element] of bindings) {
    const forward = mapForward(dimensions, bound, wanted, element);
    if (forward !== undefined) return forward;
    // `wanted -> bound`: the element of `wanted` whose image is the bound element.
    const source = dimensions.get(wanted);
    const mapping = source?.mappings?.find((candidate) => candidate.to === bound);
    if (source !== undefined && mapping !== undefined) {
      const index = source.elements.findIndex(
        (candidate) => mapForward(dimensions, wanted, bound, candidate) === element,
      );
      if (index >= 0) return source.elements[index];
    }
  }
  return undefined;
}

/** The subscripts a reference has, its own dimensions when it has none (an array named alone means its elements in step). */
function writtenSubscripts(
  scope: ArrayScope,
  node: { name: string; subscripts?: readonly Subscript[] },
): readonly Subscript[] | undefined {
  if (node.subscripts !== undefined) return node.subscripts;
  return scope.dimensionsOf(node.name)?.map((name): Subscript => ({ name }));
}

/**
 * Rewrite an equation written over dimensions into the equation of one element: each subscripted
 * name becomes the name of the element it means under `bindings` (`rate[district]` becomes
 * `rate[haidian]`), and each SUM, PROD, VMIN, VMAX or VMEAN becomes the sum, product, minimum,
 * maximum or mean over the elements of the dimensions nothing binds inside it. A name of an array
 * written without subscripts means its elements in step with the left-hand side.
 */
export function instantiateExpression(
  expression: Expression,
  bindings: ReadonlyMap<string, string>,
  scope: ArrayScope,
): Instantiated {
  try {
    return { ok: true, expression: instantiate(expression, bindings, scope, false) };
  } catch (error) {
    if (error instanceof ExpansionProblem) return { ok: false, problem: error.problem };
    throw error;
  }
}

/** The dimensions that nothing binds in `expression` (and `d!` ones), in first-use order: what a reducer runs over. */
function freeDimensions(expression: Expression, bindings: ReadonlyMap<string, string>, scope: ArrayScope): string[] {
  const free: string[] = [];
  const visit = (node: Expression): Expression | undefined => {
    if (node.kind === 'call' && arrayReducers.has(node.name)) return node;
    if (node.kind !== 'reference' && node.kind !== 'call') return undefined;
    for (const subscript of writtenSubscripts(scope, node) ?? []) {
      if (!scope.dimensions.has(subscript.name) || free.includes(subscript.name)) continue;
      if (subscript.whole === true || resolveDimension(scope, bindings, subscript.name) === undefined)
        free.push(subscript.name);
    }
    return undefined;
  };
  const walk = (node: Expression): void => {
    if (visit(node) !== undefined) return;
    switch (node.kind) {
      case 'unary':
        walk(node.operand);
        break;
      case 'binary':
        walk(node.left);
        walk(node.right);
        break;
      case 'conditional':
        walk(node.condition);
        walk(node.whenTrue);
        walk(node.whenFalse);
        break;
      case 'call':
        node.args.forEach(walk);
        break;
      case 'number':
      case 'reference':
        break;
    }
  };
  walk(expression);
  return free;
}

function combine(reducer: string, terms: Expression[]): Expression {
  if (terms.length === 0) return build.number(reducer === 'prod' ? 1 : reducer === 'sum' ? 0 : NaN);
  switch (reducer) {
    case 'sum':
      return terms.reduce((total, term) => build.add(total, term));
    case 'prod':
      return terms.reduce((total, term) => build.multiply(total, term));
    case 'vmean':
      return build.divide(
        terms.reduce((total, term) => build.add(total, term)),
        build.number(terms.length),
      );
    default:
      return terms.length === 1 ? terms[0]! : build.call(reducer === 'vmin' ? 'min' : 'max', terms);
  }
}

function instantiate(
  expression: Expression,
  bindings: ReadonlyMap<string, string>,
  scope: ArrayScope,
  insideReducer: boolean,
): Expression {
  if (expression.kind === 'call' && arrayReducers.has(expression.name)) {
    const [argument] = expression.args;
    if (argument === undefined || expression.args.length !== 1)
      throw new ExpansionProblem({
        offset: expression.offset,
        message: messages.wrongArgumentCount(expression.name, '1 argument', expression.args.length),
      });
    const free = freeDimensions(argument, bindings, scope);
    const terms = elementTuples(scope, free).map((tuple) => {
      const inner = new Map(bindings);
      free.forEach((dimension, index) => inner.set(dimension, tuple[index]!));
      return instantiate(argument, inner, scope, true);
    });
    return combine(expression.name, terms);
  }
  const recurse = (node: Expression): Expression => instantiate(node, bindings, scope, insideReducer);
  switch (expression.kind) {
    case 'number':
      return expression;
    case 'unary':
      return { ...expression, operand: recurse(expression.operand) };
    case 'binary':
      return { ...expression, left: recurse(expression.left), right: recurse(expression.right) };
    case 'conditional':
      return {
        ...expression,
        condition: recurse(expression.condition),
        whenTrue: recurse(expression.whenTrue),
        whenFalse: recurse(expression.whenFalse),
      };
    case 'reference':
    case 'call': {
      const args = expression.kind === 'call' ? expression.args.map(recurse) : [];
      const dimensions = scope.dimensionsOf(expression.name);
      const written = writtenSubscripts(scope, expression);
      let name = expression.name;
      if (written !== undefined && (dimensions !== undefined || expression.subscripts !== undefined)) {
        if (dimensions === undefined)
          throw new ExpansionProblem({ offset: expression.offset, message: messages.notAnArray(expression.name) });
        if (written.length !== dimensions.length)
          throw new ExpansionProblem({
            offset: expression.offset,
            message: messages.wrongSubscriptCount(expression.name, dimensions.length, written.length),
          });
        name = elementName(
          expression.name,
          written.map((subscript, position) =>
            resolveSubscript(scope, bindings, subscript, dimensions[position]!, expression, insideReducer),
          ),
        );
      }
      return expression.kind === 'reference'
        ? { kind: 'reference', name, offset: expression.offset }
        : { kind: 'call', name, args, offset: expression.offset };
    }
  }
}

function resolveSubscript(
  scope: ArrayScope,
  bindings: ReadonlyMap<string, string>,
  subscript: Subscript,
  family: string,
  node: { name: string; offset: number },
  insideReducer: boolean,
): string {
  const { dimensions } = scope;
  const familyElements = dimensions.get(family)?.elements ?? [];
  const fail = (message: Message): never => {
    throw new ExpansionProblem({ offset: node.offset, message });
  };
  if (!dimensions.has(subscript.name)) {
    if (subscript.whole === true) fail(messages.unknownSubscript(node.name, subscript.name, family));
    if (!familyElements.includes(subscript.name)) fail(messages.unknownSubscript(node.name, subscript.name, family));
    return subscript.name;
  }
  const element = resolveDimension(scope, bindings, subscript.name);
  if (element === undefined)
    return fail(
      insideReducer
        ? messages.unknownSubscript(node.name, subscript.name, family)
        : messages.unboundDimension(node.name, subscript.name),
    );
  if (!familyElements.includes(element)) fail(messages.subscriptOutsideDimension(node.name, element, family));
  return element;
}
