import type { ScenarioSummary } from '../analysis/scenario-summary.js';

/** `summary.json`: every number as the shortest text that reads back as the same double. */
export function formatSummaryJson(summary: ScenarioSummary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}
