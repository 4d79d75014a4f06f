import { walkExpression, type Expression } from '../model/expression.js';
import type { IntegrationMethod } from '../model/model-spec.js';
import { pureBuiltins, type LookupTable } from './builtins.js';

/** A stock in the plan; hidden stocks come from smooth and delay expansions. */
export interface PlanStock {
  name: string;
  hidden: boolean;
  /** Never below 0: each update is `max(0, ...)` (see `constrainNonNegative` for the outflows). */
  nonNegative: boolean;
  initial: Expression;
  /** Net flow: inflows minus outflows, as references to plan variables. */
  derivative: Expression;
  /** The array it is an element of (see `PlanVariable.group`). */
  group?: string;
}

/** An aux or flow (or a hidden one from an expansion), with its equation. */
export interface PlanVariable {
  name: string;
  kind: 'aux' | 'flow';
  hidden: boolean;
  expression: Expression;
  /** True when the value depends only on parameters and numbers, so it is computed once per run. */
  runConstant: boolean;
  /**
   * The array it is an element of, with its kind (`pop:stock`), or for a hidden variable of an element
   * the same over the array (`#smooth0(pop:aux)`): members of a group are ordered next to each other,
   * so the code generator may compute a large group in one loop.
   */
  group?: string;
}

/** A fixed delay: a ring buffer of `round(delayTime / dt)` past inputs, read before it is written. */
export interface PlanDelay {
  /** Name by which expressions read the delayed value. */
  name: string;
  /** Name of the plan variable whose value enters the buffer each step. */
  inputName: string;
  delayTime: Expression;
  initial: Expression;
}

/** Something to evaluate at the initial time, in this order, before the first step. */
export type InitialStep =
  { kind: 'stock'; index: number } | { kind: 'variable'; index: number } | { kind: 'delay'; index: number };

/**
 * A model resolved for running: every name sorted into parameters, stocks, variables in evaluation
 * order and delays; the clock reduced to integer step counts. Both the code generator and the
 * reference interpreter run from this.
 */
export interface EvaluationPlan {
  name: string;
  method: IntegrationMethod;
  start: number;
  dt: number;
  stepCount: number;
  /** Steps between saved points. */
  saveStride: number;
  saveCount: number;
  parameterNames: readonly string[];
  defaultParameters: readonly number[];
  lookups: ReadonlyMap<string, LookupTable>;
  stocks: readonly PlanStock[];
  /** Auxes and flows in dependency order. */
  variables: readonly PlanVariable[];
  delays: readonly PlanDelay[];
  initialOrder: readonly InitialStep[];
  /** Names written at each saved point, in column order. */
  outputNames: readonly string[];
}

/** The time of each saved point. */
export function saveTimes(plan: EvaluationPlan): Float64Array {
  const times = new Float64Array(plan.saveCount);
  for (let saveIndex = 0; saveIndex < plan.saveCount; saveIndex++)
    times[saveIndex] = plan.start + saveIndex * plan.saveStride * plan.dt;
  return times;
}

/**
 * True when an expression cannot change during a run: it reads only names in `constantNames`
 * (parameters, `dt`, named constants, run-constant variables) and no built-in that reads the clock.
 */
export function isRunConstant(expression: Expression, constantNames: ReadonlySet<string>): boolean {
  let constant = true;
  walkExpression(expression, (node) => {
    if (node.kind === 'reference' && !constantNames.has(node.name)) constant = false;
    if (node.kind === 'call' && pureBuiltins.get(node.name)?.readsClock === true) constant = false;
  });
  return constant;
}
