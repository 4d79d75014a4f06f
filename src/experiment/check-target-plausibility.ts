import { instantiatePlan } from '../compile/compile-model.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { messages, type Message } from '../diagnostics/messages.js';
import { modelElements } from '../model/model-spec.js';
import { isDimensionlessUnit, unitAlternatives, unitFactor } from '../model/unit-scale.js';
import { simulate } from '../runtime/simulate.js';
import type { TargetSpec } from '../scenario/scenario-spec.js';
import { centralCaseValues } from './central-case.js';
import type { CompiledExperiment } from './compile-experiment.js';

/** Names that say a pure number is a share or a rate. */
const shareName = /_(share|intensity|rate|growth)$/;
/** A threshold this many times above or below the central case is a slip of unit or scale, not a target. */
const implausibleRatio = 100;

const plain = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });

/**
 * Warnings for targets that cannot mean what they say: a threshold above 1 (100%) on a share, or one
 * at least 100 times above or below the variable's value in the target's year in the scenario's
 * central case (its uncertain inputs at their medians), with the number or unit it likely meant. One
 * deterministic run of the experiment's plan by the reference interpreter (the run function is compiled
 * once per thread, by the runs themselves); each warning sits at the target's bound.
 */
export function checkTargetPlausibility(experiment: CompiledExperiment): Diagnostic[] {
  const { scenario } = experiment;
  const elements = new Map(modelElements(scenario.model).map((element) => [element.name, element]));
  const compiled = instantiatePlan(experiment.plan, { interpret: true });
  const parameters = compiled.defaultParameters();
  for (const [name, value] of centralCaseValues(scenario)) {
    const index = compiled.parameterIndex(name);
    if (index >= 0) parameters[index] = value;
  }
  const central = simulate(compiled, parameters);
  const outputCount = compiled.outputNames.length;
  const diagnostics: Diagnostic[] = [];
  scenario.targets.forEach((target, index) => {
    const query = experiment.targets[index];
    if (query === undefined) return;
    const value = central.values[query.saveIndex * outputCount + query.variableIndex]!;
    const unit = elements.get(target.variable)?.unit;
    const detail = problemOf(target, unit, value);
    if (detail === undefined) return;
    const field = `targets.${target.id}.${target.op === '>=' ? 'at_least' : 'at_most'}`;
    const location = scenario.locations.get(field) ?? target.location;
    diagnostics.push({ ...location, severity: 'warning', field, ...detail });
  });
  return diagnostics;
}

function problemOf(target: TargetSpec, unit: string | undefined, central: number): Message | undefined {
  const { threshold } = target;
  const share = target.unit === undefined && isDimensionlessUnit(unit) && shareName.test(target.variable);
  if (share && Math.abs(threshold) > 1 && Math.abs(central) <= 1)
    return messages.implausibleShare(threshold, target.variable, Number((threshold / 100).toPrecision(6)));
  if (!Number.isFinite(central) || central === 0 || threshold === 0 || Math.sign(central) !== Math.sign(threshold))
    return undefined;
  const ratio = threshold / central;
  if (ratio < implausibleRatio && ratio > 1 / implausibleRatio) return undefined;
  const variableUnit = unit ?? 'dmnl';
  const written = target.unit === undefined ? threshold : threshold / (unitFactor(target.unit, variableUnit) ?? 1);
  const suggestion = unitAlternatives(variableUnit)
    .map((alternative) => ({ alternative, meant: written * (unitFactor(alternative, variableUnit) ?? 1) }))
    .find(({ meant }) => meant / central < 10 && meant / central > 0.1);
  const factor = ratio >= 1 ? `${plain.format(ratio)} times` : `1/${plain.format(1 / ratio)} of`;
  return messages.implausibleMagnitude(
    `${plain.format(written)}${target.unit === undefined ? '' : ` ${target.unit}`}`,
    target.variable,
    `${plain.format(central)} ${variableUnit}`,
    target.year,
    factor,
    suggestion === undefined ? undefined : `${plain.format(written)} ${suggestion.alternative}`,
  );
}
