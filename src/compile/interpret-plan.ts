import type { Expression } from '../model/expression.js';
import {
  binaryOperators,
  delayBufferLength,
  evaluateLookup,
  namedConstants,
  pureBuiltins,
  unaryOperators,
  type Clock,
} from './builtins.js';
import type { EvaluationPlan } from './evaluation-plan.js';
import type { RunFunction } from './run-function.js';

/**
 * The reference interpreter: walks expression trees with values in a `Map`, with no hoisting, no
 * reciprocals and no code generation. Slow on purpose; tests hold the generated code to it.
 */
export function createInterpreter(plan: EvaluationPlan): RunFunction {
  return (parameters, out, outBase, saveStride, outputStride) => {
    const values = new Map<string, number>();
    const clock: Clock = { time: plan.start, dt: plan.dt };
    plan.parameterNames.forEach((name, index) => values.set(name, parameters[index] ?? NaN));
    values.set('dt', plan.dt);
    for (const [name, value] of namedConstants) values.set(name, value);

    const evaluate = (expression: Expression): number => {
      switch (expression.kind) {
        case 'number':
          return expression.value;
        case 'reference': {
          if (expression.name === 'time') return clock.time;
          const value = values.get(expression.name);
          if (value === undefined) throw new Error(`interpreter: '${expression.name}' has no value yet`);
          return value;
        }
        case 'unary':
          return unaryOperators[expression.operator].evaluate(evaluate(expression.operand));
        case 'binary':
          return binaryOperators[expression.operator].evaluate(evaluate(expression.left), evaluate(expression.right));
        case 'conditional':
          return evaluate(expression.condition) !== 0 ? evaluate(expression.whenTrue) : evaluate(expression.whenFalse);
        case 'call': {
          const lookup = plan.lookups.get(expression.name);
          if (lookup !== undefined) return evaluateLookup(lookup, evaluate(expression.args[0]!));
          const builtin = pureBuiltins.get(expression.name);
          if (builtin === undefined) throw new Error(`interpreter: no built-in '${expression.name}'`);
          return builtin.evaluate(expression.args.map(evaluate), clock);
        }
      }
    };

    for (const variable of plan.variables)
      if (variable.runConstant) values.set(variable.name, evaluate(variable.expression));
    const bufferLengths = plan.delays.map((delay) =>
      delayBufferLength(evaluate(delay.delayTime), plan.dt, plan.stepCount),
    );
    const buffers = bufferLengths.map((length) => new Float64Array(length ?? 1));
    const positions = plan.delays.map(() => 0);
    for (const step of plan.initialOrder) {
      if (step.kind === 'stock') values.set(plan.stocks[step.index]!.name, evaluate(plan.stocks[step.index]!.initial));
      else if (step.kind === 'variable')
        values.set(plan.variables[step.index]!.name, evaluate(plan.variables[step.index]!.expression));
      else {
        const initial = bufferLengths[step.index] === undefined ? NaN : evaluate(plan.delays[step.index]!.initial);
        buffers[step.index]!.fill(initial);
        values.set(plan.delays[step.index]!.name, initial);
      }
    }

    const evaluateVariables = (): void => {
      for (const variable of plan.variables)
        if (!variable.runConstant) values.set(variable.name, evaluate(variable.expression));
    };
    const derivatives = (): number[] => plan.stocks.map((stock) => evaluate(stock.derivative));
    const setStocks = (base: readonly number[], slopes: readonly number[], factor: number): void => {
      plan.stocks.forEach((stock, index) => values.set(stock.name, base[index]! + factor * slopes[index]!));
    };
    const clampNonNegative = (): void => {
      for (const stock of plan.stocks)
        if (stock.nonNegative) values.set(stock.name, Math.max(0, values.get(stock.name)!));
    };
    const halfDt = plan.dt * 0.5;
    const dtOver6 = plan.dt / 6;

    let saveIndex = 0;
    for (let step = 0; ; step++) {
      const time = plan.start + step * plan.dt;
      clock.time = time;
      plan.delays.forEach((delay, index) => values.set(delay.name, buffers[index]![positions[index]!]!));
      evaluateVariables();
      if (step % plan.saveStride === 0) {
        plan.outputNames.forEach((name, outputIndex) => {
          out[outBase + saveIndex * saveStride + outputIndex * outputStride] = values.get(name)!;
        });
        saveIndex++;
      }
      if (step === plan.stepCount) break;
      const delayInputs = plan.delays.map((delay) => values.get(delay.inputName)!);
      const start = plan.stocks.map((stock) => values.get(stock.name)!);
      const k1 = derivatives();
      if (plan.method === 'euler') {
        setStocks(start, k1, plan.dt);
        clampNonNegative();
      } else {
        clock.time = time + halfDt;
        setStocks(start, k1, halfDt);
        evaluateVariables();
        const k2 = derivatives();
        setStocks(start, k2, halfDt);
        evaluateVariables();
        const k3 = derivatives();
        clock.time = time + plan.dt;
        setStocks(start, k3, plan.dt);
        evaluateVariables();
        const k4 = derivatives();
        plan.stocks.forEach((stock, index) =>
          values.set(stock.name, start[index]! + dtOver6 * (k1[index]! + 2 * k2[index]! + 2 * k3[index]! + k4[index]!)),
        );
        clampNonNegative();
      }
      plan.delays.forEach((_, index) => {
        buffers[index]![positions[index]!] = delayInputs[index]!;
        positions[index] = positions[index]! + 1 === buffers[index]!.length ? 0 : positions[index]! + 1;
      });
    }
  };
}
