import fc from 'fast-check';
import type { CompileOptions, CompiledModel } from '../../src/compile/compile-model.js';
import { compileModel } from '../../src/compile/compile-model.js';
import { renderDiagnostics } from '../../src/diagnostics/render-diagnostic.js';
import type { ModelSpec } from '../../src/model/model-spec.js';
import { readModel } from '../../src/model/read-model.js';

/** A model file as plain data, in the layout of `models/*.yaml`; `JSON.stringify` gives text `readModel` accepts. */
export interface ModelFile {
  name: string;
  time: { start: number; stop: number; dt: number; method: 'euler' | 'rk4'; save_every: number };
  parameters: Record<string, { value: number }>;
  lookups: Record<string, { points: [number, number][] }>;
  stocks: Record<string, { initial: string; inflows: string[]; outflows: string[] }>;
  flows: Record<string, { equation: string }>;
  auxiliaries: Record<string, { equation: string }>;
}

/** Read a `ModelFile` through `readModel` as JSON text; throw with the rendered diagnostics if it is rejected. */
export function readModelFile(file: ModelFile): ModelSpec {
  const read = readModel(JSON.stringify(file, undefined, 1), `${file.name}.json`);
  if (!read.ok) throw new Error(`readModel() rejected a built model:\n${renderDiagnostics(read.diagnostics)}\n${JSON.stringify(file)}`);
  return read.value;
}

/** Compile a model or throw with the rendered diagnostics: built models are valid by construction. */
export function compileOrThrow(model: ModelSpec, options: CompileOptions = {}): CompiledModel {
  const compiled = compileModel(model, options);
  if (!compiled.ok) throw new Error(`compileModel() rejected a built model:\n${renderDiagnostics(compiled.diagnostics)}`);
  return compiled.value;
}

/** Write a number as equation text; negatives in parentheses so they can stand anywhere. */
export function formatNumber(value: number): string {
  return value < 0 ? `(${value})` : String(value);
}

// ---------------------------------------------------------------------------------------------------
// Random valid models
// ---------------------------------------------------------------------------------------------------

/** Choices for `randomModelArbitrary`. */
export interface RandomModelOptions {
  /** Save at every step (`save_every` = `dt`), so consecutive saved points are one step apart. */
  saveEveryStep?: boolean;
  /** Deepest nesting of operators in one equation; default 3. */
  maxDepth?: number;
}

type VariableKind = 'aux' | 'positiveAux' | 'flow';

interface ModelShape {
  start: number;
  dt: number;
  stepCount: number;
  saveStride: number;
  parameterValues: number[];
  lookupTables: [number, number][][];
  stockCount: number;
  positiveStockCount: number;
  variableKinds: VariableKind[];
}

/**
 * Names an equation may read, sorted by what is known of their values. Every equation of a random
 * model is built so its magnitude stays bounded: unbounded names (stocks, flows) are read only through
 * a squashing function, and divisions are only by values known to be positive and away from zero.
 */
interface ExpressionContext {
  /** Parameters; all positive (0.1 to 2), so they may divide. */
  parameters: readonly string[];
  /** Stocks and flows: read only through a squashing function. */
  unbounded: readonly string[];
  /** Earlier auxes, bounded by construction. */
  bounded: readonly string[];
  /** Earlier positive auxes and positive stocks: at least about 0.13, so they may divide. */
  positive: readonly string[];
  lookups: readonly string[];
  /** Clock, for switch times of step, pulse and ramp. */
  start: number;
  dt: number;
  stepCount: number;
}

const literal = (min: number, max: number, scale = 100): fc.Arbitrary<string> =>
  fc.integer({ min: Math.round(min * scale), max: Math.round(max * scale) }).map((value) => formatNumber(value / scale));

const pick = (names: readonly string[]): fc.Arbitrary<string> => fc.constantFrom(...names);

/** A switch time on a quarter-step grid inside the run, so on-grid and off-grid times both occur. */
const switchTime = (context: ExpressionContext): fc.Arbitrary<number> =>
  fc.integer({ min: 0, max: context.stepCount * 4 }).map((quarter) => context.start + (quarter * context.dt) / 4);

/** A time constant long enough for Euler with dt <= 0.5 to stay stable: a literal or a positive parameter plus 1. */
const timeConstant = (context: ExpressionContext): fc.Arbitrary<string> =>
  fc.oneof(literal(1, 4, 4), pick(context.parameters).map((name) => `(${name} + 1)`));

function leafArbitrary(context: ExpressionContext): fc.Arbitrary<string> {
  const leaves: fc.Arbitrary<string>[] = [literal(-2, 2), pick(context.parameters)];
  if (context.bounded.length > 0) leaves.push(pick(context.bounded));
  if (context.positive.length > 0) leaves.push(pick(context.positive).map((name) => `min(${name}, 5)`));
  if (context.unbounded.length > 0) {
    const squashed = fc.tuple(pick(context.unbounded), fc.nat(2)).map(([name, how]) => {
      if (how === 0) return `(${name} / (1 + abs(${name})))`;
      if (how === 1) return `min(max(${name}, -3), 3)`;
      return `(${name} * 0.5 / (2 + abs(${name})))`;
    });
    leaves.push(squashed);
    if (context.lookups.length > 0) leaves.push(fc.tuple(pick(context.lookups), pick(context.unbounded)).map(([lookup, name]) => `${lookup}(${name})`));
  }
  leaves.push(
    fc.tuple(literal(-2, 2), switchTime(context)).map(([height, at]) => `step(${height}, ${at})`),
    fc.tuple(switchTime(context), fc.integer({ min: 0, max: 8 })).map(([at, quarters]) => `pulse(${at}, ${(quarters * context.dt) / 4})`),
    fc
      .tuple(pick(context.parameters), switchTime(context), fc.integer({ min: 1, max: 16 }))
      .map(([slope, at, quarters]) => `ramp(${slope}, ${at}, ${at + (quarters * context.dt) / 4})`),
    fc.tuple(pick(context.parameters), switchTime(context)).map(([slope, at]) => `ramp(${slope}, ${at})`),
    pick(context.parameters).map((name) => `(time * ${name})`),
  );
  return fc.oneof(...leaves);
}

function compoundArbitrary(context: ExpressionContext, sub: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const two = fc.tuple(sub, sub);
  const comparison = fc
    .tuple(sub, fc.constantFrom('<', '<=', '>', '>=', '==', '!='), sub)
    .map(([left, operator, right]) => `${left} ${operator} ${right}`);
  const condition = fc.oneof(
    { arbitrary: comparison, weight: 4 },
    fc.tuple(comparison, fc.constantFrom('and', 'or'), comparison).map(([left, operator, right]) => `(${left}) ${operator} (${right})`),
    comparison.map((inner) => `not (${inner})`),
  );
  const divisor = fc.oneof(
    sub.map((expression) => `(1 + abs(${expression}))`),
    pick(context.parameters),
    fc.tuple(pick(context.parameters), literal(0.5, 4)).map(([name, factor]) => `(${name} * ${factor})`),
    literal(0.25, 8),
    ...(context.positive.length > 0
      ? [
          { arbitrary: pick(context.positive), weight: 3 },
          { arbitrary: fc.tuple(pick(context.parameters), pick(context.positive)).map(([name, positive]) => `(${name} * ${positive})`), weight: 2 },
          fc.tuple(pick(context.positive), literal(0.5, 4)).map(([positive, factor]) => `(${factor} * ${positive})`),
        ]
      : []),
  );
  const compounds: fc.WeightedArbitrary<string>[] = [
    { arbitrary: two.map(([a, b]) => `(${a} + ${b})`), weight: 3 },
    { arbitrary: two.map(([a, b]) => `(${a} - ${b})`), weight: 2 },
    { arbitrary: two.map(([a, b]) => `(${a} * ${b})`), weight: 3 },
    { arbitrary: sub.map((a) => `(-${a})`), weight: 1 },
    { arbitrary: fc.tuple(sub, divisor).map(([a, b]) => `(${a} / ${b})`), weight: 6 },
    { arbitrary: two.map(([a, b]) => `min(${a}, ${b})`), weight: 1 },
    { arbitrary: fc.tuple(sub, sub, sub).map(([a, b, c]) => `max(${a}, ${b}, ${c})`), weight: 1 },
    { arbitrary: sub.map((a) => `abs(${a})`), weight: 1 },
    { arbitrary: sub.map((a) => `exp(min(max(${a}, -2), 2))`), weight: 1 },
    { arbitrary: sub.map((a) => `sqrt(abs(${a}))`), weight: 1 },
    { arbitrary: sub.map((a) => `log(1 + abs(${a}))`), weight: 1 },
    { arbitrary: sub.map((a) => `min(max(${a}, -3), 3)^2`), weight: 1 },
    { arbitrary: fc.tuple(sub, literal(0.5, 3)).map(([a, b]) => `(${a} mod ${b})`), weight: 1 },
    { arbitrary: fc.tuple(condition, sub, sub).map(([c, a, b]) => `(${c} ? ${a} : ${b})`), weight: 3 },
    { arbitrary: fc.tuple(condition, sub, sub).map(([c, a, b]) => `if_then_else(${c}, ${a}, ${b})`), weight: 1 },
    { arbitrary: fc.tuple(literal(-2, 2), switchTime(context)).map(([height, at]) => `step(${height}, ${at})`), weight: 1 },
    { arbitrary: fc.tuple(sub, timeConstant(context)).map(([a, time]) => `smooth(${a}, ${time})`), weight: 2 },
    { arbitrary: fc.tuple(sub, timeConstant(context), literal(-2, 2)).map(([a, time, initial]) => `smooth(${a}, ${time}, ${initial})`), weight: 1 },
    { arbitrary: fc.tuple(sub, timeConstant(context)).map(([a, time]) => `smooth3(${a}, ${time})`), weight: 1 },
    { arbitrary: fc.tuple(sub, timeConstant(context)).map(([a, time]) => `delay1(${a}, ${time})`), weight: 1 },
    { arbitrary: fc.tuple(sub, timeConstant(context), literal(-2, 2)).map(([a, time, initial]) => `delay1(${a}, ${time}, ${initial})`), weight: 1 },
    { arbitrary: fc.tuple(sub, timeConstant(context)).map(([a, time]) => `delay3(${a}, ${time})`), weight: 1 },
    { arbitrary: fc.tuple(sub, timeConstant(context), literal(-2, 2)).map(([a, time, initial]) => `delay_fixed(${a}, ${time}, ${initial})`), weight: 2 },
  ];
  if (context.lookups.length > 0) compounds.push({ arbitrary: fc.tuple(pick(context.lookups), sub).map(([lookup, a]) => `${lookup}(${a})`), weight: 2 });
  return fc.oneof(...compounds);
}

/** A bounded equation over `context`, nested at most `maxDepth` operators deep. */
export function boundedExpressionArbitrary(context: ExpressionContext, maxDepth: number): fc.Arbitrary<string> {
  const leaf = leafArbitrary(context);
  let level = leaf;
  for (let depth = 1; depth <= maxDepth; depth++) {
    level = fc.oneof({ arbitrary: leaf, weight: 2 }, { arbitrary: compoundArbitrary(context, level), weight: 3 });
  }
  return level;
}

/** An equation whose value is at least about 0.13 and bounded, so other equations may divide by it. */
function positiveExpressionArbitrary(context: ExpressionContext, maxDepth: number): fc.Arbitrary<string> {
  const bounded = boundedExpressionArbitrary(context, maxDepth);
  return fc.oneof(
    bounded.map((expression) => `(1 + abs(${expression}))`),
    bounded.map((expression) => `exp(min(max(${expression}, -2), 2))`),
    fc.tuple(pick(context.parameters), bounded).map(([name, expression]) => `(${name} + min(max(${expression}, -3), 3)^2)`),
  );
}

/**
 * Lookup points 0.5 or more apart with slopes of at most 1.5 in size: a steep table inside a feedback
 * loop would amplify rounding differences by more than any fixed tolerance (an ill-conditioned model,
 * not a wrong one).
 */
const lookupPointsArbitrary: fc.Arbitrary<[number, number][]> = fc
  .uniqueArray(fc.integer({ min: -6, max: 6 }), { minLength: 1, maxLength: 5 })
  .chain((halves) => {
    const xs = [...halves].sort((a, b) => a - b).map((half) => half / 2);
    return fc.tuple(
      fc.constant(xs),
      fc.integer({ min: -200, max: 200 }).map((value) => value / 100),
      fc.array(fc.integer({ min: -15, max: 15 }), { minLength: xs.length - 1, maxLength: xs.length - 1 }),
    );
  })
  .map(([xs, first, slopes]) => {
    const points: [number, number][] = [[xs[0]!, first]];
    slopes.forEach((slope, index) => {
      const previous = points[index]!;
      points.push([xs[index + 1]!, Math.round((previous[1] + (slope / 10) * (xs[index + 1]! - previous[0])) * 1000) / 1000]);
    });
    return points;
  });

const shapeArbitrary = (options: RandomModelOptions): fc.Arbitrary<ModelShape> =>
  fc.record({
    start: fc.constantFrom(0, 1, 2.5),
    dt: fc.constantFrom(0.125, 0.25, 0.5),
    stepCount: fc.integer({ min: 4, max: 40 }),
    saveStride: options.saveEveryStep === true ? fc.constant(1) : fc.integer({ min: 1, max: 4 }),
    parameterValues: fc.array(fc.integer({ min: 10, max: 200 }).map((value) => value / 100), { minLength: 1, maxLength: 4 }),
    lookupTables: fc.array(lookupPointsArbitrary, { maxLength: 2 }),
    stockCount: fc.integer({ min: 1, max: 4 }),
    positiveStockCount: fc.integer({ min: 0, max: 2 }),
    variableKinds: fc.array(fc.constantFrom<VariableKind>('aux', 'aux', 'positiveAux', 'flow', 'flow'), { minLength: 1, maxLength: 8 }),
  });

interface FlowAttachment {
  stockIndex: number;
  outflow: boolean;
  /** Also attach, the other way round, to another stock (a transfer between stocks). */
  transferOffset: number | null;
  /** A linear feedback term `rate * stock` on the stock the flow is attached to. */
  feedbackRate: string | null;
}

function contentsArbitrary(shape: ModelShape, maxDepth: number): fc.Arbitrary<ModelFile> {
  const parameters = shape.parameterValues.map((_, index) => `p${index}`);
  const lookups = shape.lookupTables.map((_, index) => `g${index}`);
  const stocks = Array.from({ length: shape.stockCount }, (_, index) => `s${index}`);
  const positiveStocks = Array.from({ length: shape.positiveStockCount }, (_, index) => `q${index}`);
  const variableNames = shape.variableKinds.map((kind, index) => (kind === 'flow' ? `f${index}` : `a${index}`));
  const baseContext = { parameters, lookups, start: shape.start, dt: shape.dt, stepCount: shape.stepCount };
  const contextBefore = (count: number): ExpressionContext => {
    const earlier = shape.variableKinds.slice(0, count);
    const namesOf = (kinds: readonly VariableKind[]): string[] =>
      earlier.flatMap((kind, index) => (kinds.includes(kind) ? [variableNames[index]!] : []));
    return {
      ...baseContext,
      unbounded: [...stocks, ...positiveStocks, ...namesOf(['flow'])],
      bounded: namesOf(['aux', 'positiveAux']),
      positive: [...positiveStocks, ...namesOf(['positiveAux'])],
    };
  };
  const equations = shape.variableKinds.map((kind, index) =>
    kind === 'positiveAux' ? positiveExpressionArbitrary(contextBefore(index), maxDepth) : boundedExpressionArbitrary(contextBefore(index), maxDepth),
  );
  const attachment: fc.Arbitrary<FlowAttachment> = fc.record({
    stockIndex: fc.nat(shape.stockCount - 1),
    outflow: fc.boolean(),
    transferOffset: shape.stockCount > 1 ? fc.option(fc.integer({ min: 1, max: shape.stockCount - 1 })) : fc.constant(null),
    feedbackRate: fc.option(literal(-0.3, 0.3)),
  });
  const attachments = fc.array(attachment, { minLength: shape.variableKinds.length, maxLength: shape.variableKinds.length });
  const fullContext = contextBefore(shape.variableKinds.length);
  const stockInitial = fc.oneof(literal(-3, 3), fc.tuple(pick(parameters), literal(-2, 2)).map(([name, factor]) => `${name} * ${factor}`));
  const positiveInitial = fc.oneof(literal(0.5, 3), pick(parameters));
  // A positive stock relaxes towards a positive target at a rate r <= 1, so with dt <= 0.5 each Euler step is a
  // convex combination of the stock and the target and the stock stays positive.
  const positiveFlow = fc.tuple(literal(0.1, 1), positiveExpressionArbitrary(fullContext, Math.min(2, maxDepth)));

  return fc
    .record({
      equations: fc.tuple(...equations),
      attachments,
      initials: fc.array(stockInitial, { minLength: shape.stockCount, maxLength: shape.stockCount }),
      positiveInitials: fc.array(positiveInitial, { minLength: shape.positiveStockCount, maxLength: shape.positiveStockCount }),
      positiveFlows: fc.array(positiveFlow, { minLength: shape.positiveStockCount, maxLength: shape.positiveStockCount }),
    })
    .map(({ equations: texts, attachments: attached, initials, positiveInitials, positiveFlows }) => {
      const file: ModelFile = {
        name: 'random_model',
        time: {
          start: shape.start,
          stop: shape.start + shape.stepCount * shape.dt,
          dt: shape.dt,
          method: 'euler',
          save_every: shape.saveStride * shape.dt,
        },
        parameters: Object.fromEntries(parameters.map((name, index) => [name, { value: shape.parameterValues[index]! }])),
        lookups: Object.fromEntries(lookups.map((name, index) => [name, { points: shape.lookupTables[index]! }])),
        stocks: {},
        flows: {},
        auxiliaries: {},
      };
      stocks.forEach((name, index) => (file.stocks[name] = { initial: initials[index]!, inflows: [], outflows: [] }));
      shape.variableKinds.forEach((kind, index) => {
        const name = variableNames[index]!;
        const text = texts[index]!;
        if (kind !== 'flow') {
          file.auxiliaries[name] = { equation: text };
          return;
        }
        const { stockIndex, outflow, transferOffset, feedbackRate } = attached[index]!;
        const stock = stocks[stockIndex]!;
        file.flows[name] = { equation: feedbackRate === null ? text : `${text} + ${feedbackRate} * ${stock}` };
        file.stocks[stock]![outflow ? 'outflows' : 'inflows'].push(name);
        if (transferOffset !== null) {
          const other = file.stocks[stocks[(stockIndex + transferOffset) % shape.stockCount]!]!;
          other[outflow ? 'inflows' : 'outflows'].push(name);
        }
      });
      positiveStocks.forEach((name, index) => {
        const [rate, target] = positiveFlows[index]!;
        const flowName = `${name}_adjustment`;
        file.stocks[name] = { initial: positiveInitials[index]!, inflows: [flowName], outflows: [] };
        file.flows[flowName] = { equation: `${rate} * (${target} - ${name})` };
      });
      return file;
    });
}

/**
 * Random valid models: positive parameters, lookups, stocks with flows attached (some moving material
 * between two stocks), and auxes and flows that read only names defined before them, so there is no
 * loop without a stock. Equations use every operator and built-in, with divisions only by positive
 * values and every magnitude bounded, so runs stay finite over the short horizon (at most 20 time units).
 */
export function randomModelArbitrary(options: RandomModelOptions = {}): fc.Arbitrary<ModelFile> {
  const maxDepth = options.maxDepth ?? 3;
  return shapeArbitrary(options).chain((shape) => contentsArbitrary(shape, maxDepth));
}

// ---------------------------------------------------------------------------------------------------
// Fixed-form models
// ---------------------------------------------------------------------------------------------------

/** A model with an empty structure and the given clock; fill its sections with the builders below. */
export function emptyModelFile(name: string, time: Partial<ModelFile['time']> & { stop: number; dt: number }): ModelFile {
  return {
    name,
    time: { start: 0, method: 'euler', save_every: time.dt, ...time },
    parameters: {},
    lookups: {},
    stocks: {},
    flows: {},
    auxiliaries: {},
  };
}

/** dx/dt = k * x with x(0) = x0, both parameters (named `k` and `x0`), on [0, stop]. */
export function exponentialModelFile(options: { k: number; x0: number; stop: number; dt: number; saveEvery: number }): ModelFile {
  const file = emptyModelFile('exponential', { stop: options.stop, dt: options.dt, save_every: options.saveEvery });
  file.parameters['k'] = { value: options.k };
  file.parameters['x0'] = { value: options.x0 };
  file.stocks['x'] = { initial: 'x0', inflows: ['growth'], outflows: [] };
  file.flows['growth'] = { equation: 'k * x' };
  return file;
}
