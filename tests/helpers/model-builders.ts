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
  if (!read.ok)
    throw new Error(
      `readModel() rejected a built model:\n${renderDiagnostics(read.diagnostics)}\n${JSON.stringify(file)}`,
    );
  return read.value;
}

/** Compile a model or throw with the rendered diagnostics: built models are valid by construction. */
export function compileOrThrow(model: ModelSpec, options: CompileOptions = {}): CompiledModel {
  const compiled = compileModel(model, options);
  if (!compiled.ok)
    throw new Error(`compileModel() rejected a built model:\n${renderDiagnostics(compiled.diagnostics)}`);
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
  /**
   * Keep every result a continuous function of its operands, so runs that round differently in the last
   * bit stay close: conditions compare with a threshold that no other value can equal exactly (not two
   * computed values, which tie whenever a delay1 at equilibrium meets its own input) and `mod` is left
   * out. For comparing runs that may round differently, such as generated code with hoisted reciprocals
   * against the interpreter.
   */
  roundingSafe?: boolean;
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
  /** Parameters; all positive (0.25 to 2), so they may divide. */
  parameters: readonly string[];
  /** Stocks and flows: read only through a squashing function. */
  unbounded: readonly string[];
  /** Earlier auxes, bounded by construction. */
  bounded: readonly string[];
  /** Earlier positive auxes and positive stocks: at least about 0.13, so they may divide. */
  positive: readonly string[];
  lookups: readonly string[];
  roundingSafe: boolean;
  /** Clock, for switch times of step, pulse and ramp. */
  start: number;
  dt: number;
  stepCount: number;
}

const literal = (min: number, max: number, scale = 100): fc.Arbitrary<string> =>
  fc
    .integer({ min: Math.round(min * scale), max: Math.round(max * scale) })
    .map((value) => formatNumber(value / scale));

const pick = (names: readonly string[]): fc.Arbitrary<string> => fc.constantFrom(...names);

/** A switch time on a quarter-step grid inside the run, so on-grid and off-grid times both occur. */
const switchTime = (context: ExpressionContext): fc.Arbitrary<number> =>
  fc.integer({ min: 0, max: context.stepCount * 4 }).map((quarter) => context.start + (quarter * context.dt) / 4);

/** A time constant long enough for Euler with dt <= 0.25 to stay stable: a literal or a positive parameter plus 1. */
const timeConstant = (context: ExpressionContext): fc.Arbitrary<string> =>
  fc.oneof(
    literal(1, 4, 4),
    pick(context.parameters).map((name) => `(${name} + 1)`),
  );

function leafArbitrary(context: ExpressionContext): fc.Arbitrary<string> {
  const leaves: fc.Arbitrary<string>[] = [literal(-2, 2), pick(context.parameters)];
  if (context.bounded.length > 0) leaves.push(pick(context.bounded));
  if (context.positive.length > 0) leaves.push(pick(context.positive).map((name) => `min(${name}, 5)`));
  if (context.unbounded.length > 0) {
    const squashed = fc.tuple(pick(context.unbounded), fc.nat(2)).map(([name, how]) => {
      if (how === 0) return `(${name} / (1 + abs(${name})))`;
      if (how === 1) return `min(max(${name}, -2), 2)`;
      return `(${name} * 0.5 / (2 + abs(${name})))`;
    });
    leaves.push(squashed);
    if (context.lookups.length > 0)
      leaves.push(
        fc.tuple(pick(context.lookups), pick(context.unbounded)).map(([lookup, name]) => `${lookup}(${name})`),
      );
  }
  leaves.push(
    fc.tuple(literal(-2, 2), switchTime(context)).map(([height, at]) => `step(${height}, ${at})`),
    fc
      .tuple(switchTime(context), fc.integer({ min: 0, max: 8 }))
      .map(([at, quarters]) => `pulse(${at}, ${(quarters * context.dt) / 4})`),
    fc
      .tuple(pick(context.parameters), switchTime(context), fc.integer({ min: 1, max: 16 }))
      .map(([slope, at, quarters]) => `ramp(${slope}, ${at}, ${at + (quarters * context.dt) / 4})`),
    fc.tuple(pick(context.parameters), switchTime(context)).map(([slope, at]) => `ramp(${slope}, ${at})`),
    pick(context.parameters).map((name) => `min(time * ${name}, 4)`),
    pick(context.parameters).map((name) => `(dt * ${name})`),
  );
  return fc.oneof(...leaves);
}

function compoundArbitrary(context: ExpressionContext, sub: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const two = fc.tuple(sub, sub);
  // A threshold a third of a hundredth off the 0.01 grid of every literal and parameter, written with 12
  // digits: no other value of a model is exactly equal to it, so rounding cannot move a value across it.
  const threshold = fc
    .integer({ min: -300, max: 300 })
    .map((hundredths) => formatNumber(Number(((hundredths + 1 / 3) / 100).toPrecision(12))));
  const comparison = context.roundingSafe
    ? fc
        .tuple(sub, fc.constantFrom('<', '<=', '>', '>='), threshold)
        .map(([left, operator, right]) => `${left} ${operator} ${right}`)
    : fc
        .tuple(sub, fc.constantFrom('<', '<=', '>', '>=', '==', '!='), sub)
        .map(([left, operator, right]) => `${left} ${operator} ${right}`);
  const condition = fc.oneof(
    { arbitrary: comparison, weight: 4 },
    fc
      .tuple(comparison, fc.constantFrom('and', 'or'), comparison)
      .map(([left, operator, right]) => `(${left}) ${operator} (${right})`),
    comparison.map((inner) => `not (${inner})`),
  );
  const divisor = fc.oneof(
    sub.map((expression) => `(1 + abs(${expression}))`),
    pick(context.parameters),
    fc.tuple(pick(context.parameters), literal(1, 4)).map(([name, factor]) => `(${name} * ${factor})`),
    literal(1, 8),
    ...(context.positive.length > 0
      ? [
          { arbitrary: pick(context.positive), weight: 8 },
          {
            arbitrary: fc
              .tuple(pick(context.parameters), pick(context.positive))
              .map(([name, positive]) => `(${name} * ${positive})`),
            weight: 3,
          },
          fc.tuple(pick(context.positive), literal(1, 4)).map(([positive, factor]) => `(${factor} * ${positive})`),
          fc
            .tuple(pick(context.positive), pick(context.parameters))
            .map(([positive, name]) => `(${positive} / ${name})`),
          fc
            .tuple(pick(context.parameters), pick(context.positive))
            .map(([name, positive]) => `(${name} / min(${positive}, 5))`),
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
    // Not sqrt(abs(a)): near 0 it turns a last-bit difference of 1e-17 into one of 3e-9.
    { arbitrary: sub.map((a) => `sqrt(abs(${a}) + 0.25)`), weight: 1 },
    { arbitrary: sub.map((a) => `log(1 + abs(${a}))`), weight: 1 },
    { arbitrary: sub.map((a) => `min(max(${a}, -2), 2)^2`), weight: 1 },
    { arbitrary: fc.tuple(condition, sub, sub).map(([c, a, b]) => `(${c} ? ${a} : ${b})`), weight: 3 },
    { arbitrary: fc.tuple(condition, sub, sub).map(([c, a, b]) => `if_then_else(${c}, ${a}, ${b})`), weight: 1 },
    {
      arbitrary: fc.tuple(literal(-2, 2), switchTime(context)).map(([height, at]) => `step(${height}, ${at})`),
      weight: 1,
    },
    { arbitrary: fc.tuple(sub, timeConstant(context)).map(([a, time]) => `smooth(${a}, ${time})`), weight: 2 },
    {
      arbitrary: fc
        .tuple(sub, timeConstant(context), literal(-2, 2))
        .map(([a, time, initial]) => `smooth(${a}, ${time}, ${initial})`),
      weight: 1,
    },
    { arbitrary: fc.tuple(sub, timeConstant(context)).map(([a, time]) => `smooth3(${a}, ${time})`), weight: 1 },
    {
      arbitrary: fc
        .tuple(sub, timeConstant(context), literal(-2, 2))
        .map(([a, time, initial]) => `smooth3(${a}, ${time}, ${initial})`),
      weight: 1,
    },
    { arbitrary: fc.tuple(sub, timeConstant(context)).map(([a, time]) => `delay1(${a}, ${time})`), weight: 1 },
    {
      arbitrary: fc
        .tuple(sub, timeConstant(context), literal(-2, 2))
        .map(([a, time, initial]) => `delay1(${a}, ${time}, ${initial})`),
      weight: 1,
    },
    { arbitrary: fc.tuple(sub, timeConstant(context)).map(([a, time]) => `delay3(${a}, ${time})`), weight: 1 },
    {
      arbitrary: fc
        .tuple(sub, timeConstant(context), sub)
        .map(([a, time, initial]) => `delay3(${a}, ${time}, ${initial})`),
      weight: 1,
    },
    {
      arbitrary: fc
        .tuple(sub, timeConstant(context), literal(-2, 2))
        .map(([a, time, initial]) => `delay_fixed(${a}, ${time}, ${initial})`),
      weight: 2,
    },
  ];
  if (context.lookups.length > 0)
    compounds.push({
      arbitrary: fc.tuple(pick(context.lookups), sub).map(([lookup, a]) => `${lookup}(${a})`),
      weight: 2,
    });
  if (!context.roundingSafe)
    compounds.push({ arbitrary: fc.tuple(sub, literal(0.5, 3)).map(([a, b]) => `(${a} mod ${b})`), weight: 1 });
  return fc.oneof(...compounds);
}

/** A bounded equation over `context`, nested at most `maxDepth` operators deep. */
function boundedExpressionArbitrary(context: ExpressionContext, maxDepth: number): fc.Arbitrary<string> {
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
    fc
      .tuple(pick(context.parameters), bounded)
      .map(([name, expression]) => `(${name} + 0.5 + min(max(${expression}, -2), 2)^2)`),
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
      points.push([
        xs[index + 1]!,
        Math.round((previous[1] + (slope / 10) * (xs[index + 1]! - previous[0])) * 1000) / 1000,
      ]);
    });
    return points;
  });

/** Steps between saved points, and the number of steps: a whole multiple of it, from 4 to 40. */
const clockStepsArbitrary = (options: RandomModelOptions): fc.Arbitrary<{ saveStride: number; stepCount: number }> =>
  (options.saveEveryStep === true ? fc.constant(1) : fc.integer({ min: 1, max: 4 })).chain((saveStride) =>
    fc
      .integer({ min: Math.ceil(4 / saveStride), max: Math.floor(40 / saveStride) })
      .map((saveIntervals) => ({ saveStride, stepCount: saveStride * saveIntervals })),
  );

const shapeArbitrary = (options: RandomModelOptions): fc.Arbitrary<ModelShape> =>
  fc
    .record({
      start: fc.constantFrom(0, 1, 2.5),
      dt: fc.constantFrom(0.0625, 0.125, 0.25),
      clock: clockStepsArbitrary(options),
      parameterValues: fc.array(
        fc.integer({ min: 25, max: 200 }).map((value) => value / 100),
        { minLength: 1, maxLength: 4 },
      ),
      lookupTables: fc.array(lookupPointsArbitrary, { maxLength: 2 }),
      stockCount: fc.integer({ min: 1, max: 4 }),
      positiveStockCount: fc.integer({ min: 0, max: 2 }),
      variableKinds: fc.array(fc.constantFrom<VariableKind>('aux', 'aux', 'positiveAux', 'flow', 'flow'), {
        minLength: 1,
        maxLength: 8,
      }),
    })
    .map(({ clock, ...rest }) => ({ ...rest, ...clock }));

interface FlowAttachment {
  stockIndex: number;
  outflow: boolean;
  /** Also attach, the other way round, to another stock (a transfer between stocks). */
  transferOffset: number | null;
  /** A linear feedback term `rate * stock` on the stock the flow is attached to. */
  feedbackRate: string | null;
}

const namePattern = /\b[a-z]\w*\b/g;

/** Names an equation text reads (and function names, which never match a model name used here). */
const namesIn = (text: string): string[] => text.match(namePattern) ?? [];

function contentsArbitrary(shape: ModelShape, maxDepth: number, roundingSafe: boolean): fc.Arbitrary<ModelFile> {
  const parameters = shape.parameterValues.map((_, index) => `p${index}`);
  const lookups = shape.lookupTables.map((_, index) => `g${index}`);
  const stocks = Array.from({ length: shape.stockCount }, (_, index) => `s${index}`);
  const positiveStocks = Array.from({ length: shape.positiveStockCount }, (_, index) => `q${index}`);
  const variableNames = shape.variableKinds.map((kind, index) => (kind === 'flow' ? `f${index}` : `a${index}`));
  const baseContext = {
    parameters,
    lookups,
    roundingSafe,
    start: shape.start,
    dt: shape.dt,
    stepCount: shape.stepCount,
  };
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
    kind === 'positiveAux'
      ? positiveExpressionArbitrary(contextBefore(index), maxDepth)
      : boundedExpressionArbitrary(contextBefore(index), maxDepth),
  );
  const attachment: fc.Arbitrary<FlowAttachment> = fc.record({
    stockIndex: fc.nat(shape.stockCount - 1),
    outflow: fc.boolean(),
    transferOffset:
      shape.stockCount > 1 ? fc.option(fc.integer({ min: 1, max: shape.stockCount - 1 })) : fc.constant(null),
    feedbackRate: fc.option(literal(-0.3, 0.3)),
  });
  const fullContext = contextBefore(shape.variableKinds.length);
  // A positive stock relaxes towards a positive target at a rate r <= 1, so with dt <= 0.25 each Euler step is a
  // convex combination of the stock and the target and the stock stays positive.
  const positiveFlow = fc.tuple(literal(0.1, 1), positiveExpressionArbitrary(fullContext, Math.min(2, maxDepth)));

  const structure = fc.record({
    equations: fc.tuple(...equations),
    attachments: fc.array(attachment, { minLength: shape.variableKinds.length, maxLength: shape.variableKinds.length }),
    positiveFlows: fc.array(positiveFlow, { minLength: shape.positiveStockCount, maxLength: shape.positiveStockCount }),
  });

  return structure.chain(({ equations: texts, attachments, positiveFlows }) => {
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
    for (const name of [...stocks, ...positiveStocks]) file.stocks[name] = { initial: '0', inflows: [], outflows: [] };
    shape.variableKinds.forEach((kind, index) => {
      const name = variableNames[index]!;
      const text = texts[index]!;
      if (kind !== 'flow') {
        file.auxiliaries[name] = { equation: text };
        return;
      }
      const { stockIndex, outflow, transferOffset, feedbackRate } = attachments[index]!;
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
      file.stocks[name]!.inflows.push(flowName);
      file.flows[flowName] = { equation: `${rate} * (${target} - ${name})` };
    });

    // Stock initials may read auxes. To rule out a loop in the initial values, the stock at position i (of
    // s0.., q0..) reads only auxes whose value depends, through any chain of equations, on earlier stocks.
    const allStocks = [...stocks, ...positiveStocks];
    const stockDependencies = new Map<string, Set<number>>();
    shape.variableKinds.forEach((kind, index) => {
      const name = variableNames[index]!;
      const text = kind === 'flow' ? file.flows[name]!.equation : file.auxiliaries[name]!.equation;
      const dependencies = new Set<number>();
      for (const read of namesIn(text)) {
        const stockPosition = allStocks.indexOf(read);
        if (stockPosition >= 0) dependencies.add(stockPosition);
        for (const position of stockDependencies.get(read) ?? []) dependencies.add(position);
      }
      stockDependencies.set(name, dependencies);
    });
    const readableAuxes = (position: number, kinds: readonly VariableKind[]): string[] =>
      shape.variableKinds.flatMap((kind, index) => {
        const name = variableNames[index]!;
        return kinds.includes(kind) && [...stockDependencies.get(name)!].every((dependency) => dependency < position)
          ? [name]
          : [];
      });
    const initials = allStocks.map((_, position) => {
      const positive = position >= stocks.length;
      const choices: fc.Arbitrary<string>[] = positive
        ? [literal(0.5, 3), pick(parameters)]
        : [literal(-3, 3), fc.tuple(pick(parameters), literal(-2, 2)).map(([name, factor]) => `${name} * ${factor}`)];
      const auxes = readableAuxes(position, positive ? ['positiveAux'] : ['aux', 'positiveAux']);
      if (auxes.length > 0) {
        choices.push(
          positive
            ? pick(auxes).map((name) => `min(${name}, 5)`)
            : fc.tuple(pick(auxes), literal(-2, 2)).map(([name, offset]) => `${name} + ${offset}`),
        );
      }
      return fc.oneof(...choices);
    });
    return fc.tuple(...initials).map((initialTexts) => {
      const stocksWithInitials = Object.fromEntries(
        allStocks.map((name, position) => [name, { ...file.stocks[name]!, initial: initialTexts[position]! }]),
      );
      return { ...file, stocks: stocksWithInitials };
    });
  });
}

/**
 * Random valid models: positive parameters, lookups, stocks with flows attached (some moving material
 * between two stocks), and auxes and flows that read only names defined before them, so there is no
 * loop without a stock. Equations use every operator and built-in, with divisions only by positive
 * values and every magnitude bounded, so runs stay finite over the short horizon (at most 10 time units).
 */
export function randomModelArbitrary(options: RandomModelOptions = {}): fc.Arbitrary<ModelFile> {
  const maxDepth = options.maxDepth ?? 3;
  return shapeArbitrary(options).chain((shape) => contentsArbitrary(shape, maxDepth, options.roundingSafe === true));
}

// ---------------------------------------------------------------------------------------------------
// Fixed-form models
// ---------------------------------------------------------------------------------------------------

/** A model with an empty structure and the given clock; fill its sections with the builders below. */
export function emptyModelFile(
  name: string,
  time: Partial<ModelFile['time']> & { stop: number; dt: number },
): ModelFile {
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
export function exponentialModelFile(options: {
  k: number;
  x0: number;
  stop: number;
  dt: number;
  saveEvery: number;
}): ModelFile {
  const file = emptyModelFile('exponential', { stop: options.stop, dt: options.dt, save_every: options.saveEvery });
  file.parameters['k'] = { value: options.k };
  file.parameters['x0'] = { value: options.x0 };
  file.stocks['x'] = { initial: 'x0', inflows: ['growth'], outflows: [] };
  file.flows['growth'] = { equation: 'k * x' };
  return file;
}

/** A linear model and the parameters that set its inflows. */
export interface LinearModel {
  file: ModelFile;
  /** Parameters that only scale inflows: the model's output is linear in them when its stocks start at zero. */
  inflowParameters: string[];
}

/** Choices for `linearModelArbitrary`. */
export interface LinearModelOptions {
  /** Start every stock at 0 (otherwise at a random value). */
  zeroInitial: boolean;
  /**
   * Add outflows proportional to stocks, transfers between stocks, a weighted sum of stocks feeding back
   * into inflows, and smooth/delay1/delay_fixed of stocks: all linear in the stocks. Without them each
   * stock's net flow depends only on time and its inflow parameter.
   */
  stockFeedback: boolean;
}

/**
 * Random linear models dS/dt = u(t) + A S: each stock has an inflow scaled by its own parameter `c<i>`
 * (constant, step, pulse or ramp in time), and, with `stockFeedback`, flows linear in the stocks.
 */
export function linearModelArbitrary(options: LinearModelOptions): fc.Arbitrary<LinearModel> {
  return fc
    .record({
      dt: fc.constantFrom(0.125, 0.25, 0.5),
      stepCount: fc.integer({ min: 4, max: 40 }),
      stockCount: fc.integer({ min: 1, max: 4 }),
    })
    .chain(({ dt, stepCount, stockCount }) => {
      const stop = stepCount * dt;
      const at = fc.integer({ min: 0, max: stepCount * 4 }).map((quarter) => (quarter * dt) / 4);
      const inflowShape = fc.oneof(
        fc.constant((c: string) => c),
        at.map((t0) => (c: string) => `step(${c}, ${t0})`),
        fc.tuple(at, fc.integer({ min: 0, max: 8 })).map(
          ([t0, quarters]) =>
            (c: string) =>
              `${c} * pulse(${t0}, ${(quarters * dt) / 4})`,
        ),
        fc.tuple(at, fc.integer({ min: 1, max: 16 })).map(
          ([t0, quarters]) =>
            (c: string) =>
              `ramp(${c}, ${t0}, ${t0 + (quarters * dt) / 4})`,
        ),
      );
      const stock = fc.record({
        inflowLevel: fc.integer({ min: -500, max: 500 }).map((value) => value / 100),
        inflow: inflowShape,
        initial: options.zeroInitial ? fc.constant(0) : fc.integer({ min: -500, max: 500 }).map((value) => value / 100),
        outflowRate: fc.integer({ min: 0, max: 100 }).map((value) => value / 100),
        transfer:
          stockCount > 1
            ? fc.option(fc.tuple(fc.integer({ min: 1, max: stockCount - 1 }), literal(0, 0.5)))
            : fc.constant(null),
        mixWeight: literal(-0.5, 0.5),
        mixFeedback: fc.option(literal(-0.5, 0.5)),
        memory: fc.option(
          fc.tuple(fc.constantFrom('smooth', 'delay1', 'delay_fixed'), literal(1, 3, 4), literal(-0.3, 0.3)),
        ),
      });
      return fc.array(stock, { minLength: stockCount, maxLength: stockCount }).map((stocks): LinearModel => {
        const file = emptyModelFile('linear_model', { stop, dt });
        const inflowParameters = stocks.map((_, index) => `c${index}`);
        stocks.forEach((spec, index) => {
          file.parameters[`c${index}`] = { value: spec.inflowLevel };
          file.stocks[`s${index}`] = { initial: String(spec.initial), inflows: [`in${index}`], outflows: [] };
          file.flows[`in${index}`] = { equation: spec.inflow(`c${index}`) };
        });
        if (!options.stockFeedback) return { file, inflowParameters };
        file.auxiliaries['mix'] = {
          equation: stocks.map((spec, index) => `${spec.mixWeight} * s${index}`).join(' + '),
        };
        stocks.forEach((spec, index) => {
          const name = `s${index}`;
          file.parameters[`k${index}`] = { value: spec.outflowRate };
          file.flows[`out${index}`] = { equation: `k${index} * ${name}` };
          file.stocks[name]!.outflows.push(`out${index}`);
          if (spec.mixFeedback !== null) file.flows[`in${index}`]!.equation += ` + ${spec.mixFeedback} * mix`;
          if (spec.transfer !== null) {
            const [offset, rate] = spec.transfer;
            const target = `s${(index + offset) % stocks.length}`;
            file.flows[`transfer${index}`] = { equation: `${rate} * ${name}` };
            file.stocks[name]!.outflows.push(`transfer${index}`);
            file.stocks[target]!.inflows.push(`transfer${index}`);
          }
          if (spec.memory !== null) {
            const [kind, time, weight] = spec.memory;
            const memory = kind === 'delay_fixed' ? `delay_fixed(${name}, ${time}, 0)` : `${kind}(${name}, ${time})`;
            file.auxiliaries[`memory${index}`] = { equation: memory };
            file.flows[`in${index}`]!.equation += ` + ${weight} * memory${index}`;
          }
        });
        return { file, inflowParameters };
      });
    });
}
