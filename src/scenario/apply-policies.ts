import { build, formatExpression, type Expression } from '../model/expression.js';
import { modelElements, type AuxiliarySpec, type LookupSpec, type ModelSpec } from '../model/model-spec.js';
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

/** A name not yet used in the model, for the lookup behind a linear policy. */
function freshName(model: ModelSpec, base: string): string {
  const taken = new Set(modelElements(model).map((element) => element.name));
  let name = `${base}_policy`;
  for (let suffix = 2; taken.has(name); suffix++) name = `${base}_policy${suffix}`;
  return name;
}

/**
 * The model a scenario runs: each policy's parameter becomes an auxiliary of the same name, unit and
 * documentation whose value follows the policy over time. A linear policy is a lookup of `time` (so it
 * interpolates between points and holds its end values, with the unit of the parameter); a step
 * policy is a chain of conditions on `time`; an annual policy is a step policy whose value for year Y
 * starts at Y - 1, so that it holds over the year that ends at time Y.
 */
export function applyPolicies(model: ModelSpec, policies: readonly PolicySpec[]): ModelSpec {
  if (policies.length === 0) return model;
  const byName = new Map(policies.map((policy) => [policy.name, policy]));
  for (const name of byName.keys()) {
    if (!model.parameters.some((parameter) => parameter.name === name))
      throw new RangeError(`policy ${name} names no parameter of model ${model.name}`);
  }
  const auxiliaries: AuxiliarySpec[] = [];
  const lookups: LookupSpec[] = [];
  for (const parameter of model.parameters) {
    const policy = byName.get(parameter.name);
    if (policy === undefined) continue;
    const { kind: _kind, value: _value, min: _min, max: _max, ...documented } = parameter;
    let expression: Expression;
    if (policy.interpolate === 'annual') {
      const yearStarts = policy.points.map((point) => ({ time: point.time - 1, value: point.value }));
      expression = stepPolicyExpression({ ...policy, points: yearStarts });
    } else if (policy.interpolate === 'linear' && policy.points.length >= 2) {
      const name = freshName(model, parameter.name);
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
    auxiliaries.push({
      ...documented,
      kind: 'aux',
      location: policy.location,
      equation: { text: formatExpression(expression), expression, location: policy.location, segments: [] },
    });
  }
  return {
    ...model,
    parameters: model.parameters.filter((parameter) => !byName.has(parameter.name)),
    lookups: [...model.lookups, ...lookups],
    auxiliaries: [...model.auxiliaries, ...auxiliaries],
  };
}
