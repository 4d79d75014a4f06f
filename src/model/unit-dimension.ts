import type { MathNode } from 'mathjs/number';
import { parseMath } from './internal/parse-math.js';

/**
 * A unit as exponents of named base units (`yi_yuan/year` is {yi_yuan: 1, year: -1}); empty is
 * dimensionless (`dmnl`). Numbers inside a unit text are scale words, not dimensions, and are ignored.
 */
export type Dimension = ReadonlyMap<string, number>;

export const dimensionless: Dimension = new Map();

function normalise(entries: Iterable<[string, number]>): Dimension {
  return new Map(
    [...entries].filter(([, exponent]) => Math.abs(exponent) > 1e-12).sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** Multiply two units, or divide with `sign` = -1. */
export function combineDimensions(left: Dimension, right: Dimension, sign: 1 | -1): Dimension {
  const exponents = new Map(left);
  for (const [name, exponent] of right) exponents.set(name, (exponents.get(name) ?? 0) + sign * exponent);
  return normalise(exponents);
}

/** Raise a unit to a power. */
export function powerDimension(base: Dimension, exponent: number): Dimension {
  return normalise([...base].map(([name, value]) => [name, value * exponent]));
}

export function sameDimension(left: Dimension, right: Dimension): boolean {
  if (left.size !== right.size) return false;
  for (const [name, exponent] of left) if (Math.abs((right.get(name) ?? 0) - exponent) > 1e-12) return false;
  return true;
}

/** Write a unit as people do: `yi_yuan/year`, `1/year`, `person*year`, `dmnl`. */
export function formatDimension(dimension: Dimension): string {
  const power = (name: string, exponent: number): string => (exponent === 1 ? name : `${name}^${exponent}`);
  const numerator = [...dimension]
    .filter(([, exponent]) => exponent > 0)
    .map(([name, exponent]) => power(name, exponent));
  const denominator = [...dimension]
    .filter(([, exponent]) => exponent < 0)
    .map(([name, exponent]) => power(name, -exponent));
  if (numerator.length === 0 && denominator.length === 0) return 'dmnl';
  const top = numerator.length === 0 ? '1' : numerator.join('*');
  if (denominator.length === 0) return top;
  return `${top}/${denominator.length === 1 ? denominator[0] : `(${denominator.join('*')})`}`;
}

/** The value of a number written as `2`, `-1` or `(-1)`, else undefined. */
function constantValue(node: MathNode): number | undefined {
  if (node.type === 'ConstantNode') {
    const value = (node as unknown as { value: unknown }).value;
    return typeof value === 'number' ? value : undefined;
  }
  if (node.type === 'ParenthesisNode') return constantValue((node as unknown as { content: MathNode }).content);
  if (node.type === 'OperatorNode') {
    const operator = node as unknown as { fn: string; args: MathNode[] };
    const inner = operator.args[0] === undefined ? undefined : constantValue(operator.args[0]);
    if (operator.fn === 'unaryMinus' && operator.args.length === 1 && inner !== undefined) return -inner;
  }
  return undefined;
}

function dimensionOf(node: MathNode): Dimension {
  switch (node.type) {
    case 'ConstantNode':
      return dimensionless;
    case 'SymbolNode': {
      const name = (node as unknown as { name: string }).name;
      return name === 'dmnl' ? dimensionless : new Map([[name, 1]]);
    }
    case 'ParenthesisNode':
      return dimensionOf((node as unknown as { content: MathNode }).content);
    case 'OperatorNode': {
      const operator = node as unknown as { fn: string; args: MathNode[] };
      const [left, right] = operator.args;
      if ((operator.fn === 'multiply' || operator.fn === 'divide') && left !== undefined && right !== undefined)
        return combineDimensions(dimensionOf(left), dimensionOf(right), operator.fn === 'multiply' ? 1 : -1);
      const exponent = right === undefined ? undefined : constantValue(right);
      if (operator.fn === 'pow' && left !== undefined && exponent !== undefined)
        return powerDimension(dimensionOf(left), exponent);
      if (operator.fn === 'unaryMinus' && left !== undefined && right === undefined && left.type === 'ConstantNode')
        return dimensionless;
      throw new Error(`'${(node as unknown as { op: string }).op}' cannot appear in a unit`);
    }
    default:
      throw new Error('only names, numbers, *, / and ^number can appear in a unit');
  }
}

/** Parse a unit text such as `yi_yuan/year`; throws an Error saying what is wrong. */
export function parseDimension(text: string): Dimension {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === '1') return dimensionless;
  let root: MathNode;
  try {
    root = parseMath(trimmed);
  } catch (error) {
    throw new Error((error instanceof Error ? error.message : String(error)).replace(/\s*\(char \d+\)$/, ''));
  }
  return dimensionOf(root);
}
