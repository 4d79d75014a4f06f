/** Binary operators of the equation language; their meaning is defined once in `compile/builtins.ts`. */
export type BinaryOperator =
  | 'add'
  | 'subtract'
  | 'multiply'
  | 'divide'
  | 'pow'
  | 'mod'
  | 'less'
  | 'lessEqual'
  | 'greater'
  | 'greaterEqual'
  | 'equal'
  | 'unequal'
  | 'and'
  | 'or';

/** Unary operators of the equation language. */
export type UnaryOperator = 'negate' | 'not';

/**
 * Our own expression tree. Equations are parsed by mathjs once and converted to this, so the
 * checker, interpreter and code generator never see mathjs nodes. `offset` is the 0-based character
 * position in the equation text where a name starts (for diagnostics).
 */
export type Expression =
  | { kind: 'number'; value: number }
  | { kind: 'reference'; name: string; offset: number; subscripts?: readonly Subscript[] }
  | { kind: 'unary'; operator: UnaryOperator; operand: Expression }
  | { kind: 'binary'; operator: BinaryOperator; left: Expression; right: Expression }
  | { kind: 'conditional'; condition: Expression; whenTrue: Expression; whenFalse: Expression }
  | { kind: 'call'; name: string; args: Expression[]; offset: number; subscripts?: readonly Subscript[] };

/**
 * One subscript of an arrayed name, `x[district]` or `x[haidian]`: a dimension, a subrange or an
 * element. `whole` (written `district!`) asks for every element of the dimension, for SUM, PROD,
 * VMIN and VMAX. Subscripts appear only in the equations of arrays as written; `expandArrays`
 * resolves them into the names of single elements (`x[haidian]`) before anything runs.
 */
export interface Subscript {
  name: string;
  whole?: boolean;
}

/** Terse builders, used by the compiler's expansions and by tests. */
export const build = {
  number: (value: number): Expression => ({ kind: 'number', value }),
  reference: (name: string): Expression => ({ kind: 'reference', name, offset: 0 }),
  negate: (operand: Expression): Expression => ({ kind: 'unary', operator: 'negate', operand }),
  binary: (operator: BinaryOperator, left: Expression, right: Expression): Expression => ({
    kind: 'binary',
    operator,
    left,
    right,
  }),
  add: (left: Expression, right: Expression): Expression => build.binary('add', left, right),
  subtract: (left: Expression, right: Expression): Expression => build.binary('subtract', left, right),
  multiply: (left: Expression, right: Expression): Expression => build.binary('multiply', left, right),
  divide: (left: Expression, right: Expression): Expression => build.binary('divide', left, right),
  call: (name: string, args: Expression[]): Expression => ({ kind: 'call', name, args, offset: 0 }),
  conditional: (condition: Expression, whenTrue: Expression, whenFalse: Expression): Expression => ({
    kind: 'conditional',
    condition,
    whenTrue,
    whenFalse,
  }),
};

/** Visit every node of an expression, parents before children. */
export function walkExpression(expression: Expression, visit: (node: Expression) => void): void {
  visit(expression);
  switch (expression.kind) {
    case 'unary':
      walkExpression(expression.operand, visit);
      break;
    case 'binary':
      walkExpression(expression.left, visit);
      walkExpression(expression.right, visit);
      break;
    case 'conditional':
      walkExpression(expression.condition, visit);
      walkExpression(expression.whenTrue, visit);
      walkExpression(expression.whenFalse, visit);
      break;
    case 'call':
      for (const arg of expression.args) walkExpression(arg, visit);
      break;
    case 'number':
    case 'reference':
      break;
  }
}

/** The names an expression reads (variables and parameters, not functions), in first-use order. */
export function referencedNames(expression: Expression): string[] {
  const names = new Set<string>();
  walkExpression(expression, (node) => {
    if (node.kind === 'reference') names.add(node.name);
  });
  return [...names];
}

/** Rebuild an expression bottom-up, replacing nodes for which `replace` returns a value. */
export function mapExpression(
  expression: Expression,
  replace: (node: Expression) => Expression | undefined,
): Expression {
  const mapped = ((): Expression => {
    switch (expression.kind) {
      case 'unary':
        return { ...expression, operand: mapExpression(expression.operand, replace) };
      case 'binary':
        return {
          ...expression,
          left: mapExpression(expression.left, replace),
          right: mapExpression(expression.right, replace),
        };
      case 'conditional':
        return {
          ...expression,
          condition: mapExpression(expression.condition, replace),
          whenTrue: mapExpression(expression.whenTrue, replace),
          whenFalse: mapExpression(expression.whenFalse, replace),
        };
      case 'call':
        return { ...expression, args: expression.args.map((arg) => mapExpression(arg, replace)) };
      case 'number':
      case 'reference':
        return expression;
    }
  })();
  return replace(mapped) ?? mapped;
}

const infix: Record<BinaryOperator, string> = {
  add: '+',
  subtract: '-',
  multiply: '*',
  divide: '/',
  pow: '^',
  mod: '%',
  less: '<',
  lessEqual: '<=',
  greater: '>',
  greaterEqual: '>=',
  equal: '==',
  unequal: '!=',
  and: 'and',
  or: 'or',
};

const formatSubscripts = (subscripts: readonly Subscript[] | undefined): string =>
  subscripts === undefined
    ? ''
    : `[${subscripts.map((subscript) => `${subscript.name}${subscript.whole === true ? '!' : ''}`).join(', ')}]`;

/** Print an expression back as equation text, fully parenthesised; used for conversion and messages. */
export function formatExpression(expression: Expression): string {
  switch (expression.kind) {
    case 'number':
      return String(expression.value);
    case 'reference':
      return `${expression.name}${formatSubscripts(expression.subscripts)}`;
    case 'unary':
      return expression.operator === 'negate'
        ? `(-(${formatExpression(expression.operand)}))`
        : `(not (${formatExpression(expression.operand)}))`;
    case 'binary':
      return `(${formatExpression(expression.left)} ${infix[expression.operator]} ${formatExpression(expression.right)})`;
    case 'conditional':
      return `(${formatExpression(expression.condition)} ? ${formatExpression(expression.whenTrue)} : ${formatExpression(expression.whenFalse)})`;
    case 'call':
      return `${expression.name}${formatSubscripts(expression.subscripts)}(${expression.args.map(formatExpression).join(', ')})`;
  }
}
