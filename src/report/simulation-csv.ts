import type { SimulationResult } from '../runtime/simulate.js';
import { formatExact } from './format-number.js';

/** A CSV field, quoted only when it must be (RFC 4180). */
export const quoteField = (field: string): string => (/[",\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);

/** `time,<name>,...` then one row per saved time, every value written so it reads back exactly. */
export function formatSimulationCsv(result: SimulationResult): string {
  const outputCount = result.outputNames.length;
  const lines = [['time', ...result.outputNames].map(quoteField).join(',')];
  for (let saveIndex = 0; saveIndex < result.times.length; saveIndex++) {
    const row = [formatExact(result.times[saveIndex]!)];
    for (let outputIndex = 0; outputIndex < outputCount; outputIndex++)
      row.push(formatExact(result.values[saveIndex * outputCount + outputIndex]!));
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}
