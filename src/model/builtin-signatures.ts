/** How many arguments a built-in takes, and what it is, for validation and `describe`. */
export interface BuiltinSignature {
  name: string;
  minArgs: number;
  maxArgs: number;
  /** Stateful built-ins are expanded by the compiler into hidden stocks or a ring buffer. */
  stateful: boolean;
  usage: string;
}

const signature = (
  name: string,
  minArgs: number,
  maxArgs: number,
  usage: string,
  stateful = false,
): BuiltinSignature => ({
  name,
  minArgs,
  maxArgs,
  stateful,
  usage,
});

/** Every built-in function of the equation language. */
export const builtinSignatures: ReadonlyMap<string, BuiltinSignature> = new Map(
  [
    signature('min', 2, Infinity, 'min(a, b, ...)'),
    signature('max', 2, Infinity, 'max(a, b, ...)'),
    signature('abs', 1, 1, 'abs(x)'),
    signature('exp', 1, 1, 'exp(x)'),
    signature('log', 1, 2, 'log(x) natural, log(x, base)'),
    signature('ln', 1, 1, 'ln(x)'),
    signature('log10', 1, 1, 'log10(x)'),
    signature('sqrt', 1, 1, 'sqrt(x)'),
    signature('pow', 2, 2, 'pow(x, y)'),
    signature('floor', 1, 1, 'floor(x)'),
    signature('trunc', 1, 1, 'trunc(x), toward 0 (Vensim INTEGER)'),
    signature('remainder', 2, 2, 'remainder(a, b), with the sign of a (Vensim MODULO)'),
    signature('ceil', 1, 1, 'ceil(x)'),
    signature('sin', 1, 1, 'sin(x)'),
    signature('cos', 1, 1, 'cos(x)'),
    signature('tan', 1, 1, 'tan(x)'),
    signature('asin', 1, 1, 'asin(x)'),
    signature('acos', 1, 1, 'acos(x)'),
    signature('atan', 1, 1, 'atan(x)'),
    signature('sinh', 1, 1, 'sinh(x)'),
    signature('cosh', 1, 1, 'cosh(x)'),
    signature('tanh', 1, 1, 'tanh(x)'),
    signature('if_then_else', 3, 3, 'if_then_else(condition, a, b)'),
    signature('step', 2, 2, 'step(height, t0)'),
    signature('ramp', 2, 3, 'ramp(slope, t0, t1)'),
    signature('pulse', 2, 2, 'pulse(t0, width)'),
    signature('impulse', 2, 3, 'impulse(volume, first, interval)'),
    signature('safediv', 2, 3, 'safediv(a, b, otherwise)'),
    signature('smooth', 2, 3, 'smooth(x, T, initial)', true),
    signature('smooth3', 2, 3, 'smooth3(x, T, initial)', true),
    signature('delay1', 2, 3, 'delay1(x, T, initial)', true),
    signature('delay3', 2, 3, 'delay3(x, T, initial)', true),
    signature('delay_fixed', 2, 3, 'delay_fixed(x, T, initial)', true),
    signature('init', 1, 1, 'init(x)', true),
    signature('trend_of', 2, 3, 'trend_of(x, T, initial_trend)', true),
  ].map((entry) => [entry.name, entry]),
);

/** Named constants of the equation language and their values. */
export const namedConstants: ReadonlyMap<string, number> = new Map([
  ['pi', Math.PI],
  ['e', Math.E],
]);

/** Names that equations read without a model defining them. */
export const builtinConstants: readonly string[] = ['time', 'dt', ...namedConstants.keys()];

/** Words mathjs reads as operators or literals, which cannot name a variable. */
export const reservedWords: readonly string[] = [
  'and',
  'or',
  'not',
  'xor',
  'mod',
  'to',
  'in',
  'true',
  'false',
  'null',
  'undefined',
  'NaN',
  'Infinity',
];

/** True if a model may not define `name`. */
export function isReservedName(name: string): boolean {
  return builtinSignatures.has(name) || builtinConstants.includes(name) || reservedWords.includes(name);
}
