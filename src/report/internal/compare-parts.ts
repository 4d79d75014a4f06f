import type { ScenarioComparison } from '../../analysis/compare-scenarios.js';
import type { TargetSummary } from '../../experiment/scenario-summary.js';
import type { ScenarioSpec } from '../../scenario/scenario-spec.js';
import { quantityFormat, type QuantityFormat } from '../quantity-format.js';
import { variableLabel } from '../variable-label.js';
import { shownValues } from './shown-values.js';

/** One target id across the scenarios: the first scenario's statement of it, and each scenario's result (undefined where it lacks the id). */
export interface ComparedTarget {
  id: string;
  first: TargetSummary;
  byScenario: (TargetSummary | undefined)[];
}

/** Targets matched by id across scenarios, in order of first appearance. */
export function comparedTargets(comparison: ScenarioComparison): ComparedTarget[] {
  const compared = new Map<string, ComparedTarget>();
  for (const summary of comparison.scenarios) {
    for (const target of summary.targets) {
      if (!compared.has(target.id)) compared.set(target.id, { id: target.id, first: target, byScenario: [] });
    }
  }
  for (const entry of compared.values())
    entry.byScenario = comparison.scenarios.map((summary) => summary.targets.find((target) => target.id === entry.id));
  return [...compared.values()];
}

/** Values of a variable across every scenario's band and targets, for choosing its number format. */
export function comparedValues(comparison: ScenarioComparison, variable: string): number[] {
  return comparison.scenarios.flatMap((summary) => shownValues(summary, variable));
}

/** The number format of a target's variable, from the first scenario whose model has it. */
export function targetFormat(
  target: TargetSummary,
  comparison: ScenarioComparison,
  scenarios: readonly ScenarioSpec[],
): QuantityFormat {
  const label = variableLabel(scenarios[0]!.model, target.variable);
  return quantityFormat(target.variable, label.unit, comparedValues(comparison, target.variable));
}
