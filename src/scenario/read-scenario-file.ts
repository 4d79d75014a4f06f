import { dirname, isAbsolute, join, normalize } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { describeValue, FieldReader, isRecord } from '../diagnostics/field-reader.js';
import { messages, type Message } from '../diagnostics/messages.js';
import { suggestName } from '../diagnostics/suggest-name.js';
import { formatFieldPath, readYamlSource, type FieldPath } from '../diagnostics/yaml-document.js';
import type { SamplingDesign } from '../sampling/distribution-spec.js';
import { readDistribution } from '../sampling/read-distribution.js';
import { diagnosticAt } from './internal/diagnostic-at.js';
import type {
  FieldPlace,
  Placed,
  ScenarioDistribution,
  ScenarioFile,
  ScenarioOutputs,
  ScenarioPolicy,
  ScenarioSetting,
  ScenarioTarget,
  CalibrationRecord,
} from './scenario-file.js';
import type { TargetAbout } from './scenario-spec.js';

/** The keys each mapping of a scenario file may have (unknown keys are reported with these as the allowed ones). */
export const scenarioFieldNames = {
  top: [
    'name',
    'doc',
    'description',
    'model',
    'time',
    'extends',
    'set',
    'policies',
    'uncertainty',
    'targets',
    'outputs',
    'calibration',
  ],
  uncertainty: ['runs', 'seed', 'sampling', 'parameters'],
  time: ['start'],
  policy: ['interpolate', 'points'],
  target: ['id', 'variable', 'year', 'at_least', 'at_most', 'about', 'unit', 'note'],
  calibration: ['from', 'until', 'written'],
} as const;
const interpolations = ['step', 'linear', 'annual'] as const;
const samplingDesigns: readonly SamplingDesign[] = ['lhs', 'random'];
const maximumRunCount = 1e9;

/** Join a path written in `file` to that file's folder, so that every file of a chain resolves from its own place. */
export function resolveScenarioPath(file: string, written: string): string {
  return isAbsolute(written) ? normalize(written) : normalize(join(dirname(file), written));
}

/** Turn a field path relative to some mapping (`values[2]`, `sd`) into path segments. */
function splitField(field: string): FieldPath {
  const segments: (string | number)[] = [];
  for (const match of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[1] !== undefined) segments.push(match[1]);
  }
  return segments;
}

/** Reads one scenario file's sections, collecting every problem in it. */
class ScenarioFileReader {
  readonly partial: { parameterNames: Placed<string>[]; variables: Placed<string>[]; years: Placed<number>[] } = {
    parameterNames: [],
    variables: [],
    years: [],
  };

  constructor(readonly reader: FieldReader) {}

  /** Keep the name of an entry that could not be read, to check it against the model all the same. */
  keepName(name: string, path: FieldPath): void {
    this.partial.parameterNames.push({ value: name, place: this.place(path, 'key') });
  }

  place(path: FieldPath, part: 'key' | 'value' = 'value'): FieldPlace {
    return { location: this.reader.source.locate(path, part), field: formatFieldPath(path) };
  }

  /** A number where one must be written: an empty value is a wrong type here, not a missing field. */
  number(value: unknown, path: FieldPath, what = 'a number'): number | undefined {
    if (value === undefined || value === null) {
      // An empty value has no text of its own to point at.
      this.reader.report(path, messages.wrongType(what, describeValue(value)), 'key');
      return undefined;
    }
    return this.reader.number(value, path, true, what);
  }

  /** One of `allowed`, with a did-you-mean otherwise (an absent value is undefined without a problem). */
  choice<T extends string>(value: unknown, path: FieldPath, allowed: readonly T[]): Placed<T> | undefined {
    if (value === undefined || value === null) return undefined;
    const found = allowed.find((candidate) => candidate === value);
    if (found !== undefined) return { value: found, place: this.place(path) };
    const suggestion = typeof value === 'string' ? suggestName(value, allowed) : undefined;
    this.reader.report(
      path,
      messages.notOneOf(String(path[path.length - 1]), allowed, describeValue(value), suggestion),
    );
    return undefined;
  }

  text(value: unknown, path: FieldPath): Placed<string> | undefined {
    const text = this.reader.string(value, path);
    return text === undefined ? undefined : { value: text, place: this.place(path) };
  }

  path(value: unknown, field: 'model' | 'extends'): Placed<string> | undefined {
    const written = this.text(value, [field]);
    if (written === undefined) return undefined;
    return { value: resolveScenarioPath(this.reader.source.file, written.value), place: written.place };
  }

  /** The entries of a mapping of names, each with its path. */
  entries(value: unknown, path: FieldPath, expected: string): { name: string; value: unknown; path: FieldPath }[] {
    const record = this.reader.record(value, path, expected);
    if (record === undefined) return [];
    return Object.entries(record).map(([name, entry]) => ({ name, value: entry, path: [...path, name] }));
  }

  set(value: unknown): Map<string, ScenarioSetting> {
    const settings = new Map<string, ScenarioSetting>();
    for (const entry of this.entries(value, ['set'], 'a mapping of parameter names to numbers')) {
      const number = this.number(entry.value, entry.path);
      if (number === undefined) {
        this.keepName(entry.name, entry.path);
        continue;
      }
      const key = this.place(entry.path, 'key');
      settings.set(entry.name, { name: entry.name, value: number, key, valuePlace: this.place(entry.path) });
    }
    return settings;
  }

  policies(value: unknown): Map<string, ScenarioPolicy> {
    const policies = new Map<string, ScenarioPolicy>();
    for (const entry of this.entries(value, ['policies'], 'a mapping of parameter names to { interpolate, points }')) {
      const policy = this.policy(entry.name, entry.value, entry.path);
      if (policy === undefined) this.keepName(entry.name, entry.path);
      else policies.set(entry.name, policy);
    }
    return policies;
  }

  policy(name: string, value: unknown, path: FieldPath): ScenarioPolicy | undefined {
    if (value === undefined || value === null) {
      this.reader.report(path, messages.policyWithoutPoints(name), 'key');
      return undefined;
    }
    const record = this.reader.record(value, path, '{ interpolate, points }');
    if (record === undefined) return undefined;
    this.reader.checkKeys(record, path, scenarioFieldNames.policy);
    const written = record['interpolate'];
    const interpolate = this.choice(written, [...path, 'interpolate'], interpolations);
    let valid = interpolate !== undefined || written === undefined || written === null;
    const pointsPath = [...path, 'points'];
    const rawPoints = record['points'];
    if (rawPoints === undefined || rawPoints === null) {
      this.reader.report(path, messages.policyWithoutPoints(name), 'key');
      return undefined;
    }
    if (!isRecord(rawPoints)) {
      this.reader.report(pointsPath, messages.wrongType('a mapping of <time>: <value>', describeValue(rawPoints)));
      return undefined;
    }
    const points: { time: number; value: number; place: FieldPlace }[] = [];
    for (const [key, rawValue] of Object.entries(rawPoints)) {
      const pointPath = [...pointsPath, key];
      const time = key.trim() === '' ? Number.NaN : Number(key);
      if (!Number.isFinite(time)) {
        this.reader.report(pointPath, messages.policyTimeNotNumber(key), 'key');
        valid = false;
      }
      const pointValue = this.number(rawValue, pointPath);
      if (pointValue === undefined) valid = false;
      else if (Number.isFinite(time)) points.push({ time, value: pointValue, place: this.place(pointPath) });
    }
    if (Object.keys(rawPoints).length === 0) {
      this.reader.report(pointsPath, messages.policyWithoutPoints(name));
      return undefined;
    }
    points.sort((a, b) => a.time - b.time);
    points.forEach((point, index) => {
      if (index > 0 && points[index - 1]?.time === point.time) {
        this.reader.diagnostics.push(diagnosticAt(point.place, messages.policyTimeRepeated(point.time)));
        valid = false;
      }
    });
    if (interpolate?.value === 'annual' && !this.annualPath(name, points)) valid = false;
    if (!valid) return undefined;
    const key = this.place(path, 'key');
    return {
      spec: {
        name,
        interpolate: interpolate?.value ?? 'linear',
        points: points.map(({ time, value: pointValue }) => ({ time, value: pointValue })),
        location: key.location,
      },
      key,
      pointPlaces: points.map((point) => point.place),
    };
  }

  /** An annual path gives whole years only, one after another: report a fraction of a year and every gap. */
  annualPath(name: string, points: readonly { time: number; place: FieldPlace }[]): boolean {
    let valid = true;
    points.forEach((point, index) => {
      if (!Number.isInteger(point.time)) {
        this.reader.diagnostics.push(diagnosticAt(point.place, messages.annualPathYear(name, point.time)));
        valid = false;
        return;
      }
      const previous = points[index - 1];
      if (previous !== undefined && Number.isInteger(previous.time) && point.time - previous.time > 1) {
        const message = messages.annualPathGap(name, previous.time + 1, point.time - 1, previous.time, point.time);
        this.reader.diagnostics.push(diagnosticAt(point.place, message));
        valid = false;
      }
    });
    return valid;
  }

  /** `time: { start }`: a start year other than the model's, e.g. the last data year for a projection. */
  start(value: unknown): Placed<number> | undefined {
    const path = ['time'];
    const record = this.reader.record(value, path, 'a mapping with start');
    if (record === undefined) return undefined;
    this.reader.checkKeys(record, path, scenarioFieldNames.time);
    if (record['start'] === undefined || record['start'] === null) return undefined;
    const start = this.number(record['start'], [...path, 'start'], 'a time');
    return start === undefined ? undefined : { value: start, place: this.place([...path, 'start']) };
  }

  uncertainty(value: unknown): Pick<ScenarioFile, 'runCount' | 'seed' | 'sampling' | 'parameters'> {
    const path = ['uncertainty'];
    const record = this.reader.record(value, path, 'a mapping with runs, seed, sampling and parameters') ?? {};
    this.reader.checkKeys(record, path, scenarioFieldNames.uncertainty);
    const isRunCount = (runs: number): boolean => Number.isInteger(runs) && runs >= 1 && runs <= maximumRunCount;
    const runCount = this.integer(record['runs'], [...path, 'runs'], isRunCount, messages.invalidRunCount);
    const seed = this.integer(record['seed'], [...path, 'seed'], Number.isSafeInteger, messages.invalidSeed);
    const sampling = this.choice(record['sampling'], [...path, 'sampling'], samplingDesigns);
    const parameters = new Map<string, ScenarioDistribution>();
    const expected = 'a mapping of parameter names to distributions';
    for (const entry of this.entries(record['parameters'], [...path, 'parameters'], expected)) {
      const distribution = this.distribution(entry.name, entry.value, entry.path);
      if (distribution === undefined) this.keepName(entry.name, entry.path);
      else parameters.set(entry.name, distribution);
    }
    return { runCount, seed, sampling, parameters };
  }

  /** A number that passes `accept`, else the problem `invalid` gives for what was found. */
  integer(
    value: unknown,
    path: FieldPath,
    accept: (value: number) => boolean,
    invalid: (found: string) => Message,
  ): Placed<number> | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' && accept(value)) return { value, place: this.place(path) };
    this.reader.report(path, invalid(describeValue(value)));
    return undefined;
  }

  distribution(name: string, value: unknown, path: FieldPath): ScenarioDistribution | undefined {
    if (!isRecord(value)) {
      const expected = 'a distribution such as { dist: normal, mean: 0.05, sd: 0.01 }';
      this.reader.report(path, messages.wrongType(expected, describeValue(value)));
      return undefined;
    }
    const read = readDistribution(value);
    if (!read.ok) {
      for (const problem of read.problems) {
        const part = problem.message.code === 'unknown-field' ? 'key' : 'value';
        this.reader.report([...path, ...splitField(problem.field)], problem.message, part);
      }
      return undefined;
    }
    const key = this.place(path, 'key');
    return { spec: { name, distribution: read.value, location: key.location }, key };
  }

  targets(value: unknown): ScenarioTarget[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      const expected = 'a list of { id, variable, year, at_least or at_most }';
      this.reader.report(['targets'], messages.wrongType(expected, describeValue(value)));
      return [];
    }
    const targets: ScenarioTarget[] = [];
    const firstLines = new Map<string, number>();
    value.forEach((item: unknown, index) => {
      const target = this.target(item, ['targets', index]);
      if (target === undefined) return;
      const firstLine = firstLines.get(target.spec.id);
      if (firstLine !== undefined) {
        this.reader.report(['targets', index, 'id'], messages.duplicateTargetId(target.spec.id, firstLine));
        this.partial.variables.push({ value: target.spec.variable, place: target.variable });
        this.partial.years.push({ value: target.spec.year, place: target.year });
        return;
      }
      firstLines.set(target.spec.id, target.item.location.line);
      targets.push(target);
    });
    return targets;
  }

  target(value: unknown, path: FieldPath): ScenarioTarget | undefined {
    if (!isRecord(value)) {
      const expected = 'a target { id, variable, year, at_least or at_most }';
      this.reader.report(path, messages.wrongType(expected, describeValue(value)));
      return undefined;
    }
    this.reader.checkKeys(value, path, scenarioFieldNames.target);
    const written = (field: string): boolean => value[field] !== undefined && value[field] !== null;
    const required = (field: string, expected: string): Placed<string> | undefined => {
      if (!written(field)) {
        this.reader.report([...path, field], messages.missingField(field, expected));
        return undefined;
      }
      return this.text(value[field], [...path, field]);
    };
    const id = required('id', 'a name for the target');
    const variable = required('variable', 'the stock, flow or auxiliary to test');
    const year = this.reader.number(value['year'], [...path, 'year'], true, 'a number');
    const bounds = (['at_least', 'at_most'] as const).filter(written);
    const bound = bounds.length === 1 ? bounds[0] : undefined;
    if (bound === undefined) this.reader.report(path, messages.targetBound(bounds.length === 2));
    const stated = bound === undefined ? undefined : this.number(value[bound], [...path, bound], 'a finite number');
    const tolerance = written('about') ? this.tolerance(value['about'], stated, [...path, 'about']) : undefined;
    if (
      id === undefined ||
      variable === undefined ||
      year === undefined ||
      stated === undefined ||
      bound === undefined ||
      tolerance === null
    ) {
      if (variable !== undefined) this.partial.variables.push(variable);
      if (year !== undefined) this.partial.years.push({ value: year, place: this.place([...path, 'year']) });
      return undefined;
    }
    const item = this.place(path);
    const op = bound === 'at_least' ? '>=' : '<=';
    const note = this.reader.string(value['note'], [...path, 'note']);
    const unit = written('unit') ? this.text(value['unit'], [...path, 'unit']) : undefined;
    const about: TargetAbout | undefined =
      tolerance === undefined
        ? undefined
        : {
            stated,
            tolerance: tolerance.value,
            written: tolerance.written,
            lower: stated - tolerance.value,
            upper: stated + tolerance.value,
          };
    const threshold = about === undefined ? stated : op === '>=' ? about.lower : about.upper;
    return {
      spec: {
        id: id.value,
        variable: variable.value,
        year,
        op,
        threshold,
        ...(about === undefined ? {} : { about }),
        ...(note === undefined ? {} : { note }),
        ...(unit === undefined ? {} : { unit: unit.value }),
        location: item.location,
      },
      item,
      variable: variable.place,
      year: this.place([...path, 'year']),
      threshold: this.place([...path, bound]),
      ...(unit === undefined ? {} : { unit }),
    };
  }

  /** `calibration: { from, until, written }`, as `kechuang calibrate` writes it. */
  calibration(value: unknown): CalibrationRecord | undefined {
    if (value === undefined || value === null) return undefined;
    const record = this.reader.record(value, ['calibration'], 'a mapping { from, until, written }');
    if (record === undefined) return undefined;
    this.reader.checkKeys(record, ['calibration'], scenarioFieldNames.calibration);
    const from = this.number(record['from'], ['calibration', 'from'], 'a year');
    const until = this.number(record['until'], ['calibration', 'until'], 'a year');
    const written = this.reader.string(record['written'], ['calibration', 'written']);
    if (from === undefined || until === undefined || written === undefined) return undefined;
    return { from, until, written };
  }

  /**
   * The tolerance of an "about" target: a number of at least 0 in the target's unit (its `unit:`, else the
   * variable's), or a percentage of
   * the stated value (`5%`). Null when it cannot be read (reported).
   */
  tolerance(
    value: unknown,
    stated: number | undefined,
    path: FieldPath,
  ): { value: number; written: string } | null | undefined {
    const percentage = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value) : null;
    if (percentage !== null) {
      if (stated === undefined) return undefined;
      return { value: (Number(percentage[1]) / 100) * Math.abs(stated), written: `${percentage[1]}%` };
    }
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return { value, written: String(value) };
    this.reader.report(path, messages.targetAboutUnreadable(describeValue(value)));
    return null;
  }

  outputs(value: unknown): ScenarioOutputs | undefined {
    if (value === undefined || value === null) return undefined;
    const place = this.place(['outputs']);
    if (typeof value === 'string') return { place, names: [{ value, place }] };
    if (!Array.isArray(value)) {
      this.reader.report(['outputs'], messages.wrongType('a list of names', describeValue(value)));
      return undefined;
    }
    const names: Placed<string>[] = [];
    value.forEach((item: unknown, index) => {
      if (typeof item === 'string') names.push({ value: item, place: this.place(['outputs', index]) });
      else this.reader.report(['outputs', index], messages.wrongType('a name', describeValue(item)));
    });
    return { place, names };
  }
}

/**
 * Read one scenario file's fields, without following `extends` or looking at the model. Every problem
 * in the file comes back in `diagnostics`; `scenario` holds what could be read (undefined only when the
 * file is not YAML or not a mapping), so the rest of a chain can still be checked.
 */
export function readScenarioFile(
  text: string,
  file: string,
): { scenario: ScenarioFile | undefined; diagnostics: Diagnostic[] } {
  const parsed = readYamlSource(text, file);
  if (!parsed.ok) return { scenario: undefined, diagnostics: parsed.diagnostics };
  const reader = new FieldReader(parsed.source);
  reader.diagnostics.push(...parsed.keyDiagnostics);
  const root = parsed.source.root;
  if (!isRecord(root)) {
    const found = root === null || root === undefined ? 'an empty file' : describeValue(root);
    reader.report([], messages.wrongType('a mapping with model, set, policies, uncertainty, targets, ...', found));
    return { scenario: undefined, diagnostics: reader.diagnostics };
  }
  reader.checkKeys(root, [], scenarioFieldNames.top);
  const fields = new ScenarioFileReader(reader);
  const set = fields.set(root['set']);
  const policies = fields.policies(root['policies']);
  for (const name of policies.keys()) {
    if (!set.has(name)) continue;
    reader.report(['policies', name], messages.setAndPolicy(name), 'key');
    policies.delete(name);
  }
  const scenario: ScenarioFile = {
    file,
    name: fields.text(root['name'], ['name']),
    doc: reader.string(root['doc'], ['doc']),
    description: reader.string(root['description'], ['description']),
    model: fields.path(root['model'], 'model'),
    extends: fields.path(root['extends'], 'extends'),
    start: fields.start(root['time']),
    set,
    policies,
    ...fields.uncertainty(root['uncertainty']),
    targets: fields.targets(root['targets']),
    outputs: fields.outputs(root['outputs']),
    partial: fields.partial,
  };
  const calibration = fields.calibration(root['calibration']);
  if (calibration !== undefined) scenario.calibration = calibration;
  return { scenario, diagnostics: reader.diagnostics };
}
