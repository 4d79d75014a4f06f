import Table from 'cli-table3';
import type { ScenarioComparison } from '../analysis/compare-scenarios.js';
import type { TargetSummary } from '../experiment/scenario-summary.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { conditionText } from './internal/chart-parts.js';
import { comparedTargets, targetFormat } from './internal/compare-parts.js';
import { compactRows } from './simulation-table.js';

const samplingWords = { lhs: 'Latin hypercube', random: 'random' } as const;

const percent = (probability: number): string => `${(probability * 100).toFixed(1)}%`;

function targetTable(comparison: ScenarioComparison, scenarios: readonly ScenarioSpec[], withMedians: boolean): string {
  const names = comparison.scenarios.map((summary) => summary.scenario);
  const table = new Table({
    head: ['target', 'condition', ...names.flatMap((name) => (withMedians ? [name, 'P50'] : [name]))],
    colAligns: [
      'left',
      'left',
      ...names.flatMap(() => (withMedians ? (['right', 'right'] as const) : (['right'] as const))),
    ],
    style: { head: [], border: [] },
    chars: compactRows,
  });
  for (const { id, first, byScenario } of comparedTargets(comparison)) {
    const format = targetFormat(first, comparison, scenarios);
    const cells = byScenario.flatMap((target: TargetSummary | undefined) => {
      const probability = target === undefined ? '—' : percent(target.probability);
      return withMedians ? [probability, target === undefined ? '—' : format.number(target.p50)] : [probability];
    });
    table.push([id, `${first.variable} ${conditionText(first, format)}`, ...cells]);
  }
  return table.toString();
}

/** Each scenario's median (P50) of each target's variable in the target's year: what moves when odds sit at 0% or 100%. */
function medianTable(comparison: ScenarioComparison, scenarios: readonly ScenarioSpec[]): string {
  const names = comparison.scenarios.map((summary) => summary.scenario);
  const table = new Table({
    head: ['P50 in the target year (units as above)', ...names],
    colAligns: ['left', ...names.map(() => 'right' as const)],
    style: { head: [], border: [] },
    chars: compactRows,
  });
  for (const { id, first, byScenario } of comparedTargets(comparison)) {
    const format = targetFormat(first, comparison, scenarios);
    table.push([
      id,
      ...byScenario.map((target: TargetSummary | undefined) =>
        target === undefined ? '—' : format.number(target.p50),
      ),
    ]);
  }
  return table.toString();
}

/**
 * What `compare` prints: the common design in one line, then one row per target id, with each
 * scenario's probability of meeting it and its median (P50) in the target's year, side by side. When
 * that table would be wider than `width` columns, the medians follow in a table of their own.
 */
export function formatCompareTable(
  comparison: ScenarioComparison,
  scenarios: readonly ScenarioSpec[],
  width: number,
): string {
  const shared = comparison.sharedParameters.length === 0 ? 'none' : comparison.sharedParameters.join(', ');
  const head =
    `compare ${comparison.scenarios.length} scenarios on common random numbers: seed ${comparison.seed}, ${comparison.runs.toLocaleString('en-US')} runs, ` +
    `${samplingWords[comparison.sampling]} sampling; shared uncertain parameters: ${shared}`;
  if (comparedTargets(comparison).length === 0) return `${head}\nno scenario states a target\n`;
  const full = targetTable(comparison, scenarios, true);
  const fits = Math.max(...full.split('\n').map((line) => line.length)) <= width;
  return `${head}\n${fits ? full : `${targetTable(comparison, scenarios, false)}\n${medianTable(comparison, scenarios)}`}\n`;
}
