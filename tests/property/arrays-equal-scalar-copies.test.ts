import fc from 'fast-check';
import { expect, test } from 'vitest';
import { compileModel, type CompileOptions } from '../../src/compile/compile-model.js';
import { formatExpression, mapExpression } from '../../src/model/expression.js';
import { parseEquation } from '../../src/model/parse-equation.js';
import { readModel } from '../../src/model/read-model.js';
import { simulate } from '../../src/runtime/simulate.js';
import type { ModelFile } from '../helpers/model-builders.js';
import { randomModelArbitrary } from '../helpers/model-builders.js';
import { propertyRuns, propertySeed } from './property-config.js';

/** Rename every name an equation reads through `rename` (lookups are called, not read, so they stay). */
function renamed(text: string, rename: (name: string) => string): string {
  const parsed = parseEquation(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.problem.message.message}`);
  return formatExpression(
    mapExpression(parsed.expression, (node) =>
      node.kind === 'reference' && node.name !== 'time' && node.name !== 'dt'
        ? { ...node, name: rename(node.name) }
        : undefined,
    ),
  );
}

/** Element i's value of a parameter: the model's value, moved a little per element so elements differ. */
const elementValue = (value: number, index: number): number => value * (1 + index / 16);

/**
 * Write a random scalar model as an array over `n` elements (`x[d]` reading `y[d]`, a parameter
 * differing per element, a total `sum(s[d!])` of the first stock and each element's share of it) and
 * as `n` scalar copies of it (`x_e0`, ..., the total written out), as YAML texts.
 */
function twoModels(file: ModelFile, n: number): { arrayed: string; scalars: string } {
  const elements = Array.from({ length: n }, (_, index) => `e${index}`);
  const [firstStock] = Object.keys(file.stocks);
  const total = firstStock === undefined ? undefined : 'grand_total';
  const arrayed: string[] = [
    `name: arrayed`,
    `time: ${JSON.stringify(file.time)}`,
    `dimensions:`,
    `  d: [${elements.join(', ')}]`,
  ];
  const scalars: string[] = [`name: scalars`, `time: ${JSON.stringify(file.time)}`];
  const parameterNames = new Set(Object.keys(file.parameters));
  const lookupNames = new Set(Object.keys(file.lookups));
  const element = (name: string, index: number): string =>
    name === total || lookupNames.has(name) ? name : `${name}_${elements[index]}`;
  const arrayedName = (name: string): string => (name === total || lookupNames.has(name) ? name : `${name}[d]`);
  const quote = (text: string): string => JSON.stringify(text);

  arrayed.push('parameters:');
  scalars.push('parameters:');
  for (const [name, { value }] of Object.entries(file.parameters)) {
    arrayed.push(`  ${name}[d]: [${elements.map((_, index) => elementValue(value, index)).join(', ')}]`);
    elements.forEach((_, index) => scalars.push(`  ${element(name, index)}: ${elementValue(value, index)}`));
  }
  if (parameterNames.size === 0) {
    arrayed.pop();
    scalars.pop();
  }
  for (const section of ['lookups'] as const)
    if (Object.keys(file[section]).length > 0) {
      arrayed.push(`${section}:`);
      scalars.push(`${section}:`);
      for (const [name, lookup] of Object.entries(file.lookups)) {
        arrayed.push(`  ${name}: ${JSON.stringify(lookup)}`);
        scalars.push(`  ${name}: ${JSON.stringify(lookup)}`);
      }
    }
  if (Object.keys(file.stocks).length > 0) {
    arrayed.push('stocks:');
    scalars.push('stocks:');
    for (const [name, stock] of Object.entries(file.stocks)) {
      arrayed.push(
        `  ${name}[d]: { initial: ${quote(renamed(stock.initial, arrayedName))}, inflows: ${JSON.stringify(stock.inflows)}, outflows: ${JSON.stringify(stock.outflows)} }`,
      );
      elements.forEach((_, index) => {
        const mine = (flow: string): string => element(flow, index);
        scalars.push(
          `  ${element(name, index)}: { initial: ${quote(renamed(stock.initial, (ref) => element(ref, index)))}, inflows: ${JSON.stringify(stock.inflows.map(mine))}, outflows: ${JSON.stringify(stock.outflows.map(mine))} }`,
        );
      });
    }
  }
  for (const section of ['flows', 'auxiliaries'] as const) {
    const entries = Object.entries(file[section]);
    if (entries.length === 0 && !(section === 'auxiliaries' && total !== undefined)) continue;
    arrayed.push(`${section}:`);
    scalars.push(`${section}:`);
    if (section === 'auxiliaries' && total !== undefined) {
      arrayed.push(`  ${total}: ${quote(`sum(${firstStock}[d!])`)}`);
      scalars.push(`  ${total}: ${quote(elements.map((_, index) => element(firstStock!, index)).join(' + '))}`);
      const share = `${firstStock} / (1 + abs(${total}))`;
      arrayed.push(`  share_of_total[d]: ${quote(renamed(share, arrayedName))}`);
      elements.forEach((_, index) =>
        scalars.push(`  ${element('share_of_total', index)}: ${quote(renamed(share, (ref) => element(ref, index)))}`),
      );
    }
    for (const [name, { equation }] of entries) {
      arrayed.push(`  ${name}[d]: ${quote(renamed(equation, arrayedName))}`);
      elements.forEach((_, index) =>
        scalars.push(`  ${element(name, index)}: ${quote(renamed(equation, (ref) => element(ref, index)))}`),
      );
    }
  }
  return { arrayed: arrayed.join('\n'), scalars: scalars.join('\n') };
}

function run(text: string, options: CompileOptions): Float64Array {
  const read = readModel(text, 'property.yaml');
  if (!read.ok) throw new Error(`${JSON.stringify(read.diagnostics.slice(0, 3), null, 2)}\n${text}`);
  const compiled = compileModel(read.value, options);
  if (!compiled.ok) throw new Error(`${JSON.stringify(compiled.diagnostics.slice(0, 3), null, 2)}\n${text}`);
  return simulate(compiled.value).values;
}

test(`a model written over a dimension of n elements runs to the same numbers as n scalar copies of it, bit for bit, unrolled and in loops (seed ${propertySeed})`, () => {
  fc.assert(
    fc.property(randomModelArbitrary({ maxDepth: 2 }), fc.integer({ min: 1, max: 9 }), (file, n) => {
      const { arrayed, scalars } = twoModels({ ...file, time: { ...file.time, method: 'euler' } }, n);
      const reference = Array.from(run(scalars, {}));
      const loops = { minimumLength: 2, unrolledBudget: 0 };
      expect(Array.from(run(arrayed, { loops: { minimumLength: Infinity } }))).toEqual(reference);
      expect(Array.from(run(arrayed, { loops }))).toEqual(reference);
      expect(Array.from(run(arrayed, { loops, hoistReciprocals: false }))).toEqual(
        Array.from(run(scalars, { hoistReciprocals: false })),
      );
    }),
    { seed: propertySeed, numRuns: propertyRuns(25) },
  );
});
