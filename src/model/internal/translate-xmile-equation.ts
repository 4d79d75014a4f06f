import type { Message } from '../../diagnostics/messages.js';
import { messages } from '../../diagnostics/messages.js';
import { suggestName } from '../../diagnostics/suggest-name.js';
import { build, formatExpression, mapExpression } from '../expression.js';
import { parseEquation } from '../parse-equation.js';

/** How names in an XMILE equation resolve; every lookup takes the canonical name (see `canonicalName`). */
export interface XmileNameScope {
  canonical(name: string): string;
  /** The identifier of a stock, flow, aux or constant. */
  variable(canonical: string): string | undefined;
  /** The identifier of a lookup that a gf name (standalone, or an aux with an embedded gf) calls. */
  lookup(canonical: string): string | undefined;
  /** The names as written, for suggestions. */
  suggest(name: string): string | undefined;
  start: number;
  stop: number;
  /**
   * True for files Vensim wrote (through xmutil): INT is then Vensim's INTEGER, which truncates toward 0,
   * and MOD its MODULO, whose result has the dividend's sign (-10 MOD 3 is -1). XMILE's own INT is the
   * floor and its MOD takes the divisor's sign (2).
   */
  vensimSemantics?: boolean;
  /** An expression macro of the file (`<macro>` with `<parm>`s and an `<eqn>`), by canonical name. */
  macro?(canonical: string): XmileMacro | undefined;
  /** The dimension identifiers of an arrayed variable or lookup, by its identifier; undefined for a scalar. */
  dimensionsOf?(id: string): readonly string[] | undefined;
  /** A dimension's identifier, by canonical name. */
  dimension?(canonical: string): string | undefined;
  /** The identifier of an element of a dimension (by the dimension's identifier), by canonical name or 1-based position. */
  element?(dimension: string, canonicalOrPosition: string): string | undefined;
}

/** An XMILE expression macro: its parameters' canonical names and the text of its equation. */
export interface XmileMacro {
  name: string;
  parameters: readonly string[];
  equation: string;
}

/** How deep macros may call macros; deeper is taken for a macro that calls itself. */
const maximumMacroDepth = 20;

/** XMILE built-ins and the Kechuang built-in each becomes (case ignored). */
const functionNames: ReadonlyMap<string, string> = new Map([
  ['abs', 'abs'],
  ['exp', 'exp'],
  ['ln', 'ln'],
  ['log10', 'log10'],
  ['sqrt', 'sqrt'],
  ['int', 'floor'],
  ['min', 'min'],
  ['max', 'max'],
  ['sin', 'sin'],
  ['cos', 'cos'],
  ['tan', 'tan'],
  ['arcsin', 'asin'],
  ['arccos', 'acos'],
  ['arctan', 'atan'],
  ['sinh', 'sinh'],
  ['cosh', 'cosh'],
  ['tanh', 'tanh'],
  ['init', 'init'],
  ['safediv', 'safediv'],
  ['step', 'step'],
  ['ramp', 'ramp'],
  ['pulse', 'impulse'],
  ['delay', 'delay_fixed'],
  ['delay1', 'delay1'],
  ['delay3', 'delay3'],
  ['smth1', 'smooth'],
  ['smth3', 'smooth3'],
  ['trend', 'trend_of'],
  ['if_then_else', 'if_then_else'],
  ['sum', 'sum'],
  ['prod', 'prod'],
  ['mean', 'vmean'],
]);

type Token =
  { kind: 'number'; text: string } | { kind: 'name'; text: string; quoted: boolean } | { kind: 'symbol'; text: string };

export type TranslatedEquation = { ok: true; text: string } | { ok: false; message: Message };

class TranslationProblem extends Error {
  constructor(readonly problem: Message) {
    super(problem.message);
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let rest = text;
  while (rest.length > 0) {
    const space = /^(?:\s+|\{[^}]*\})/.exec(rest);
    if (space !== null) {
      rest = rest.slice(space[0].length);
      continue;
    }
    const number = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(rest);
    const quoted = /^"([^"]*)"/.exec(rest);
    const name = /^[\p{L}_][\p{L}\p{N}_$]*(?:\.[\p{L}_][\p{L}\p{N}_$]*)*/u.exec(rest);
    const symbol = /^(?:<=|>=|<>|[-+*/^(),<>=[\]])/.exec(rest);
    if (rest.startsWith('???')) throw new TranslationProblem(messages.xmileLostEquation());
    if (number !== null) tokens.push({ kind: 'number', text: number[0] });
    else if (quoted !== null) tokens.push({ kind: 'name', text: quoted[1] ?? '', quoted: true });
    else if (name !== null) tokens.push({ kind: 'name', text: name[0], quoted: false });
    else if (symbol !== null) tokens.push({ kind: 'symbol', text: symbol[0] });
    else {
      const character = rest[0] ?? '';
      if (character === '"') throw new TranslationProblem(messages.equationSyntax('a quoted name is not closed'));
      throw new TranslationProblem(messages.equationSyntax(`unexpected character '${character}'`));
    }
    rest = rest.slice((number ?? quoted ?? name ?? symbol)![0].length);
  }
  return tokens;
}

/** A token that can end an operand: a name that is not an operator word, a number or `)`. */
const operand = (token: Token | undefined): boolean =>
  token !== undefined &&
  (token.kind === 'number' ||
    (token.kind === 'name' && (token.quoted || !operatorWords.has(token.text.toLowerCase()))) ||
    (token.kind === 'symbol' && token.text === ')'));

/** A token that may follow a postfix `not`: THEN, ELSE, AND, OR, `)` or `,`. */
const closes = (token: Token): boolean =>
  (token.kind === 'name' && !token.quoted && ['then', 'else', 'and', 'or'].includes(token.text.toLowerCase())) ||
  (token.kind === 'symbol' && (token.text === ')' || token.text === ','));

/**
 * Vensim's MODULO as `remainder(a, b)`. The translation marks it `a %% b` first, with the precedence of
 * `mod`; mathjs reads `%%` as two `%` only in a way it rejects, so the marker is rewritten by parsing
 * the text with `mod` and printing each `mod` node back as a call.
 */
function rewriteRemainders(text: string): string {
  const parsed = parseEquation(text.replace(/ %% /g, ' mod '));
  if (!parsed.ok) throw new TranslationProblem(parsed.problem.message);
  const rewritten = mapExpression(parsed.expression, (node) =>
    node.kind === 'binary' && node.operator === 'mod' ? build.call('remainder', [node.left, node.right]) : undefined,
  );
  return formatExpression(rewritten);
}

/** XMILE's MIN and MAX of one argument, an array, are its smallest and largest element: `vmin`, `vmax`. */
function rewriteArrayExtrema(text: string): string {
  const parsed = parseEquation(text);
  if (!parsed.ok) throw new TranslationProblem(parsed.problem.message);
  let changed = false;
  const rewritten = mapExpression(parsed.expression, (node) => {
    if (node.kind !== 'call' || node.args.length !== 1 || (node.name !== 'min' && node.name !== 'max'))
      return undefined;
    changed = true;
    return { ...node, name: node.name === 'min' ? 'vmin' : 'vmax' };
  });
  return changed ? formatExpression(rewritten) : text;
}

/**
 * Replace each macro call, marked `__macroK(args)` by the translation, with the macro's equation in
 * which each parameter stands for its argument. The equation is translated in a scope of its own
 * parameters (and the file's macros), so a macro sees nothing of the model it is called from.
 */
function expandMacros(text: string, macros: readonly XmileMacro[], scope: XmileNameScope, depth: number): string {
  if (depth > maximumMacroDepth)
    throw new TranslationProblem(messages.macroTooDeep(macros[0]?.name ?? '', maximumMacroDepth));
  const parsed = parseEquation(text);
  if (!parsed.ok) throw new TranslationProblem(parsed.problem.message);
  const bodies = macros.map((macro) => {
    const parameterIds = new Map(macro.parameters.map((parameter, index) => [parameter, `__parm${index}`]));
    const inner: XmileNameScope = {
      ...scope,
      variable: (canonical) => parameterIds.get(canonical),
      lookup: () => undefined,
      suggest: (name) => suggestName(name, macro.parameters),
    };
    const translated = translateXmileEquation(macro.equation, inner, depth + 1);
    if (!translated.ok) throw new TranslationProblem(translated.message);
    const body = parseEquation(translated.text);
    if (!body.ok) throw new TranslationProblem(body.problem.message);
    return body.expression;
  });
  const expanded = mapExpression(parsed.expression, (node) => {
    const match = node.kind === 'call' ? /^__macro(\d+)$/.exec(node.name) : null;
    if (match === null || node.kind !== 'call') return undefined;
    const index = Number(match[1]);
    const macro = macros[index]!;
    if (node.args.length !== macro.parameters.length)
      throw new TranslationProblem(
        messages.wrongArgumentCount(macro.name, `${macro.parameters.length} arguments`, node.args.length),
      );
    return mapExpression(bodies[index]!, (inner) => {
      const parameter = inner.kind === 'reference' ? /^__parm(\d+)$/.exec(inner.name) : null;
      return parameter === null ? undefined : node.args[Number(parameter[1])];
    });
  });
  return formatExpression(expanded);
}

/** The index of the `]` that closes the `[` at `open`. */
function closingBracket(tokens: readonly Token[], open: number): number {
  for (let index = open + 1; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.kind === 'symbol' && token.text === ']') return index;
    if (token.kind === 'symbol' && (token.text === '[' || token.text === '(' || token.text === ')'))
      throw new TranslationProblem(messages.equationSyntax('subscripts are names, numbers or *, between [ and ]'));
  }
  throw new TranslationProblem(messages.equationSyntax('a [ is not closed'));
}

/**
 * The subscripts between the `[` after `tokens[index]` and `tokens[closing]`, as Kechuang writes them:
 * a dimension stays a dimension, an element (by name, `Dim.element`, or 1-based position) becomes its
 * identifier, and `*` becomes `dimension!` (every element, for SUM, MIN, MAX, MEAN, PROD).
 */
function subscriptsOf(
  tokens: readonly Token[],
  index: number,
  closing: number,
  target: string,
  scope: XmileNameScope,
): string {
  if (closing === index) return '';
  const dimensions = scope.dimensionsOf?.(target);
  if (dimensions === undefined) throw new TranslationProblem(messages.notAnArray(tokens[index]!.text));
  const items: Token[][] = [[]];
  for (const token of tokens.slice(index + 2, closing)) {
    if (token.kind === 'symbol' && token.text === ',') items.push([]);
    else items[items.length - 1]!.push(token);
  }
  if (items.length !== dimensions.length)
    throw new TranslationProblem(messages.wrongSubscriptCount(tokens[index]!.text, dimensions.length, items.length));
  const subscripts = items.map((item, position) => {
    const dimension = dimensions[position]!;
    const [only] = item;
    if (item.length !== 1 || only === undefined)
      throw new TranslationProblem(messages.equationSyntax('each subscript is one name, number or *'));
    if (only.kind === 'symbol' && only.text === '*') return `${dimension}!`;
    const written = only.kind === 'number' ? only.text : scope.canonical(only.text);
    if (only.kind === 'name') {
      const named = scope.dimension?.(written);
      if (named !== undefined) return named;
      const dot = written.lastIndexOf('.');
      const qualified = dot > 0 ? scope.dimension?.(written.slice(0, dot)) : undefined;
      if (qualified !== undefined) {
        const element = scope.element?.(qualified, written.slice(dot + 1));
        if (element !== undefined) return element;
      }
    }
    const element = scope.element?.(dimension, written);
    if (element === undefined)
      throw new TranslationProblem(messages.unknownSubscript(tokens[index]!.text, only.text, dimension));
    return element;
  });
  return `[${subscripts.join(', ')}]`;
}

/** Words that are operators even when a parenthesis follows them: `IF (a > b) THEN ...`, `NOT (x)`. */
const operatorWords = new Set(['if', 'then', 'else', 'and', 'or', 'not', 'mod']);

const symbolText: Readonly<Record<string, string>> = { '=': '==', '<>': '!=' };

/**
 * Translate an XMILE equation into Kechuang's equation text (mathjs syntax over identifiers): names
 * (bare with `_` for spaces, or quoted) become identifiers, `IF c THEN a ELSE b` becomes
 * `((c) ? (a) : (b))`, `=` and `<>` become `==` and `!=`, and AND, OR, NOT, MOD and function names
 * may be in any case. Precedence is left to mathjs, whose order matches XMILE's (`-2^2` is -4).
 */
export function translateXmileEquation(text: string, scope: XmileNameScope, depth = 0): TranslatedEquation {
  try {
    const tokens = tokenize(text);
    const out: string[] = [];
    let modulo = false;
    const macros: XmileMacro[] = [];
    /** Open IFs per parenthesis depth: each closes where its ELSE branch ends. */
    const openIfs: number[] = [0];
    const closeIfs = (): void => {
      const depth = openIfs.length - 1;
      out.push('))'.repeat(openIfs[depth] ?? 0));
      openIfs[depth] = 0;
    };
    for (let index = 0; index < tokens.length; index++) {
      const token = tokens[index]!;
      const next = tokens[index + 1];
      const closing = token.kind === 'name' && next?.text === '[' ? closingBracket(tokens, index + 1) : index;
      const afterName = tokens[closing + 1];
      const called = afterName?.kind === 'symbol' && afterName.text === '(';
      if (token.kind === 'number') {
        out.push(token.text);
      } else if (token.kind === 'symbol') {
        if (token.text === '[' || token.text === ']')
          throw new TranslationProblem(messages.equationSyntax(`'${token.text}' must follow the name of an array`));
        if (token.text === '(') openIfs.push(0);
        if (token.text === ')' || token.text === ',') closeIfs();
        if (token.text === ')') {
          if (openIfs.length === 1) throw new TranslationProblem(messages.equationSyntax('a ) has no matching ('));
          openIfs.pop();
        }
        const previous = tokens[index - 1];
        const unary =
          (token.text === '-' || token.text === '+') &&
          (previous === undefined ||
            (previous.kind === 'symbol' && previous.text !== ')') ||
            (previous.kind === 'name' && !previous.quoted && operatorWords.has(previous.text.toLowerCase())));
        // A sign sticks to what follows (`-20`, not `- 20`), so converted equations read as written; `~` marks it (the tokenizer refuses `~`, so none is left over).
        out.push(unary ? `${token.text}~` : (symbolText[token.text] ?? token.text));
      } else {
        const word = token.text.toLowerCase();
        if (!token.quoted) {
          const keyword = ((): string | undefined => {
            switch (called && !operatorWords.has(word) ? '' : word) {
              case 'if':
                openIfs[openIfs.length - 1]! += 1;
                return '((';
              case 'then':
                return ') ? (';
              case 'else':
                return ') : (';
              case 'not':
                if (operand(tokens[index - 1])) {
                  // xmutil writes Vensim's `:NOT: x` as `x not` (logicals.stmx); only a lone name or number can be its operand.
                  const following = tokens[index + 1];
                  const before = tokens[index - 2];
                  const starts =
                    before === undefined ||
                    (before.kind === 'symbol' && (before.text === '(' || before.text === ',')) ||
                    (before.kind === 'name' && !before.quoted && operatorWords.has(before.text.toLowerCase()));
                  if (
                    tokens[index - 1]?.kind === 'symbol' ||
                    !starts ||
                    (following !== undefined && !closes(following))
                  )
                    throw new TranslationProblem(messages.equationSyntax("'not' must come before what it negates"));
                  const last = out.pop() ?? '';
                  out.push(` not ${last}`);
                  return '';
                }
                return ' not ';
              case 'mod':
                if (scope.vensimSemantics === true) {
                  modulo = true;
                  return ' %% ';
                }
                return ' mod ';
              case 'and':
              case 'or':
                return ` ${word} `;
              case 'time':
              case 'dt':
              case 'pi':
                return word;
              case 'starttime':
                return `(${scope.start})`;
              case 'stoptime':
                return `(${scope.stop})`;
              default:
                return undefined;
            }
          })();
          if (keyword !== undefined) {
            out.push(keyword);
            continue;
          }
        }
        const canonical = scope.canonical(token.text);
        if (!token.quoted && next?.kind === 'name' && tokens[index + 2]?.text === '(' && !operatorWords.has(word))
          throw new TranslationProblem(messages.xmileUndefinedMacro(`${token.text} ${next.text}`));
        if (called && !token.quoted && word === 'lookup') {
          // Stella's LOOKUP(table, x): the same as calling the graphical function, table(x).
          const table = tokens[index + 2];
          const target = table?.kind === 'name' ? scope.lookup(scope.canonical(table.text)) : undefined;
          if (target === undefined || tokens[index + 3]?.text !== ',')
            throw new TranslationProblem(
              messages.invalidValue('LOOKUP() takes a graphical function and a value: LOOKUP(table, x)'),
            );
          out.push(`${target}(`);
          openIfs.push(0);
          index += 3;
          continue;
        }
        if (called) {
          const builtin = token.quoted
            ? undefined
            : word === 'int' && scope.vensimSemantics === true
              ? 'trunc'
              : functionNames.get(word);
          if (word === 'pi' && !token.quoted && tokens[index + 2]?.text === ')') {
            out.push('pi');
            index += 2;
            continue;
          }
          const macro = builtin === undefined && !token.quoted ? scope.macro?.(canonical) : undefined;
          if (macro !== undefined) {
            macros.push(macro);
            out.push(`__macro${macros.length - 1}(`);
            openIfs.push(0);
            index++;
            continue;
          }
          const target = builtin ?? scope.lookup(canonical);
          if (target === undefined) {
            if (scope.variable(canonical) !== undefined)
              throw new TranslationProblem(messages.xmileNotCallable(token.text));
            throw new TranslationProblem(
              messages.xmileUnsupportedFunction(
                token.text,
                [...functionNames.keys()].map((name) => name.toUpperCase()),
              ),
            );
          }
          out.push(`${target}${subscriptsOf(tokens, index, closing, target, scope)}(`);
          openIfs.push(0);
          index = closing + 1;
        } else {
          const variable = scope.variable(canonical);
          if (variable === undefined) {
            if (scope.lookup(canonical) !== undefined)
              throw new TranslationProblem(
                messages.invalidValue(`the graphical function '${token.text}' must be called: ${token.text}(x)`),
              );
            throw new TranslationProblem(messages.unknownVariable(token.text, scope.suggest(token.text)));
          }
          out.push(`${variable}${subscriptsOf(tokens, index, closing, variable, scope)}`);
          index = closing;
        }
      }
    }
    if (openIfs.length !== 1) throw new TranslationProblem(messages.equationSyntax('a ( is not closed'));
    closeIfs();
    const joined = out
      .join(' ')
      .replace(/\s+/g, ' ')
      .replace(/\( /g, '(')
      .replace(/ ([),])/g, '$1')
      .replace(/~ ?/g, '')
      .trim();
    const expanded = macros.length === 0 ? joined : expandMacros(joined, macros, scope, depth);
    const reduced = /\b(?:min|max)\(/.test(expanded) ? rewriteArrayExtrema(expanded) : expanded;
    return { ok: true, text: modulo ? rewriteRemainders(reduced) : reduced };
  } catch (error) {
    if (error instanceof TranslationProblem) return { ok: false, message: error.problem };
    throw error;
  }
}
