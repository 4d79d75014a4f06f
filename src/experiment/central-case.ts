import { createQuantile } from '../sampling/create-quantile.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';

/**
 * The values of a scenario's central case: each uncertain parameter at its distribution's median,
 * then the scenario's fixed values over them. Parameters a policy drives are left to the policy.
 */
export function centralCaseValues(scenario: ScenarioSpec): Map<string, number> {
  const policyNames = new Set(scenario.policies.map((policy) => policy.name));
  const values = new Map<string, number>();
  for (const { name, distribution } of scenario.uncertainty.parameters) {
    if (!policyNames.has(name)) values.set(name, createQuantile(distribution)(0.5));
  }
  for (const [name, value] of scenario.set) values.set(name, value);
  return values;
}
