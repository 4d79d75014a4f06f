import type { MathNode } from 'mathjs/number';
import { parseMath } from './internal/parse-math.js';
import type { Message } from '../diagnostics/messages.js';
import { messages } from '../diagnostics/messages.js';
import type { BinaryOperator, Expression, Subscript } from './expression.js';

/** A problem in an equation, with the 0-based character offset where it is. */
export interface EquationProblem {
  offset: number;
  message: Message;
}

export type ParsedEquation = { ok: true; expression: Expression } | { ok: false; problem: EquationProblem };

const binaryOperators: Record<string, BinaryOperator> = {
  add: 'add',
  subtract: 'subtract',
  multiply: 'multiply',
  divide: 'divide',
  pow: 'pow',
  mod: 'mod',
  smaller: 'less',
  smallerEq: 'lessEqual',
  larger: 'greater',
  largerEq: 'greaterEqual',
  equal: 'equal',
  unequal: 'unequal',
  and: 'and',
  or: 'or',
};

class UnsupportedNode extends Error {
  constructor(
    readonly what: string,
    readonly near: string | undefined,
    readonly offset?: number,
  ) {
    super(what);
  }
}

/** Finds where each name occurrence starts: the n-th time a name is met in the tree is its n-th occurrence in the text. */
function createWordFinder(text: string): (word: string) => number {
  const seen = new Map<string, number>();
  return (word) => {
    const occurrence = seen.get(word) ?? 0;
    seen.set(word, occurrence + 1);
    const pattern = new RegExp(`(?<![A-Za-z0-9_])${word.replace(/[^A-Za-z0-9_]/g, '\\$&')}(?![A-Za-z0-9_])`, 'g');
    let match: RegExpExecArray | null = null;
    for (let index = 0; index <= occurrence; index++) {
      const next = pattern.exec(text);
      if (next === null) break;
      match = next;
    }
    return match === null ? 0 : match.index;
  };
}

const describeNode = (type: string): string => {
  const words: Record<string, string> = {
    AssignmentNode: 'an assignment',
    FunctionAssignmentNode: 'a function definition',
    ArrayNode: 'a list',
    AccessorNode: 'indexing with [ ]',
    IndexNode: 'indexing with [ ]',
    ObjectNode: 'an object',
    RangeNode: 'a range (a:b)',
    RelationalNode: 'a chained comparison (a < b < c)',
    BlockNode: 'several statements',
  };
  return words[type] ?? `a ${type.replace(/Node$/, '').toLowerCase()} expression`;
};

/** Deeper equations are refused: every later stage walks the tree recursively. */
export const maximumEquationDepth = 1500;

/**
 * mathjs's parser spends about twenty stack frames on each level of parentheses (or of a call's
 * argument list) and runs out of stack near 270 levels, so deeper text is refused before parsing.
 */
export const maximumParenthesisDepth = 200;

/**
 * mathjs also recurses once per prefix sign, `not`, `^` and `?` (a sum or a product it reads in a
 * loop), running out of stack near 5,000 of them. Where the stack runs out while V8 compiles a
 * regular expression the process dies outright, so equations with more of these than any equation
 * within `maximumEquationDepth` can have are refused before parsing.
 */
export const maximumOperatorCount = 2 * maximumEquationDepth;

/** Prefix signs (a `+` or `-` after the start, an opening parenthesis, a comma or another operator), `^`, `?` and `not`. */
const recursiveOperators = /(?<=(?:^|[(,+\-*/^%<>=!?:]|\bnot)\s*)[-+]|[?^]|\bnot\b/g;

class TooDeep extends Error {}

/** The offset of the first opening bracket more than `maximumParenthesisDepth` deep, or -1. */
function tooDeepOffset(text: string): number {
  let depth = 0;
  for (let offset = 0; offset < text.length; offset++) {
    const char = text[offset];
    if (char === '(' || char === '[') {
      depth += 1;
      if (depth > maximumParenthesisDepth) return offset;
    } else if (char === ')' || char === ']') depth = Math.max(0, depth - 1);
  }
  return -1;
}

/** `x[a, b!]`: a name with subscripts, each a dimension or element name, `!` for every element (SUM's `x[d!]`). */
function readSubscripted(node: MathNode): { name: string; subscripts: Subscript[] } {
  const accessor = node as unknown as { object: MathNode; index: { dimensions: MathNode[] } };
  if (accessor.object.type !== 'SymbolNode') throw new UnsupportedNode(describeNode('AccessorNode'), undefined);
  const subscripts = accessor.index.dimensions.map((dimension): Subscript => {
    if (dimension.type === 'SymbolNode') return { name: (dimension as unknown as { name: string }).name };
    const operator = dimension as unknown as { fn?: string; args?: MathNode[] };
    const [inner] = operator.args ?? [];
    if (operator.fn === 'factorial' && inner?.type === 'SymbolNode')
      return { name: (inner as unknown as { name: string }).name, whole: true };
    throw new UnsupportedNode('a subscript that is not a dimension or element name', undefined);
  });
  return { name: (accessor.object as unknown as { name: string }).name, subscripts };
}

function convert(node: MathNode, findWord: (word: string) => number, depth: number): Expression {
  if (depth > maximumEquationDepth) throw new TooDeep();
  switch (node.type) {
    case 'ConstantNode': {
      const value = (node as unknown as { value: unknown }).value;
      if (typeof value === 'number') return { kind: 'number', value };
      if (typeof value === 'boolean') return { kind: 'number', value: value ? 1 : 0 };
      throw new UnsupportedNode('a text value', undefined);
    }
    case 'SymbolNode': {
      const name = (node as unknown as { name: string }).name;
      return { kind: 'reference', name, offset: findWord(name) };
    }
    case 'ParenthesisNode':
      return convert((node as unknown as { content: MathNode }).content, findWord, depth + 1);
    case 'ConditionalNode': {
      const conditional = node as unknown as { condition: MathNode; trueExpr: MathNode; falseExpr: MathNode };
      return {
        kind: 'conditional',
        condition: convert(conditional.condition, findWord, depth + 1),
        whenTrue: convert(conditional.trueExpr, findWord, depth + 1),
        whenFalse: convert(conditional.falseExpr, findWord, depth + 1),
      };
    }
    case 'AccessorNode': {
      const { name, subscripts } = readSubscripted(node);
      return { kind: 'reference', name, offset: findWord(name), subscripts };
    }
    case 'FunctionNode': {
      const call = node as unknown as { fn: MathNode; args: MathNode[] };
      if (call.fn.type !== 'SymbolNode' && call.fn.type !== 'AccessorNode')
        throw new UnsupportedNode('calling a computed function', undefined);
      const { name, subscripts } =
        call.fn.type === 'AccessorNode'
          ? readSubscripted(call.fn)
          : { name: (call.fn as unknown as { name: string }).name, subscripts: undefined };
      const offset = findWord(name);
      const args = call.args.map((arg) => convert(arg, findWord, depth + 1));
      return subscripts === undefined
        ? { kind: 'call', name, args, offset }
        : { kind: 'call', name, args, offset, subscripts };
    }
    case 'OperatorNode': {
      const operator = node as unknown as { fn: string; op: string; args: MathNode[]; implicit: boolean };
      if (operator.implicit) {
        const second = operator.args[1];
        const near = second?.type === 'SymbolNode' ? (second as unknown as { name: string }).name : undefined;
        throw new UnsupportedNode(
          'implicit multiplication (two terms side by side)',
          near,
          near === undefined ? undefined : findWord(near),
        );
      }
      const [first, second] = operator.args;
      if (operator.args.length === 1 && first !== undefined) {
        if (operator.fn === 'unaryPlus') return convert(first, findWord, depth + 1);
        if (operator.fn === 'unaryMinus')
          return { kind: 'unary', operator: 'negate', operand: convert(first, findWord, depth + 1) };
        if (operator.fn === 'not')
          return { kind: 'unary', operator: 'not', operand: convert(first, findWord, depth + 1) };
      }
      const binary = binaryOperators[operator.fn];
      if (operator.args.length === 2 && first !== undefined && second !== undefined && binary !== undefined) {
        return {
          kind: 'binary',
          operator: binary,
          left: convert(first, findWord, depth + 1),
          right: convert(second, findWord, depth + 1),
        };
      }
      throw new UnsupportedNode(`the operator '${operator.op}'`, operator.op);
    }
    default:
      throw new UnsupportedNode(describeNode(node.type), undefined);
  }
}

/** Parse equation text with mathjs once and convert it to our expression tree. */
export function parseEquation(text: string): ParsedEquation {
  let root: MathNode;
  const oneLine = text.replace(/[\r\n\t]/g, ' ');
  const deepAt = tooDeepOffset(oneLine);
  if (deepAt >= 0)
    return {
      ok: false,
      problem: {
        offset: deepAt,
        message: messages.nestedTooDeep(`parentheses are nested more than ${maximumParenthesisDepth} levels deep here`),
      },
    };
  if ((oneLine.match(recursiveOperators)?.length ?? 0) > maximumOperatorCount) {
    return {
      ok: false,
      problem: {
        offset: 0,
        message: messages.nestedTooDeep(
          `the equation has more than ${maximumOperatorCount} prefix signs, powers and conditionals`,
        ),
      },
    };
  }
  try {
    root = parseMath(oneLine);
  } catch (error) {
    // Nothing but running out of stack makes mathjs's parser throw a RangeError.
    if (error instanceof RangeError)
      return {
        ok: false,
        problem: { offset: 0, message: messages.nestedTooDeep('the equation is nested too deeply') },
      };
    const detail = error instanceof Error ? error.message.replace(/\s*\(char \d+\)$/, '') : String(error);
    const char = (error as { char?: unknown }).char;
    const offset = typeof char === 'number' ? Math.max(0, Math.min(text.length, char - 1)) : 0;
    return { ok: false, problem: { offset, message: messages.equationSyntax(detail) } };
  }
  try {
    return { ok: true, expression: convert(root, createWordFinder(oneLine), 0) };
  } catch (error) {
    if (error instanceof TooDeep) {
      return {
        ok: false,
        problem: {
          offset: 0,
          message: messages.nestedTooDeep(
            `the equation is nested more than ${maximumEquationDepth} levels deep (or is a sum of that many terms)`,
          ),
        },
      };
    }
    if (error instanceof UnsupportedNode) {
      const offset = error.offset ?? (error.near === undefined ? 0 : Math.max(0, text.indexOf(error.near)));
      return { ok: false, problem: { offset, message: messages.unsupportedSyntax(error.what) } };
    }
    throw error;
  }
}
