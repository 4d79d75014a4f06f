import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { messages } from '../diagnostics/messages.js';
import type { ModelSpec } from '../model/model-spec.js';

/**
 * The most locals (`const` and `let`) a generated run function may declare. V8 gives each its own slot
 * in the function's stack frame, and the main thread's stack (about 984 KB) overflows near 125,000 of
 * them: measured with 8,000 stocks under rk4 (120,013 declarations: runs) and 9,000 (135,013: "Maximum
 * call stack size exceeded"), 60,000 under euler (120,006: runs) and 70,000 (140,006: overflows). The
 * limit leaves a quarter of that for the frames below the run function; worker threads have larger
 * stacks, but a model must not run on some worker counts and fail on others.
 */
export const maximumRunLocals = 100_000;

/** A run function that would declare more locals than `maximumRunLocals`. */
export class RunTooLargeError extends RangeError {
  constructor(
    readonly localCount: number,
    readonly method: string,
  ) {
    super(`the run function would declare ${localCount} locals, more than ${maximumRunLocals}`);
    this.name = 'RunTooLargeError';
  }
}

/**
 * The fewest locals the generator declares for a model, from its counts alone: each stock is a `let`,
 * and under rk4 also its four slopes and three stage values (and a stage copy of itself in each of the
 * three later stages). Cheap enough to refuse a model of 300,000 stocks before checking it.
 */
export function leastRunLocals(model: ModelSpec): number {
  return model.stocks.length * (model.time.method === 'rk4' ? 11 : 1);
}

/** The locals a generated run function declares. */
export function countRunLocals(source: string): number {
  return source.match(/(?:^|[\s;{(])(?:const|let) /g)?.length ?? 0;
}

/** @throws RunTooLargeError when `source` declares more than `maximumRunLocals` locals. */
export function checkRunSize(source: string, method: string): void {
  const localCount = countRunLocals(source);
  if (localCount > maximumRunLocals) throw new RunTooLargeError(localCount, method);
}

/** The diagnostic for a run function too large to run: how many values it needs, and the limit. */
export function runTooLargeDiagnostic(model: ModelSpec, localCount: number): Diagnostic {
  return {
    file: model.file,
    line: 1,
    column: 1,
    severity: 'error',
    field: '',
    ...messages.runFunctionTooLarge(localCount, maximumRunLocals, model.time.method),
  };
}
