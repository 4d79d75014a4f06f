import { arrayElements } from '../model/model-spec.js';
import type { ScenarioSpec } from './scenario-spec.js';

/**
 * A scenario may name a whole array where a parameter or variable goes: `set: { capacity: 3 }` sets
 * every element of `capacity`, a policy on it applies to each element, an uncertain `capacity`
 * draws each element on its own from the same distribution (one column per element), and an output
 * `population` reports each element. Names of single elements (`capacity[haidian]`) stay as they are.
 */
export function expandArrayNames(spec: ScenarioSpec): ScenarioSpec {
  const { model } = spec;
  if (model.arrays === undefined) return spec;
  const each = <T>(name: string, entry: T, rename: (entry: T, element: string) => T): T[] => {
    const elements = arrayElements(model, name);
    return elements.length === 0 ? [entry] : elements.map((element) => rename(entry, element.name));
  };
  return {
    ...spec,
    set: new Map(
      [...spec.set].flatMap(([name, value]) =>
        each<[string, number]>(name, [name, value], (entry, element) => [element, entry[1]]),
      ),
    ),
    policies: spec.policies.flatMap((policy) =>
      each(policy.name, policy, (entry, element) => ({ ...entry, name: element })),
    ),
    uncertainty: {
      ...spec.uncertainty,
      parameters: spec.uncertainty.parameters.flatMap((parameter) =>
        each(parameter.name, parameter, (entry, element) => ({ ...entry, name: element })),
      ),
    },
    outputs: [...new Set(spec.outputs.flatMap((name) => each(name, name, (_, element) => element)))],
  };
}
