import type { RunFunction } from '../compile/run-function.js';

/** Compiled run functions by source hash, so a thread compiles each model once however many shards it runs. */
export interface RunFunctionCache {
  get(sourceHash: string, source: string): RunFunction;
}

/** A cache keeping the `capacity` most recently used run functions (analyses compile many variants). */
export function createRunFunctionCache(capacity = 8): RunFunctionCache {
  if (!Number.isInteger(capacity) || capacity < 1)
    throw new RangeError(`capacity must be a positive integer, found ${capacity}`);
  const compiled = new Map<string, RunFunction>();
  return {
    get(sourceHash, source) {
      let run = compiled.get(sourceHash);
      if (run === undefined) {
        // The source is the code generator's own output (compile/generate-run-source.ts), sent by the main thread.
        // eslint-disable-next-line @typescript-eslint/no-implied-eval
        run = (new Function(source) as () => RunFunction)();
        if (compiled.size >= capacity) compiled.delete(compiled.keys().next().value!);
      } else {
        compiled.delete(sourceHash);
      }
      compiled.set(sourceHash, run);
      return run;
    },
  };
}
