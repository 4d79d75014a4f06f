import { renderDiagnostics } from '../diagnostics/render-diagnostic.js';
import type { Diagnostic, Result } from '../diagnostics/diagnostic.js';
import { exitCodes, ReportedFailure } from './cli-error.js';

/** Where commands write: results to stdout, problems and progress to stderr. */
export interface CommandOutput {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Width of the terminal results go to, for tables. */
  width: number;
}

/** The process's own streams. */
export const processOutput: CommandOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  width: process.stdout.columns ?? 120,
};

/** Print diagnostics to stderr. */
export function printDiagnostics(output: CommandOutput, diagnostics: readonly Diagnostic[]): void {
  output.err(`${renderDiagnostics(diagnostics)}\n`);
}

/** The value of a result; or its diagnostics printed on stderr and the command ended with exit 2. */
export function valueOrExit<T>(result: Result<T>, output: CommandOutput): T {
  if (result.ok) return result.value;
  printDiagnostics(output, result.diagnostics);
  throw new ReportedFailure(exitCodes.badInput);
}

/** Print what a model's reader skipped or repaired, when it did; the model still runs. */
export function printModelWarnings(output: CommandOutput, model: { warnings?: readonly Diagnostic[] }): void {
  if (model.warnings !== undefined && model.warnings.length > 0) printDiagnostics(output, model.warnings);
}
