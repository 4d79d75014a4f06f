import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Message } from '../diagnostics/messages.js';
import { messages } from '../diagnostics/messages.js';
import { suggestName } from '../diagnostics/suggest-name.js';
import type { ElementSpec, ModelSpec, ParameterSpec, TimeSpec } from '../model/model-spec.js';
import { arrayElements, kindWord, modelElements, modelVariables } from '../model/model-spec.js';
import { unitAlternatives, unitFactor } from '../model/unit-scale.js';
import { distributionSupport } from '../sampling/create-quantile.js';
import { diagnosticAt } from './internal/diagnostic-at.js';
import type { MergedScenario } from './merge-scenario-files.js';
import type { FieldPlace } from './scenario-file.js';

/** Relative tolerance when matching a target's year to a saved time (times are sums of save_every steps). */
const timeTolerance = 1e-9;

/** The last saved time: start + k * save_every for the largest k that stays within stop. */
export function lastSavedTime(time: TimeSpec): number {
  const steps = Math.floor((time.stop - time.start) / time.saveEvery + timeTolerance);
  return time.start + steps * time.saveEvery;
}

/**
 * The index of `year` among the model's saved times (start + k * save_every for a whole k >= 0, up to
 * stop, within 1e-9 relative to the larger of |year| and save_every), or -1 when it is not one.
 */
export function savedTimeIndex(time: TimeSpec, year: number): number {
  const steps = Math.round((year - time.start) / time.saveEvery);
  const lastSteps = Math.floor((time.stop - time.start) / time.saveEvery + timeTolerance);
  if (steps < 0 || steps > lastSteps) return -1;
  const saved = time.start + steps * time.saveEvery;
  return Math.abs(saved - year) <= timeTolerance * Math.max(Math.abs(year), time.saveEvery) ? steps : -1;
}

/** Whether `year` is a saved time of the model (see `savedTimeIndex`). */
export function isSavedTime(time: TimeSpec, year: number): boolean {
  return savedTimeIndex(time, year) >= 0;
}

/** The factor from a target's stated unit into its variable's unit (a variable without one is a pure number), or undefined when they do not convert. */
export function targetUnitFactor(stated: string, variableUnit: string | undefined): number | undefined {
  return unitFactor(stated, variableUnit ?? 'dmnl');
}

const outsideRange = (value: number, parameter: ParameterSpec): boolean =>
  (parameter.min !== undefined && value < parameter.min) || (parameter.max !== undefined && value > parameter.max);

/**
 * Check a merged scenario against its model, returning every problem found:
 * - names in `set`, `policies` and `uncertainty.parameters` must be parameters of the model (a stock,
 *   flow, auxiliary or lookup is named as such; otherwise a did-you-mean among the parameters);
 * - `set` values and every policy point must lie within the parameter's declared `min`/`max`;
 * - a parameter the model declares `annual` (a yearly path) takes only `interpolate: annual` policies;
 * - a distribution's support must lie within the declared range. Normal and lognormal distributions are
 *   unbounded (lognormal above), so they are not range-checked: their tails would always fail;
 *   bound them with `truncated_normal` where the range matters;
 * - the members of a joint empirical group must list as many values each (they are drawn row by row);
 * - targets' variables and `outputs` must be stocks, flows or auxiliaries, and a target's `year` a
 *   saved time of the model; a target's `unit`, when given, a scale of its variable's (see `unitFactor`).
 * Names and years of entries that could not be read whole (`partial`) get the same checks.
 * Each diagnostic points at the field in whichever file of the chain wrote it.
 */
export function checkScenario(scenario: MergedScenario, model: ModelSpec): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const report = (place: FieldPlace, message: Message): void => {
    diagnostics.push(diagnosticAt(place, message));
  };
  const elements = new Map<string, ElementSpec>(modelElements(model).map((element) => [element.name, element]));
  const parameterNames = model.parameters.map((parameter) => parameter.name);
  /** A whole array stands for its elements: a parameter only when each element is one, within all their ranges. */
  const wholeArray = (name: string): ElementSpec | undefined => {
    const members = arrayElements(model, name);
    const notParameter = members.find((member) => member.kind !== 'parameter');
    if (members.length === 0 || notParameter !== undefined) return notParameter;
    const parameters = members as ParameterSpec[];
    const mins = parameters.flatMap((member) => (member.min === undefined ? [] : [member.min]));
    const maxes = parameters.flatMap((member) => (member.max === undefined ? [] : [member.max]));
    return {
      ...parameters[0]!,
      name,
      min: mins.length === 0 ? undefined : Math.max(...mins),
      max: maxes.length === 0 ? undefined : Math.min(...maxes),
    };
  };
  const variableNames = modelVariables(model).map((variable) => variable.name);

  const parameterNamed = (name: string, key: FieldPlace): ParameterSpec | undefined => {
    const element = elements.get(name) ?? wholeArray(name);
    if (element?.kind === 'parameter') return element;
    const suggestion = suggestName(name, parameterNames);
    report(
      key,
      element === undefined
        ? messages.unknownParameter(name, suggestion)
        : messages.notAParameter(name, kindWord[element.kind]),
    );
    return undefined;
  };
  const checkVariable = (name: string, place: FieldPlace): void => {
    const element = elements.get(name) ?? wholeArray(name);
    if (element === undefined) report(place, messages.unknownOutput(name, suggestName(name, variableNames)));
    else if (element.kind === 'parameter' || element.kind === 'lookup') {
      report(place, messages.notAVariable(name, kindWord[element.kind]));
    }
  };

  for (const setting of scenario.set.values()) {
    const parameter = parameterNamed(setting.name, setting.key);
    if (parameter !== undefined && outsideRange(setting.value, parameter)) {
      report(
        setting.valuePlace,
        messages.parameterOutOfRange(setting.name, setting.value, parameter.min, parameter.max),
      );
    }
  }
  for (const policy of scenario.policies.values()) {
    const parameter = parameterNamed(policy.spec.name, policy.key);
    if (parameter === undefined) continue;
    if (parameter.annual === true && policy.spec.interpolate !== 'annual')
      report(policy.key, messages.annualPathRequired(policy.spec.name, policy.spec.interpolate));
    policy.spec.points.forEach((point, index) => {
      const place = policy.pointPlaces[index];
      if (place !== undefined && outsideRange(point.value, parameter)) {
        report(place, messages.parameterOutOfRange(policy.spec.name, point.value, parameter.min, parameter.max));
      }
    });
  }
  for (const uncertain of scenario.parameters.values()) {
    const parameter = parameterNamed(uncertain.spec.name, uncertain.key);
    const distribution = uncertain.spec.distribution;
    if (parameter === undefined || distribution.dist === 'normal' || distribution.dist === 'lognormal') continue;
    const support = distributionSupport(distribution);
    if (outsideRange(support.min, parameter) || outsideRange(support.max, parameter)) {
      const { min, max } = parameter;
      report(uncertain.key, messages.distributionOutOfRange(parameter.name, distribution.dist, support, min, max));
    }
  }
  // The members of a joint group are drawn row by row: each must list one value per row.
  const firstOfGroup = new Map<string, { name: string; length: number }>();
  for (const uncertain of scenario.parameters.values()) {
    const distribution = uncertain.spec.distribution;
    if (distribution.dist !== 'empirical' || distribution.joint === undefined) continue;
    const first = firstOfGroup.get(distribution.joint);
    const length = distribution.values.length;
    if (first === undefined) firstOfGroup.set(distribution.joint, { name: uncertain.spec.name, length });
    else if (first.length !== length)
      report(
        uncertain.key,
        messages.jointLengths(distribution.joint, uncertain.spec.name, length, first.name, first.length),
      );
  }
  const checkYear = (year: number, place: FieldPlace): void => {
    if (isSavedTime(model.time, year)) return;
    const lastSaved = Number(lastSavedTime(model.time).toPrecision(12));
    report(place, messages.yearNotSaved(year, model.time.start, model.time.saveEvery, lastSaved));
  };
  for (const target of scenario.targets.values()) {
    checkVariable(target.spec.variable, target.variable);
    checkYear(target.spec.year, target.year);
    const variable = elements.get(target.spec.variable);
    if (
      target.unit !== undefined &&
      variable !== undefined &&
      targetUnitFactor(target.unit.value, variable.unit) === undefined
    )
      report(
        target.unit.place,
        messages.targetUnitMismatch(
          target.unit.value,
          variable.name,
          variable.unit ?? 'dmnl',
          unitAlternatives(variable.unit ?? 'dmnl'),
        ),
      );
  }
  for (const output of scenario.outputs?.names ?? []) checkVariable(output.value, output.place);
  for (const name of scenario.partial.parameterNames) parameterNamed(name.value, name.place);
  for (const variable of scenario.partial.variables) checkVariable(variable.value, variable.place);
  for (const year of scenario.partial.years) checkYear(year.value, year.place);
  return diagnostics;
}
