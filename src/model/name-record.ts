/**
 * A record keyed by names from a user's file, without a prototype: `__proto__`, `constructor` or
 * `toString` is a key like any other (on a plain `{}`, `record['__proto__'] = x` replaces the prototype
 * and the name is lost). It serialises with JSON.stringify as a plain object does.
 */
export function nameRecord<T>(entries: Iterable<readonly [string, T]> = []): Record<string, T> {
  const record = Object.create(null) as Record<string, T>;
  for (const [name, value] of entries) record[name] = value;
  return record;
}
