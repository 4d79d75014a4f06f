import { createHash } from 'node:crypto';

/** The sha256 of a text's UTF-8 bytes, in lowercase hex: `modelHash`. */
export function hashText(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The sha256 (hex) over a scenario chain's texts in order, each led by its length in UTF-8 bytes and a
 * newline, so that moving text from one file to the next changes the hash: `scenarioHash`.
 */
export function hashScenarioChain(texts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const text of texts) hash.update(`${Buffer.byteLength(text, 'utf8')}\n`, 'utf8').update(text, 'utf8');
  return hash.digest('hex');
}
