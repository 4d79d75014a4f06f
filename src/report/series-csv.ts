import type { ScenarioSummary } from '../experiment/scenario-summary.js';
import { formatExact } from './format-number.js';
import { quoteField } from './simulation-csv.js';

/** `series.csv`: `variable,time,mean,p5,p50,p95`, one row per output and saved time, exact numbers. */
export function formatSeriesCsv(summary: ScenarioSummary): string {
  const lines = ['variable,time,mean,p5,p50,p95'];
  for (const [name, series] of Object.entries(summary.series)) {
    series.time.forEach((time, saveIndex) => {
      const values = [
        time,
        series.mean[saveIndex]!,
        series.p5[saveIndex]!,
        series.p50[saveIndex]!,
        series.p95[saveIndex]!,
      ];
      lines.push([quoteField(name), ...values.map(formatExact)].join(','));
    });
  }
  return `${lines.join('\n')}\n`;
}
