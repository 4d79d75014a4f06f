import type { ScenarioSummary } from '../../experiment/scenario-summary.js';

/** The values of a variable a summary shows: its P5-P95 band and its targets' thresholds and bands; they choose its number format. */
export function shownValues(summary: ScenarioSummary, variable: string): number[] {
  const series = summary.series[variable];
  const band = series === undefined ? [] : [...series.p5, ...series.p95];
  return [
    ...band,
    ...summary.targets
      .filter((target) => target.variable === variable)
      .flatMap((target) => [target.threshold, target.p5, target.p95]),
  ];
}
