import type { Diagnostic } from './diagnostic.js';

/** Render one diagnostic the way compilers do: `file:line:column: error [code] field: message`, then the hint. */
export function renderDiagnostic(diagnostic: Diagnostic): string {
  const where = `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}`;
  const field = diagnostic.field === '' ? '' : ` ${diagnostic.field}:`;
  const head = `${where}: ${diagnostic.severity} [${diagnostic.code}]${field} ${diagnostic.message}`;
  return diagnostic.hint === undefined ? head : `${head}\n  hint: ${diagnostic.hint}`;
}

/** Render a list of diagnostics, errors first, in file order, with a closing count. */
export function renderDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const sorted = [...diagnostics].sort(
    (a, b) =>
      Number(b.severity === 'error') - Number(a.severity === 'error') ||
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column,
  );
  const errorCount = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  const warningCount = diagnostics.length - errorCount;
  const summary = `${errorCount} error${errorCount === 1 ? '' : 's'}, ${warningCount} warning${warningCount === 1 ? '' : 's'}`;
  return [...sorted.map(renderDiagnostic), summary].join('\n');
}
