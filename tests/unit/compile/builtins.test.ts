import { describe, expect, it } from 'vitest';
import {
  binaryOperators,
  createLookupTable,
  delayBufferLength,
  emitDelayBufferLength,
  emitLookup,
  evaluateLookup,
  pureBuiltins,
  unaryOperators,
  type Clock,
  type PureBuiltin,
} from '../../../src/compile/builtins.js';
import { numberLiteral } from '../../../src/compile/generate-run-source.js';
import type { BinaryOperator } from '../../../src/model/expression.js';

/**
 * The pure built-ins against their definitions: each `evaluate` (the reference interpreter's meaning)
 * against the Vensim reference manual's equivalent equation, quoted in the test title, and each `emit`
 * (the generated code) against `evaluate`, value for value.
 */

const builtin = (name: string): PureBuiltin => {
  const found = pureBuiltins.get(name);
  if (found === undefined) throw new Error(`no built-in '${name}'`);
  return found;
};

/** Compile generated code as the engine does (`new Function` over generator output only). */
function compiled<Evaluate>(parameters: readonly string[], body: string): Evaluate {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function(...parameters, body) as Evaluate;
}

/** Run the code `emit` writes for `args` (as literals) at `clock`, with its bound temporaries, as the generated run function would. */
function runEmitted(name: string, args: readonly number[], clock: Clock): number {
  const prelude: string[] = [];
  const bind = (code: string): string => {
    const temporary = `t${prelude.length}`;
    prelude.push(`const ${temporary} = ${code};`);
    return temporary;
  };
  const code = builtin(name).emit(args.map(numberLiteral), bind);
  const evaluate = compiled<(time: number, dt: number) => number>(
    ['time', 'dt'],
    `${prelude.join('\n')}\nreturn ${code};`,
  );
  return evaluate(clock.time, clock.dt);
}

const evaluated = (name: string, args: readonly number[], clock: Clock = { time: 0, dt: 1 }): number =>
  builtin(name).evaluate(args, clock);

/** Times of a run from 0 to `stop` in steps of `dt`, as `start + step * dt` (the generated loop's clock). */
const grid = (dt: number, stop: number): number[] =>
  Array.from({ length: Math.round(stop / dt) + 1 }, (_, step) => step * dt);

describe('STEP(height, step time): Vensim "IF THEN ELSE(Time + TIME STEP/2 > step time, height, 0)"', () => {
  it('is 0 before the step time and height from it, when the step time is on the dt grid', () => {
    for (const time of grid(0.25, 5))
      expect(evaluated('step', [7, 2], { time, dt: 0.25 }), `time ${time}`).toBe(time >= 2 ? 7 : 0);
  });

  it('switches at the step whose time + dt/2 first passes a step time between grid points', () => {
    // 2.2 lies between 2 and 2.5 with dt = 0.5: 2 + 0.25 > 2.2, so the step is taken at time 2; 2.3 waits for 2.5.
    expect(evaluated('step', [1, 2.2], { time: 2, dt: 0.5 })).toBe(1);
    expect(evaluated('step', [1, 2.2], { time: 1.5, dt: 0.5 })).toBe(0);
    expect(evaluated('step', [1, 2.3], { time: 2, dt: 0.5 })).toBe(0);
    expect(evaluated('step', [1, 2.3], { time: 2.5, dt: 0.5 })).toBe(1);
  });

  it('takes the step although start + n dt rounds to just below the step time (0.1 + 0.2 < 0.3 is false in doubles)', () => {
    const time = 0.1 + 0.2 - 1e-16;
    expect(time < 0.3).toBe(true);
    expect(evaluated('step', [1, 0.3], { time, dt: 0.1 })).toBe(1);
  });

  it('STEP(10, 20) "is 0 till time 20, then 10" (the manual\'s example)', () => {
    expect(evaluated('step', [10, 20], { time: 19, dt: 1 })).toBe(0);
    expect(evaluated('step', [10, 20], { time: 20, dt: 1 })).toBe(10);
    expect(evaluated('step', [10, 20], { time: 300, dt: 1 })).toBe(10);
  });
});

describe('RAMP(slope, start, end): Vensim "IF THEN ELSE(Time > start, IF THEN ELSE(Time < end, slope*(Time - start), slope*(end - start)), 0)"', () => {
  it('RAMP(1, 10, 25) "is 0 till time 10, then a line to 15 at time 25, then 15 afterwards"', () => {
    for (const time of grid(0.5, 40)) {
      const expected = time <= 10 ? 0 : time < 25 ? time - 10 : 15;
      expect(evaluated('ramp', [1, 10, 25], { time, dt: 0.5 }), `time ${time}`).toBe(expected);
    }
  });

  it('compares Time itself, not Time + dt/2: it is still 0 at the start time', () => {
    expect(evaluated('ramp', [2, 3, 5], { time: 3, dt: 1 })).toBe(0);
    expect(evaluated('ramp', [2, 3, 5], { time: 4, dt: 1 })).toBe(2);
  });

  it('without an end time, rises for ever; a negative slope falls', () => {
    expect(evaluated('ramp', [2, 1], { time: 1001, dt: 1 })).toBe(2000);
    expect(evaluated('ramp', [-0.5, 0, 4], { time: 10, dt: 1 })).toBe(-2);
  });
});

describe('PULSE(start, width): Vensim "IF THEN ELSE(time plus > start :AND: time plus < start + width, 1, 0)", time plus = Time + TIME STEP/2', () => {
  it('is 1 from start for width time units, 0 at all other times', () => {
    for (const time of grid(0.25, 6))
      expect(evaluated('pulse', [2, 1.5], { time, dt: 0.25 }), `time ${time}`).toBe(time >= 2 && time < 3.5 ? 1 : 0);
  });

  it('"if width is passed as 0 it will be treated as though it were the current value of TIME STEP": one step long', () => {
    const ones = grid(0.5, 4).filter((time) => evaluated('pulse', [2, 0], { time, dt: 0.5 }) === 1);
    expect(ones).toEqual([2]);
  });
});

describe('impulse(volume, first, interval): XMILE PULSE, "volume/DT" for one DT at first and each interval after', () => {
  it('puts exactly volume into a stock it flows into, in the one step at first', () => {
    const dt = 0.125;
    const values = grid(dt, 10).map((time) => evaluated('impulse', [6, 3], { time, dt }));
    expect(values.filter((value) => value !== 0)).toEqual([6 / dt]);
    expect(values.indexOf(6 / dt) * dt).toBe(3);
    expect(values.reduce((total, value) => total + value * dt, 0)).toBe(6);
  });

  it('repeats every interval when the interval is positive; an interval of 0 gives a single pulse', () => {
    const firing = (interval: number): number[] =>
      grid(0.5, 10).filter((time) => evaluated('impulse', [1, 2, interval], { time, dt: 0.5 }) !== 0);
    expect(firing(3)).toEqual([2, 5, 8]);
    expect(firing(0)).toEqual([2]);
  });
});

describe('MIN, MAX, ABS, IF THEN ELSE, SAFEDIV and the math functions', () => {
  it('MIN and MAX take any number of arguments', () => {
    expect(evaluated('min', [3, -1, 2])).toBe(-1);
    expect(evaluated('max', [3, -1, 2, 8])).toBe(8);
    expect(evaluated('min', [4, 5])).toBe(4);
  });

  it('IF THEN ELSE(cond, a, b) takes any non-zero condition as true', () => {
    expect(evaluated('if_then_else', [1, 10, 20])).toBe(10);
    expect(evaluated('if_then_else', [-0.5, 10, 20])).toBe(10);
    expect(evaluated('if_then_else', [0, 10, 20])).toBe(20);
  });

  it('SAFEDIV(a, b, otherwise) gives otherwise (default 0) only when b is exactly 0', () => {
    expect(evaluated('safediv', [6, 3])).toBe(2);
    expect(evaluated('safediv', [6, 0])).toBe(0);
    expect(evaluated('safediv', [6, 0, -1])).toBe(-1);
    expect(evaluated('safediv', [6, 1e-300])).toBe(6e300);
  });

  it('log(x) is natural, log(x, base) takes a base, ln and log10 as named', () => {
    expect(evaluated('log', [Math.E])).toBe(1);
    expect(evaluated('log', [8, 2])).toBeCloseTo(3, 15);
    expect(evaluated('ln', [1])).toBe(0);
    expect(evaluated('log10', [1000])).toBe(3);
  });

  it('the one-argument math functions are those of JavaScript Math', () => {
    const cases: [string, number, number][] = [
      ['abs', -2.5, 2.5],
      ['exp', 0.7, Math.exp(0.7)],
      ['sqrt', 2, Math.SQRT2],
      ['floor', -1.5, -2],
      ['ceil', -1.5, -1],
      ['sin', 1, Math.sin(1)],
      ['cos', 1, Math.cos(1)],
      ['tan', 1, Math.tan(1)],
      ['asin', 0.5, Math.asin(0.5)],
      ['acos', 0.5, Math.acos(0.5)],
      ['atan', 2, Math.atan(2)],
    ];
    for (const [name, x, expected] of cases) expect(evaluated(name, [x]), name).toBe(expected);
    expect(evaluated('pow', [2, 10])).toBe(1024);
  });

  it('the clock is read only by step, ramp, pulse and impulse, so every other built-in of run constants is a run constant', () => {
    const clockReaders = [...pureBuiltins].filter(([, entry]) => entry.readsClock).map(([name]) => name);
    expect(clockReaders.sort()).toEqual(['impulse', 'pulse', 'ramp', 'step']);
  });
});

describe('emit(): the generated code means what evaluate() means', () => {
  const values = [0, -0, 1, -1, 2.5, -3.75, 0.1, 1e-300, 1e300, Infinity, -Infinity, NaN];
  const clocks: Clock[] = [
    { time: 0, dt: 1 },
    { time: 2, dt: 0.25 },
    { time: 2.25, dt: 0.25 },
    { time: 3.5, dt: 0.5 },
    { time: 2025, dt: 0.0625 },
  ];
  const argumentSets = (count: number): number[][] => {
    if (count === 0) return [[]];
    const shorter = argumentSets(count - 1);
    const picks = count > 2 ? [0, 1, -1, 2.5, NaN] : values;
    return shorter.flatMap((rest) => picks.map((value) => [value, ...rest]));
  };

  const arities: Record<string, number[]> = {
    min: [2, 3],
    max: [2, 3],
    log: [1, 2],
    pow: [2],
    if_then_else: [3],
    step: [2],
    ramp: [2, 3],
    pulse: [2],
    safediv: [2, 3],
    impulse: [2, 3],
  };

  it.each([...pureBuiltins.keys()])(
    '%s agrees with evaluate() on zeros, signs, extremes, infinities and NaN',
    (name) => {
      const mismatches: string[] = [];
      let compared = 0;
      for (const count of arities[name] ?? [1]) {
        for (const args of argumentSets(count)) {
          for (const clock of clocks) {
            const expected = evaluated(name, args, clock);
            const actual = runEmitted(name, args, clock);
            if (!Object.is(actual, expected))
              mismatches.push(`${name}(${args.join(', ')}) at time ${clock.time}: ${actual}, not ${expected}`);
            compared++;
          }
        }
      }
      expect(mismatches).toEqual([]);
      expect(compared).toBeGreaterThanOrEqual(values.length * clocks.length);
    },
  );

  it('binds an argument it writes twice, so a costly argument is computed once', () => {
    const bound: string[] = [];
    const code = builtin('ramp').emit(['(a * b)', 'c', 'd'], (text) => {
      bound.push(text);
      return `t${bound.length - 1}`;
    });
    expect(bound).toContain('(a * b)');
    expect(code).not.toContain('(a * b)');
  });
});

describe('the operators', () => {
  const pairs: [number, number][] = [
    [3, 2],
    [2, 3],
    [-7, 3],
    [7, -3],
    [2, 2],
    [0, 0],
    [0, 5],
    [NaN, 1],
    [Infinity, 2],
  ];

  it('comparisons and logic give 1 or 0, and any non-zero counts as true', () => {
    expect(binaryOperators.less.evaluate(1, 2)).toBe(1);
    expect(binaryOperators.greaterEqual.evaluate(2, 2)).toBe(1);
    expect(binaryOperators.equal.evaluate(0.1 + 0.2, 0.3)).toBe(0);
    expect(binaryOperators.and.evaluate(-2, 0.5)).toBe(1);
    expect(binaryOperators.and.evaluate(1, 0)).toBe(0);
    expect(binaryOperators.or.evaluate(0, -0)).toBe(0);
    expect(unaryOperators.not.evaluate(0)).toBe(1);
    expect(unaryOperators.not.evaluate(3)).toBe(0);
  });

  it('mod takes the sign of the divisor (a - b floor(a / b)), as Vensim MODULO and XMILE MOD do', () => {
    expect(binaryOperators.mod.evaluate(7, 3)).toBe(1);
    expect(binaryOperators.mod.evaluate(-7, 3)).toBe(2);
    expect(binaryOperators.mod.evaluate(7, -3)).toBe(-2);
    expect(binaryOperators.mod.evaluate(5.5, 2)).toBe(1.5);
  });

  it.each(Object.keys(binaryOperators) as BinaryOperator[])('%s: emit() computes what evaluate() does', (operator) => {
    for (const [a, b] of pairs) {
      const prelude: string[] = [];
      const code = binaryOperators[operator].emit(numberLiteral(a), numberLiteral(b), (text) => {
        prelude.push(`const t${prelude.length} = ${text};`);
        return `t${prelude.length - 1}`;
      });
      const value = compiled<() => number>([], `${prelude.join('\n')}\nreturn ${code};`)();
      expect(Object.is(value, binaryOperators[operator].evaluate(a, b)), `${a} ${operator} ${b}`).toBe(true);
    }
  });

  it('negate and not: emit() computes what evaluate() does', () => {
    for (const value of [0, -0, 2, -3, NaN]) {
      for (const operator of ['negate', 'not'] as const) {
        const emitted = compiled<() => number>([], `return ${unaryOperators[operator].emit(numberLiteral(value))};`)();
        expect(Object.is(emitted, unaryOperators[operator].evaluate(value)), `${operator} ${value}`).toBe(true);
      }
    }
  });
});

describe('lookups: Vensim "linear interpolation", and "Lookups in Vensim will always hold the first or last value when the input goes outside the range"', () => {
  const table = createLookupTable([0, 1, 2], [0, 2, 3]);
  const emitted = (lookup: ReturnType<typeof createLookupTable>, x: number): number => {
    return compiled<(x: number) => number>(['x'], `return ${emitLookup(lookup, 'x', numberLiteral)};`)(x);
  };

  it("((0,0),(1,2),(2,3)) gives 1.34, 2 and 2.7 at 0.67, 1 and 1.7 (the manual's example), 0 below 0 and 3 above 2", () => {
    expect(evaluateLookup(table, 0.67)).toBeCloseTo(1.34, 14);
    expect(evaluateLookup(table, 1)).toBe(2);
    expect(evaluateLookup(table, 1.7)).toBeCloseTo(2.7, 14);
    expect(evaluateLookup(table, -5)).toBe(0);
    expect(evaluateLookup(table, 2)).toBe(3);
    expect(evaluateLookup(table, 1e9)).toBe(3);
    expect(evaluateLookup(table, -Infinity)).toBe(0);
    expect(evaluateLookup(table, Infinity)).toBe(3);
  });

  it('passes through every point and is NaN for a NaN input', () => {
    const xs = [-2, -0.5, 0, 1.25, 4, 10];
    const ys = [5, -1, 0, 8, 8, -3];
    const lookup = createLookupTable(xs, ys);
    xs.forEach((x, index) => expect(evaluateLookup(lookup, x)).toBe(ys[index]));
    expect(evaluateLookup(lookup, NaN)).toBeNaN();
  });

  it('createLookupTable() precomputes the slope of each segment', () => {
    expect(Array.from(table.slopes)).toEqual([2, 1]);
    expect(Array.from(createLookupTable([1], [4]).slopes)).toEqual([]);
  });

  it('emitLookup() writes inline code that equals evaluateLookup() everywhere, for tables of 1 to 9 points', () => {
    const mismatches: string[] = [];
    for (let pointCount = 1; pointCount <= 9; pointCount++) {
      const xs = Array.from({ length: pointCount }, (_, index) => index * 1.5 - 3);
      const ys = xs.map((x, index) => Math.sin(x) * 10 + index);
      const lookup = createLookupTable(xs, ys);
      for (let x = -5; x <= 12; x += 0.125) {
        if (emitted(lookup, x) !== evaluateLookup(lookup, x)) mismatches.push(`${pointCount} points at ${x}`);
      }
      expect(emitted(lookup, NaN)).toBeNaN();
    }
    expect(mismatches).toEqual([]);
  });

  it('emitLookup() is a balanced tree of comparisons: 64 points need at most 7 comparisons deep, and no loop or call', () => {
    const xs = Array.from({ length: 64 }, (_, index) => index);
    const code = emitLookup(createLookupTable(xs, xs), 'x', numberLiteral);
    expect(code).not.toMatch(/\bfor\b|\bwhile\b|\w\(/);
    let depth = 0;
    let deepest = 0;
    for (const char of code) {
      if (char === '?') deepest = Math.max(deepest, ++depth);
      if (char === ':') depth--;
    }
    expect(deepest).toBeLessThanOrEqual(8);
  });
});

describe('DELAY FIXED buffer length: Vensim "the minimum delay time is TIME STEP"', () => {
  it('is the delay in whole steps, at least one step', () => {
    expect(delayBufferLength(1.5, 0.25, 100)).toBe(6);
    expect(delayBufferLength(0.1, 0.25, 100)).toBe(1);
    expect(delayBufferLength(0, 0.25, 100)).toBe(1);
  });

  it('is at most the step count plus one (a longer delay only ever gives its initial value)', () => {
    expect(delayBufferLength(1e12, 1, 40)).toBe(41);
  });

  it('is undefined for a negative or NaN delay time, and emitDelayBufferLength() writes 0 for that', () => {
    expect(delayBufferLength(-1, 0.25, 100)).toBeUndefined();
    expect(delayBufferLength(NaN, 0.25, 100)).toBeUndefined();
    for (const [delayTime, dt] of [
      [1.5, 0.25],
      [0.1, 0.25],
      [1e12, 1],
      [-1, 0.25],
      [NaN, 0.5],
    ] as const) {
      const length = compiled<(delayTime: number, dt: number) => number>(
        ['delayTime', 'dt'],
        `return ${emitDelayBufferLength('delayTime', 40)};`,
      )(delayTime, dt);
      expect(length, `${delayTime} / ${dt}`).toBe(delayBufferLength(delayTime, dt, 40) ?? 0);
    }
  });
});
