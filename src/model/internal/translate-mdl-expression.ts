import type { Message } from '../../diagnostics/messages.js';
import { messages } from '../../diagnostics/messages.js';
import type { MdlExpression, MdlMacro, MdlPosition, MdlSubscript, MdlTable } from './mdl-syntax.js';
import { canonicalName } from './xmile-names.js';

/** A problem in an .mdl equation, at the node it is about. */
export class MdlProblem extends Error {
  constructor(
    readonly problem: Message,
    readonly at: MdlPosition,
  ) {
    super(problem.message);
  }
}

/** How names in an .mdl equation resolve; every lookup takes the canonical name (see `canonicalName`). */
export interface MdlScope {
  /** The identifier a stock, flow, aux or constant reads as (`dt` for TIME STEP, `time` for Time). */
  variable(canonical: string): string | undefined;
  lookup(canonical: string): string | undefined;
  /** A dimension's identifier, or an element's. */
  dimension(canonical: string): string | undefined;
  element(canonical: string): string | undefined;
  /** How many elements a dimension has, by canonical name. */
  elementCount(canonical: string): number | undefined;
  macro(canonical: string): MdlMacro | undefined;
  suggest(written: string): string | undefined;
  /** Declares the lookup of a WITH LOOKUP inside an equation; returns its identifier. */
  addLookup(table: MdlTable, at: MdlPosition): string;
}

/** Vensim functions with a Kechuang built-in of the same arguments, by canonical name. */
const sameArguments: ReadonlyMap<string, string> = new Map([
  ['abs', 'abs'],
  ['exp', 'exp'],
  ['ln', 'ln'],
  ['log', 'log'],
  ['sqrt', 'sqrt'],
  ['sin', 'sin'],
  ['cos', 'cos'],
  ['tan', 'tan'],
  ['arcsin', 'asin'],
  ['arccos', 'acos'],
  ['arctan', 'atan'],
  ['sinh', 'sinh'],
  ['cosh', 'cosh'],
  ['tanh', 'tanh'],
  ['min', 'min'],
  ['max', 'max'],
  ['integer', 'trunc'],
  ['modulo', 'remainder'],
  ['power', 'pow'],
  ['if then else', 'if_then_else'],
  ['step', 'step'],
  ['ramp', 'ramp'],
  ['pulse', 'pulse'],
  ['initial', 'init'],
  ['smooth', 'smooth'],
  ['smoothi', 'smooth'],
  ['smooth3', 'smooth3'],
  ['smooth3i', 'smooth3'],
  ['delay1', 'delay1'],
  ['delay1i', 'delay1'],
  ['delay3', 'delay3'],
  ['delay3i', 'delay3'],
  ['delay fixed', 'delay_fixed'],
  ['sum', 'sum'],
  ['prod', 'prod'],
  ['vmin', 'vmin'],
  ['vmax', 'vmax'],
]);

/** How many arguments each Vensim function takes. */
const argumentCounts: ReadonlyMap<string, [number, number]> = new Map([
  ['abs', [1, 1]],
  ['exp', [1, 1]],
  ['ln', [1, 1]],
  ['log', [2, 2]],
  ['sqrt', [1, 1]],
  ['integer', [1, 1]],
  ['modulo', [2, 2]],
  ['power', [2, 2]],
  ['min', [2, 2]],
  ['max', [2, 2]],
  ['if then else', [3, 3]],
  ['step', [2, 2]],
  ['ramp', [3, 3]],
  ['pulse', [2, 2]],
  ['pulse train', [4, 4]],
  ['initial', [1, 1]],
  ['smooth', [2, 2]],
  ['smoothi', [3, 3]],
  ['smooth3', [2, 2]],
  ['smooth3i', [3, 3]],
  ['delay1', [2, 2]],
  ['delay1i', [3, 3]],
  ['delay3', [2, 2]],
  ['delay3i', [3, 3]],
  ['delay fixed', [3, 3]],
  ['delay n', [4, 4]],
  ['smooth n', [4, 4]],
  ['zidz', [2, 2]],
  ['xidz', [3, 3]],
  ['quantum', [2, 2]],
  ['with lookup', [2, 2]],
  ['elmcount', [1, 1]],
  ['sum', [1, 1]],
  ['prod', [1, 1]],
  ['vmin', [1, 1]],
  ['vmax', [1, 1]],
]);

/** Vensim functions Kechuang does not run, with the closest thing it does. */
const unsupported: ReadonlyMap<string, string> = new Map([
  ['active initial', 'INITIAL(x) for a value fixed at the start, or the stock’s own initial value'],
  ['sample if true', 'a stock whose flow is IF THEN ELSE(condition, (input - stock) / TIME STEP, 0)'],
  ['delay n', 'DELAY N with its order written as a whole number (1 to 100), not a variable'],
  ['smooth n', 'SMOOTH N with its order written as a whole number (1 to 100), not a variable'],
  ['trend', 'a stock smoothing the input, as TREND defines it'],
  ['forecast', 'a stock smoothing the input'],
  ['delay', 'DELAY FIXED, DELAY1 or DELAY3'],
  ['delay conveyor', 'DELAY FIXED'],
  ['delay profile', 'DELAY FIXED'],
  ['random uniform', 'a Kechuang scenario with an uncertain parameter (Monte Carlo)'],
  ['random normal', 'a Kechuang scenario with an uncertain parameter (Monte Carlo)'],
  ['random 0 1', 'a Kechuang scenario with an uncertain parameter (Monte Carlo)'],
  ['random poisson', 'a Kechuang scenario with an uncertain parameter (Monte Carlo)'],
  ['random exponential', 'a Kechuang scenario with an uncertain parameter (Monte Carlo)'],
  ['get xls data', 'a model data file (data: in YAML) or constants in the model'],
  ['get direct data', 'a model data file (data: in YAML) or constants in the model'],
  ['get xls constants', 'constants written in the model'],
  ['get direct constants', 'constants written in the model'],
  ['get xls lookups', 'a lookup written in the model'],
  ['get direct lookups', 'a lookup written in the model'],
  ['get data at time', 'a lookup over time'],
  ['lookup extrapolate', 'a lookup call (clamped at its ends) with points added beyond the range'],
  ['lookup forward', 'a lookup call'],
  ['lookup backward', 'a lookup call'],
  ['lookup invert', 'a lookup of the inverted points'],
  ['lookup area', 'an integral written as a stock'],
  ['vector select', 'SUM over the elements'],
  ['vector elm map', 'a mapping between subscript ranges'],
  ['vector sort order', 'explicit element equations'],
  ['vector reorder', 'explicit element equations'],
  ['vector rank', 'explicit element equations'],
  ['vector lookup', 'a lookup call'],
  ['allocate by priority', 'explicit allocation equations'],
  ['allocate available', 'explicit allocation equations'],
  ['invert matrix', 'explicit element equations'],
  ['npv', 'a stock accumulating the discounted value'],
  ['npv of', 'a stock accumulating the discounted value'],
  ['game', 'the value without GAME'],
  ['a function of', 'the equation the function stands for'],
  ['time base', 'Time'],
  ['get time value', 'Time'],
  ['tabbed array', 'a list of constants (1, 2; 3, 4)'],
]);

/** The Vensim functions this reader runs, for messages. */
export const supportedMdlFunctions: readonly string[] = [
  ...[...argumentCounts.keys()].filter((name) => !unsupported.has(name)),
  'INTEG (an equation of its own)',
].map((name) => name.toUpperCase());

const comparison: Record<string, string> = { '=': '==', '<>': '!=', '<': '<', '>': '>', '<=': '<=', '>=': '>=' };

/** How deep macros may call macros before one is taken for a macro calling itself. */
const maximumMacroDepth = 20;

/**
 * Translate an .mdl expression into Kechuang equation text: names become identifiers, Vensim's
 * functions their Kechuang built-ins (ZIDZ and XIDZ `safediv`, INTEGER `trunc`, MODULO `remainder`,
 * QUANTUM and PULSE TRAIN the expressions Vensim defines them as), macros are expanded per call.
 * Throws an `MdlProblem` at the node for a name it does not know or a function it does not run.
 */
export function translateMdlExpression(expression: MdlExpression, scope: MdlScope, depth = 0): string {
  const recurse = (inner: MdlExpression): string => translateMdlExpression(inner, scope, depth);
  switch (expression.kind) {
    case 'number':
      return String(expression.value);
    case 'unary':
      return expression.operator === 'not'
        ? `(not ${recurse(expression.operand)})`
        : `(${expression.operator}${recurse(expression.operand)})`;
    case 'binary': {
      const operator =
        expression.operator === ':and:'
          ? 'and'
          : expression.operator === ':or:'
            ? 'or'
            : (comparison[expression.operator] ?? expression.operator);
      return `(${recurse(expression.left)} ${operator} ${recurse(expression.right)})`;
    }
    case 'table':
      throw new MdlProblem(
        messages.mdlUnsupported('a table of points here', 'a lookup of its own, or WITH LOOKUP(input, table)'),
        expression.at,
      );
    case 'reference': {
      const canonical = canonicalName(expression.name.text);
      const id = scope.variable(canonical);
      if (id === undefined) {
        if (scope.lookup(canonical) !== undefined)
          throw new MdlProblem(
            messages.mdlUnsupported(
              `the lookup '${expression.name.text}' read as a value`,
              `call it: ${expression.name.text}(x)`,
            ),
            expression.at,
          );
        throw new MdlProblem(
          messages.unknownVariable(expression.name.text, scope.suggest(expression.name.text)),
          expression.name.at,
        );
      }
      return `${id}${translateSubscripts(expression.subscripts, scope)}`;
    }
    case 'call':
      return translateCall(expression, scope, depth);
  }
}

/** `[d, e!, a1]`: each subscript a dimension (`!` for every element) or an element, as identifiers. */
export function translateSubscripts(subscripts: readonly MdlSubscript[], scope: MdlScope): string {
  if (subscripts.length === 0) return '';
  const items = subscripts.map((subscript) => {
    const canonical = canonicalName(subscript.name.text);
    const dimension = scope.dimension(canonical);
    if (dimension !== undefined) return subscript.all ? `${dimension}!` : dimension;
    const element = scope.element(canonical);
    if (element === undefined || subscript.all)
      throw new MdlProblem(messages.mdlUnknownSubscript(subscript.name.text), subscript.at);
    return element;
  });
  return `[${items.join(', ')}]`;
}

/** Most stages DELAY N and SMOOTH N are expanded into. */
const maximumOrder = 100;

/** The order of DELAY N or SMOOTH N when it is a whole number written in the equation. */
const orderOf = (expression: MdlExpression | undefined): number | undefined =>
  expression?.kind === 'number' &&
  Number.isInteger(expression.value) &&
  expression.value >= 1 &&
  expression.value <= maximumOrder
    ? expression.value
    : undefined;

function translateCall(call: Extract<MdlExpression, { kind: 'call' }>, scope: MdlScope, depth: number): string {
  const recurse = (inner: MdlExpression): string => translateMdlExpression(inner, scope, depth);
  const name = canonicalName(call.name.text);
  const args = call.args;
  const written = call.name.text;
  const lookup = scope.lookup(name);
  if (lookup !== undefined) {
    if (args.length !== 1)
      throw new MdlProblem(messages.wrongArgumentCount(written, '1 argument', args.length), call.at);
    if (call.subscripts.length > 0)
      throw new MdlProblem(
        messages.mdlUnsupported(`a call of one element of the lookup '${written}'`, 'a lookup without subscripts'),
        call.at,
      );
    return `${lookup}(${recurse(args[0]!)})`;
  }
  const macro = scope.macro(name);
  if (macro !== undefined) return expandMacro(call, macro, scope, depth);
  if (call.subscripts.length > 0)
    throw new MdlProblem(messages.unknownFunction(written, supportedMdlFunctions), call.name.at);
  if (name === 'integ')
    throw new MdlProblem(
      messages.mdlUnsupported('INTEG inside an expression', 'a stock of its own: name = INTEG(rate, initial)'),
      call.at,
    );
  const counts = argumentCounts.get(name);
  if (counts !== undefined && (args.length < counts[0] || args.length > counts[1]))
    throw new MdlProblem(
      messages.wrongArgumentCount(written, `${counts[0]} argument${counts[0] === 1 ? '' : 's'}`, args.length),
      call.at,
    );
  const order = orderOf(args[3]);
  if ((name === 'delay n' || name === 'smooth n') && order !== undefined) {
    // Vensim's DELAY N and SMOOTH N are n first-order stages in a chain, each taking 1/n of the time.
    const [input, time, initial] = args.slice(0, 3).map(recurse);
    const stage = name === 'delay n' ? 'delay1' : 'smooth';
    let text = input!;
    for (let index = 0; index < order; index++) text = `${stage}(${text}, (${time}) / ${order}, ${initial})`;
    return text;
  }
  const alternative = unsupported.get(name);
  if (alternative !== undefined)
    throw new MdlProblem(messages.mdlUnsupported(`the function ${written.toUpperCase()}`, alternative), call.name.at);
  const same = sameArguments.get(name);
  if (same !== undefined) return `${same}(${args.map(recurse).join(', ')})`;
  if (name === 'elmcount') {
    const range = args[0];
    const count = range?.kind === 'reference' ? scope.elementCount(canonicalName(range.name.text)) : undefined;
    if (count === undefined)
      throw new MdlProblem(messages.mdlUnknownSubscript(range?.kind === 'reference' ? range.name.text : ''), call.at);
    return String(count);
  }
  if (name === 'with lookup') {
    const table = args[1];
    if (table?.kind !== 'table')
      throw new MdlProblem(
        messages.mdlUnsupported(
          'WITH LOOKUP without a table of points',
          'WITH LOOKUP(x, ([(0,0)-(1,1)], (0,0), (1,1)))',
        ),
        call.at,
      );
    return `${scope.addLookup(table.table, table.at)}(${recurse(args[0]!)})`;
  }
  const text = args.map(recurse);
  switch (name) {
    case 'zidz':
      return `safediv(${text[0]}, ${text[1]}, 0)`;
    case 'xidz':
      return `safediv(${text[0]}, ${text[1]}, ${text[2]})`;
    case 'quantum':
      return `if_then_else(${text[1]} <= 0, ${text[0]}, ${text[1]} * trunc(${text[0]} / ${text[1]}))`;
    case 'pulse train':
      return `if_then_else(time >= ${text[0]} and time <= ${text[3]} and remainder(time - ${text[0]}, ${text[2]}) < ${text[1]}, 1, 0)`;
    default:
      throw new MdlProblem(messages.unknownFunction(written, supportedMdlFunctions), call.name.at);
  }
}

/**
 * A call of an expression macro: the macro's one equation with each parameter standing for its
 * argument. The body sees only its parameters and the model's functions and macros.
 */
function expandMacro(
  call: Extract<MdlExpression, { kind: 'call' }>,
  macro: MdlMacro,
  scope: MdlScope,
  depth: number,
): string {
  if (depth >= maximumMacroDepth)
    throw new MdlProblem(messages.macroTooDeep(macro.name.text, maximumMacroDepth), call.at);
  if (call.args.length !== macro.parameters.length)
    throw new MdlProblem(
      messages.wrongArgumentCount(macro.name.text, `${macro.parameters.length} arguments`, call.args.length),
      call.at,
    );
  const own = macro.entries.filter((entry) => canonicalName(entry.left.name.text) === canonicalName(macro.name.text));
  const body = own[0];
  if (macro.entries.length !== 1 || body?.kind !== 'equation' || body.expression === null || macro.outputs.length > 0)
    throw new MdlProblem(
      messages.mdlUnsupported(
        `the macro ${macro.name.text} (variables of its own, or more than one equation)`,
        'the macro’s structure written out in the model, once per call',
      ),
      call.at,
    );
  const argumentText = new Map(
    macro.parameters.map((parameter, index) => [
      canonicalName(parameter.text),
      `(${translateMdlExpression(call.args[index]!, scope, depth)})`,
    ]),
  );
  const inner: MdlScope = {
    ...scope,
    variable: (canonical) => argumentText.get(canonical) ?? (canonical === 'time' ? 'time' : undefined),
    lookup: () => undefined,
    suggest: (written) => (argumentText.has(canonicalName(written)) ? undefined : macro.parameters[0]?.text),
  };
  return `(${translateMdlExpression(body.expression, inner, depth + 1)})`;
}
