import { build, mapExpression, type Expression } from '../model/expression.js';
import type { PlanDelay } from './evaluation-plan.js';

/** A stock created by expanding a smooth or delay call. */
export interface HiddenStock {
  name: string;
  initial: Expression;
  /** Name of the hidden flow that is its net inflow. */
  flowName: string;
}

/** What expanding stateful calls adds to a model. */
export interface Expansion {
  stocks: HiddenStock[];
  flows: { name: string; expression: Expression }[];
  delays: PlanDelay[];
}

/**
 * Replace `smooth`, `smooth3`, `delay1`, `delay3` calls with hidden stocks (Vensim's definitions:
 * SMOOTH is a first-order exponential smooth, SMOOTH3 three in cascade each with T/3, DELAY1 a
 * first-order material delay whose stock starts at input*T, DELAY3 three such stages with T/3),
 * and `delay_fixed` (whose initial value defaults to the input, as XMILE's DELAY) with a ring
 * buffer. `init(x)` is a stock that starts at x and never changes. `trend_of(x, T, g0)` is XMILE's and
 * Vensim's TREND: an average S = SMOOTH(x, T) starting at x / (1 + g0 * T), and the value
 * (x - S) / (S * T), 0 where S * T is 0. Nested calls are expanded inside out. Hidden names start
 * with `#`, which no model name can.
 */
export function expandStateful(owner: string, expression: Expression, expansion: Expansion): Expression {
  let counter = 0;
  const fresh = (label: string): string => `#${label}${counter++}(${owner})`;
  const addStock = (label: string, initial: Expression, derivative: Expression): Expression => {
    const name = fresh(label);
    const flowName = `${name}.flow`;
    expansion.stocks.push({ name, initial, flowName });
    expansion.flows.push({ name: flowName, expression: derivative });
    return build.reference(name);
  };
  return mapExpression(expression, (node) => {
    if (node.kind !== 'call') return undefined;
    const [input = build.number(NaN), delayTime = build.number(NaN), initialArg] = node.args;
    switch (node.name) {
      case 'smooth': {
        const stock = `#smooth${counter}(${owner})`;
        const reference = build.reference(stock);
        return addStock('smooth', initialArg ?? input, build.divide(build.subtract(input, reference), delayTime));
      }
      case 'smooth3': {
        const stageTime = build.divide(delayTime, build.number(3));
        let previous = input;
        for (let stage = 0; stage < 3; stage++) {
          const stock = `#smooth3_${counter}(${owner})`;
          previous = addStock(
            'smooth3_',
            initialArg ?? input,
            build.divide(build.subtract(previous, build.reference(stock)), stageTime),
          );
        }
        return previous;
      }
      case 'delay1': {
        const stock = `#delay1_${counter}(${owner})`;
        const outflow = build.divide(build.reference(stock), delayTime);
        addStock('delay1_', build.multiply(initialArg ?? input, delayTime), build.subtract(input, outflow));
        return outflow;
      }
      case 'delay3': {
        const stageTime = build.divide(delayTime, build.number(3));
        let previousOutflow = input;
        for (let stage = 0; stage < 3; stage++) {
          const stock = `#delay3_${counter}(${owner})`;
          const outflow = build.divide(build.reference(stock), stageTime);
          addStock('delay3_', build.multiply(initialArg ?? input, stageTime), build.subtract(previousOutflow, outflow));
          previousOutflow = outflow;
        }
        return previousOutflow;
      }
      case 'init': {
        return addStock('init', input, build.number(0));
      }
      case 'trend_of': {
        const stock = `#trend${counter}(${owner})`;
        const average = build.reference(stock);
        const initialAverage = build.divide(
          input,
          build.add(build.number(1), build.multiply(initialArg ?? build.number(0), delayTime)),
        );
        addStock('trend', initialAverage, build.divide(build.subtract(input, average), delayTime));
        return build.call('safediv', [build.subtract(input, average), build.multiply(average, delayTime)]);
      }
      case 'delay_fixed': {
        const name = fresh('delay_fixed');
        const inputName = `${name}.input`;
        expansion.flows.push({ name: inputName, expression: input });
        expansion.delays.push({ name, inputName, delayTime, initial: initialArg ?? input });
        return build.reference(name);
      }
      default:
        return undefined;
    }
  });
}
