import type { ExploreFormat } from '../src/explore/explore-protocol.js';

const significant = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4, useGrouping: true });
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0, useGrouping: true });

/** A model value as the reports show it: scaled, a percentage with one decimal, or four significant digits. */
export function formatValue(value: number, format: ExploreFormat): string {
  if (!Number.isFinite(value)) return String(value);
  if (format.percent) {
    const rounded = Number((value * 100).toFixed(1));
    return `${(rounded === 0 ? 0 : rounded).toFixed(1)}%`;
  }
  const scaled = value * format.scale;
  return Math.abs(scaled) >= 10_000 ? whole.format(scaled) : significant.format(scaled);
}

/** The value with its unit (`1.55 万亿元`, `7.3%`). */
export function formatQuantity(value: number, format: ExploreFormat): string {
  const number = formatValue(value, format);
  return format.percent || format.unitShort === '' ? number : `${number} ${format.unitShort}`;
}

/** The value on a chart's axis: scaled, and times 100 for a percentage. */
export const chartValue = (value: number, format: ExploreFormat): number =>
  format.percent ? value * 100 : value * format.scale;

/** A share of runs as a percentage with one decimal. */
export const formatShare = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** A count with thousands grouped. */
export const formatCount = (count: number): string => whole.format(count);
