import { createHash } from 'node:crypto';

/**
 * A generated run function's source (compile/generate-run-source.ts) as the threads receive it: its
 * UTF-8 bytes on a SharedArrayBuffer, written once per compiled experiment and shared, not copied,
 * with every task; a thread decodes and compiles it only when its cache lacks `hash`.
 */
export interface RunSource {
  /** sha256 (hex) of the source text. */
  hash: string;
  bytes: SharedArrayBuffer;
  /**
   * What the source is generated from, as UTF-8 JSON (experiment/run-recipe.ts): what another machine
   * receives instead of the source, to generate it again (queue/). Shared like `bytes`, not copied.
   */
  recipe?: SharedArrayBuffer;
}

const sharedBytes = (text: string): SharedArrayBuffer => {
  const encoded = Buffer.from(text, 'utf8');
  const bytes = new SharedArrayBuffer(encoded.length);
  encoded.copy(new Uint8Array(bytes));
  return bytes;
};

/** Encode generated source once for all the tasks and threads of an experiment, with its recipe when there is one. */
export function encodeRunSource(source: string, recipe?: unknown): RunSource {
  return {
    hash: createHash('sha256').update(source).digest('hex'),
    bytes: sharedBytes(source),
    ...(recipe === undefined ? {} : { recipe: sharedBytes(JSON.stringify(recipe)) }),
  };
}

/** The source text back from its bytes. */
export function decodeRunSource(runSource: RunSource): string {
  return Buffer.from(runSource.bytes).toString('utf8');
}
