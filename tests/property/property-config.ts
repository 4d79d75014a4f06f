/**
 * Settings shared by every property in this folder. The seed is fixed so CI is reproducible and is
 * written into each test's title; set `KECHUANG_PROPERTY_SEED` to explore other seeds, and
 * `KECHUANG_PROPERTY_RUNS` (a multiplier, default 1) to run more cases locally.
 */
function readInteger(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be an integer, found '${text}'`);
  return value;
}

/** The seed every `fc.assert` in tests/property uses. */
export const propertySeed = readInteger('KECHUANG_PROPERTY_SEED', 20240611);

/** `numRuns` for a property, scaled by `KECHUANG_PROPERTY_RUNS`. */
export function propertyRuns(baseRuns: number): number {
  return baseRuns * Math.max(1, readInteger('KECHUANG_PROPERTY_RUNS', 1));
}
