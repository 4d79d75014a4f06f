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
}

/** Encode generated source once for all the tasks and threads of an experiment. */
export function encodeRunSource(source: string): RunSource {
  const encoded = Buffer.from(source, 'utf8');
  const bytes = new SharedArrayBuffer(encoded.length);
  encoded.copy(new Uint8Array(bytes));
  return { hash: createHash('sha256').update(source).digest('hex'), bytes };
}

/** The source text back from its bytes. */
export function decodeRunSource(runSource: RunSource): string {
  return Buffer.from(runSource.bytes).toString('utf8');
}
