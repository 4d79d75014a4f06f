import type { ScenarioSpec } from './scenario-spec.js';

/** What a command line may change in a scenario. */
export interface ScenarioOverrides {
  runCount?: number;
  seed?: number;
  /** Fixed values; each must name a model parameter (checked by the caller, which knows the option's text). */
  set?: ReadonlyMap<string, number>;
}

/**
 * The scenario with command-line overrides: `set` values win over the scenario's own `set`, its
 * policies and its distributions for the same names (a sampled column is still drawn, so the other
 * columns keep their values and runs stay comparable).
 */
export function withOverrides(scenario: ScenarioSpec, overrides: ScenarioOverrides): ScenarioSpec {
  const set = new Map(scenario.set);
  for (const [name, value] of overrides.set ?? []) set.set(name, value);
  return {
    ...scenario,
    set,
    policies: scenario.policies.filter((policy) => !set.has(policy.name)),
    uncertainty: {
      ...scenario.uncertainty,
      ...(overrides.runCount === undefined ? {} : { runCount: overrides.runCount }),
      ...(overrides.seed === undefined ? {} : { seed: overrides.seed }),
    },
  };
}
