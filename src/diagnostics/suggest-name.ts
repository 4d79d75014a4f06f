import { closest, distance } from 'fastest-levenshtein';

/**
 * The "did you mean" for a misspelt name: a candidate that differs only in case, else the closest
 * candidate (Levenshtein) within a third of the name's length in edits; never `exclude` (the element
 * being defined, so `a: foo` does not suggest `a`) unless only case differs.
 */
export function suggestName(name: string, candidates: readonly string[], exclude?: string): string | undefined {
  const caseless = candidates.find((candidate) => candidate !== name && candidate.toLowerCase() === name.toLowerCase());
  if (caseless !== undefined) return caseless;
  const pool = candidates.filter((candidate) => candidate !== exclude && candidate !== name);
  if (pool.length === 0) return undefined;
  const best = closest(name, pool);
  return distance(name, best) <= Math.max(1, Math.floor(name.length / 3)) ? best : undefined;
}
