import type { SamplingDesign } from '../sampling/distribution-spec.js';
import type {
  Placed,
  ScenarioDistribution,
  ScenarioFile,
  ScenarioOutputs,
  ScenarioPolicy,
  ScenarioSetting,
  ScenarioTarget,
} from './scenario-file.js';

/**
 * A chain of scenario files merged into one, each field still knowing which file wrote it: the
 * inherited fields of a scenario file, targets keyed by id, and `partial` holding every file's entries
 * that could not be read whole, root file first.
 */
export interface MergedScenario extends Pick<
  ScenarioFile,
  'model' | 'start' | 'set' | 'policies' | 'runCount' | 'seed' | 'sampling' | 'parameters' | 'outputs' | 'partial'
> {
  targets: ReadonlyMap<string, ScenarioTarget>;
}

/**
 * Merge scenario files given child first (as `readScenarioChain` returns them), each child over its
 * parent:
 * - `model`, `time.start`, `uncertainty.runs`, `uncertainty.seed`, `uncertainty.sampling` and `outputs`: the
 *   nearest file that writes the field wins, field by field.
 * - `set`, `policies` and `uncertainty.parameters` merge by name; a redeclared name keeps its place
 *   in the order, a new one is appended.
 * - A child's `set x` drops an inherited policy for `x`, and a child's policy for `x` drops an
 *   inherited `set x`; an uncertain `x` stays (set and policy outrank it when the scenario runs).
 * - `targets` merge by `id`: a child's target replaces its parent's in place, new ones are appended.
 * `name` and `doc` are never inherited, so they are not merged here.
 */
export function mergeScenarioFiles(files: readonly ScenarioFile[]): MergedScenario {
  let model: Placed<string> | undefined;
  let start: Placed<number> | undefined;
  let runCount: Placed<number> | undefined;
  let seed: Placed<number> | undefined;
  let sampling: Placed<SamplingDesign> | undefined;
  let outputs: ScenarioOutputs | undefined;
  const set = new Map<string, ScenarioSetting>();
  const policies = new Map<string, ScenarioPolicy>();
  const parameters = new Map<string, ScenarioDistribution>();
  const targets = new Map<string, ScenarioTarget>();
  const partial: { parameterNames: Placed<string>[]; variables: Placed<string>[]; years: Placed<number>[] } = {
    parameterNames: [],
    variables: [],
    years: [],
  };
  for (const file of [...files].reverse()) {
    model = file.model ?? model;
    start = file.start ?? start;
    runCount = file.runCount ?? runCount;
    seed = file.seed ?? seed;
    sampling = file.sampling ?? sampling;
    outputs = file.outputs ?? outputs;
    for (const [name, setting] of file.set) {
      set.set(name, setting);
      policies.delete(name);
    }
    for (const [name, policy] of file.policies) {
      policies.set(name, policy);
      set.delete(name);
    }
    for (const [name, parameter] of file.parameters) parameters.set(name, parameter);
    for (const target of file.targets) targets.set(target.spec.id, target);
    partial.parameterNames.push(...file.partial.parameterNames);
    partial.variables.push(...file.partial.variables);
    partial.years.push(...file.partial.years);
  }
  return { model, start, set, policies, runCount, seed, sampling, parameters, targets, outputs, partial };
}
