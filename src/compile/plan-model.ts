import type { Diagnostic, Result } from '../diagnostics/diagnostic.js';
import { failure, success } from '../diagnostics/diagnostic.js';
import { messages } from '../diagnostics/messages.js';
import { build, referencedNames, type Expression } from '../model/expression.js';
import type { ElementSpec, IntegrationMethod, ModelSpec } from '../model/model-spec.js';
import { elementPath, locateField, modelElements, savedElements } from '../model/model-spec.js';
import { createLookupTable, namedConstants } from './builtins.js';
import {
  isRunConstant,
  type EvaluationPlan,
  type InitialStep,
  type PlanStock,
  type PlanVariable,
} from './evaluation-plan.js';
import { constrainNonNegative } from './constrain-non-negative.js';
import { expandStateful, type Expansion } from './expand-stateful.js';
import { orderInGroups } from './order-in-groups.js';

/** Choices that change how a model is run, not what it means. */
export interface PlanOptions {
  method?: IntegrationMethod;
  dt?: number;
  /** Names to save at each saved point; default every stock, flow and aux in file order, then parameters marked `saved`. */
  outputs?: readonly string[];
}

const ownerOf = (name: string): string => /^#[^(]*\((.*)\)/.exec(name)?.[1] ?? name;

/** A loop as the user wrote it: hidden smooth/delay names become their owner, repeats in a row merge. */
const namesInLoop = (loop: readonly string[]): string[] => {
  const names = loop.map(ownerOf).filter((name, index, all) => index === 0 || name !== all[index - 1]);
  return names.length === 1 ? [names[0]!, names[0]!] : names;
};

function sumOfFlows(inflows: readonly string[], outflows: readonly string[]): Expression {
  let total: Expression | undefined;
  for (const name of inflows)
    total = total === undefined ? build.reference(name) : build.add(total, build.reference(name));
  for (const name of outflows) {
    total = total === undefined ? build.negate(build.reference(name)) : build.subtract(total, build.reference(name));
  }
  return total ?? build.number(0);
}

/**
 * The group a plan name belongs to: the array of a model element (`pop` for `pop[haidian]`), and for a
 * hidden name made from an element (`#smooth0(pop[haidian])`, `#room0(pop[haidian])`, `.flow` after
 * it) the same label over the array (`#smooth0(pop)`), so that every element's share can be one loop.
 */
function createGroupOf(model: ModelSpec): (name: string) => string | undefined {
  const arrays = new Map<string, string>();
  for (const element of modelElements(model))
    if (element.array !== undefined) arrays.set(element.name, `${element.array.name}:${element.kind}`);
  if (arrays.size === 0) return () => undefined;
  const groupOf = (name: string): string | undefined => {
    const own = arrays.get(name);
    if (own !== undefined) return own;
    const hidden = /^(#[^(]*)\((.*)\)((?:\.[a-z]+)?)$/.exec(name);
    if (hidden === null) return undefined;
    const owner = groupOf(hidden[2]!);
    return owner === undefined ? undefined : `${hidden[1]}(${owner})${hidden[3]}`;
  };
  return groupOf;
}

/** Beyond this a run takes hours per simulation and its saved points do not fit in memory. */
const maximumStepCount = 1e8;
/** One run's saved points must fit a typed array comfortably. */
const maximumSavedValues = 2e8;

/** The clock as integer step counts, or the diagnostics that say why it is not one. */
function planClock(
  model: ModelSpec,
  options: PlanOptions,
  diagnostics: Diagnostic[],
): { dt: number; stepCount: number; saveStride: number } {
  const dt = options.dt ?? model.time.dt;
  const span = model.time.stop - model.time.start;
  const stepCount = Math.round(span / dt);
  const dtField = options.dt === undefined ? 'time.dt' : '--dt';
  const whole = (count: number, total: number, step: number): boolean =>
    count >= 1 && Math.abs(count * step - total) <= 1e-9 * Math.max(1, Math.abs(total));
  if (!whole(stepCount, span, dt)) {
    diagnostics.push({
      ...locateField(model, 'time.dt'),
      severity: 'error',
      field: dtField,
      ...messages.stepsNotWhole('stop - start', span, dt, 'dt'),
    });
    if (!model.time.saveEveryDeclared) return { dt, stepCount, saveStride: 1 };
  }
  if (stepCount > maximumStepCount) {
    diagnostics.push({
      ...locateField(model, 'time.dt'),
      severity: 'error',
      field: 'time.dt',
      ...messages.tooLarge(`the run would take ${stepCount} steps; at most ${maximumStepCount} are allowed`),
    });
    return { dt, stepCount, saveStride: 1 };
  }
  const saveEvery = options.dt !== undefined && !model.time.saveEveryDeclared ? dt : model.time.saveEvery;
  const saveStride = Math.max(1, Math.round(saveEvery / dt));
  if (!whole(saveStride, saveEvery, dt)) {
    diagnostics.push({
      ...locateField(model, 'time.save_every'),
      severity: 'error',
      field: 'time.save_every',
      ...messages.stepsNotWhole('save_every', saveEvery, dt, 'dt'),
    });
  } else if (!whole(Math.round(span / saveEvery), span, saveEvery)) {
    diagnostics.push({
      ...locateField(model, 'time.save_every'),
      severity: 'error',
      field: 'time.save_every',
      ...messages.stepsNotWhole('stop - start', span, saveEvery, 'save_every'),
    });
  }
  return { dt, stepCount, saveStride };
}

/**
 * Resolve a checked model into an `EvaluationPlan`: expand stateful calls, order auxes and flows by
 * dependency (a loop without a stock is an error that names it), order the initial-value
 * computation, find run constants, and turn the clock into integer step counts.
 */
export function planModel(model: ModelSpec, options: PlanOptions = {}): Result<EvaluationPlan> {
  if (options.method !== undefined && options.method !== 'euler' && options.method !== 'rk4')
    throw new TypeError(`options.method must be 'euler' or 'rk4', found '${String(options.method)}'`);
  if (options.dt !== undefined && !(options.dt > 0 && Number.isFinite(options.dt)))
    throw new RangeError(`options.dt must be a positive finite number, found ${options.dt}`);
  const diagnostics: Diagnostic[] = [];
  const { dt, stepCount, saveStride } = planClock(model, options, diagnostics);
  const elementByName = new Map<string, ElementSpec>();
  for (const element of modelElements(model)) elementByName.set(element.name, element);
  const expansion: Expansion = { stocks: [], flows: [], delays: [] };

  const constraints = constrainNonNegative(model.stocks);
  const stocks: PlanStock[] = model.stocks.map((stock) => ({
    name: stock.name,
    hidden: false,
    nonNegative: stock.nonNegative === true,
    initial: expandStateful(stock.name, stock.initial.expression, expansion),
    derivative: constraints.derivatives.get(stock.name) ?? sumOfFlows(stock.inflows, stock.outflows),
  }));
  const userVariables = [...model.flows, ...model.auxiliaries].map((element) => ({
    name: constraints.renamed.get(element.name) ?? element.name,
    kind: element.kind,
    hidden: constraints.renamed.has(element.name),
    expression: expandStateful(element.name, element.equation.expression, expansion),
  }));
  for (const hidden of expansion.stocks) {
    stocks.push({
      name: hidden.name,
      hidden: true,
      nonNegative: false,
      initial: hidden.initial,
      derivative: build.reference(hidden.flowName),
    });
  }
  const variableByName = new Map<
    string,
    { name: string; kind: 'aux' | 'flow'; hidden: boolean; expression: Expression }
  >();
  for (const variable of userVariables) variableByName.set(variable.name, variable);
  for (const flow of expansion.flows)
    variableByName.set(flow.name, { name: flow.name, kind: 'flow', hidden: true, expression: flow.expression });
  const flowNames = new Set(model.flows.map((flow) => flow.name));
  for (const variable of constraints.variables) {
    variableByName.set(variable.name, {
      name: variable.name,
      kind: 'flow',
      hidden: !flowNames.has(variable.name),
      expression: variable.expression,
    });
  }

  const groupOf = createGroupOf(model);
  const ordered = orderInGroups(
    [...variableByName.keys()],
    (name) => referencedNames(variableByName.get(name)?.expression ?? build.number(0)),
    groupOf,
  );
  if (!ordered.ok) {
    const loop = namesInLoop(ordered.loop);
    const first = elementByName.get(loop[0] ?? '');
    const field = first === undefined ? '' : `${elementPath(first)}.equation`;
    return failure([
      ...diagnostics,
      { ...locateField(model, field), severity: 'error', field, ...messages.circularDependency(loop) },
    ]);
  }

  const constantNames = new Set<string>([
    ...model.parameters.map((parameter) => parameter.name),
    'dt',
    ...namedConstants.keys(),
  ]);
  const variables: PlanVariable[] = ordered.order.map((name) => {
    const variable = variableByName.get(name)!;
    const runConstant = isRunConstant(variable.expression, constantNames);
    if (runConstant) constantNames.add(name);
    const group = groupOf(name);
    return group === undefined ? { ...variable, runConstant } : { ...variable, runConstant, group };
  });
  for (const stock of stocks) {
    const group = groupOf(stock.name);
    if (group !== undefined) stock.group = group;
  }

  for (const delay of expansion.delays) {
    if (!isRunConstant(delay.delayTime, constantNames)) {
      const owner = elementByName.get(ownerOf(delay.name));
      const field = owner === undefined ? '' : `${elementPath(owner)}.equation`;
      diagnostics.push({
        ...locateField(model, field),
        severity: 'error',
        field,
        ...messages.notRunConstant('the delay time of delay_fixed()'),
      });
    }
  }

  const stockIndex = new Map(stocks.map((stock, index) => [stock.name, index]));
  const variableIndex = new Map(variables.map((variable, index) => [variable.name, index]));
  const delayIndex = new Map(expansion.delays.map((delay, index) => [delay.name, index]));
  const initialDependencies = (node: string): string[] => {
    const stock = stockIndex.get(node);
    if (stock !== undefined) return referencedNames(stocks[stock]!.initial);
    const delay = delayIndex.get(node);
    if (delay !== undefined) return referencedNames(expansion.delays[delay]!.initial);
    const variable = variableIndex.get(node);
    return variable === undefined || variables[variable]!.runConstant
      ? []
      : referencedNames(variables[variable]!.expression);
  };
  const initialRoots = [...stocks.map((stock) => stock.name), ...expansion.delays.map((delay) => delay.name)];
  const initialNodes = [
    ...initialRoots,
    ...variables.filter((variable) => !variable.runConstant).map((variable) => variable.name),
  ];
  const initialNodeSet = new Set(initialNodes);
  const reachable = new Set<string>();
  const stack = [...initialRoots];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (reachable.has(node)) continue;
    reachable.add(node);
    for (const dependency of initialDependencies(node)) if (initialNodeSet.has(dependency)) stack.push(dependency);
  }
  const initialOrdered = orderInGroups(
    initialNodes.filter((node) => reachable.has(node)),
    initialDependencies,
    groupOf,
  );
  if (!initialOrdered.ok) {
    const loop = namesInLoop(initialOrdered.loop);
    const first = elementByName.get(loop[0] ?? '');
    const field = first === undefined ? '' : `${elementPath(first)}.${first.kind === 'stock' ? 'initial' : 'equation'}`;
    return failure([
      ...diagnostics,
      { ...locateField(model, field), severity: 'error', field, ...messages.circularInitialization(loop) },
    ]);
  }
  const initialOrder: InitialStep[] = initialOrdered.order.map((name) => {
    const stock = stockIndex.get(name);
    if (stock !== undefined) return { kind: 'stock', index: stock };
    const delay = delayIndex.get(name);
    if (delay !== undefined) return { kind: 'delay', index: delay };
    return { kind: 'variable', index: variableIndex.get(name)! };
  });

  const outputCandidates = savedElements(model).map((element) => element.name);
  const outputNames = options.outputs ?? outputCandidates;
  for (const name of outputNames) {
    if (!outputCandidates.includes(name))
      diagnostics.push({
        file: model.file,
        line: 1,
        column: 1,
        severity: 'error',
        field: 'outputs',
        ...messages.unknownOutput(name),
      });
  }
  const saveCount = Math.floor(stepCount / saveStride) + 1;
  if (saveCount * outputNames.length > maximumSavedValues) {
    diagnostics.push({
      ...locateField(model, 'time.save_every'),
      severity: 'error',
      field: 'time.save_every',
      ...messages.tooLarge(
        `${saveCount} saved points x ${outputNames.length} outputs is more than ${maximumSavedValues} values`,
      ),
    });
  }
  if (diagnostics.length > 0) return failure(diagnostics);

  return success({
    name: model.name,
    method: options.method ?? model.time.method,
    start: model.time.start,
    dt,
    stepCount,
    saveStride,
    saveCount,
    parameterNames: model.parameters.map((parameter) => parameter.name),
    defaultParameters: model.parameters.map((parameter) => parameter.value),
    lookups: new Map(model.lookups.map((lookup) => [lookup.name, createLookupTable(lookup.xs, lookup.ys)])),
    stocks,
    variables,
    delays: expansion.delays,
    initialOrder,
    outputNames,
  });
}
