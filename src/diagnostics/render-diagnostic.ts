import type { Diagnostic } from './diagnostic.js';
import { messages } from './messages.js';

/** Render one diagnostic the way compilers do: `file:line:column: error [code] field: message`, then the hint. */
export function renderDiagnostic(diagnostic: Diagnostic): string {
  const where = `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}`;
  const field = diagnostic.field === '' ? '' : ` ${diagnostic.field}:`;
  const head = `${where}: ${diagnostic.severity} [${diagnostic.code}]${field} ${diagnostic.message}`;
  return diagnostic.hint === undefined ? head : `${head}\n  hint: ${diagnostic.hint}`;
}

/** Diagnostics shown of each severity and code; one line counts the rest (a unit slip repeated over 12,000 flows). */
export const shownPerKind = 5;

/**
 * Render a list of diagnostics, errors first, in file order, with a closing count. Of each severity
 * and code only the first `shownPerKind` are shown, then one line says how many more there are.
 */
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
  const shownCounts = new Map<string, number>();
  const lines: string[] = [];
  for (const diagnostic of sorted) {
    const kind = `${diagnostic.severity} ${diagnostic.code}`;
    const shown = shownCounts.get(kind) ?? 0;
    shownCounts.set(kind, shown + 1);
    if (shown < shownPerKind) lines.push(renderDiagnostic(diagnostic));
  }
  for (const [kind, count] of shownCounts) {
    if (count <= shownPerKind) continue;
    const [severity, code] = kind.split(' ') as [string, string];
    lines.push(messages.moreLikeThese(count - shownPerKind, severity, code).message);
  }
  return [...lines, summary].join('\n');
}
