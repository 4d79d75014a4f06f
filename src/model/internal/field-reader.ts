import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Message } from '../../diagnostics/messages.js';
import { messages } from '../../diagnostics/messages.js';
import { formatFieldPath, type FieldPath, type YamlSource } from '../../diagnostics/yaml-document.js';

/** Plain-object check for values that came from YAML. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Describe a YAML value's type for "expected X, found Y" messages. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text '${value}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${value}`;
  return typeof value;
}

/** Reads typed fields out of a YAML source, collecting a located diagnostic for each problem. */
export class FieldReader {
  readonly diagnostics: Diagnostic[] = [];

  constructor(readonly source: YamlSource) {}

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
      if (!allowed.includes(key)) this.report([...path, key], messages.unknownField(key, allowed), 'key');
    }
  }

  record(value: unknown, path: FieldPath, expected: string): Record<string, unknown> | undefined {
    if (value === undefined || value === null) return undefined;
    if (isRecord(value)) return value;
    this.report(path, messages.wrongType(expected, describeValue(value)));
    return undefined;
  }

  number(value: unknown, path: FieldPath, required: boolean, what = 'a number'): number | undefined {
    if (value === undefined || value === null) {
      if (required) this.report(path, messages.missingField(String(path[path.length - 1]), what));
      return undefined;
    }
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    this.report(path, messages.wrongType(what, describeValue(value)));
    return undefined;
  }

  string(value: unknown, path: FieldPath): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    this.report(path, messages.wrongType('text', describeValue(value)));
    return undefined;
  }

  stringList(value: unknown, path: FieldPath): string[] {
    if (value === undefined || value === null) return [];
    if (typeof value === 'string') return [value];
    if (Array.isArray(value) && value.every((item): item is string => typeof item === 'string')) return value;
    this.report(path, messages.wrongType('a list of names', describeValue(value)));
    return [];
  }

  /** A text or boolean flag, such as `assumption: true` or `assumption: "no series exists"`. */
  flag(value: unknown, path: FieldPath): string | boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean' || typeof value === 'string') return value;
    this.report(path, messages.wrongType('true or a reason', describeValue(value)));
    return undefined;
  }
}
