import { build, referencedNames, walkExpression, type BinaryOperator, type Expression } from '../model/expression.js';
import {
  binaryOperators,
  emitDelayBufferLength,
  emitLookup,
  namedConstants,
  unaryOperators,
  pureBuiltins,
} from './builtins.js';
import { isRunConstant, type EvaluationPlan } from './evaluation-plan.js';
import {
  affineIndex,
  isPlaceholder,
  planLoopLayout,
  type GroupLoop,
  type LoopOptions,
} from './internal/loop-layout.js';

/** Code generation choices. */
export interface GenerateOptions {
  /**
   * When arrays become loops over typed arrays (Euler only; see `planLoopLayout`). Default
   * `defaultLoopOptions`; `{ minimumLength: Infinity }` unrolls everything, `{ minimumLength: 2,
   * unrolledBudget: 0 }` loops every array it can.
   */
  loops?: Partial<LoopOptions>;
  /**
   * Turn divisions by run constants into multiplications by reciprocals computed once per run, and
   * share `1 / x` when a step divides by the same variable twice. Results move by a few ulp.
   */
  hoistReciprocals: boolean;
}

/**
 * Measured with `bench/array-bench.mjs` (bench/README.md): one local per element runs 2 to 7 times
 * faster than a loop over a typed array while the run function stays small enough for V8 to optimise,
 * and 5 to 10 times slower once it is not, which happens between about 650 and 1,200 unrolled array
 * elements. So arrays stay unrolled up to 500 elements in all, and beyond that every run of at least
 * 4 elements of one array becomes a loop.
 */
export const defaultLoopOptions: LoopOptions = { minimumLength: 4, unrolledBudget: 500 };

/** Where an expression is emitted: names resolve differently before the loop, at the initial time, and in a step. */
type Context = 'constant' | 'initial' | 'step';

/** JavaScript text for a number that reads back as exactly the same double. */
export function numberLiteral(value: number): string {
  if (Object.is(value, -0)) return '(-0)';
  if (Number.isNaN(value)) return 'NaN';
  const text = String(value);
  return value < 0 ? `(${text})` : text;
}

const chainSymbols: Partial<Record<BinaryOperator, string>> = { add: '+', subtract: '-', multiply: '*', divide: '/' };

const safeName = (name: string): string => name.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 40);

interface Factor {
  expression: Expression;
  power: 1 | -1;
}

function productFactors(expression: Expression, power: 1 | -1, into: Factor[]): Factor[] {
  if (expression.kind === 'binary' && (expression.operator === 'multiply' || expression.operator === 'divide')) {
    productFactors(expression.left, power, into);
    productFactors(expression.right, expression.operator === 'multiply' ? power : power === 1 ? -1 : 1, into);
  } else {
    into.push({ expression, power });
  }
  return into;
}

function productOf(factors: readonly Factor[]): Expression {
  const numerator = factors.filter((factor) => factor.power === 1).map((factor) => factor.expression);
  const denominator = factors.filter((factor) => factor.power === -1).map((factor) => factor.expression);
  const multiplyAll = (terms: Expression[]): Expression =>
    terms.reduce((product, term) => build.multiply(product, term));
  const top = numerator.length === 0 ? build.number(1) : multiplyAll(numerator);
  return denominator.length === 0 ? top : build.divide(top, multiplyAll(denominator));
}

/**
 * Generate the body of ONE run function for a plan (see DESIGN.md, Speed): stocks as function-local
 * `let`s, auxes and flows as `const`s in dependency order, parameters read once, run constants and
 * reciprocals hoisted before the loop, lookups inlined, outputs written on an integer save counter.
 * Only names this generator makes and numbers it formats reach the text; nothing from a model file.
 */
export function generateRunSource(plan: EvaluationPlan, options: GenerateOptions): string {
  const parameterIndex = new Map(plan.parameterNames.map((name, index) => [name, index]));
  const stockIndex = new Map(plan.stocks.map((stock, index) => [stock.name, index]));
  const variableIndex = new Map(plan.variables.map((variable, index) => [variable.name, index]));
  const delayIndex = new Map(plan.delays.map((delay, index) => [delay.name, index]));

  const parameterId = (index: number): string => `p${index}_${safeName(plan.parameterNames[index]!)}`;
  const stockId = (index: number): string => `s${index}_${safeName(plan.stocks[index]!.name)}`;
  const variableId = (index: number): string => `v${index}_${safeName(plan.variables[index]!.name)}`;
  const initialVariableId = (index: number): string => `i${variableId(index)}`;

  const constantNames = new Set<string>(['dt', ...namedConstants.keys(), ...plan.parameterNames]);
  for (const variable of plan.variables) if (variable.runConstant) constantNames.add(variable.name);
  // Inside a loop, `constantNames` also holds the placeholders that stand only for run constants.
  const isConstant = (expression: Expression): boolean => isRunConstant(expression, constantNames);
  const readsPlaceholder = (expression: Expression): boolean => {
    let found = false;
    walkExpression(expression, (node) => {
      if (node.kind === 'reference' && isPlaceholder(node.name)) found = true;
    });
    return found;
  };
  const isLeaf = (expression: Expression): boolean => expression.kind === 'number' || expression.kind === 'reference';

  const hoisted: string[] = [];
  const hoistedByKey = new Map<string, string>();
  let temporaryCount = 0;

  /** Variables divided by twice or more per step get one shared reciprocal. */
  const sharedReciprocals = new Set<string>();
  /** Parameters that code reads by their local name (loops read `parameters[...]` directly). */
  const usedParameters = new Set<number>();
  /** While a loop body is emitted: the code of each of its placeholders, and the names each stands for. */
  const placeholders = new Map<string, string>();
  const placeholderNames = new Map<string, readonly string[]>();
  /** The member count of the loop being emitted. */
  let loopLength = 0;
  /** Per-member tables of run constants (see `hoistPerMember`), made once with the function. */
  const memberTables: { name: string; length: number }[] = [];
  const layout = planLoopLayout(plan, { ...defaultLoopOptions, ...options.loops });
  const { stored } = layout;
  /** Typed arrays some of whose members share a reciprocal: `r<array>` holds 1 / each member. */
  const reciprocalArrays = new Set<string>();
  const tables: string[] = [];
  /** A constant table for a loop, hoisted out of every loop: `new Int32Array([...])` or Float64Array. */
  const table = (kind: 'Int32Array' | 'Float64Array', values: readonly number[]): string => {
    const name = `lt${tables.length}`;
    tables.push(
      `const ${name} = new ${kind}([${values.map((value) => (kind === 'Int32Array' ? String(value) : numberLiteral(value))).join(', ')}]);`,
    );
    return name;
  };
  /** Index code for the k-th of `indices` at loop index `li`. */
  const indexCode = (indices: readonly number[]): string => {
    const affine = affineIndex(indices);
    if (affine === undefined) return `${table('Int32Array', indices)}[li]`;
    const scaled = affine.stride === 1 ? 'li' : affine.stride === 0 ? '0' : `li * ${affine.stride}`;
    return affine.base === 0 ? scaled : `${affine.base} + ${scaled}`;
  };
  /** The code for each placeholder of a loop, or undefined when a varying name is not in one typed array. */
  const placeholderCode = (loop: GroupLoop): Map<string, string> | undefined => {
    const codes = new Map<string, string>();
    for (const [position, names] of loop.names.entries()) {
      const places = names.map((name) => stored.get(name));
      const parameters = names.map((name) => parameterIndex.get(name));
      if (places.every((place) => place !== undefined && place.array === places[0]!.array))
        codes.set(`@v${position}`, `${places[0]!.array}[${indexCode(places.map((place) => place!.index))}]`);
      else if (parameters.every((index) => index !== undefined))
        codes.set(`@v${position}`, `parameters[${indexCode(parameters)}]`);
      else return undefined;
    }
    for (const [position, values] of loop.numbers.entries())
      codes.set(`@n${position}`, `${table('Float64Array', values)}[li]`);
    return codes;
  };
  /**
   * Emit `loop` as `for (let li = 0; li < n; li++) { ... }` whose statement `write(slot, code)` stores
   * the template's value for member li, or return false when it cannot be a loop (a varying name is
   * not in one typed array), so that the caller writes its members one by one.
   */
  const emitLoop = (
    loop: GroupLoop,
    context: Context,
    write: (slot: string, code: string) => string,
    lines: string[],
  ): boolean => {
    const tableCount = tables.length;
    const codes = placeholderCode(loop);
    const targets = loop.members.map((member) => stored.get(member));
    if (codes === undefined || targets.some((place) => place === undefined || place.array !== targets[0]!.array)) {
      tables.length = tableCount;
      return false;
    }
    for (const [name, code] of codes) placeholders.set(name, code);
    const constantPlaceholders: string[] = loop.numbers.map((_, position) => `@n${position}`);
    loop.names.forEach((names, position) => {
      placeholderNames.set(`@v${position}`, names);
      if (names.every((name) => constantNames.has(name))) constantPlaceholders.push(`@v${position}`);
    });
    for (const name of constantPlaceholders) constantNames.add(name);
    loopLength = loop.members.length;
    const prelude: string[] = [];
    const code = emit(loop.template, context, prelude);
    for (const name of constantPlaceholders) constantNames.delete(name);
    placeholders.clear();
    placeholderNames.clear();
    const slot = `${targets[0]!.array}[${indexCode(targets.map((place) => place!.index))}]`;
    const reciprocal = reciprocalArrays.has(targets[0]!.array) ? [`r${slot} = 1 / ${slot};`] : [];
    lines.push(
      `for (let li = 0; li < ${loop.members.length}; li++) {`,
      ...prelude,
      write(slot, code),
      ...reciprocal,
      '}',
    );
    return true;
  };

  const resolve = (name: string, context: Context): string => {
    if (name === 'time' || name === 'dt') return name;
    if (isPlaceholder(name)) {
      const code = placeholders.get(name);
      if (code === undefined) throw new Error(`generateRunSource: placeholder '${name}' outside its loop`);
      return code;
    }
    const constant = namedConstants.get(name);
    if (constant !== undefined) return numberLiteral(constant);
    const parameter = parameterIndex.get(name);
    if (parameter !== undefined) {
      usedParameters.add(parameter);
      return parameterId(parameter);
    }
    const place = stored.get(name);
    if (place !== undefined) return `${place.array}[${place.index}]`;
    const stock = stockIndex.get(name);
    if (stock !== undefined) return stockId(stock);
    const variable = variableIndex.get(name);
    if (variable !== undefined) {
      return context === 'initial' && !plan.variables[variable]!.runConstant
        ? initialVariableId(variable)
        : variableId(variable);
    }
    const delay = delayIndex.get(name);
    if (delay !== undefined) return context === 'initial' ? `di${delay}` : `db${delay}[dq${delay}]`;
    throw new Error(`generateRunSource: unresolved name '${name}'`);
  };

  /** Emit an expression; `prelude` receives statements (temporaries) that must run before it. */
  const emit = (expression: Expression, context: Context, prelude: string[]): string => {
    if (context !== 'constant' && !isLeaf(expression) && isConstant(expression)) return hoist(expression);
    const bind = (code: string): string => {
      if (/^[A-Za-z_$][\w$]*$/.test(code) || /^\(?-?[\d.e+-]+\)?$/.test(code)) return code;
      const name = `t${temporaryCount++}`;
      prelude.push(`const ${name} = ${code};`);
      return name;
    };
    switch (expression.kind) {
      case 'number':
        return numberLiteral(expression.value);
      case 'reference':
        return resolve(expression.name, context);
      case 'unary':
        return unaryOperators[expression.operator].emit(emit(expression.operand, context, prelude));
      case 'binary': {
        if (chainSymbols[expression.operator] !== undefined) return emitChain(expression, context, prelude);
        return binaryOperators[expression.operator].emit(
          emit(expression.left, context, prelude),
          emit(expression.right, context, prelude),
          bind,
        );
      }
      case 'conditional': {
        const whenTrue: string[] = [];
        const whenFalse: string[] = [];
        const trueCode = emit(expression.whenTrue, context, whenTrue);
        const falseCode = emit(expression.whenFalse, context, whenFalse);
        const condition = emit(expression.condition, context, prelude);
        if (whenTrue.length === 0 && whenFalse.length === 0) return `(${condition} !== 0 ? ${trueCode} : ${falseCode})`;
        const name = `t${temporaryCount++}`;
        prelude.push(
          `let ${name};`,
          `if (${condition} !== 0) { ${[...whenTrue, `${name} = ${trueCode};`].join(' ')} } else { ${[...whenFalse, `${name} = ${falseCode};`].join(' ')} }`,
        );
        return name;
      }
      case 'call': {
        const lookup = plan.lookups.get(expression.name);
        if (lookup !== undefined)
          return emitLookup(lookup, bind(emit(expression.args[0]!, context, prelude)), numberLiteral);
        const builtin = pureBuiltins.get(expression.name);
        if (builtin === undefined) throw new Error(`generateRunSource: no built-in '${expression.name}'`);
        return builtin.emit(
          expression.args.map((arg) => emit(arg, context, prelude)),
          bind,
        );
      }
    }
  };

  const hoist = (expression: Expression): string => {
    if (readsPlaceholder(expression)) return hoistPerMember(expression);
    const key = JSON.stringify(expression, (name, value: unknown) => (name === 'offset' ? undefined : value));
    const existing = hoistedByKey.get(key);
    if (existing !== undefined) return existing;
    const prelude: string[] = [];
    const code = emit(expression, 'constant', prelude);
    const name = `k${hoistedByKey.size}`;
    hoisted.push(...prelude, `const ${name} = ${code};`);
    hoistedByKey.set(key, name);
    return name;
  };

  /**
   * Inside a loop, a run constant that differs between members (`1 / (rate[d] + 1)`) is computed once
   * per run into a table of one value per member, as `hoist` computes one value, and read as `table[li]`.
   */
  const hoistPerMember = (expression: Expression): string => {
    const codes = [...placeholders].map(([name, code]) => `${name}=${code}`).join(';');
    const key = `${codes}|${JSON.stringify(expression, (name, value: unknown) => (name === 'offset' ? undefined : value))}`;
    const existing = hoistedByKey.get(key);
    if (existing !== undefined) return `${existing}[li]`;
    const prelude: string[] = [];
    const code = emit(expression, 'constant', prelude);
    const name = `lk${hoistedByKey.size}`;
    memberTables.push({ name, length: loopLength });
    hoisted.push(`for (let li = 0; li < ${loopLength}; li++) {`, ...prelude, `${name}[li] = ${code};`, '}');
    hoistedByKey.set(key, name);
    return `${name}[li]`;
  };

  const reciprocalCandidate = (divisor: Expression): { name: string; constantPart: Factor[] } | undefined => {
    const factors = productFactors(divisor, 1, []);
    const varying = factors.filter((factor) => !isConstant(factor.expression));
    if (varying.length !== 1) return undefined;
    const [single] = varying;
    if (single === undefined || single.power !== 1 || single.expression.kind !== 'reference') return undefined;
    const name = single.expression.name;
    if (!stockIndex.has(name) && !variableIndex.has(name) && !placeholderNames.has(name)) return undefined;
    return { name, constantPart: factors.filter((factor) => factor !== single) };
  };
  /** True when every name behind `name` (a placeholder stands for one per loop member) shares one reciprocal. */
  const shares = (name: string): boolean =>
    (placeholderNames.get(name) ?? [name]).every((member) => sharedReciprocals.has(member));
  /** The code of the shared reciprocal of `name`: `r_<local>`, or the slot in the typed array `r<array>`. */
  const reciprocalOf = (name: string): string => {
    const code = placeholders.get(name) ?? resolve(name, 'step');
    return /^a[vs]\d+\[/.test(code) ? `r${code}` : `r_${code}`;
  };

  /** What `x / divisor` may become as `x * factor`: a hoisted reciprocal, or a shared `1/v` times one. */
  const reciprocalFactor = (divisor: Expression, context: Context): string | undefined => {
    if (!options.hoistReciprocals || context === 'constant') return undefined;
    if (isConstant(divisor)) return hoist(build.divide(build.number(1), divisor));
    if (context !== 'step') return undefined;
    const candidate = reciprocalCandidate(divisor);
    if (candidate === undefined || !shares(candidate.name)) return undefined;
    const reciprocal = reciprocalOf(candidate.name);
    if (candidate.constantPart.length === 0) return reciprocal;
    return `${reciprocal} * ${hoist(build.divide(build.number(1), productOf(candidate.constantPart)))}`;
  };

  /**
   * A left-deep chain of + and - (or * and /) written flat, `(a + b - c)`: JavaScript evaluates it left
   * to right exactly as the nested tree, and a sum of thousands of terms does not nest thousands of
   * parentheses. A constant left part stops the walk, so it is hoisted whole.
   */
  const emitChain = (root: Expression & { kind: 'binary' }, context: Context, prelude: string[]): string => {
    const additive = root.operator === 'add' || root.operator === 'subtract';
    const sameGroup = (operator: BinaryOperator): boolean =>
      additive ? operator === 'add' || operator === 'subtract' : operator === 'multiply' || operator === 'divide';
    const links: { operator: BinaryOperator; right: Expression }[] = [];
    let head: Expression = root;
    while (
      head.kind === 'binary' &&
      sameGroup(head.operator) &&
      (head === root || context === 'constant' || !isConstant(head))
    ) {
      links.push({ operator: head.operator, right: head.right });
      head = head.left;
    }
    let code = emit(head, context, prelude);
    for (const { operator, right } of links.reverse()) {
      const factor = operator === 'divide' ? reciprocalFactor(right, context) : undefined;
      code += factor === undefined ? ` ${chainSymbols[operator]} ${emit(right, context, prelude)}` : ` * ${factor}`;
    }
    return `(${code})`;
  };

  const dynamicVariables = plan.variables
    .map((variable, index) => ({ variable, index }))
    .filter(({ variable }) => !variable.runConstant);
  /** Names reachable from `roots` through variable equations, not entering `stopAt`; iterative for long chains. */
  const reachableVariables = (roots: readonly string[], stopAt: (name: string) => boolean): Set<string> => {
    const reached = new Set<string>();
    const stack = [...roots];
    for (let name = stack.pop(); name !== undefined; name = stack.pop()) {
      const index = variableIndex.get(name);
      if (index === undefined || reached.has(name) || stopAt(name)) continue;
      reached.add(name);
      stack.push(...referencedNames(plan.variables[index]!.expression));
    }
    return reached;
  };
  const needed = reachableVariables(
    [
      ...plan.stocks.flatMap((stock) => referencedNames(stock.derivative)),
      ...plan.delays.map((delay) => delay.inputName),
    ],
    () => false,
  );
  const stepVariables = dynamicVariables.filter(({ variable }) => needed.has(variable.name));
  const savedOnly = reachableVariables(
    plan.outputNames,
    (name) => needed.has(name) || plan.variables[variableIndex.get(name)!]!.runConstant,
  );
  const saveVariables = dynamicVariables.filter(({ variable }) => savedOnly.has(variable.name));

  if (options.hoistReciprocals) {
    const divisorUses = new Map<string, number>();
    for (const { variable } of stepVariables) {
      walkExpression(variable.expression, (node) => {
        if (node.kind !== 'binary' || node.operator !== 'divide' || isConstant(node.right)) return;
        const candidate = reciprocalCandidate(node.right);
        if (candidate !== undefined) divisorUses.set(candidate.name, (divisorUses.get(candidate.name) ?? 0) + 1);
      });
    }
    for (const [name, uses] of divisorUses) if (uses >= 2) sharedReciprocals.add(name);
    for (const name of sharedReciprocals) {
      const place = stored.get(name);
      if (place !== undefined) reciprocalArrays.add(place.array);
    }
  }

  /** Where a variable's value goes: its local, or its slot in a typed array. */
  const assignVariable = (index: number, code: string): string => {
    const place = stored.get(plan.variables[index]!.name);
    return place === undefined ? `const ${variableId(index)} = ${code};` : `${place.array}[${place.index}] = ${code};`;
  };
  /**
   * Emit `entries` (indices into plan.variables, in order) in `context`: a run that is a whole loop of
   * the layout becomes that loop, everything else one statement per variable.
   */
  const defineVariables = (entries: readonly { index: number }[], lines: string[], context: Context = 'step'): void => {
    for (let position = 0; position < entries.length; position++) {
      const { index } = entries[position]!;
      const variable = plan.variables[index]!;
      const loop = layout.variableLoops.get(variable.name);
      if (
        loop !== undefined &&
        loop.members.every(
          (member, offset) => plan.variables[entries[position + offset]?.index ?? -1]?.name === member,
        ) &&
        emitLoop(loop, context, (slot, code) => `${slot} = ${code};`, lines)
      ) {
        position += loop.members.length - 1;
        continue;
      }
      const prelude: string[] = [];
      const code = emit(variable.expression, context, prelude);
      lines.push(...prelude, assignVariable(index, code));
      const place = stored.get(variable.name);
      if (place !== undefined && reciprocalArrays.has(place.array))
        lines.push(`r${place.array}[${place.index}] = 1 / ${place.array}[${place.index}];`);
      else if (place === undefined && sharedReciprocals.has(variable.name))
        lines.push(`const r_${variableId(index)} = 1 / ${variableId(index)};`);
    }
  };
  const stageBody = (): string[] => {
    const lines: string[] = [];
    plan.stocks.forEach((stock, index) => {
      if (sharedReciprocals.has(stock.name) && !stored.has(stock.name))
        lines.push(`const r_${stockId(index)} = 1 / ${stockId(index)};`);
    });
    for (const array of layout.arrays)
      if (array.name.startsWith('as') && reciprocalArrays.has(array.name))
        lines.push(`for (let li = 0; li < ${array.length}; li++) r${array.name}[li] = 1 / ${array.name}[li];`);
    defineVariables(stepVariables, lines);
    return lines;
  };
  const derivativeCode = (index: number, lines: string[]): string =>
    emit(plan.stocks[index]!.derivative, 'step', lines);

  const constantsSection: string[] = [];
  constantsSection.push(`const dt = ${numberLiteral(plan.dt)};`, `const time = ${numberLiteral(plan.start)};`);
  defineVariables(
    plan.variables.flatMap((variable, index) => (variable.runConstant ? [{ index }] : [])),
    constantsSection,
    'constant',
  );
  const delaySetup: string[] = [];
  plan.delays.forEach((delay, index) => {
    const prelude: string[] = [];
    const delayTime = emit(delay.delayTime, 'constant', prelude);
    delaySetup.push(
      ...prelude,
      `const dt${index} = ${delayTime};`,
      `const dl${index} = ${emitDelayBufferLength(`dt${index}`, plan.stepCount)};`,
      `const dn${index} = dl${index} === 0 ? 1 : dl${index};`,
      `const db${index} = new Float64Array(dn${index});`,
      `let dq${index} = 0;`,
    );
  });

  const initialSection: string[] = [];
  const stockAssignment = (index: number, code: string): string => {
    const place = stored.get(plan.stocks[index]!.name);
    return place === undefined ? `let ${stockId(index)} = ${code};` : `${place.array}[${place.index}] = ${code};`;
  };
  for (let position = 0; position < plan.initialOrder.length; position++) {
    const step = plan.initialOrder[position]!;
    const prelude: string[] = [];
    const following = (offset: number): string | undefined => {
      const next = plan.initialOrder[position + offset];
      if (next === undefined || next.kind !== step.kind) return undefined;
      return next.kind === 'stock' ? plan.stocks[next.index]?.name : plan.variables[next.index]?.name;
    };
    if (step.kind === 'stock' || step.kind === 'variable') {
      const name = step.kind === 'stock' ? plan.stocks[step.index]!.name : plan.variables[step.index]!.name;
      const loop = step.kind === 'stock' ? layout.initialLoops.get(name) : layout.variableLoops.get(name);
      if (
        loop !== undefined &&
        loop.members.every((member, offset) => following(offset) === member) &&
        emitLoop(loop, 'initial', (slot, code) => `${slot} = ${code};`, initialSection)
      ) {
        position += loop.members.length - 1;
        continue;
      }
    }
    if (step.kind === 'stock') {
      const code = emit(plan.stocks[step.index]!.initial, 'initial', prelude);
      initialSection.push(...prelude, stockAssignment(step.index, code));
    } else if (step.kind === 'variable') {
      const code = emit(plan.variables[step.index]!.expression, 'initial', prelude);
      const place = stored.get(plan.variables[step.index]!.name);
      initialSection.push(
        ...prelude,
        place === undefined
          ? `const ${initialVariableId(step.index)} = ${code};`
          : `${place.array}[${place.index}] = ${code};`,
      );
    } else {
      const code = emit(plan.delays[step.index]!.initial, 'initial', prelude);
      initialSection.push(
        ...prelude,
        `const di${step.index} = dl${step.index} === 0 ? NaN : ${code};`,
        `db${step.index}.fill(di${step.index});`,
      );
    }
  }

  const outputCount = plan.outputNames.length;
  const strideSection: string[] = [];
  const saveBlock: string[] = [];
  defineVariables(saveVariables, saveBlock);
  for (let outputIndex = 0; outputIndex < outputCount; outputIndex++) {
    // A run of outputs that are consecutive slots of one typed array is written in a loop.
    const first = stored.get(plan.outputNames[outputIndex]!);
    let end = outputIndex + 1;
    while (
      first !== undefined &&
      end < outputCount &&
      stored.get(plan.outputNames[end]!)?.array === first.array &&
      stored.get(plan.outputNames[end]!)?.index === first.index + (end - outputIndex)
    )
      end++;
    if (first !== undefined && end - outputIndex >= 2) {
      saveBlock.push(
        `for (let li = 0; li < ${end - outputIndex}; li++) out[o + (${outputIndex} + li) * outputStride] = ${first.array}[${first.index === 0 ? 'li' : `${first.index} + li`}];`,
      );
      outputIndex = end - 1;
      continue;
    }
    if (outputIndex > 0) strideSection.push(`const os${outputIndex} = ${outputIndex} * outputStride;`);
    saveBlock.push(
      `out[${outputIndex === 0 ? 'o' : `o + os${outputIndex}`}] = ${resolve(plan.outputNames[outputIndex]!, 'step')};`,
    );
  }
  saveBlock.push('o += saveStride;', `untilSave = ${plan.saveStride};`);

  const loop: string[] = [];
  const stockCount = plan.stocks.length;
  const delayWrites = plan.delays.map(
    (delay, index) =>
      `db${index}[dq${index}] = ${resolve(delay.inputName, 'step')}; dq${index} = dq${index} + 1 === dn${index} ? 0 : dq${index} + 1;`,
  );
  loop.push(`for (let step = 0; ; step++) {`, `const time = ${numberLiteral(plan.start)} + step * dt;`, ...stageBody());
  if (plan.method === 'euler') {
    const derivatives: string[] = [];
    const updates: string[] = [];
    for (let index = 0; index < stockCount; index++) {
      const stock = plan.stocks[index]!;
      const loop = layout.derivativeLoops.get(stock.name);
      const update = (slot: string, code: string): string =>
        stock.nonNegative ? `${slot} = Math.max(0, ${slot} + dt * ${code});` : `${slot} += dt * ${code};`;
      if (
        loop !== undefined &&
        loop.members.every((member, offset) => plan.stocks[index + offset]?.name === member) &&
        emitLoop(loop, 'step', update, updates)
      ) {
        index += loop.members.length - 1;
        continue;
      }
      const derivative = derivativeCode(index, derivatives);
      updates.push(update(resolve(stock.name, 'step'), derivative));
    }
    loop.push('if (untilSave === 0) {', ...saveBlock, '}', 'untilSave--;', `if (step === ${plan.stepCount}) break;`);
    loop.push(...derivatives, ...updates, ...delayWrites, '}');
  } else {
    const k1: string[] = [];
    for (let index = 0; index < stockCount; index++) k1.push(`const k1_${index} = ${derivativeCode(index, k1)};`);
    loop.push(
      ...k1,
      'if (untilSave === 0) {',
      ...saveBlock,
      '}',
      'untilSave--;',
      `if (step === ${plan.stepCount}) break;`,
    );
    const stage = (stageNumber: 2 | 3 | 4, previous: string, factor: string, stageTime: string): void => {
      for (let index = 0; index < stockCount; index++)
        loop.push(`const a${stageNumber}_${index} = ${stockId(index)} + ${factor} * ${previous}_${index};`);
      loop.push('{', `const time = ${stageTime};`);
      for (let index = 0; index < stockCount; index++) loop.push(`const ${stockId(index)} = a${stageNumber}_${index};`);
      loop.push(...stageBody());
      const derivatives: string[] = [];
      const assignments: string[] = [];
      for (let index = 0; index < stockCount; index++)
        assignments.push(`k${stageNumber}_${index} = ${derivativeCode(index, derivatives)};`);
      loop.push(...derivatives, ...assignments, '}');
    };
    loop.push('const middleTime = time + halfDt;', 'const endTime = time + dt;');
    stage(2, 'k1', 'halfDt', 'middleTime');
    stage(3, 'k2', 'halfDt', 'middleTime');
    stage(4, 'k3', 'dt', 'endTime');
    for (let index = 0; index < stockCount; index++) {
      loop.push(
        plan.stocks[index]!.nonNegative
          ? `${stockId(index)} = Math.max(0, ${stockId(index)} + dtOver6 * (k1_${index} + 2 * k2_${index} + 2 * k3_${index} + k4_${index}));`
          : `${stockId(index)} = ${stockId(index)} + dtOver6 * (k1_${index} + 2 * k2_${index} + 2 * k3_${index} + k4_${index});`,
      );
    }
    loop.push(...delayWrites, '}');
  }

  const rk4Section =
    plan.method === 'rk4'
      ? [
          'const halfDt = dt * 0.5;',
          'const dtOver6 = dt / 6;',
          ...[2, 3, 4].flatMap((stageNumber) =>
            Array.from({ length: stockCount }, (_, index) => `let k${stageNumber}_${index} = 0;`),
          ),
        ]
      : [];

  const parameterSection = [...usedParameters]
    .sort((a, b) => a - b)
    .map((index) => `const ${parameterId(index)} = parameters[${index}];`);
  // Typed arrays and tables are made once, with the function: a run writes every slot before it reads it.
  return [
    '"use strict";',
    ...layout.arrays.map((array) => `const ${array.name} = new Float64Array(${array.length});`),
    ...layout.arrays
      .filter((array) => reciprocalArrays.has(array.name))
      .map((array) => `const r${array.name} = new Float64Array(${array.length});`),
    ...memberTables.map((table) => `const ${table.name} = new Float64Array(${table.length});`),
    ...tables,
    'return function run(parameters, out, outBase, saveStride, outputStride) {',
    ...parameterSection,
    ...constantsSection,
    ...hoisted,
    ...delaySetup,
    ...initialSection,
    ...rk4Section,
    ...strideSection,
    'let o = outBase;',
    'let untilSave = 0;',
    ...loop,
    '};',
  ].join('\n');
}
