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

/** Code generation choices. */
export interface GenerateOptions {
  /**
   * Turn divisions by run constants into multiplications by reciprocals computed once per run, and
   * share `1 / x` when a step divides by the same variable twice. Results move by a few ulp.
   */
  hoistReciprocals: boolean;
}

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
  const isConstant = (expression: Expression): boolean => isRunConstant(expression, constantNames);
  const isLeaf = (expression: Expression): boolean => expression.kind === 'number' || expression.kind === 'reference';

  const hoisted: string[] = [];
  const hoistedByKey = new Map<string, string>();
  let temporaryCount = 0;

  /** Variables divided by twice or more per step get one shared reciprocal. */
  const sharedReciprocals = new Set<string>();

  const resolve = (name: string, context: Context): string => {
    if (name === 'time' || name === 'dt') return name;
    const constant = namedConstants.get(name);
    if (constant !== undefined) return numberLiteral(constant);
    const parameter = parameterIndex.get(name);
    if (parameter !== undefined) return parameterId(parameter);
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

  const reciprocalCandidate = (divisor: Expression): { name: string; constantPart: Factor[] } | undefined => {
    const factors = productFactors(divisor, 1, []);
    const varying = factors.filter((factor) => !isConstant(factor.expression));
    if (varying.length !== 1) return undefined;
    const [single] = varying;
    if (single === undefined || single.power !== 1 || single.expression.kind !== 'reference') return undefined;
    const name = single.expression.name;
    if (!stockIndex.has(name) && !variableIndex.has(name)) return undefined;
    return { name, constantPart: factors.filter((factor) => factor !== single) };
  };

  /** What `x / divisor` may become as `x * factor`: a hoisted reciprocal, or a shared `1/v` times one. */
  const reciprocalFactor = (divisor: Expression, context: Context): string | undefined => {
    if (!options.hoistReciprocals || context === 'constant') return undefined;
    if (isConstant(divisor)) return hoist(build.divide(build.number(1), divisor));
    if (context !== 'step') return undefined;
    const candidate = reciprocalCandidate(divisor);
    if (candidate === undefined || !sharedReciprocals.has(candidate.name)) return undefined;
    const reciprocal = `r_${resolve(candidate.name, 'step')}`;
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
  }

  const defineVariables = (entries: readonly { index: number }[], lines: string[]): void => {
    for (const { index } of entries) {
      const prelude: string[] = [];
      const code = emit(plan.variables[index]!.expression, 'step', prelude);
      lines.push(...prelude, `const ${variableId(index)} = ${code};`);
      if (sharedReciprocals.has(plan.variables[index]!.name))
        lines.push(`const r_${variableId(index)} = 1 / ${variableId(index)};`);
    }
  };
  const stageBody = (): string[] => {
    const lines: string[] = [];
    plan.stocks.forEach((stock, index) => {
      if (sharedReciprocals.has(stock.name)) lines.push(`const r_${stockId(index)} = 1 / ${stockId(index)};`);
    });
    defineVariables(stepVariables, lines);
    return lines;
  };
  const derivativeCode = (index: number, lines: string[]): string =>
    emit(plan.stocks[index]!.derivative, 'step', lines);

  const constantsSection: string[] = [];
  plan.parameterNames.forEach((_, index) =>
    constantsSection.push(`const ${parameterId(index)} = parameters[${index}];`),
  );
  constantsSection.push(`const dt = ${numberLiteral(plan.dt)};`, `const time = ${numberLiteral(plan.start)};`);
  plan.variables.forEach((variable, index) => {
    if (!variable.runConstant) return;
    const prelude: string[] = [];
    const code = emit(variable.expression, 'constant', prelude);
    constantsSection.push(...prelude, `const ${variableId(index)} = ${code};`);
  });
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
  for (const step of plan.initialOrder) {
    const prelude: string[] = [];
    if (step.kind === 'stock') {
      const code = emit(plan.stocks[step.index]!.initial, 'initial', prelude);
      initialSection.push(...prelude, `let ${stockId(step.index)} = ${code};`);
    } else if (step.kind === 'variable') {
      const code = emit(plan.variables[step.index]!.expression, 'initial', prelude);
      initialSection.push(...prelude, `const ${initialVariableId(step.index)} = ${code};`);
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
  for (let outputIndex = 1; outputIndex < outputCount; outputIndex++)
    strideSection.push(`const os${outputIndex} = ${outputIndex} * outputStride;`);
  const saveBlock: string[] = [];
  defineVariables(saveVariables, saveBlock);
  plan.outputNames.forEach((name, outputIndex) => {
    saveBlock.push(`out[${outputIndex === 0 ? 'o' : `o + os${outputIndex}`}] = ${resolve(name, 'step')};`);
  });
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
      const derivative = derivativeCode(index, derivatives);
      updates.push(
        plan.stocks[index]!.nonNegative
          ? `${stockId(index)} = Math.max(0, ${stockId(index)} + dt * ${derivative});`
          : `${stockId(index)} += dt * ${derivative};`,
      );
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

  return [
    '"use strict";',
    'return function run(parameters, out, outBase, saveStride, outputStride) {',
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
