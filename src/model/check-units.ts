import type { Diagnostic, SourceLocation } from '../diagnostics/diagnostic.js';
import { messages } from '../diagnostics/messages.js';
import { namedConstants } from './builtin-signatures.js';
import { referencedNames, type Expression } from './expression.js';
import { orderByDependency } from './order-by-dependency.js';

import type { ElementSpec, Equation, ModelSpec } from './model-spec.js';
import { elementPath, locateField, locateInEquation, modelElements } from './model-spec.js';
import {
  combineDimensions,
  dimensionless,
  formatDimension,
  parseDimension,
  powerDimension,
  sameDimension,
  type Dimension,
} from './unit-dimension.js';

/**
 * What an expression's unit is known to be: a dimension; `literal` for a bare number, or a bare number
 * times something dimensionless (dimensionless in a product, taking its partner's unit in a sum or
 * comparison, so `rate + 0.04 * (ratio - 1)` passes as the modeller meant); or `unknown` where
 * a name has no declared unit, which switches checking off for that expression rather than guessing.
 */
type UnitValue = Dimension | 'literal' | 'unknown';

/** The value of a number written as `2`, `-1` or `-(1)` in an equation, else undefined. */
function numericValue(expression: Expression): number | undefined {
  if (expression.kind === 'number') return expression.value;
  if (expression.kind === 'unary' && expression.operator === 'negate') {
    const inner = numericValue(expression.operand);
    return inner === undefined ? undefined : -inner;
  }
  return undefined;
}

const isDimension = (value: UnitValue): value is Dimension => typeof value !== 'string';
const asFactor = (value: UnitValue): Dimension | 'unknown' => (value === 'literal' ? dimensionless : value);

/**
 * Check that equations agree in units: terms of a sum or comparison share a unit, arguments of exp/log
 * are dimensionless, each variable's equation has its declared unit, and a flow has its stock's unit
 * per time unit. Names without a declared unit are inferred from their equation, or not checked.
 */
export function checkUnits(model: ModelSpec): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  if (model.unitsChecked === false) return diagnostics;
  const elements = new Map(modelElements(model).map((element) => [element.name, element]));
  const declared = new Map<string, Dimension | undefined>();
  const invalid = new Set<string>();
  for (const element of elements.values()) {
    if (element.unit === undefined) continue;
    try {
      declared.set(element.name, parseDimension(element.unit));
    } catch (error) {
      invalid.add(element.name);
      diagnostics.push({
        ...locateField(model, `${elementPath(element)}.unit`),
        severity: 'error',
        field: `${elementPath(element)}.unit`,
        ...messages.invalidUnit(element.unit, error instanceof Error ? error.message : String(error)),
      });
    }
  }
  let timeUnit: Dimension;
  try {
    timeUnit = parseDimension(model.time.unit);
  } catch (error) {
    diagnostics.push({
      ...locateField(model, 'time.unit'),
      severity: 'error',
      field: 'time.unit',
      ...messages.invalidUnit(model.time.unit, error instanceof Error ? error.message : String(error)),
    });
    return diagnostics;
  }

  const inferred = new Map<string, UnitValue>();

  const unitOfName = (name: string): UnitValue => {
    if (name === 'time' || name === 'dt') return timeUnit;
    if (namedConstants.has(name)) return dimensionless;
    const declaredUnit = declared.get(name);
    if (declaredUnit !== undefined) return declaredUnit;
    const element = elements.get(name);
    if (element === undefined || invalid.has(name)) return 'unknown';
    if (element.kind !== 'flow' && element.kind !== 'aux') return 'unknown';
    return inferred.get(name) ?? 'unknown';
  };

  /** Infer the unit of `expression`; report disagreements when `report` is given. */
  const unitOf = (
    expression: Expression,
    equation: Equation,
    report: ((message: string) => void) | undefined,
  ): UnitValue => {
    const unify = (values: UnitValue[], what: string): UnitValue => {
      let result: UnitValue = 'literal';
      for (const value of values) {
        if (value === 'unknown') return 'unknown';
        if (value === 'literal') continue;
        if (result === 'literal') result = value;
        else if (isDimension(result) && !sameDimension(result, value)) {
          report?.(`${what}: ${formatDimension(result)} and ${formatDimension(value)}`);
          return 'unknown';
        }
      }
      return result;
    };
    const expectDimensionless = (value: UnitValue, what: string): void => {
      if (isDimension(value) && value.size > 0)
        report?.(`${what} needs a dimensionless argument, found ${formatDimension(value)}`);
    };
    const expectTime = (value: UnitValue, what: string): void => {
      if (isDimension(value) && !sameDimension(value, timeUnit))
        report?.(`${what} needs a time in ${formatDimension(timeUnit)}, found ${formatDimension(value)}`);
    };
    const sub = (node: Expression): UnitValue => unitOf(node, equation, report);
    switch (expression.kind) {
      case 'number':
        return 'literal';
      case 'reference':
        return unitOfName(expression.name);
      case 'unary':
        if (expression.operator === 'not') {
          sub(expression.operand);
          return dimensionless;
        }
        return sub(expression.operand);
      case 'conditional':
        sub(expression.condition);
        return unify([sub(expression.whenTrue), sub(expression.whenFalse)], 'the two branches of a condition differ');
      case 'binary': {
        const left = sub(expression.left);
        const right = sub(expression.right);
        switch (expression.operator) {
          case 'add':
          case 'subtract':
          case 'mod':
            return unify([left, right], `terms of ${expression.operator === 'mod' ? 'a remainder' : 'a sum'} differ`);
          case 'less':
          case 'lessEqual':
          case 'greater':
          case 'greaterEqual':
          case 'equal':
          case 'unequal':
            unify([left, right], 'the sides of a comparison differ');
            return dimensionless;
          case 'and':
          case 'or':
            return dimensionless;
          case 'multiply':
          case 'divide': {
            const a = asFactor(left);
            const b = asFactor(right);
            if (a === 'unknown' || b === 'unknown') return 'unknown';
            const product = combineDimensions(a, b, expression.operator === 'multiply' ? 1 : -1);
            const fromLiteral = left === 'literal' || right === 'literal';
            return fromLiteral && product.size === 0 ? 'literal' : product;
          }
          case 'pow': {
            const exponent = numericValue(expression.right);
            if (exponent !== undefined) {
              const base = asFactor(left);
              return base === 'unknown' ? 'unknown' : powerDimension(base, exponent);
            }
            expectDimensionless(left, 'a power with a non-constant exponent');
            expectDimensionless(right, 'an exponent');
            return dimensionless;
          }
        }
        return 'unknown';
      }
      case 'call': {
        const args = expression.args.map(sub);
        const [first, second, third] = args;
        const lookup = elements.get(expression.name);
        if (lookup?.kind === 'lookup') return declared.get(lookup.name) ?? 'unknown';
        switch (expression.name) {
          case 'min':
          case 'max':
            return unify(args, `arguments of ${expression.name}() differ`);
          case 'abs':
          case 'floor':
          case 'ceil':
          case 'init':
            return first ?? 'unknown';
          case 'sqrt':
            return first === undefined || !isDimension(first) ? (first ?? 'unknown') : powerDimension(first, 0.5);
          case 'exp':
          case 'log':
          case 'ln':
          case 'log10':
          case 'sin':
          case 'cos':
          case 'tan':
          case 'asin':
          case 'acos':
          case 'atan':
            if (first !== undefined) expectDimensionless(first, `${expression.name}()`);
            return dimensionless;
          case 'pow': {
            const exponent = expression.args[1] === undefined ? undefined : numericValue(expression.args[1]);
            if (exponent !== undefined && first !== undefined) {
              const base = asFactor(first);
              return base === 'unknown' ? 'unknown' : powerDimension(base, exponent);
            }
            if (first !== undefined) expectDimensionless(first, 'a power with a non-constant exponent');
            return dimensionless;
          }
          case 'if_then_else':
            return unify([second ?? 'unknown', third ?? 'unknown'], 'the two branches of if_then_else() differ');
          case 'step':
            if (second !== undefined) expectTime(second, 'step() start');
            return first ?? 'unknown';
          case 'ramp': {
            if (second !== undefined) expectTime(second, 'ramp() start');
            if (third !== undefined) expectTime(third, 'ramp() end');
            if (first === 'literal') return 'literal';
            const slope = first === undefined ? 'unknown' : asFactor(first);
            return slope === 'unknown' ? 'unknown' : combineDimensions(slope, timeUnit, 1);
          }
          case 'pulse':
            if (first !== undefined) expectTime(first, 'pulse() start');
            if (second !== undefined) expectTime(second, 'pulse() width');
            return dimensionless;
          case 'safediv': {
            const numerator = first === undefined ? 'unknown' : asFactor(first);
            const denominator = second === undefined ? 'unknown' : asFactor(second);
            const quotient: UnitValue =
              first === 'literal' && second === 'literal'
                ? 'literal'
                : numerator === 'unknown' || denominator === 'unknown'
                  ? 'unknown'
                  : combineDimensions(numerator, denominator, -1);
            return third === undefined
              ? quotient
              : unify([quotient, third], 'safediv() quotient and alternative differ');
          }
          case 'impulse': {
            if (second !== undefined) expectTime(second, 'impulse() first time');
            if (third !== undefined) expectTime(third, 'impulse() interval');
            const volume = first === undefined ? 'unknown' : asFactor(first);
            return volume === 'unknown' ? 'unknown' : combineDimensions(volume, timeUnit, -1);
          }
          case 'trend_of':
            if (second !== undefined) expectTime(second, 'trend_of() time');
            return combineDimensions(dimensionless, timeUnit, -1);
          case 'smooth':
          case 'smooth3':
          case 'delay1':
          case 'delay3':
          case 'delay_fixed':
            if (second !== undefined) expectTime(second, `${expression.name}() time`);
            return third === undefined
              ? (first ?? 'unknown')
              : unify([first ?? 'unknown', third], `${expression.name}() input and initial value differ`);
          default:
            return 'unknown';
        }
      }
    }
  };

  const undeclared = [...model.flows, ...model.auxiliaries].filter(
    (element) => !declared.has(element.name) && !invalid.has(element.name),
  );
  const inferenceOrder = orderByDependency(
    undeclared.map((element) => element.name),
    (name) => {
      const element = elements.get(name);
      return element?.kind === 'flow' || element?.kind === 'aux' ? referencedNames(element.equation.expression) : [];
    },
  );
  for (const name of inferenceOrder.ok ? inferenceOrder.order : undeclared.map((element) => element.name)) {
    const element = elements.get(name);
    if (element?.kind === 'flow' || element?.kind === 'aux')
      inferred.set(name, unitOf(element.equation.expression, element.equation, undefined));
  }

  const checkEquation = (
    element: ElementSpec,
    equation: Equation,
    field: string,
    expected: Dimension | undefined,
    expectedWhat: string,
  ): void => {
    const at: SourceLocation = locateInEquation(equation, 0);
    const report = (detail: string): void => {
      diagnostics.push({ ...at, severity: 'error', field, ...messages.unitConflict(detail) });
    };
    const found = unitOf(equation.expression, equation, report);
    if (expected !== undefined && isDimension(found) && !sameDimension(found, expected)) {
      diagnostics.push({
        ...at,
        severity: 'error',
        field,
        ...messages.unitMismatch(
          `${expectedWhat} of ${element.name}`,
          formatDimension(expected),
          formatDimension(found),
        ),
      });
    }
  };

  for (const element of elements.values()) {
    if (element.kind === 'stock')
      checkEquation(
        element,
        element.initial,
        `stocks.${element.name}.initial`,
        declared.get(element.name),
        'the initial value',
      );
    if (element.kind === 'flow' || element.kind === 'aux')
      checkEquation(
        element,
        element.equation,
        `${elementPath(element)}.equation`,
        declared.get(element.name),
        'the equation',
      );
  }
  for (const stock of model.stocks) {
    const stockUnit = declared.get(stock.name);
    if (stockUnit === undefined) continue;
    const expected = combineDimensions(stockUnit, timeUnit, -1);
    for (const flowName of [...stock.inflows, ...stock.outflows]) {
      const flow = elements.get(flowName);
      if (flow?.kind !== 'flow') continue;
      const found = unitOfName(flowName);
      if (isDimension(found) && !sameDimension(found, expected)) {
        diagnostics.push({
          ...locateField(model, `flows.${flowName}.${flow.unit === undefined ? 'equation' : 'unit'}`),
          severity: 'error',
          field: `flows.${flowName}.${flow.unit === undefined ? 'equation' : 'unit'}`,
          ...messages.unitMismatch(
            `flow ${flowName} of stock ${stock.name}`,
            formatDimension(expected),
            formatDimension(found),
          ),
        });
      }
    }
  }
  return diagnostics;
}
