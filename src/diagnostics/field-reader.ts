import type { Diagnostic, SourceLocation } from './diagnostic.js';
import type { Message } from './messages.js';
import { messages } from './messages.js';
import { suggestName } from './suggest-name.js';
import { formatFieldPath, type FieldPath, type YamlSource } from './yaml-document.js';

/** Plain-object check for values that came from YAML. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Describe a YAML value's type for "expected X, found Y" messages. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Uint8Array) return 'binary data';
  if (value instanceof Set) return 'a set';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text '${value}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${value}`;
  return typeof value;
}

/** Reads typed fields out of a YAML source, collecting a located diagnostic for each problem. */
export class FieldReader {
  readonly diagnostics: Diagnostic[] = [];
  /** Where each field that was read is written, by field path. */
  readonly locations = new Map<string, SourceLocation>();

  constructor(readonly source: YamlSource) {}

  /** Note where the field at `path` is, for diagnostics raised after reading. */
  remember(path: FieldPath, part: 'key' | 'value' = 'value'): void {
    this.locations.set(formatFieldPath(path), this.source.locate(path, part));
  }

  report(path: FieldPath, message: Message, part: 'key' | 'value' = 'value'): void {
    this.diagnostics.push({
      ...this.source.locate(path, part),
      severity: 'error',
      field: formatFieldPath(path),
      ...message,
    });
  }

  /** Report keys of `record` not in `allowed`. */
  checkKeys(record: Record<string, unknown>, path: FieldPath, allowed: readonly string[]): void {
    for (const key of Object.keys(record)) {
      if (allowed.includes(key)) continue;
      this.report([...path, key], messages.unknownField(key, allowed, suggestName(key, allowed)), 'key');
    }
  }

  record(value: unknown, path: FieldPath, expected: string): Record<string, unknown> | undefined {
    if (value === undefined || value === null) return undefined;
    this.remember(path, 'key');
    if (isRecord(value)) return value;
    this.report(path, messages.wrongType(expected, describeValue(value)));
    return undefined;
  }

  number(value: unknown, path: FieldPath, required: boolean, what = 'a number'): number | undefined {
    if (value === undefined || value === null) {
      if (required) this.report(path, messages.missingField(String(path[path.length - 1]), what));
      return undefined;
    }
    this.remember(path);
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    this.report(path, messages.wrongType(what, describeValue(value)));
    return undefined;
  }

  string(value: unknown, path: FieldPath): string | undefined {
    if (value === undefined || value === null) return undefined;
    this.remember(path);
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    this.report(path, messages.wrongType('text', describeValue(value)));
    return undefined;
  }

  stringList(value: unknown, path: FieldPath): string[] {
    if (value === undefined || value === null) return [];
    this.remember(path);
    if (typeof value === 'string') return [value];
    if (Array.isArray(value)) {
      value.forEach((_, index) => this.remember([...path, index]));
      const wrong = value.findIndex((item) => typeof item !== 'string');
      if (wrong < 0) return value as string[];
      this.report([...path, wrong], messages.wrongType('a name', describeValue(value[wrong])));
      return [];
    }
    this.report(path, messages.wrongType('a list of names', describeValue(value)));
    return [];
  }

  /** A `true`/`false` field. */
  boolean(value: unknown, path: FieldPath): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    this.remember(path);
    if (typeof value === 'boolean') return value;
    this.report(path, messages.wrongType('true or false', describeValue(value)));
    return undefined;
  }

  /** A text or boolean flag, such as `assumption: true` or `assumption: "no series exists"`. */
  flag(value: unknown, path: FieldPath): string | boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean' || typeof value === 'string') return value;
    this.report(path, messages.wrongType('true or a reason', describeValue(value)));
    return undefined;
  }
}
