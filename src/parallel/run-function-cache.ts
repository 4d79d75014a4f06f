import { compileRunSource, type RunFunction } from '../compile/run-function.js';
import { decodeRunSource, type RunSource } from './run-source.js';

/** Compiled run functions by source hash, so a thread compiles each model once however many shards it runs. */
export interface RunFunctionCache {
  get(source: RunSource): RunFunction;
}

/** A cache keeping the `capacity` most recently used run functions (analyses compile many variants). */
export function createRunFunctionCache(capacity = 8): RunFunctionCache {
  if (!Number.isInteger(capacity) || capacity < 1)
    throw new RangeError(`capacity must be a positive integer, found ${capacity}`);
  const compiled = new Map<string, RunFunction>();
  return {
    get(source) {
      let run = compiled.get(source.hash);
      if (run === undefined) {
        run = compileRunSource(decodeRunSource(source));
        if (compiled.size >= capacity) compiled.delete(compiled.keys().next().value!);
      } else {
        compiled.delete(source.hash);
      }
      compiled.set(source.hash, run);
      return run;
    },
  };
}
