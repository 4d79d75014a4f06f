import { parse, type MathNode } from 'mathjs/number';
import type { Message } from '../diagnostics/messages.js';
import { messages } from '../diagnostics/messages.js';
import type { BinaryOperator, Expression } from './expression.js';

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
  ) {
    super(what);
  }
}

function findWord(text: string, word: string): number {
  const pattern = new RegExp(`(?<![A-Za-z0-9_])${word.replace(/[^A-Za-z0-9_]/g, '\\$&')}(?![A-Za-z0-9_])`);
  const match = pattern.exec(text);
  return match === null ? 0 : match.index;
}

function convert(node: MathNode, text: string): Expression {
  switch (node.type) {
    case 'ConstantNode': {
      const value = (node as unknown as { value: unknown }).value;
      if (typeof value === 'number') return { kind: 'number', value };
      if (typeof value === 'boolean') return { kind: 'number', value: value ? 1 : 0 };
      throw new UnsupportedNode('a text value', undefined);
    }
    case 'SymbolNode': {
      const name = (node as unknown as { name: string }).name;
      return { kind: 'reference', name, offset: findWord(text, name) };
    }
    case 'ParenthesisNode':
      return convert((node as unknown as { content: MathNode }).content, text);
    case 'ConditionalNode': {
      const conditional = node as unknown as { condition: MathNode; trueExpr: MathNode; falseExpr: MathNode };
      return {
        kind: 'conditional',
        condition: convert(conditional.condition, text),
        whenTrue: convert(conditional.trueExpr, text),
        whenFalse: convert(conditional.falseExpr, text),
      };
    }
    case 'FunctionNode': {
      const call = node as unknown as { fn: MathNode; args: MathNode[] };
      if (call.fn.type !== 'SymbolNode') throw new UnsupportedNode('calling a computed function', undefined);
      const name = (call.fn as unknown as { name: string }).name;
      return {
        kind: 'call',
        name,
        args: call.args.map((arg) => convert(arg, text)),
        offset: findWord(text, name),
      };
    }
    case 'OperatorNode': {
      const operator = node as unknown as { fn: string; op: string; args: MathNode[]; implicit: boolean };
      if (operator.implicit) throw new UnsupportedNode('implicit multiplication (two terms side by side)', undefined);
      const [first, second] = operator.args;
      if (operator.args.length === 1 && first !== undefined) {
        if (operator.fn === 'unaryPlus') return convert(first, text);
        if (operator.fn === 'unaryMinus') return { kind: 'unary', operator: 'negate', operand: convert(first, text) };
        if (operator.fn === 'not') return { kind: 'unary', operator: 'not', operand: convert(first, text) };
      }
      const binary = binaryOperators[operator.fn];
      if (operator.args.length === 2 && first !== undefined && second !== undefined && binary !== undefined) {
        return { kind: 'binary', operator: binary, left: convert(first, text), right: convert(second, text) };
      }
      throw new UnsupportedNode(`the operator '${operator.op}'`, operator.op);
    }
    default:
      throw new UnsupportedNode(`a ${node.type.replace(/Node$/, '').toLowerCase()} expression`, undefined);
  }
}

/** Parse equation text with mathjs once and convert it to our expression tree. */
export function parseEquation(text: string): ParsedEquation {
  let root: MathNode;
  try {
    root = parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/\s*\(char \d+\)$/, '') : String(error);
    const char = (error as { char?: unknown }).char;
    const offset = typeof char === 'number' ? Math.max(0, Math.min(text.length, char - 1)) : 0;
    return { ok: false, problem: { offset, message: messages.equationSyntax(detail) } };
  }
  try {
    return { ok: true, expression: convert(root, text) };
  } catch (error) {
    if (error instanceof UnsupportedNode) {
      const offset = error.near === undefined ? 0 : Math.max(0, text.indexOf(error.near));
      return { ok: false, problem: { offset, message: messages.unsupportedSyntax(error.what) } };
    }
    throw error;
  }
}
