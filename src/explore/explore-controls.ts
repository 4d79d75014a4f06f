import { defaultPolicyScaleRange } from '../analysis/solve-lever.js';
import type { ParameterSpec } from '../model/model-spec.js';
import { describeDistribution } from '../report/describe-distribution.js';
import { variableLabel } from '../report/variable-label.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import type { ControlGroup, ExploreControl } from './explore-protocol.js';

const groupOrder: readonly ControlGroup[] = ['policy', 'set', 'sampled', 'model'];

/** Slider positions across a range: a power of ten near a hundredth of it, so typed values stay short decimals. */
export function sliderStep(min: number, max: number): number {
  const width = max - min;
  if (!(width > 0)) return 1;
  // Read from decimal text: 10 ** -4 is 0.00009999999999999999, which the slider would show.
  return Number(`1e${Math.floor(Math.log10(width / 100))}`);
}

/**
 * A slider's ends: the declared range, or where the model declares none (a unit constant, a data year),
 * half to twice the value on that side (-1 to 1 around 0), which the typed box may leave.
 */
function sliderRange(parameter: ParameterSpec, value: number): [number, number] {
  const magnitude = Math.abs(value);
  const low = magnitude === 0 ? -1 : value > 0 ? value / 2 : value * 2;
  const high = magnitude === 0 ? 1 : value > 0 ? value * 2 : value / 2;
  const min = parameter.min ?? Math.min(low, parameter.max ?? low);
  const max = parameter.max ?? Math.max(high, min + (magnitude === 0 ? 1 : magnitude));
  return [min, max];
}

/**
 * The page's sliders for a scenario: each policy's scale (0 switches it off, 1 is the scenario's path),
 * then every parameter of the model that no policy drives, grouped by where its value comes from in the
 * scenario (a fixed value, a distribution, the model file), in the model's order within each group,
 * labelled in English and Chinese as the model labels them, with unit, doc and declared range; sampled
 * inputs carry their distribution and calibrated ones (`calibrate: true`) say so.
 */
export function exploreControls(scenario: ScenarioSpec): ExploreControl[] {
  const { model } = scenario;
  const policies = new Set(scenario.policies.map((policy) => policy.name));
  const distributions = new Map(scenario.uncertainty.parameters.map((input) => [input.name, input.distribution]));
  const controls: ExploreControl[] = [];
  for (const parameter of model.parameters) {
    const label = variableLabel(model, parameter.name);
    const described = {
      name: parameter.name,
      label: label.english,
      labelZh: label.chinese,
      unit: parameter.unit,
      doc: parameter.doc,
      calibrated: parameter.calibrate === true,
    };
    if (policies.has(parameter.name)) {
      const [min, max] = defaultPolicyScaleRange;
      controls.push({
        ...described,
        kind: 'policy-scale',
        group: 'policy',
        unit: 'dmnl',
        min,
        max,
        step: sliderStep(min, max),
        rangeDeclared: true,
        value: 1,
        distribution: undefined,
      });
      continue;
    }
    const fixed = scenario.set.get(parameter.name);
    const distribution = fixed === undefined ? distributions.get(parameter.name) : undefined;
    const value = fixed ?? parameter.value;
    const [min, max] = sliderRange(parameter, value);
    controls.push({
      ...described,
      kind: 'parameter',
      group: fixed !== undefined ? 'set' : distribution !== undefined ? 'sampled' : 'model',
      min,
      max,
      step: sliderStep(min, max),
      rangeDeclared: parameter.min !== undefined || parameter.max !== undefined,
      value,
      distribution: distribution === undefined ? undefined : describeDistribution(distribution),
    });
  }
  return groupOrder.flatMap((group) => controls.filter((control) => control.group === group));
}
