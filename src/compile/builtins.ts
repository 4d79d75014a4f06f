import type { BinaryOperator, UnaryOperator } from '../model/expression.js';

/** The clock a built-in may read. */
export interface Clock {
  time: number;
  dt: number;
}

/**
 * One pure built-in, defined once: `evaluate` is its meaning (used by the reference interpreter)
 * and `emit` writes the same arithmetic as JavaScript for the generated run
 * function, where `time` and `dt` are locals. `bind` names an argument that `emit` uses twice, so it
 * is computed once.
 */
export interface PureBuiltin {
  readsClock: boolean;
  evaluate(args: readonly number[], clock: Clock): number;
  emit(args: readonly string[], bind: (code: string) => string): string;
}

const mathFunction = (meaning: (x: number) => number, jsName: string): PureBuiltin => ({
  readsClock: false,
  evaluate: (args) => meaning(args[0] ?? NaN),
  emit: (args) => `${jsName}(${args[0]})`,
});

/**
 * Pure built-ins with Vensim's meaning. `step`, `pulse` compare `time + dt/2` with the switch time, as
 * Vensim and SDEverywhere do: the same as `time >= t0` when t0 lies on the dt grid, and immune to
 * rounding in `start + step * dt` when it does not. `pulse` with width 0 lasts one dt.
 * `impulse` is XMILE's PULSE(volume, first, interval): `volume / dt` for the one step whose
 * `time + dt/2` has just passed `first` (and each `interval` after it, when positive), so a stock it
 * flows into gains exactly `volume`. `safediv` is XMILE's SAFEDIV: `otherwise` (default 0) when the
 * divisor is exactly 0.
 */
export const pureBuiltins: ReadonlyMap<string, PureBuiltin> = new Map<string, PureBuiltin>([
  ['min', { readsClock: false, evaluate: (args) => Math.min(...args), emit: (args) => `Math.min(${args.join(', ')})` }],
  ['max', { readsClock: false, evaluate: (args) => Math.max(...args), emit: (args) => `Math.max(${args.join(', ')})` }],
  ['abs', mathFunction(Math.abs, 'Math.abs')],
  ['exp', mathFunction(Math.exp, 'Math.exp')],
  ['ln', mathFunction(Math.log, 'Math.log')],
  ['log10', mathFunction(Math.log10, 'Math.log10')],
  ['sqrt', mathFunction(Math.sqrt, 'Math.sqrt')],
  ['floor', mathFunction(Math.floor, 'Math.floor')],
  ['trunc', mathFunction(Math.trunc, 'Math.trunc')],
  [
    'remainder',
    {
      readsClock: false,
      evaluate: (args) => (args[0] ?? NaN) % (args[1] ?? NaN),
      emit: (args) => `(${args[0]} % ${args[1]})`,
    },
  ],
  ['ceil', mathFunction(Math.ceil, 'Math.ceil')],
  ['sin', mathFunction(Math.sin, 'Math.sin')],
  ['cos', mathFunction(Math.cos, 'Math.cos')],
  ['tan', mathFunction(Math.tan, 'Math.tan')],
  ['asin', mathFunction(Math.asin, 'Math.asin')],
  ['acos', mathFunction(Math.acos, 'Math.acos')],
  ['atan', mathFunction(Math.atan, 'Math.atan')],
  ['sinh', mathFunction(Math.sinh, 'Math.sinh')],
  ['cosh', mathFunction(Math.cosh, 'Math.cosh')],
  ['tanh', mathFunction(Math.tanh, 'Math.tanh')],
  [
    'log',
    {
      readsClock: false,
      evaluate: (args) =>
        args.length === 2 ? Math.log(args[0] ?? NaN) / Math.log(args[1] ?? NaN) : Math.log(args[0] ?? NaN),
      emit: (args) => (args.length === 2 ? `(Math.log(${args[0]}) / Math.log(${args[1]}))` : `Math.log(${args[0]})`),
    },
  ],
  [
    'pow',
    {
      readsClock: false,
      evaluate: (args) => Math.pow(args[0] ?? NaN, args[1] ?? NaN),
      emit: (args) => `Math.pow(${args[0]}, ${args[1]})`,
    },
  ],
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
  [
    'safediv',
    {
      readsClock: false,
      evaluate: ([numerator = NaN, denominator = NaN, otherwise = 0]) =>
        denominator === 0 ? otherwise : numerator / denominator,
      emit: (args, bind) => {
        const denominator = bind(args[1] ?? 'NaN');
        return `(${denominator} === 0 ? ${args[2] ?? '0'} : ${args[0]} / ${denominator})`;
      },
    },
  ],
  [
    'impulse',
    {
      readsClock: true,
      evaluate: ([volume = NaN, first = NaN, interval = 0], clock) => {
        const since = clock.time - first + clock.dt / 2;
        const phase = interval > 0 ? since - interval * Math.floor(since / interval) : since;
        return since > 0 && phase < clock.dt ? volume / clock.dt : 0;
      },
      emit: (args, bind) => {
        const since = bind(`(time - ${args[1] ?? 'NaN'} + dt * 0.5)`);
        const interval = bind(args[2] ?? '0');
        const phase = bind(
          `(${interval} > 0 ? ${since} - ${interval} * Math.floor(${since} / ${interval}) : ${since})`,
        );
        return `(${since} > 0 && ${phase} < dt ? ${args[0]} / dt : 0)`;
      },
    },
  ],
]);

/**
 * Meaning of the binary operators; comparisons and logic give 1 or 0, and any non-zero is true.
 * `emit` gets `bind` for operands it writes twice, so nested uses do not double the code.
 */
export const binaryOperators: Record<
  BinaryOperator,
  { evaluate(a: number, b: number): number; emit(a: string, b: string, bind: (code: string) => string): string }
> = {
  add: { evaluate: (a, b) => a + b, emit: (a, b) => `(${a} + ${b})` },
  subtract: { evaluate: (a, b) => a - b, emit: (a, b) => `(${a} - ${b})` },
  multiply: { evaluate: (a, b) => a * b, emit: (a, b) => `(${a} * ${b})` },
  divide: { evaluate: (a, b) => a / b, emit: (a, b) => `(${a} / ${b})` },
  pow: { evaluate: (a, b) => Math.pow(a, b), emit: (a, b) => `Math.pow(${a}, ${b})` },
  mod: {
    evaluate: (a, b) => a - b * Math.floor(a / b),
    emit: (a, b, bind) => {
      const dividend = bind(a);
      const divisor = bind(b);
      return `(${dividend} - ${divisor} * Math.floor(${dividend} / ${divisor}))`;
    },
  },
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

export { namedConstants } from '../model/builtin-signatures.js';

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
    if (low === high)
      return `(${literal(table.ys[low]!)} + (${x} - ${literal(table.xs[low]!)}) * ${literal(table.slopes[low]!)})`;
    const middle = (low + high + 1) >> 1;
    return `(${x} < ${literal(table.xs[middle]!)} ? ${segment(low, middle - 1)} : ${segment(middle, high)})`;
  };
  if (last === 0) return `(${x} === ${x} ? ${literal(table.ys[0]!)} : NaN)`;
  const inside = segment(0, last - 1);
  return `(${x} > ${literal(table.xs[0]!)} ? (${x} >= ${literal(table.xs[last]!)} ? ${literal(table.ys[last]!)} : ${inside}) : (${x} === ${x} ? ${literal(table.ys[0]!)} : NaN))`;
}

/**
 * Length of a `delay_fixed` ring buffer: the delay in whole steps, at least 1, and at most the run's
 * step count plus one (a longer delay only ever returns its initial value, so the result is the same).
 * Undefined when the delay time is negative or NaN: the delayed value is then NaN at the start (so the run
 * is reported as failed there), after which a one-step buffer passes the input on.
 */
export function delayBufferLength(delayTime: number, dt: number, stepCount: number): number | undefined {
  const steps = delayTime / dt;
  return steps >= 0 ? Math.min(stepCount + 1, Math.max(1, Math.round(steps))) : undefined;
}

/** `delayBufferLength` as inline code over `delayTime` (a bound name); 0 stands for undefined. */
export function emitDelayBufferLength(delayTime: string, stepCount: number): string {
  return `(${delayTime} / dt >= 0 ? Math.min(${stepCount + 1}, Math.max(1, Math.round(${delayTime} / dt))) : 0)`;
}
