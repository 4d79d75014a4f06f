import Table from 'cli-table3';
import type { ScenarioComparison } from '../analysis/compare-scenarios.js';
import type { TargetSummary } from '../analysis/scenario-summary.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { conditionText } from './internal/chart-parts.js';
import { comparedTargets, targetFormat } from './internal/compare-parts.js';
import { compactRows } from './simulation-table.js';

const samplingWords = { lhs: 'Latin hypercube', random: 'random' } as const;

const percent = (probability: number): string => `${(probability * 100).toFixed(1)}%`;

/**
 * What `compare` prints: the common design in one line, then one row per target id, with each
 * scenario's probability of meeting it and its median (P50) in the target's year, side by side.
 */
export function formatCompareTable(comparison: ScenarioComparison, scenarios: readonly ScenarioSpec[]): string {
  const shared = comparison.sharedParameters.length === 0 ? 'none' : comparison.sharedParameters.join(', ');
  const head =
    `compare ${comparison.scenarios.length} scenarios on common random numbers: seed ${comparison.seed}, ${comparison.runs.toLocaleString('en-US')} runs, ` +
    `${samplingWords[comparison.sampling]} sampling; shared uncertain parameters: ${shared}`;
  const names = comparison.scenarios.map((summary) => summary.scenario);
  const targets = comparedTargets(comparison);
  if (targets.length === 0) return `${head}\nno scenario states a target\n`;
  const table = new Table({
    head: ['target', 'condition', ...names.flatMap((name) => [name, 'P50'])],
    colAligns: ['left', 'left', ...names.flatMap(() => ['right', 'right'] as const)],
    style: { head: [], border: [] },
    chars: compactRows,
  });
  for (const { id, first, byScenario } of targets) {
    const format = targetFormat(first, comparison, scenarios);
    const cells = byScenario.flatMap((target: TargetSummary | undefined) => (target === undefined ? ['—', '—'] : [percent(target.probability), format.number(target.p50)]));
    table.push([id, `${first.variable} ${conditionText(first, format)}`, ...cells]);
  }
  return `${head}\n${table.toString()}\n`;
}
