import type { ScenarioSpec } from '../scenario/scenario-spec.js';

/**
 * One independently drawn uncertain input of a scenario, the unit that sensitivity analysis varies:
 * a single parameter, or a `joint` group of empirical inputs (calibration refits) whose members take
 * one probability together, so the group moves as one factor and its correlations are kept.
 */
export interface UncertainFactor {
  /** The parameter's name, or `joint:<group>` for a group. */
  name: string;
  /** The parameters it sets, in sample-column order. */
  parameters: readonly string[];
  /** Their columns in the scenario's sample matrix (`scenario.uncertainty.parameters` order). */
  columns: readonly number[];
  /** The group's name when the factor is a joint group. */
  joint?: string;
}

/**
 * The scenario's uncertain factors, in the order of their first sample column. Inputs that a fixed
 * value (`set`, `--set`) or a policy overrides are left out: they do not vary.
 */
export function uncertainFactors(scenario: ScenarioSpec): UncertainFactor[] {
  const overridden = new Set([...scenario.set.keys(), ...scenario.policies.map((policy) => policy.name)]);
  const factors: { name: string; parameters: string[]; columns: number[]; joint?: string }[] = [];
  const groups = new Map<string, (typeof factors)[number]>();
  scenario.uncertainty.parameters.forEach(({ name, distribution }, column) => {
    if (overridden.has(name)) return;
    const group = distribution.dist === 'empirical' ? distribution.joint : undefined;
    if (group === undefined) {
      factors.push({ name, parameters: [name], columns: [column] });
      return;
    }
    const existing = groups.get(group);
    if (existing !== undefined) {
      existing.parameters.push(name);
      existing.columns.push(column);
      return;
    }
    const factor = { name: `joint:${group}`, parameters: [name], columns: [column], joint: group };
    groups.set(group, factor);
    factors.push(factor);
  });
  return factors;
}
