import { dirname, resolve } from 'node:path';
import type { Result } from '../diagnostics/diagnostic.js';
import { failure, success } from '../diagnostics/diagnostic.js';
import { messages } from '../diagnostics/messages.js';
import { formatFieldPath, readYamlSource, type FieldPath } from '../diagnostics/yaml-document.js';
import { isReservedName } from './builtin-signatures.js';
import { describeValue, FieldReader, isRecord } from '../diagnostics/field-reader.js';
import { suggestName } from '../diagnostics/suggest-name.js';
import type {
  ArraySpec,
  AuxiliarySpec,
  BasisSpec,
  Documented,
  ElementSpec,
  Equation,
  FlowSpec,
  HistorySpec,
  IntegrationMethod,
  LookupSpec,
  ModelSpec,
  ParameterSpec,
  PriceBasis,
  StockSpec,
  TimeSpec,
} from './model-spec.js';
import { elementPath, locateInEquation, priceBases } from './model-spec.js';
import { parseEquation } from './parse-equation.js';
import { splitSubscriptedName } from './array-layout.js';
import { elementTuples } from './expand-arrays.js';
import { expandYamlArrays, readDimensions, readParameterValues, type YamlEntry } from './internal/read-yaml-arrays.js';

const topFields = [
  'name',
  'dimensions',
  'doc',
  'label',
  'label_zh',
  'data',
  'bases',
  'time',
  'parameters',
  'lookups',
  'stocks',
  'flows',
  'auxiliaries',
];
const timeFields = ['start', 'stop', 'dt', 'method', 'save_every', 'unit'];
const describedFields = ['unit', 'doc', 'label', 'label_zh', 'source', 'assumption', 'history', 'prices'];
const parameterFields = ['value', 'min', 'max', 'calibrate', 'annual', ...describedFields];
const lookupFields = ['points', ...describedFields];
const historyFields = ['series', 'scale', 'from', 'basis'];
const basisFields = ['doc', 'from', 'until'];
const stockFields = ['initial', 'inflows', 'outflows', 'non_negative', ...describedFields];
const equationFields = ['equation', ...describedFields];

const namePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

function readDocumented(
  reader: FieldReader,
  record: Record<string, unknown>,
  path: FieldPath,
  name: string,
): Documented {
  return {
    name,
    unit: reader.string(record['unit'], [...path, 'unit']),
    doc: reader.string(record['doc'], [...path, 'doc']),
    label: reader.string(record['label'], [...path, 'label']),
    labelZh: reader.string(record['label_zh'], [...path, 'label_zh']),
    source: reader.string(record['source'], [...path, 'source']),
    assumption: reader.flag(record['assumption'], [...path, 'assumption']),
    ...readPrices(reader, record['prices'], [...path, 'prices']),
    ...readHistory(reader, record['history'], [...path, 'history']),
    location: reader.source.locate(path, 'key'),
  };
}

/** `prices: current` or `prices: constant`: whether a money value or its growth is nominal or real. */
function readPrices(reader: FieldReader, value: unknown, path: FieldPath): { prices?: PriceBasis } {
  if (value === undefined || value === null) return {};
  const found = priceBases.find((basis) => basis === value);
  if (found !== undefined) {
    reader.remember(path);
    return { prices: found };
  }
  reader.report(path, messages.notOneOf('prices', priceBases, describeValue(value)));
  return {};
}

/** `bases: { census4: { from: 2019, until: 2023, doc } }`: the statistical bases data rows may be on. */
function readBases(reader: FieldReader, value: unknown): BasisSpec[] {
  const record = reader.record(value, ['bases'], 'a mapping of basis names to { doc, from, until }');
  if (record === undefined) return [];
  return Object.entries(record).flatMap(([name, entry]): BasisSpec[] => {
    const path = ['bases', name];
    const location = reader.source.locate(path, 'key');
    if (!namePattern.test(name)) {
      reader.report(path, messages.invalidName(name), 'key');
      return [];
    }
    if (entry === null || entry === undefined) return [{ name, doc: undefined, location }];
    const fields = reader.record(entry, path, '{ doc, from, until }');
    if (fields === undefined) return [];
    reader.checkKeys(fields, path, basisFields);
    const from = reader.number(fields['from'], [...path, 'from'], false, 'a year');
    const until = reader.number(fields['until'], [...path, 'until'], false, 'a year');
    if (from !== undefined && until !== undefined && until < from)
      reader.report(
        [...path, 'until'],
        messages.invalidValue(`basis '${name}' ends (${until}) before it starts (${from})`),
      );
    return [
      {
        name,
        doc: reader.string(fields['doc'], [...path, 'doc']),
        ...(from === undefined ? {} : { from }),
        ...(until === undefined ? {} : { until }),
        location,
      },
    ];
  });
}

/** `history: series` or `history: { series, scale }`: where the data file records this variable. */
function readHistory(reader: FieldReader, value: unknown, path: FieldPath): { history?: HistorySpec } {
  if (value === undefined || value === null) return {};
  if (typeof value === 'string') {
    reader.remember(path);
    return { history: { series: value, scale: 1 } };
  }
  const record = reader.record(value, path, 'a series name or { series, scale }');
  if (record === undefined) return {};
  reader.checkKeys(record, path, historyFields);
  const series = reader.string(record['series'], [...path, 'series']);
  const scale = reader.number(record['scale'], [...path, 'scale'], false) ?? 1;
  const from = reader.number(record['from'], [...path, 'from'], false, 'a year');
  const basis = record['basis'] === undefined ? undefined : reader.stringList(record['basis'], [...path, 'basis']);
  if (series === undefined) {
    reader.report(path, messages.missingField('series', 'the name of a series in the data file'));
    return {};
  }
  return {
    history: {
      series,
      scale,
      ...(from === undefined ? {} : { from }),
      ...(basis === undefined || basis.length === 0 ? {} : { basis }),
    },
  };
}

/**
 * Read and parse an equation. `sourcePath` is where its text is in the file (a shorthand equation sits
 * on the element's own key); `fieldPath` is how messages name it. `cutAtComma` says the surrounding
 * `{ ... }` mapping had unknown keys, the symptom of an unquoted comma that ended the value early.
 */
function readEquation(
  reader: FieldReader,
  value: unknown,
  sourcePath: FieldPath,
  fieldPath: FieldPath,
  what: string,
  cutAtComma = false,
): Equation | undefined {
  const field = formatFieldPath(fieldPath);
  if (value === undefined || value === null) {
    reader.report(fieldPath, messages.missingField(String(fieldPath[fieldPath.length - 1]), what));
    return undefined;
  }
  if (typeof value !== 'string' && typeof value !== 'number') {
    reader.report(sourcePath, messages.wrongType(what, Array.isArray(value) ? 'a list' : typeof value));
    return undefined;
  }
  const text = String(value);
  const location = reader.source.locate(sourcePath);
  const segments = reader.source.scalarSegments(sourcePath) ?? [{ ...location, offset: 0 }];
  const first =
    segments[0] === undefined
      ? location
      : { file: segments[0].file, line: segments[0].line, column: segments[0].column };
  reader.locations.set(field, first);
  const equation = { text, location: first, segments };
  if (text.trim() === '') {
    reader.diagnostics.push({ ...location, severity: 'error', field, ...messages.emptyEquation() });
    return undefined;
  }
  const parsed = parseEquation(text);
  if (!parsed.ok) {
    const unclosed = (text.match(/\(/g) ?? []).length > (text.match(/\)/g) ?? []).length;
    const message =
      unclosed && cutAtComma && parsed.problem.message.code === 'equation-syntax'
        ? messages.equationSyntaxCutAtComma(
            parsed.problem.message.message.replace(/^the equation does not parse: /, ''),
          )
        : parsed.problem.message;
    reader.diagnostics.push({
      ...locateInEquation({ ...equation, expression: { kind: 'number', value: 0 } }, parsed.problem.offset),
      severity: 'error',
      field,
      ...message,
    });
    return undefined;
  }
  return { ...equation, expression: parsed.expression };
}

const hasUnknownKeys = (record: Record<string, unknown>, allowed: readonly string[]): boolean =>
  Object.keys(record).some((key) => !allowed.includes(key));

/** An entry of a section: `name`, or `name[sub, ...]` for a definition of an array over those subscripts. */
interface SectionEntry {
  name: string;
  subscripts: string[];
  value: unknown;
  path: FieldPath;
}

function sectionEntries(reader: FieldReader, root: Record<string, unknown>, section: string): SectionEntry[] {
  const record = reader.record(root[section], [section], `a mapping of names under '${section}'`);
  if (record === undefined) return [];
  return Object.entries(record).map(([key, value]) => {
    const path = [section, key];
    reader.remember(path, 'key');
    const split = splitSubscriptedName(key);
    const name = split?.name ?? key;
    const subscripts = split?.subscripts ?? [];
    if (split === undefined || !namePattern.test(name) || !subscripts.every((part) => namePattern.test(part)))
      reader.report(path, messages.invalidName(key), 'key');
    else if (isReservedName(name)) reader.report(path, messages.reservedName(name), 'key');
    return { name, subscripts, value, path };
  });
}

function readTime(reader: FieldReader, value: unknown): TimeSpec | undefined {
  const record = reader.record(value, ['time'], 'a mapping with start, stop and dt');
  if (record === undefined) {
    if (value === undefined || value === null)
      reader.report(['time'], messages.missingField('time', '{ start, stop, dt }'));
    return undefined;
  }
  reader.checkKeys(record, ['time'], timeFields);
  const start = reader.number(record['start'], ['time', 'start'], true);
  const stop = reader.number(record['stop'], ['time', 'stop'], true);
  const dt = reader.number(record['dt'], ['time', 'dt'], true, 'a positive number');
  const saveEvery = reader.number(record['save_every'], ['time', 'save_every'], false, 'a positive number');
  const methodText = reader.string(record['method'], ['time', 'method']) ?? 'euler';
  const unit = reader.string(record['unit'], ['time', 'unit']) ?? 'year';
  let method: IntegrationMethod = 'euler';
  if (methodText === 'euler' || methodText === 'rk4') method = methodText;
  else
    reader.report(['time', 'method'], messages.invalidValue(`method must be 'euler' or 'rk4', found '${methodText}'`));
  let valid = start !== undefined && stop !== undefined && dt !== undefined;
  if (dt !== undefined && dt <= 0) {
    reader.report(['time', 'dt'], messages.invalidTime(`dt must be positive, found ${dt}`));
    valid = false;
  }
  if (start !== undefined && stop !== undefined && stop <= start) {
    reader.report(['time', 'stop'], messages.invalidTime(`stop (${stop}) must be after start (${start})`));
    valid = false;
  }
  if (saveEvery !== undefined && saveEvery <= 0) {
    reader.report(['time', 'save_every'], messages.invalidTime(`save_every must be positive, found ${saveEvery}`));
    valid = false;
  }
  if (!valid || start === undefined || stop === undefined || dt === undefined) return undefined;
  return { start, stop, dt, method, saveEvery: saveEvery ?? dt, saveEveryDeclared: saveEvery !== undefined, unit };
}

function readParameter(reader: FieldReader, name: string, value: unknown, path: FieldPath): ParameterSpec | undefined {
  const record = typeof value === 'number' ? { value } : reader.record(value, path, 'a number or { value, unit, ... }');
  if (record === undefined) {
    if (value === undefined || value === null) reader.report(path, messages.missingField('value', 'a number'));
    return undefined;
  }
  if (typeof value !== 'number') reader.checkKeys(record, path, parameterFields);
  const parameterValue = reader.number(record['value'], typeof value === 'number' ? path : [...path, 'value'], true);
  if (typeof value === 'number') reader.remember([...path], 'value');
  reader.locations.set(
    formatFieldPath([...path, 'value']),
    reader.source.locate(typeof value === 'number' ? path : [...path, 'value']),
  );
  const min = reader.number(record['min'], [...path, 'min'], false);
  const max = reader.number(record['max'], [...path, 'max'], false);
  if (min !== undefined && max !== undefined && min > max && name !== '')
    reader.report([...path, 'min'], messages.minAboveMax(name, min, max));
  const calibrate = reader.boolean(record['calibrate'], [...path, 'calibrate']);
  const annual = reader.boolean(record['annual'], [...path, 'annual']);
  if (calibrate === true && (min === undefined || max === undefined))
    reader.report([...path, 'calibrate'], messages.calibrateNeedsBounds(name));
  if (parameterValue === undefined) return undefined;
  return {
    kind: 'parameter',
    ...readDocumented(reader, record, path, name),
    value: parameterValue,
    min,
    max,
    ...(calibrate === true ? { calibrate } : {}),
    ...(annual === true ? { annual } : {}),
  };
}

function readLookup(reader: FieldReader, name: string, value: unknown, path: FieldPath): LookupSpec | undefined {
  const record = Array.isArray(value) ? { points: value } : reader.record(value, path, '{ points: [[x, y], ...] }');
  if (record === undefined) return undefined;
  if (!Array.isArray(value)) reader.checkKeys(record, path, lookupFields);
  const pointsPath = Array.isArray(value) ? path : [...path, 'points'];
  const points = record['points'];
  if (!Array.isArray(points)) {
    if (points === undefined) reader.report(pointsPath, messages.missingField('points', '[[x, y], ...]'));
    else reader.report(pointsPath, messages.wrongType('a list of [x, y] pairs', typeof points));
    return undefined;
  }
  if (points.length === 0) {
    reader.report(pointsPath, messages.lookupTooShort());
    return undefined;
  }
  const xs: number[] = [];
  const ys: number[] = [];
  let valid = true;
  points.forEach((point: unknown, index) => {
    const pointPath = [...pointsPath, index];
    if (
      !Array.isArray(point) ||
      point.length !== 2 ||
      !point.every((coordinate) => typeof coordinate === 'number' && Number.isFinite(coordinate))
    ) {
      reader.report(pointPath, messages.wrongType('an [x, y] pair of numbers', JSON.stringify(point)));
      valid = false;
      return;
    }
    const [x, y] = point as [number, number];
    const previous = xs[xs.length - 1];
    if (previous !== undefined && x <= previous) {
      reader.report(pointPath, messages.lookupNotIncreasing(index, previous, x));
      valid = false;
    }
    xs.push(x);
    ys.push(y);
  });
  if (!valid) return undefined;
  return { kind: 'lookup', ...readDocumented(reader, record, path, name), xs, ys };
}

function readStock(reader: FieldReader, name: string, value: unknown, path: FieldPath): StockSpec | undefined {
  const record = reader.record(value, path, '{ initial, inflows, outflows, unit }');
  if (record === undefined) {
    if (value === undefined || value === null) reader.report(path, messages.missingInitial(name));
    return undefined;
  }
  reader.checkKeys(record, path, stockFields);
  if (record['initial'] === undefined || record['initial'] === null) {
    reader.report(path, messages.missingInitial(name), 'key');
    return undefined;
  }
  const initialPath = [...path, 'initial'];
  const initial = readEquation(
    reader,
    record['initial'],
    initialPath,
    initialPath,
    'a number or an equation',
    hasUnknownKeys(record, stockFields),
  );
  const inflows = reader.stringList(record['inflows'], [...path, 'inflows']);
  const outflows = reader.stringList(record['outflows'], [...path, 'outflows']);
  const nonNegative = reader.boolean(record['non_negative'], [...path, 'non_negative']);
  if (initial === undefined) return undefined;
  return {
    kind: 'stock',
    ...readDocumented(reader, record, path, name),
    initial,
    inflows,
    outflows,
    ...(nonNegative === true ? { nonNegative } : {}),
  };
}

function readEquationElement<K extends 'flow' | 'aux'>(
  reader: FieldReader,
  kind: K,
  name: string,
  value: unknown,
  path: FieldPath,
): (K extends 'flow' ? FlowSpec : AuxiliarySpec) | undefined {
  const shorthand = typeof value === 'string' || typeof value === 'number';
  const record = shorthand ? { equation: value } : reader.record(value, path, 'an equation or { equation, unit, ... }');
  if (record === undefined) {
    if (value === undefined || value === null) reader.report(path, messages.missingField('equation', 'an equation'));
    return undefined;
  }
  if (!shorthand) reader.checkKeys(record, path, equationFields);
  const equationPath = [...path, 'equation'];
  const sourcePath = shorthand ? path : equationPath;
  const equation = readEquation(
    reader,
    record['equation'],
    sourcePath,
    equationPath,
    'an equation',
    !shorthand && hasUnknownKeys(record, equationFields),
  );
  if (equation === undefined) return undefined;
  return { kind, ...readDocumented(reader, record, path, name), equation } as K extends 'flow'
    ? FlowSpec
    : AuxiliarySpec;
}

/** Every basis a `history` names must be declared under `bases`. */
function checkHistoryBases(reader: FieldReader, elements: readonly ElementSpec[], bases: readonly BasisSpec[]): void {
  const names = bases.map((basis) => basis.name);
  for (const element of elements) {
    element.history?.basis?.forEach((basis, index) => {
      if (names.includes(basis)) return;
      const path = [...elementPath(element).split('.'), 'history', 'basis'];
      const field = reader.locations.has(formatFieldPath([...path, index])) ? [...path, index] : path;
      reader.report(field, messages.unknownBasis(basis, names, suggestName(basis, names)));
    });
  }
}

/** Read each entry of a section; a subscripted entry becomes an array definition instead of an element. */
function collect<T extends ElementSpec>(
  reader: FieldReader,
  entries: SectionEntry[],
  sequence: YamlEntry[],
  read: (name: string, value: unknown, path: FieldPath) => T | undefined,
  countOf: (subscripts: readonly string[]) => number,
): T[] {
  const elements: T[] = [];
  for (const entry of entries) {
    if (entry.subscripts.length === 0) {
      const element = read(entry.name, entry.value, entry.path);
      if (element !== undefined) {
        elements.push(element);
        sequence.push({ scalar: element });
      }
      continue;
    }
    const values = readParameterValues(reader, entry.value, entry.path, countOf(entry.subscripts));
    const listed = Array.isArray(isRecord(entry.value) ? entry.value['value'] : entry.value);
    if (listed && values === undefined) continue;
    const value =
      values === undefined ? entry.value : isRecord(entry.value) ? { ...entry.value, value: values[0] } : values[0];
    const element = read(entry.name, value, entry.path);
    if (element === undefined) continue;
    sequence.push({
      definition: {
        element,
        subscripts: entry.subscripts,
        path: entry.path,
        ...(element.kind === 'parameter' && values !== undefined ? { values } : {}),
      },
    });
  }
  return elements;
}

/**
 * Read model text (YAML or JSON) into a typed `ModelSpec`. Structural problems come back as
 * located diagnostics; cross-references and units are checked afterwards by `checkModel`.
 */
export function readModel(text: string, file: string): Result<ModelSpec> {
  const parsed = readYamlSource(text, file);
  if (!parsed.ok) return failure(parsed.diagnostics);
  const reader = new FieldReader(parsed.source);
  reader.diagnostics.push(...parsed.keyDiagnostics);
  const root = parsed.source.root;
  if (!isRecord(root)) {
    reader.report(
      [],
      messages.wrongType(
        'a mapping with name, time, stocks, ...',
        root === null || root === undefined ? 'an empty file' : describeValue(root),
      ),
    );
    return failure(reader.diagnostics);
  }
  reader.checkKeys(root, [], topFields);
  const name = reader.string(root['name'], ['name']) ?? file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const time = readTime(reader, root['time']);
  const dataFile = reader.string(root['data'], ['data']);
  const bases = readBases(reader, root['bases']);
  const dimensions = root['dimensions'] === undefined ? [] : readDimensions(reader, root['dimensions']);
  const scope = new Map(dimensions.map((dimension) => [dimension.name, dimension]));
  const countOf = (subscripts: readonly string[]): number =>
    elementTuples({ dimensions: scope, dimensionsOf: () => undefined }, subscripts).length;
  const sequence: YamlEntry[] = [];
  const section = <T extends ElementSpec>(
    key: string,
    read: (name: string, value: unknown, path: FieldPath) => T | undefined,
  ): T[] => collect(reader, sectionEntries(reader, root, key), sequence, read, countOf);
  let parameters = section('parameters', (n, v, p) => readParameter(reader, n, v, p));
  let lookups = section('lookups', (n, v, p) => readLookup(reader, n, v, p));
  let stocks = section('stocks', (n, v, p) => readStock(reader, n, v, p));
  let flows = section('flows', (n, v, p) => readEquationElement(reader, 'flow', n, v, p));
  let auxiliaries = section('auxiliaries', (n, v, p) => readEquationElement(reader, 'aux', n, v, p));
  let arrays: ArraySpec[] = [];
  if (dimensions.length > 0 || sequence.some((entry) => 'definition' in entry)) {
    const expanded = expandYamlArrays(reader, dimensions, sequence);
    arrays = expanded.arrays;
    const of = <K extends ElementSpec['kind']>(kind: K): Extract<ElementSpec, { kind: K }>[] =>
      expanded.elements.filter((element): element is Extract<ElementSpec, { kind: K }> => element.kind === kind);
    parameters = of('parameter');
    lookups = of('lookup');
    stocks = of('stock');
    flows = of('flow');
    auxiliaries = of('aux');
  }
  checkHistoryBases(reader, [...parameters, ...lookups, ...stocks, ...flows, ...auxiliaries], bases);
  if (reader.diagnostics.length > 0 || time === undefined) return failure(reader.diagnostics);
  return success({
    ...(dimensions.length === 0 ? {} : { dimensions }),
    ...(arrays.length === 0 ? {} : { arrays }),
    name,
    file,
    doc: reader.string(root['doc'], ['doc']),
    dataFile: dataFile === undefined ? undefined : resolve(dirname(file), dataFile),
    ...(bases.length === 0 ? {} : { bases }),
    time,
    parameters,
    lookups,
    stocks,
    flows,
    auxiliaries,
    locations: reader.locations,
  });
}
