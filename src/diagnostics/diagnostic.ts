/** Where in a source file something was written. Lines and columns start at 1. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** Every code a user-facing problem can carry; the catalogue in `messages.ts` has one builder per code. */
export type DiagnosticCode =
  | 'file-unreadable'
  | 'syntax-error'
  | 'wrong-type'
  | 'missing-field'
  | 'unknown-field'
  | 'invalid-value'
  | 'calibrate-needs-bounds'
  | 'unknown-series'
  | 'unknown-basis'
  | 'price-basis-mismatch'
  | 'duplicate-name'
  | 'invalid-name'
  | 'unknown-variable'
  | 'unknown-function'
  | 'wrong-argument-count'
  | 'unsupported-syntax'
  | 'equation-syntax'
  | 'flow-not-attached'
  | 'flow-attached-twice'
  | 'not-a-flow'
  | 'missing-initial'
  | 'lookup-not-increasing'
  | 'lookup-too-short'
  | 'circular-dependency'
  | 'circular-initialization'
  | 'unit-mismatch'
  | 'invalid-unit'
  | 'parameter-out-of-range'
  | 'invalid-time'
  | 'not-run-constant'
  | 'unknown-parameter'
  | 'invalid-override'
  | 'circular-extends'
  | 'not-a-parameter'
  | 'invalid-policy'
  | 'invalid-target'
  | 'year-not-saved'
  | 'unknown-output'
  | 'non-finite'
  | 'too-large'
  | 'compare-aligned'
  | 'unsupported-xmile'
  | 'unsupported-vensim'
  | 'file-unwritable'
  | 'worker-failed'
  | 'interrupted'
  | 'checkpoint-exists'
  | 'checkpoint-mismatch'
  | 'checkpoint-damaged'
  | 'output-locked'
  | 'unknown-target'
  | 'unknown-lever'
  | 'non-monotone'
  | 'nothing-to-vary'
  | 'nothing-to-discover'
  | 'queue-unavailable'
  | 'shard-refused'
  | 'queue-waiting'
  | 'queue-worker'
  | 'implausible-target'
  | 'invalid-option'
  | 'file-exists'
  | 'invalid-request'
  | 'unknown-session'
  | 'exposed-server'
  | 'port-in-use';

/** A problem found in a user's file: what, where, and what to do about it. */
export interface Diagnostic extends SourceLocation {
  code: DiagnosticCode;
  severity: 'error' | 'warning';
  /** Dotted path of the field in the file, e.g. `stocks.gdp.initial`. */
  field: string;
  message: string;
  hint?: string;
}

/** A loader's answer: the value, or every problem found. */
export type Result<T> = { ok: true; value: T } | { ok: false; diagnostics: Diagnostic[] };

/** Wrap a value as a successful result. */
export function success<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Wrap problems as a failed result. */
export function failure<T>(diagnostics: Diagnostic[]): Result<T> {
  return { ok: false, diagnostics };
}

/** True when any diagnostic is an error rather than a warning. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error');
}
