import type { Diagnostic, Result } from '../diagnostics/diagnostic.js';
import { failure, success } from '../diagnostics/diagnostic.js';
import type { Message } from '../diagnostics/messages.js';
import { messages } from '../diagnostics/messages.js';
import { suggestName } from '../diagnostics/suggest-name.js';
import { loadMdlParser } from './internal/load-mdl-parser.js';
import type {
  MdlEntry,
  MdlExpression,
  MdlFile,
  MdlMacro,
  MdlPosition,
  MdlSyntaxError,
  MdlTable,
} from './internal/mdl-syntax.js';
import { MdlProblem, translateMdlExpression, type MdlScope } from './internal/translate-mdl-expression.js';
import { canonicalName, createIdentifierAllocator, displayName } from './internal/xmile-names.js';
import type { ElementSpec, Equation, ModelSpec } from './model-spec.js';
import { formatExpression } from './expression.js';
import { parseEquation } from './parse-equation.js';
import { readModel } from './read-model.js';
import { parseDimension } from './unit-dimension.js';

/** The clock's variables, by canonical name, and the `time:` field each sets. */
const clockFields: ReadonlyMap<string, string> = new Map([
  ['initial time', 'start'],
  ['final time', 'stop'],
  ['time step', 'dt'],
  ['saveper', 'save_every'],
]);

type Section = 'parameters' | 'lookups' | 'stocks' | 'flows' | 'auxiliaries';

/** One variable of the file: every entry that defines it (one per subscript combination written). */
interface MdlVariable {
  canonical: string;
  written: string;
  id: string;
  entries: MdlEntry[];
  section: Section;
}

/** The Kechuang YAML document an .mdl file becomes, as a plain object. */
type YamlDocument = Record<string, Record<string, unknown>>;

/** Collects the problems of one file, each at its line and column. */
class MdlReport {
  readonly diagnostics: Diagnostic[] = [];
  constructor(readonly file: string) {}
  add(message: Message, at: MdlPosition, field: string, severity: Diagnostic['severity'] = 'error'): void {
    this.diagnostics.push({ ...message, severity, field, file: this.file, line: at.line, column: at.column });
  }
  get failed(): boolean {
    return this.diagnostics.some((diagnostic) => diagnostic.severity === 'error');
  }
}

function parseMdl(text: string, report: MdlReport): MdlFile | undefined {
  try {
    return loadMdlParser().parse(text);
  } catch (error) {
    const syntax = error as MdlSyntaxError;
    if (syntax.location === undefined) throw error;
    const expected = [
      ...new Set(
        (syntax.expected ?? [])
          .map((item) => item.description ?? item.text ?? item.type)
          .filter((item) => item !== 'class' && !/^\[ \\t|^"\\\\"$|^"\{"$/.test(item)),
      ),
    ];
    const found = syntax.found === null || syntax.found === undefined ? 'the end of the file' : `'${syntax.found}'`;
    report.add(
      messages.mdlSyntax(expected.length === 0 ? 'more text' : expected.slice(0, 8).join(', '), found),
      syntax.location.start,
      '',
    );
    return undefined;
  }
}

/** `a1`..`a5`: the names between, counting the trailing number. */
function sequenceNames(from: string, to: string): string[] | undefined {
  const first = /^(.*?)(\d+)$/.exec(from);
  const last = /^(.*?)(\d+)$/.exec(to);
  if (first === null || last === null || first[1] !== last[1]) return undefined;
  const names: string[] = [];
  for (let index = Number(first[2]); index <= Number(last[2]); index++) names.push(`${first[1]}${index}`);
  return names;
}

/** The points of a lookup as [x, y] pairs; the older form lists every x, then every y. */
function tablePoints(table: MdlTable): number[][] | undefined {
  if (table.points !== undefined) return table.points.length === 0 ? undefined : table.points;
  const flat = table.flat ?? [];
  if (flat.length < 2 || flat.length % 2 !== 0) return undefined;
  const half = flat.length / 2;
  return flat.slice(0, half).map((x, index) => [x, flat[half + index]!]);
}

const isNumber = (expression: MdlExpression | null): number | undefined => {
  if (expression?.kind === 'number') return expression.value;
  if (expression?.kind === 'unary' && expression.operator === '-' && expression.operand.kind === 'number')
    return -expression.operand.value;
  return undefined;
};

const integOf = (entry: MdlEntry): Extract<MdlExpression, { kind: 'call' }> | undefined =>
  entry.kind === 'equation' &&
  entry.expression?.kind === 'call' &&
  canonicalName(entry.expression.name.text) === 'integ' &&
  entry.expression.args.length === 2
    ? entry.expression
    : undefined;

/** A Vensim unit as Kechuang reads it (`Dmnl` is `1`), or undefined with a warning when it cannot. */
function readUnit(units: string, at: MdlPosition, field: string, report: MdlReport): string | undefined {
  const unit = units.replace(/\[[^\]]*\]\s*$/, '').trim();
  if (unit === '') return undefined;
  const kechuang = unit.replace(/\b(dmnl|dimensionless|fraction)\b/gi, '1');
  try {
    parseDimension(kechuang);
    return kechuang;
  } catch (error) {
    report.add(messages.mdlUnitNotRead(unit, (error as Error).message), at, `${field}.unit`, 'warning');
    return undefined;
  }
}

/**
 * Read a Vensim `.mdl` model into the same `ModelSpec` as YAML and XMILE: the text is parsed by the
 * grammar in internal/mdl.peggy, each equation translated into Kechuang's equation language, and the
 * model assembled as the Kechuang YAML document it corresponds to (which `convert --to yaml` writes),
 * then read by the YAML reader; every location points back into the .mdl file. A stock's rate
 * `INTEG(a + b - c, init)` lists the variables a, b and c as its flows where each is a variable of its
 * own used by no other stock the same way; any other rate becomes a flow `<stock> net flow`. Units
 * are kept where Kechuang can read them (a warning names the others) and not checked, as Vensim does
 * not require them to agree.
 */
export function readMdl(text: string, file: string): Result<ModelSpec> {
  const report = new MdlReport(file);
  const parsed = parseMdl(text, report);
  if (parsed === undefined) return failure(report.diagnostics);

  const macros = new Map<string, MdlMacro>();
  const entries: MdlEntry[] = [];
  for (const item of parsed.entries) {
    if (item.kind === 'group') continue;
    if (item.kind === 'macro') macros.set(canonicalName(item.name.text), item);
    else entries.push(item);
  }

  const names = createIdentifierAllocator();
  const subscriptIds = new Map<string, string>();
  const subscriptWritten = new Map<string, string>();
  const subscriptId = (written: string): string => {
    const canonical = canonicalName(written);
    let id = subscriptIds.get(canonical);
    if (id === undefined) {
      id = names(canonical);
      subscriptIds.set(canonical, id);
      subscriptWritten.set(id, displayName(written));
    }
    return id;
  };

  // Subscript ranges first: equations name their elements.
  const ranges = new Map<string, { written: string; entry: MdlEntry; elements?: string[] }>();
  for (const entry of entries)
    if (entry.kind === 'range' || entry.kind === 'equivalence')
      ranges.set(canonicalName(entry.left.name.text), { written: entry.left.name.text, entry });
  const resolving = new Set<string>();
  const rangeElements = (canonical: string): string[] => {
    const range = ranges.get(canonical)!;
    if (range.elements !== undefined) return range.elements;
    if (resolving.has(canonical)) {
      report.add(
        messages.mdlUnsupported(`the subscript range '${range.written}' containing itself`, 'a list of elements'),
        range.entry.at,
        `dimensions.${range.written}`,
      );
      return [];
    }
    resolving.add(canonical);
    const entry = range.entry;
    const elements: string[] = [];
    if (entry.kind === 'equivalence') {
      const other = canonicalName(entry.other.text);
      if (ranges.has(other)) elements.push(...rangeElements(other));
      else report.add(messages.mdlUnknownSubscript(entry.other.text), entry.other.at, `dimensions.${range.written}`);
    } else if (entry.kind === 'range')
      for (const element of entry.elements) {
        if (element.kind === 'sequence') {
          const sequence = sequenceNames(element.from, element.to);
          if (sequence === undefined)
            report.add(
              messages.mdlUnsupported(
                `the element sequence (${element.from}-${element.to})`,
                'names that differ only in a trailing number, (a1-a9), or the elements listed',
              ),
              element.at,
              `dimensions.${range.written}`,
            );
          else elements.push(...sequence.map(subscriptId));
        } else {
          const inner = canonicalName(element.name.text);
          if (ranges.has(inner) && inner !== canonical) elements.push(...rangeElements(inner));
          else elements.push(subscriptId(element.name.text));
        }
      }
    resolving.delete(canonical);
    range.elements = elements;
    return elements;
  };
  const dimensions: Record<string, unknown> = {};
  const dimensionIds = new Map<string, string>();
  for (const canonical of ranges.keys()) dimensionIds.set(canonical, names(canonical));
  for (const [canonical, range] of ranges) {
    const elements = rangeElements(canonical);
    const entry = range.entry;
    const mapping = entry.kind === 'range' ? entry.mapping : null;
    let mapsTo: unknown;
    if (mapping !== null) {
      const target = dimensionIds.get(canonicalName(mapping.name.text));
      if (target === undefined)
        report.add(messages.mdlUnknownSubscript(mapping.name.text), mapping.name.at, `dimensions.${range.written}`);
      mapsTo =
        mapping.elements === undefined
          ? target
          : { [target ?? '']: mapping.elements.map((name) => subscriptId(name.text)) };
    }
    dimensions[dimensionIds.get(canonical)!] = {
      elements,
      labels: elements.map((id) => subscriptWritten.get(id) ?? id),
      ...(mapsTo === undefined ? {} : { maps_to: mapsTo }),
    };
  }

  // Variables: every entry with the same name, whatever its subscripts.
  const variables = new Map<string, MdlVariable>();
  const clock = new Map<string, MdlEntry>();
  for (const entry of entries) {
    if (entry.kind === 'range' || entry.kind === 'equivalence') continue;
    const canonical = canonicalName(entry.left.name.text);
    if (clockFields.has(canonical)) {
      clock.set(canonical, entry);
      continue;
    }
    const existing = variables.get(canonical);
    if (existing !== undefined) existing.entries.push(entry);
    else
      variables.set(canonical, {
        canonical,
        written: displayName(entry.left.name.text),
        id: '',
        entries: [entry],
        section: 'auxiliaries',
      });
  }
  for (const variable of variables.values()) {
    variable.id = names(variable.canonical);
    const first = variable.entries[0]!;
    variable.section =
      first.kind === 'lookup'
        ? 'lookups'
        : integOf(first) !== undefined
          ? 'stocks'
          : variable.entries.every(
                (entry) =>
                  entry.kind === 'constants' || (entry.kind === 'equation' && isNumber(entry.expression) !== undefined),
              )
            ? 'parameters'
            : 'auxiliaries';
  }

  // The clock: numbers, or names of other clock variables.
  const clockValues = new Map<string, number>();
  const clockValue = (canonical: string, seen: readonly string[] = []): number | undefined => {
    const known = clockValues.get(canonical);
    if (known !== undefined) return known;
    const entry = clock.get(canonical);
    if (entry === undefined) return undefined;
    let value: number | undefined;
    if (entry.kind === 'equation' || entry.kind === 'constants') {
      const expression = entry.kind === 'equation' ? entry.expression : null;
      value =
        entry.kind === 'constants' && entry.rows.length === 1 && entry.rows[0]!.length === 1
          ? entry.rows[0]![0]
          : isNumber(expression);
      if (value === undefined && expression?.kind === 'reference' && !seen.includes(canonical))
        value = clockValue(canonicalName(expression.name.text), [...seen, canonical]);
      if (value === undefined && expression?.kind === 'reference') {
        const target = variables.get(canonicalName(expression.name.text));
        const only = target?.entries[0];
        if (target?.section === 'parameters' && only?.kind === 'equation') value = isNumber(only.expression);
        if (target?.section === 'parameters' && only?.kind === 'constants') value = only.rows[0]?.[0];
      }
    }
    if (value === undefined)
      report.add(
        messages.mdlUnsupported(`${entry.left.name.text} that is not a number`, `${entry.left.name.text} = 100`),
        entry.at,
        `time.${clockFields.get(canonical)!}`,
      );
    else clockValues.set(canonical, value);
    return value;
  };

  let current: MdlVariable | undefined;
  const positions = new Map<string, MdlPosition>();
  const lookups: Record<string, unknown> = {};
  const written = [...variables.values()].map((variable) => variable.written);
  const scope: MdlScope = {
    variable: (canonical) => {
      if (canonical === 'time') return 'time';
      if (canonical === 'time step') return 'dt';
      if (clockFields.has(canonical)) {
        const value = clockValue(canonical);
        return value === undefined ? undefined : `(${value})`;
      }
      const variable = variables.get(canonical);
      return variable === undefined || variable.section === 'lookups' ? undefined : variable.id;
    },
    lookup: (canonical) => {
      const variable = variables.get(canonical);
      return variable?.section === 'lookups' ? variable.id : undefined;
    },
    dimension: (canonical) => dimensionIds.get(canonical),
    element: (canonical) => (dimensionIds.has(canonical) ? undefined : subscriptIds.get(canonical)),
    elementCount: (canonical) => (ranges.has(canonical) ? rangeElements(canonical).length : undefined),
    macro: (canonical) => macros.get(canonical),
    suggest: (name) => suggestName(name, written),
    addLookup: (table, at) => {
      const id = names(`${current?.canonical ?? 'table'} lookup`);
      const points = tablePoints(table);
      if (points === undefined) throw new MdlProblem(messages.lookupTooShort(), at);
      lookups[id] = { points, doc: `the lookup of ${current?.written ?? 'a WITH LOOKUP'}` };
      positions.set(`lookups.${id}`, at);
      return id;
    },
  };

  const keyOf = (variable: MdlVariable, entry: MdlEntry, id = variable.id): string => {
    if (entry.left.subscripts.length === 0) return id;
    const subscripts = entry.left.subscripts.map((subscript) => {
      const canonical = canonicalName(subscript.name.text);
      const found = dimensionIds.get(canonical) ?? subscriptIds.get(canonical);
      if (found === undefined) throw new MdlProblem(messages.mdlUnknownSubscript(subscript.name.text), subscript.at);
      return found;
    });
    return `${id}[${subscripts.join(', ')}]`;
  };
  /** Kechuang text for an expression, with only the parentheses it needs. */
  const translate = (expression: MdlExpression): string => {
    const text = translateMdlExpression(expression, scope);
    const parsed = parseEquation(text);
    return parsed.ok ? formatExpression(parsed.expression) : text;
  };

  const sections: Record<Section, Record<string, unknown>> = {
    parameters: {},
    lookups,
    stocks: {},
    flows: {},
    auxiliaries: {},
  };
  const described = (entry: MdlEntry, field: string, fields: Record<string, unknown>): Record<string, unknown> => {
    const unit = readUnit(entry.units, entry.at, field, report);
    return {
      ...fields,
      ...(unit === undefined ? {} : { unit }),
      ...(entry.comment === '' ? {} : { doc: entry.comment }),
    };
  };

  // Which variables a stock's rate may list as its flows: `a + b - c`, each a variable of its own.
  const inflowOf = new Set<string>();
  const outflowOf = new Set<string>();
  const rateFlows = (
    stock: MdlVariable,
    rate: MdlExpression,
  ): { inflows: string[]; outflows: string[] } | undefined => {
    if (stock.entries.length !== 1) return undefined;
    const terms: { sign: 1 | -1; expression: MdlExpression }[] = [];
    const collect = (expression: MdlExpression, sign: 1 | -1): boolean => {
      if (expression.kind === 'binary' && (expression.operator === '+' || expression.operator === '-'))
        return (
          collect(expression.left, sign) &&
          collect(expression.right, expression.operator === '-' ? (-sign as 1 | -1) : sign)
        );
      if (expression.kind === 'unary' && expression.operator === '-')
        return collect(expression.operand, -sign as 1 | -1);
      if (expression.kind !== 'reference') return false;
      terms.push({ sign, expression });
      return true;
    };
    if (!collect(rate, 1)) return undefined;
    const stockSubscripts = stock.entries[0]!.left.subscripts.map((subscript) => canonicalName(subscript.name.text));
    const chosen: { sign: 1 | -1; variable: MdlVariable }[] = [];
    for (const { sign, expression } of terms) {
      if (expression.kind !== 'reference') return undefined;
      const variable = variables.get(canonicalName(expression.name.text));
      if (variable === undefined || variable.section !== 'auxiliaries') return undefined;
      const subscripts = expression.subscripts.map((subscript) => canonicalName(subscript.name.text));
      const own = variable.entries.map((entry) =>
        entry.left.subscripts.map((subscript) => canonicalName(subscript.name.text)),
      );
      const same = (list: readonly string[]): boolean =>
        list.length === stockSubscripts.length && list.every((name, index) => name === stockSubscripts[index]);
      if (!same(subscripts) || own.length !== 1 || !same(own[0]!)) return undefined;
      if ((sign === 1 ? inflowOf : outflowOf).has(variable.id)) return undefined;
      if (chosen.some((other) => other.variable === variable)) return undefined;
      chosen.push({ sign, variable });
    }
    for (const { sign, variable } of chosen) {
      (sign === 1 ? inflowOf : outflowOf).add(variable.id);
      variable.section = 'flows';
    }
    return {
      inflows: chosen.filter((item) => item.sign === 1).map((item) => item.variable.id),
      outflows: chosen.filter((item) => item.sign === -1).map((item) => item.variable.id),
    };
  };

  const guard = (action: () => void): void => {
    try {
      action();
    } catch (error) {
      if (!(error instanceof MdlProblem)) throw error;
      report.add(error.problem, error.at, current === undefined ? '' : `${current.section}.${current.id}`);
    }
  };

  const stockRates = new Map<MdlVariable, { inflows: string[]; outflows: string[] } | undefined>();
  for (const variable of variables.values())
    if (variable.section === 'stocks')
      stockRates.set(variable, rateFlows(variable, integOf(variable.entries[0]!)!.args[0]!));

  for (const variable of variables.values()) {
    current = variable;
    for (const entry of variable.entries) {
      guard(() => {
        if (entry.left.except)
          throw new MdlProblem(
            messages.mdlUnsupported(':EXCEPT:', 'one equation per element or subrange'),
            entry.left.at,
          );
        if (entry.kind === 'data')
          throw new MdlProblem(
            messages.mdlUnsupported(
              `'${variable.written}', a data variable with no equation`,
              'a lookup over Time, or constants written in the model',
            ),
            entry.at,
          );
        const key = keyOf(variable, entry);
        const field = `${variable.section}.${key}`;
        positions.set(
          `${variable.section}.${variable.id}`,
          positions.get(`${variable.section}.${variable.id}`) ?? entry.at,
        );
        positions.set(field, entry.at);
        if (variable.section === 'lookups') {
          const points = entry.kind === 'lookup' ? tablePoints(entry.table) : undefined;
          if (points === undefined)
            throw new MdlProblem(
              entry.kind === 'lookup'
                ? messages.lookupTooShort()
                : messages.mdlUnsupported(
                    `'${variable.written}' defined both as a lookup and an equation`,
                    'one of the two',
                  ),
              entry.at,
            );
          lookups[key] = described(entry, field, { points });
          return;
        }
        if (entry.kind === 'lookup')
          throw new MdlProblem(
            messages.mdlUnsupported(`'${variable.written}' defined both as a lookup and an equation`, 'one of the two'),
            entry.at,
          );
        if (variable.section === 'stocks') {
          const integ = integOf(entry);
          if (integ === undefined)
            throw new MdlProblem(
              messages.mdlUnsupported(
                `an element of the stock '${variable.written}' defined without INTEG`,
                'INTEG(rate, initial) for every element',
              ),
              entry.at,
            );
          const initial = translate(integ.args[1]!);
          let flows = stockRates.get(variable);
          if (flows === undefined) {
            const flowId = `${variable.id}_net_flow`;
            const flowKey = keyOf(variable, entry, flowId);
            sections.flows[flowKey] = { equation: translate(integ.args[0]!), doc: `the rate of ${variable.written}` };
            positions.set(`flows.${flowKey}`, integ.args[0]!.at);
            positions.set(`flows.${flowId}`, integ.args[0]!.at);
            flows = { inflows: [flowId], outflows: [] };
          }
          sections.stocks[key] = described(entry, field, {
            initial,
            ...(flows.inflows.length === 0 ? {} : { inflows: flows.inflows }),
            ...(flows.outflows.length === 0 ? {} : { outflows: flows.outflows }),
          });
          return;
        }
        if (variable.section === 'parameters') {
          const value =
            entry.kind === 'constants'
              ? entry.rows.length === 1
                ? entry.rows[0]!.length === 1
                  ? entry.rows[0]![0]
                  : entry.rows[0]
                : entry.rows
              : isNumber(entry.kind === 'equation' ? entry.expression : null);
          sections.parameters[key] = described(entry, field, { value });
          return;
        }
        if (entry.kind === 'constants') {
          // Among equations, a list of constants gives each element its own number, row by row.
          const values = entry.rows.flat();
          const tuples = entry.left.subscripts.reduce<string[][]>(
            (partial, subscript) => {
              const canonical = canonicalName(subscript.name.text);
              const elements = ranges.has(canonical) ? rangeElements(canonical) : [subscriptIds.get(canonical) ?? ''];
              return partial.flatMap((tuple) => elements.map((element) => [...tuple, element]));
            },
            [[]],
          );
          if (values.length !== 1 && values.length !== tuples.length)
            throw new MdlProblem(
              messages.mdlUnsupported(
                `${values.length} constants for the ${tuples.length} elements of '${variable.written}'`,
                'one number per element',
              ),
              entry.at,
            );
          if (values.length === 1)
            sections[variable.section][key] = described(entry, field, { equation: String(values[0]) });
          else
            tuples.forEach((tuple, index) => {
              const elementKey = `${variable.id}[${tuple.join(', ')}]`;
              positions.set(`${variable.section}.${elementKey}`, entry.at);
              sections[variable.section][elementKey] = described(entry, field, { equation: String(values[index]) });
            });
          return;
        }
        if (entry.kind !== 'equation' || entry.expression === null)
          throw new MdlProblem(messages.emptyEquation(), entry.at);
        sections[variable.section][key] = described(entry, field, { equation: translate(entry.expression) });
      });
    }
  }
  current = undefined;

  const time: Record<string, unknown> = {};
  for (const [canonical, field] of clockFields) {
    const entry = clock.get(canonical);
    if (entry === undefined) {
      if (field !== 'save_every')
        report.add(
          messages.missingField(canonical.toUpperCase(), `${canonical.toUpperCase()} = a number`),
          { line: 1, column: 1 },
          `time.${field}`,
        );
      continue;
    }
    const value = clockValue(canonical);
    positions.set(`time.${field}`, entry.at);
    if (value !== undefined) time[field] = value;
    if (field === 'dt') {
      const unit = entry.units.replace(/\[[^\]]*\]\s*$/, '').trim();
      if (unit !== '') time['unit'] = unit;
    }
  }
  if (report.failed) return failure(report.diagnostics);

  const document: YamlDocument = {
    time,
    ...(Object.keys(dimensions).length === 0 ? {} : { dimensions }),
    ...Object.fromEntries(Object.entries(sections).filter(([, entries]) => Object.keys(entries).length > 0)),
  };
  const name = file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const read = readModel(JSON.stringify({ name, ...document }), file);
  const locate = (field: string): MdlPosition => {
    let path = field;
    for (;;) {
      const found = positions.get(path);
      if (found !== undefined) return found;
      const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
      if (cut <= 0) return { line: 1, column: 1 };
      path = path.slice(0, cut);
    }
  };
  if (!read.ok)
    return failure([
      ...report.diagnostics,
      ...read.diagnostics.map((diagnostic) => ({ ...diagnostic, file, ...locate(diagnostic.field) })),
    ]);

  const writtenOf = new Map([...variables.values()].map((variable) => [variable.id, variable.written]));
  const relocate = <T extends ElementSpec>(element: T, section: Section): T => {
    const arrayName = element.array?.name ?? element.name;
    const at = locate(`${section}.${element.name}`);
    const location = { file, ...at };
    const base = writtenOf.get(arrayName);
    const shown =
      base === undefined
        ? undefined
        : element.array === undefined
          ? base
          : `${base}[${element.array.elements.map((id) => subscriptWritten.get(id) ?? id).join(',')}]`;
    const equation = (value: Equation): Equation => ({ ...value, location, segments: [] });
    return {
      ...element,
      ...(shown === undefined ? {} : { displayName: shown }),
      location,
      ...('equation' in element ? { equation: equation(element.equation) } : {}),
      ...('initial' in element ? { initial: equation(element.initial) } : {}),
    };
  };
  const model = read.value;
  const locations = new Map([...model.locations.keys()].map((key) => [key, { file, ...locate(key) }]));
  return success({
    ...model,
    parameters: model.parameters.map((element) => relocate(element, 'parameters')),
    lookups: model.lookups.map((element) => relocate(element, 'lookups')),
    stocks: model.stocks.map((element) => relocate(element, 'stocks')),
    flows: model.flows.map((element) => relocate(element, 'flows')),
    auxiliaries: model.auxiliaries.map((element) => relocate(element, 'auxiliaries')),
    ...(model.dimensions === undefined
      ? {}
      : {
          dimensions: model.dimensions.map((dimension) => ({
            ...dimension,
            location: {
              file,
              ...(ranges.get(canonicalName(subscriptWrittenOfDimension(dimension.name)))?.entry.at ?? {
                line: 1,
                column: 1,
              }),
            },
          })),
        }),
    locations,
    unitsChecked: false,
    warnings: report.diagnostics.filter((diagnostic) => diagnostic.severity === 'warning'),
  });

  function subscriptWrittenOfDimension(id: string): string {
    for (const [canonical, dimensionId] of dimensionIds) if (dimensionId === id) return canonical;
    return id;
  }
}
