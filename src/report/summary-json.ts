import type { ScenarioSummary } from '../experiment/scenario-summary.js';

/** `summary.json`: every number as the shortest text that reads back as the same double. */
export function formatSummaryJson(summary: ScenarioSummary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}
