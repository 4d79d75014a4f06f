import { build, formatExpression, type Expression } from '../model/expression.js';
import {
  modelElements,
  type AuxiliarySpec,
  type LookupSpec,
  type ModelSpec,
  type ParameterSpec,
} from '../model/model-spec.js';
import type { PolicySpec } from './scenario-spec.js';

const time = build.reference('time');
const literal = build.number;

/**
 * A step policy's value as an expression in `time`: it switches where `time + dt/2` passes a point,
 * as the model's `step()` does, holds the first value before the first point, and gives exactly each
 * point's value from its time on.
 */
export function stepPolicyExpression(policy: PolicySpec): Expression {
  const points = policy.points;
  const last = points[points.length - 1];
  if (last === undefined) throw new RangeError(`policy ${policy.name} has no points`);
  const midStep = build.add(time, build.multiply(build.reference('dt'), literal(0.5)));
  let expression: Expression = literal(last.value);
  for (let index = points.length - 1; index >= 1; index--) {
    expression = build.conditional(
      build.binary('greater', midStep, literal(points[index]!.time)),
      expression,
      literal(points[index - 1]!.value),
    );
  }
  return expression;
}

/** A name not yet used in the model: `<base>_<suffix>`, numbered when taken. */
function freshName(model: ModelSpec, base: string, suffix: string): string {
  const taken = new Set(modelElements(model).map((element) => element.name));
  let name = `${base}_${suffix}`;
  for (let number = 2; taken.has(name); number++) name = `${base}_${suffix}${number}`;
  return name;
}

/** A free name for the parameter that scales the policy on `policyName` (see `applyPolicies`). */
export function policyScaleName(model: ModelSpec, policyName: string): string {
  return freshName(model, policyName, 'scale');
}

/**
 * The model a scenario runs: each policy's parameter becomes an auxiliary of the same name, unit and
 * documentation whose value follows the policy over time. A linear policy is a lookup of `time` (so it
 * interpolates between points and holds its end values, with the unit of the parameter); a step
 * policy is a chain of conditions on `time`; an annual policy is a step policy whose value for year Y
 * starts at Y - 1, so that it holds over the year that ends at time Y. `options.scaled` maps a policy to
 * the name of a new dimensionless parameter (default 1) that multiplies it, so one compiled model serves
 * every scale of the policy (`solve` turns it); the name must be free in the model.
 */
export function applyPolicies(
  model: ModelSpec,
  policies: readonly PolicySpec[],
  options: { scaled?: ReadonlyMap<string, string> } = {},
): ModelSpec {
  if (policies.length === 0) return model;
  const scaled = options.scaled ?? new Map<string, string>();
  const byName = new Map(policies.map((policy) => [policy.name, policy]));
  for (const name of byName.keys()) {
    if (!model.parameters.some((parameter) => parameter.name === name))
      throw new RangeError(`policy ${name} names no parameter of model ${model.name}`);
  }
  const auxiliaries: AuxiliarySpec[] = [];
  const lookups: LookupSpec[] = [];
  const parameters: ParameterSpec[] = [];
  for (const parameter of model.parameters) {
    const policy = byName.get(parameter.name);
    if (policy === undefined) continue;
    const { kind: _kind, value: _value, min: _min, max: _max, ...documented } = parameter;
    let expression: Expression;
    if (policy.interpolate === 'annual') {
      const yearStarts = policy.points.map((point) => ({ time: point.time - 1, value: point.value }));
      expression = stepPolicyExpression({ ...policy, points: yearStarts });
    } else if (policy.interpolate === 'linear' && policy.points.length >= 2) {
      const name = freshName(model, parameter.name, 'policy');
      lookups.push({
        ...documented,
        kind: 'lookup',
        name,
        location: policy.location,
        xs: policy.points.map((point) => point.time),
        ys: policy.points.map((point) => point.value),
      });
      expression = build.call(name, [time]);
    } else {
      expression = stepPolicyExpression(policy);
    }
    const scale = scaled.get(parameter.name);
    if (scale !== undefined) {
      expression = build.multiply(expression, build.reference(scale));
      parameters.push({
        kind: 'parameter',
        name: scale,
        value: 1,
        unit: 'dmnl',
        doc: `scale of the policy on ${parameter.name}`,
        label: undefined,
        labelZh: undefined,
        source: undefined,
        assumption: undefined,
        location: policy.location,
        min: undefined,
        max: undefined,
      });
    }
    auxiliaries.push({
      ...documented,
      kind: 'aux',
      location: policy.location,
      equation: { text: formatExpression(expression), expression, location: policy.location, segments: [] },
    });
  }
  return {
    ...model,
    parameters: [...model.parameters.filter((parameter) => !byName.has(parameter.name)), ...parameters],
    lookups: [...model.lookups, ...lookups],
    auxiliaries: [...model.auxiliaries, ...auxiliaries],
  };
}
