import { describe, expect, it } from 'vitest';
import { expandStateful, type Expansion } from '../../../src/compile/expand-stateful.js';
import { formatExpression, type Expression } from '../../../src/model/expression.js';
import { parseEquation } from '../../../src/model/parse-equation.js';
import { simulateInline } from '../../helpers/inline-model.js';

/**
 * expandStateful() turns each smooth and delay call into the stocks of its Vensim definition (the
 * reference manual's "equivalent to the equations"), quoted in each title. The structure is checked as
 * equation text; the numbers by running the call against the same INTEG equations written out by hand.
 */

const parsed = (text: string): Expression => {
  const result = parseEquation(text);
  if (!result.ok) throw new Error(`does not parse: ${text}`);
  return result.expression;
};

interface Expanded {
  value: string;
  stocks: { name: string; initial: string; flow: string }[];
  delays: { name: string; input: string; delayTime: string; initial: string }[];
}

/** Expand one equation of `owner` and print what it became as equation text. */
function expand(equation: string, owner = 'y'): Expanded {
  const expansion: Expansion = { stocks: [], flows: [], delays: [] };
  const value = expandStateful(owner, parsed(equation), expansion);
  const flowOf = new Map(expansion.flows.map((flow) => [flow.name, formatExpression(flow.expression)]));
  return {
    value: formatExpression(value),
    stocks: expansion.stocks.map((stock) => ({
      name: stock.name,
      initial: formatExpression(stock.initial),
      flow: flowOf.get(stock.flowName) ?? 'missing',
    })),
    delays: expansion.delays.map((delay) => ({
      name: delay.name,
      input: flowOf.get(delay.inputName) ?? 'missing',
      delayTime: formatExpression(delay.delayTime),
      initial: formatExpression(delay.initial),
    })),
  };
}

const clock = 'time: { start: 0, stop: 12, dt: 0.125, save_every: 0.5 }';
/** An input that moves: a step, a ramp and a pulse, so every stage of a cascade is exercised. */
const movingInput = ['  x: "5 + step(3, 2) + ramp(0.5, 4, 8) - 2 * pulse(9, 1)"'];

describe('expandStateful() structure', () => {
  it('SMOOTH: "SMOOTH = INTEG((input - SMOOTH) / delay time, input)", one hidden stock', () => {
    expect(expand('smooth(x, T)')).toEqual({
      value: '#smooth0(y)',
      stocks: [{ name: '#smooth0(y)', initial: 'x', flow: '((x - #smooth0(y)) / T)' }],
      delays: [],
    });
  });

  it('SMOOTHI: "INTEG((input - SMOOTHI) / delay time, initial value)", the third argument is the initial value', () => {
    expect(expand('smooth(x, T, 4)').stocks).toEqual([
      { name: '#smooth0(y)', initial: '4', flow: '((x - #smooth0(y)) / T)' },
    ]);
  });

  it('SMOOTH3: three stocks in cascade, each adjusting over DL = delay time / 3, all starting at the input', () => {
    const { value, stocks } = expand('smooth3(x, T)');
    expect(stocks.map((stock) => stock.initial)).toEqual(['x', 'x', 'x']);
    expect(stocks.map((stock) => stock.flow)).toEqual([
      `((x - ${stocks[0]!.name}) / (T / 3))`,
      `((${stocks[0]!.name} - ${stocks[1]!.name}) / (T / 3))`,
      `((${stocks[1]!.name} - ${stocks[2]!.name}) / (T / 3))`,
    ]);
    expect(value).toBe(stocks[2]!.name);
  });

  it('DELAY1: the output is LV / delay time, LV = INTEG(input - output, input * delay time)', () => {
    expect(expand('delay1(x, T)')).toEqual({
      value: '(#delay1_0(y) / T)',
      stocks: [{ name: '#delay1_0(y)', initial: '(x * T)', flow: '(x - (#delay1_0(y) / T))' }],
      delays: [],
    });
    expect(expand('delay1(x, T, 2)').stocks[0]!.initial).toBe('(2 * T)');
  });

  it('DELAY3: "DELAY3 = LV3/DL, LV3 = INTEG(RT2 - DELAY3, DL*input), RT2 = LV2/DL, ..., DL = delay time/3"', () => {
    const { value, stocks } = expand('delay3(x, T)');
    const [first, second, third] = stocks.map((stock) => stock.name);
    expect(stocks.map((stock) => stock.initial)).toEqual(['(x * (T / 3))', '(x * (T / 3))', '(x * (T / 3))']);
    expect(stocks.map((stock) => stock.flow)).toEqual([
      `(x - (${first} / (T / 3)))`,
      `((${first} / (T / 3)) - (${second} / (T / 3)))`,
      `((${second} / (T / 3)) - (${third} / (T / 3)))`,
    ]);
    expect(value).toBe(`(${third} / (T / 3))`);
  });

  it('DELAY FIXED: a ring buffer of the input, its initial value the input unless given', () => {
    expect(expand('delay_fixed(x * 2, T)')).toEqual({
      value: '#delay_fixed0(y)',
      stocks: [],
      delays: [{ name: '#delay_fixed0(y)', input: '(x * 2)', delayTime: 'T', initial: '(x * 2)' }],
    });
    expect(expand('delay_fixed(x, T, 0)').delays[0]!.initial).toBe('0');
  });

  it('INIT(x): a stock that starts at x and never changes', () => {
    expect(expand('init(x)').stocks).toEqual([{ name: '#init0(y)', initial: 'x', flow: '0' }]);
  });

  it('TREND: average S = SMOOTH(x, T) from x / (1 + g0 T); value (x - S) / (S T), 0 where S T is 0', () => {
    const { value, stocks } = expand('trend_of(x, T, g)');
    expect(stocks).toEqual([{ name: '#trend0(y)', initial: '(x / (1 + (g * T)))', flow: '((x - #trend0(y)) / T)' }]);
    expect(value).toBe('safediv((x - #trend0(y)), (#trend0(y) * T))');
  });

  it('expands nested calls inside out, each with its own hidden names, and leaves pure built-ins alone', () => {
    const { value, stocks } = expand('max(smooth(delay1(x, 2), 3), 0) + smooth(x, 4)');
    expect(stocks.map((stock) => stock.name)).toEqual(['#delay1_0(y)', '#smooth1(y)', '#smooth2(y)']);
    expect(stocks[1]!.flow).toBe('(((#delay1_0(y) / 2) - #smooth1(y)) / 3)');
    expect(value).toBe('(max(#smooth1(y), 0) + #smooth2(y))');
  });

  it('names every hidden variable with #, which no model name can start with, and with its owner', () => {
    const { stocks, delays } = expand('smooth3(x, 1) + delay3(x, 1) + delay_fixed(x, 1)', 'sales_forecast');
    const names = [...stocks.map((stock) => stock.name), ...delays.map((delay) => delay.name)];
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^#\w+\(sales_forecast\)$/);
  });

  it('returns an expression without stateful calls unchanged and adds nothing', () => {
    expect(expand('min(x, 3) * step(1, 2)')).toEqual({ value: '(min(x, 3) * step(1, 2))', stocks: [], delays: [] });
  });
});

describe('expandStateful() numbers equal the INTEG equations of the Vensim definitions, written out by hand', () => {
  interface HandWritten {
    stocks: string[];
    flows: string[];
    auxiliaries?: string[];
    /** The hand-written equation of what the call returns. */
    output: string;
  }

  /** Run `call` and its hand-written equivalent side by side in one model; they must agree bit for bit. */
  const expectSameRun = (call: string, hand: HandWritten, method: 'euler' | 'rk4'): void => {
    const { times, series } = simulateInline(
      [
        clock,
        'parameters:',
        '  T: 2.5',
        '  g: 0.1',
        'stocks:',
        ...hand.stocks.map((line) => `  ${line}`),
        'flows:',
        ...hand.flows.map((line) => `  ${line}`),
        'auxiliaries:',
        ...movingInput,
        '  DL: T / 3',
        ...(hand.auxiliaries ?? []).map((line) => `  ${line}`),
        `  builtin: "${call}"`,
        `  by_hand: "${hand.output}"`,
      ],
      { method, hoistReciprocals: false },
    );
    expect(times).toHaveLength(25);
    expect(series['builtin']).toEqual(series['by_hand']);
    expect(new Set(series['builtin']).size, 'the output moves').toBeGreaterThan(10);
  };

  it.each(['euler', 'rk4'] as const)('SMOOTH(x, T) and SMOOTHI(x, T, 1) (%s)', (method) => {
    expectSameRun(
      'smooth(x, T)',
      { stocks: ['S: { initial: x, inflows: [adjust] }'], flows: ['adjust: (x - S) / T'], output: 'S' },
      method,
    );
    expectSameRun(
      'smooth(x, T, 1)',
      { stocks: ['S: { initial: 1, inflows: [adjust] }'], flows: ['adjust: (x - S) / T'], output: 'S' },
      method,
    );
  });

  it.each(['euler', 'rk4'] as const)('SMOOTH3(x, T): LV1, LV2 and SMOOTH3 adjusting over DL = T/3 (%s)', (method) => {
    expectSameRun(
      'smooth3(x, T)',
      {
        stocks: [
          'LV1: { initial: x, inflows: [a1] }',
          'LV2: { initial: x, inflows: [a2] }',
          'S3: { initial: x, inflows: [a3] }',
        ],
        flows: ['a1: (x - LV1) / DL', 'a2: (LV1 - LV2) / DL', 'a3: (LV2 - S3) / DL'],
        output: 'S3',
      },
      method,
    );
  });

  it.each(['euler', 'rk4'] as const)('DELAY1(x, T) and DELAY1I(x, T, 2) (%s)', (method) => {
    for (const [call, initial] of [
      ['delay1(x, T)', 'x'],
      ['delay1(x, T, 2)', '2'],
    ] as const) {
      expectSameRun(
        call,
        {
          stocks: [`LV: { initial: ${initial} * T, inflows: [input], outflows: [output] }`],
          flows: ['input: x', 'output: LV / T'],
          output: 'output',
        },
        method,
      );
    }
  });

  it.each(['euler', 'rk4'] as const)('DELAY3(x, T): LV1, LV2, LV3 each starting at DL * input (%s)', (method) => {
    expectSameRun(
      'delay3(x, T)',
      {
        stocks: [
          'LV1: { initial: x * DL, inflows: [input], outflows: [RT1] }',
          'LV2: { initial: x * DL, inflows: [RT1], outflows: [RT2] }',
          'LV3: { initial: x * DL, inflows: [RT2], outflows: [D3] }',
        ],
        flows: ['input: x', 'RT1: LV1 / DL', 'RT2: LV2 / DL', 'D3: LV3 / DL'],
        output: 'D3',
      },
      method,
    );
  });

  it.each(['euler', 'rk4'] as const)(
    'TREND(x, T, g): (x - A) / (A T) with A = SMOOTHI(x, T, x / (1 + g T)) (%s)',
    (method) => {
      expectSameRun(
        'trend_of(x, T, g)',
        {
          stocks: ['A: { initial: x / (1 + g * T), inflows: [adjust] }'],
          flows: ['adjust: (x - A) / T'],
          output: '(x - A) / (A * T)',
        },
        method,
      );
    },
  );
});
