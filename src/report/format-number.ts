const compact = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6, useGrouping: true });

/** A number for people: six significant digits with thousands separators; scientific when very large or small. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 1e12 || magnitude < 1e-4)) return value.toExponential(4);
  return compact.format(value);
}

/** A number for machines: the shortest text that reads back as the same double. */
export function formatExact(value: number): string {
  return String(value);
}
