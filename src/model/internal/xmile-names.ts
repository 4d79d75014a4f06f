import { isReservedName } from '../builtin-signatures.js';

/**
 * The form under which XMILE names match: case ignored, `_`, newlines and the two characters `\n`
 * count as a space, runs of whitespace collapse, and the ends are trimmed.
 */
export function canonicalName(name: string): string {
  return name
    .replace(/\\n/g, ' ')
    .replace(/[_\s]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** A name as written, made fit for one output header line: `\n` escapes and line breaks become spaces. */
export function displayName(name: string): string {
  return name
    .replace(/\\n|\s*[\r\n]\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Hands out identifiers for canonical names: a letter or digit outside ASCII becomes `u` and its code
 * point in hex (`人口` is `u4eba_u53e3`, so names in any script stay distinct and readable back), runs
 * of spaces and other characters become one `_` (none at the ends), a leading digit gets a `_` in front, and a reserved word or a repeat gets `_2`, `_3`, ...
 */
export function createIdentifierAllocator(): (canonical: string) => string {
  const taken = new Set<string>();
  return (canonical) => {
    let base = canonical
      .replace(/[\p{L}\p{N}]/gu, (character) =>
        /[a-z0-9]/.test(character) ? character : `_u${character.codePointAt(0)!.toString(16)}_`,
      )
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '');
    if (base === '' || /^[0-9]/.test(base)) base = `_${base}`;
    let candidate = base;
    for (let suffix = 2; taken.has(candidate) || isReservedName(candidate); suffix++) candidate = `${base}_${suffix}`;
    taken.add(candidate);
    return candidate;
  };
}
