import type { BinaryOperator, UnaryOperator } from '../model/expression.js';

/** The clock a built-in may read. */
export interface Clock {
  time: number;
  dt: number;
}

/**
 * One pure built-in, defined once: `evaluate` is its meaning (used by the constant folder and the
 * reference interpreter) and `emit` writes the same arithmetic as JavaScript for the generated run
 * function, where `time` and `dt` are locals. `bind` names an argument that `emit` uses twice, so it
 * is computed once.
 */
export interface PureBuiltin {
  readsClock: boolean;
  evaluate(args: readonly number[], clock: Clock): number;
  emit(args: readonly string[], bind: (code: string) => string): string;
}

const math1 = (fn: (x: number) => number, js: string): PureBuiltin => ({
  readsClock: false,
  evaluate: (args) => fn(args[0] ?? NaN),
  emit: (args) => `${js}(${args[0]})`,
});

/**
 * Pure built-ins with Vensim's meaning. `step`, `pulse` compare `time + dt/2` with the switch time, as
 * Vensim and SDEverywhere do: the same as `time >= t0` when t0 lies on the dt grid, and immune to
 * rounding in `start + step * dt` when it does not. `pulse` with width 0 lasts one dt.
 */
export const pureBuiltins: ReadonlyMap<string, PureBuiltin> = new Map<string, PureBuiltin>([
  ['min', { readsClock: false, evaluate: (args) => Math.min(...args), emit: (args) => `Math.min(${args.join(', ')})` }],
  ['max', { readsClock: false, evaluate: (args) => Math.max(...args), emit: (args) => `Math.max(${args.join(', ')})` }],
  ['abs', math1(Math.abs, 'Math.abs')],
  ['exp', math1(Math.exp, 'Math.exp')],
  ['ln', math1(Math.log, 'Math.log')],
  ['log10', math1(Math.log10, 'Math.log10')],
  ['sqrt', math1(Math.sqrt, 'Math.sqrt')],
  ['floor', math1(Math.floor, 'Math.floor')],
  ['ceil', math1(Math.ceil, 'Math.ceil')],
  ['sin', math1(Math.sin, 'Math.sin')],
  ['cos', math1(Math.cos, 'Math.cos')],
  ['tan', math1(Math.tan, 'Math.tan')],
  ['asin', math1(Math.asin, 'Math.asin')],
  ['acos', math1(Math.acos, 'Math.acos')],
  ['atan', math1(Math.atan, 'Math.atan')],
  [
    'log',
    {
      readsClock: false,
      evaluate: (args) => (args.length === 2 ? Math.log(args[0] ?? NaN) / Math.log(args[1] ?? NaN) : Math.log(args[0] ?? NaN)),
      emit: (args) => (args.length === 2 ? `(Math.log(${args[0]}) / Math.log(${args[1]}))` : `Math.log(${args[0]})`),
    },
  ],
  ['pow', { readsClock: false, evaluate: (args) => Math.pow(args[0] ?? NaN, args[1] ?? NaN), emit: (args) => `Math.pow(${args[0]}, ${args[1]})` }],
  [
    'if_then_else',
    {
      readsClock: false,
      evaluate: (args) => (args[0] !== 0 ? (args[1] ?? NaN) : (args[2] ?? NaN)),
      emit: (args) => `(${args[0]} !== 0 ? ${args[1]} : ${args[2]})`,
    },
  ],
  [
    'step',
    {
      readsClock: true,
      evaluate: ([height = NaN, start = NaN], clock) => (clock.time + clock.dt / 2 > start ? height : 0),
      emit: ([height, start]) => `(time + dt * 0.5 > ${start} ? ${height} : 0)`,
    },
  ],
  [
    'ramp',
    {
      readsClock: true,
      evaluate: ([slope = NaN, start = NaN, end = Infinity], clock) =>
        clock.time > start ? (clock.time < end ? slope * (clock.time - start) : slope * (end - start)) : 0,
      emit: (args, bind) => {
        const slope = bind(args[0] ?? 'NaN');
        const start = bind(args[1] ?? 'NaN');
        const end = bind(args[2] ?? 'Infinity');
        return `(time > ${start} ? (time < ${end} ? ${slope} * (time - ${start}) : ${slope} * (${end} - ${start})) : 0)`;
      },
    },
  ],
  [
    'pulse',
    {
      readsClock: true,
      evaluate: ([start = NaN, width = NaN], clock) => {
        const middle = clock.time + clock.dt / 2;
        return middle > start && middle < start + (width === 0 ? clock.dt : width) ? 1 : 0;
      },
      emit: (args, bind) => {
        const start = bind(args[0] ?? 'NaN');
        const width = bind(args[1] ?? 'NaN');
        return `(time + dt * 0.5 > ${start} && time + dt * 0.5 < ${start} + (${width} === 0 ? dt : ${width}) ? 1 : 0)`;
      },
    },
  ],
]);

/** Meaning of the binary operators; comparisons and logic give 1 or 0, and any non-zero is true. */
export const binaryOperators: Record<BinaryOperator, { evaluate(a: number, b: number): number; emit(a: string, b: string): string }> = {
  add: { evaluate: (a, b) => a + b, emit: (a, b) => `(${a} + ${b})` },
  subtract: { evaluate: (a, b) => a - b, emit: (a, b) => `(${a} - ${b})` },
  multiply: { evaluate: (a, b) => a * b, emit: (a, b) => `(${a} * ${b})` },
  divide: { evaluate: (a, b) => a / b, emit: (a, b) => `(${a} / ${b})` },
  pow: { evaluate: (a, b) => Math.pow(a, b), emit: (a, b) => `Math.pow(${a}, ${b})` },
  mod: { evaluate: (a, b) => a - b * Math.floor(a / b), emit: (a, b) => `(${a} - ${b} * Math.floor(${a} / ${b}))` },
  less: { evaluate: (a, b) => (a < b ? 1 : 0), emit: (a, b) => `(${a} < ${b} ? 1 : 0)` },
  lessEqual: { evaluate: (a, b) => (a <= b ? 1 : 0), emit: (a, b) => `(${a} <= ${b} ? 1 : 0)` },
  greater: { evaluate: (a, b) => (a > b ? 1 : 0), emit: (a, b) => `(${a} > ${b} ? 1 : 0)` },
  greaterEqual: { evaluate: (a, b) => (a >= b ? 1 : 0), emit: (a, b) => `(${a} >= ${b} ? 1 : 0)` },
  equal: { evaluate: (a, b) => (a === b ? 1 : 0), emit: (a, b) => `(${a} === ${b} ? 1 : 0)` },
  unequal: { evaluate: (a, b) => (a !== b ? 1 : 0), emit: (a, b) => `(${a} !== ${b} ? 1 : 0)` },
  and: { evaluate: (a, b) => (a !== 0 && b !== 0 ? 1 : 0), emit: (a, b) => `(${a} !== 0 && ${b} !== 0 ? 1 : 0)` },
  or: { evaluate: (a, b) => (a !== 0 || b !== 0 ? 1 : 0), emit: (a, b) => `(${a} !== 0 || ${b} !== 0 ? 1 : 0)` },
};

export const unaryOperators: Record<UnaryOperator, { evaluate(a: number): number; emit(a: string): string }> = {
  negate: { evaluate: (a) => -a, emit: (a) => `(-${a})` },
  not: { evaluate: (a) => (a === 0 ? 1 : 0), emit: (a) => `(${a} === 0 ? 1 : 0)` },
};

/** Named constants of the equation language. */
export const namedConstants: ReadonlyMap<string, number> = new Map([
  ['pi', Math.PI],
  ['e', Math.E],
]);

/** A lookup table prepared for evaluation: slopes precomputed, clamped outside [xs[0], xs[last]]. */
export interface LookupTable {
  xs: Float64Array;
  ys: Float64Array;
  slopes: Float64Array;
}

export function createLookupTable(xs: readonly number[], ys: readonly number[]): LookupTable {
  const slopes = new Float64Array(Math.max(0, xs.length - 1));
  for (let index = 0; index + 1 < xs.length; index++) {
    slopes[index] = ((ys[index + 1] ?? 0) - (ys[index] ?? 0)) / ((xs[index + 1] ?? 0) - (xs[index] ?? 0));
  }
  return { xs: Float64Array.from(xs), ys: Float64Array.from(ys), slopes };
}

/** Piecewise-linear interpolation, clamped at the ends: the meaning the generated inline code copies. */
export function evaluateLookup(table: LookupTable, x: number): number {
  const last = table.xs.length - 1;
  if (!(x > table.xs[0]!)) return x === x ? table.ys[0]! : NaN;
  if (x >= table.xs[last]!) return table.ys[last]!;
  let index = 0;
  while (x >= table.xs[index + 1]!) index++;
  return table.ys[index]! + (x - table.xs[index]!) * table.slopes[index]!;
}

/** Emit `evaluateLookup` for one table as inline code: a balanced tree of comparisons over constants. */
export function emitLookup(table: LookupTable, x: string, literal: (value: number) => string): string {
  const last = table.xs.length - 1;
  const segment = (low: number, high: number): string => {
    if (low === high) return `(${literal(table.ys[low]!)} + (${x} - ${literal(table.xs[low]!)}) * ${literal(table.slopes[low]!)})`;
    const middle = (low + high + 1) >> 1;
    return `(${x} < ${literal(table.xs[middle]!)} ? ${segment(low, middle - 1)} : ${segment(middle, high)})`;
  };
  if (last === 0) return `(${x} === ${x} ? ${literal(table.ys[0]!)} : NaN)`;
  const inside = segment(0, last - 1);
  return `(${x} > ${literal(table.xs[0]!)} ? (${x} >= ${literal(table.xs[last]!)} ? ${literal(table.ys[last]!)} : ${inside}) : (${x} === ${x} ? ${literal(table.ys[0]!)} : NaN))`;
}
