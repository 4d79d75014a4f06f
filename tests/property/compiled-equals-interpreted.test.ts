import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { SimulationResult } from '../../src/runtime/simulate.js';
import { findNonFinite, simulate } from '../../src/runtime/simulate.js';
import type { ModelFile, RandomModelOptions } from '../helpers/model-builders.js';
import { compileOrThrow, randomModelArbitrary, readModelFile } from '../helpers/model-builders.js';
import { propertyRuns, propertySeed } from './property-config.js';

const methods = ['euler', 'rk4'] as const;

/** Where hoisting reciprocals may move a result: a few ulp a step, far inside this on well-conditioned models. */
const relativeTolerance = 1e-9;
const absoluteTolerance = 1e-12;

const bitIdentical = (reference: number, candidate: number): boolean => Object.is(reference, candidate);
const withinTolerance = (reference: number, candidate: number): boolean =>
  Math.abs(reference - candidate) <=
  relativeTolerance * Math.max(Math.abs(reference), Math.abs(candidate)) + absoluteTolerance;

/** The first saved value on which two runs of one model disagree, in time order, or undefined. */
function firstDisagreement(
  reference: SimulationResult,
  candidate: SimulationResult,
  agree: (reference: number, candidate: number) => boolean,
): string | undefined {
  const outputCount = reference.outputNames.length;
  for (let index = 0; index < reference.values.length; index++) {
    const expected = reference.values[index]!;
    const found = candidate.values[index]!;
    if (!agree(expected, found)) {
      const name = reference.outputNames[index % outputCount]!;
      const time = reference.times[Math.floor(index / outputCount)]!;
      return `${name} at time ${time}: interpreter ${expected}, generated code ${found} (difference ${found - expected})`;
    }
  }
  return undefined;
}

/** A random model and how to run it: all or some outputs, the file's dt or half of it, and other parameter values. */
interface RunCase {
  file: ModelFile;
  outputs: string[] | null;
  halveDt: boolean;
  /** Parameter values to run with: the defaults scaled, kept positive and on the 0.01 grid. */
  parameterValues: number[];
}

const runCaseArbitrary = (options: RandomModelOptions): fc.Arbitrary<RunCase> =>
  randomModelArbitrary(options).chain((file) => {
    const names = [...Object.keys(file.stocks), ...Object.keys(file.flows), ...Object.keys(file.auxiliaries)];
    const defaults = Object.values(file.parameters).map((parameter) => parameter.value);
    return fc.record({
      file: fc.constant(file),
      outputs: fc.option(fc.shuffledSubarray(names, { minLength: 1 }), { freq: 3 }),
      halveDt: fc.boolean(),
      parameterValues: fc.tuple(
        ...defaults.map((value) =>
          fc.oneof(
            fc.constant(value),
            fc.integer({ min: 50, max: 150 }).map((percent) => Math.max(0.25, Math.round(value * percent) / 100)),
          ),
        ),
      ),
    });
  });

/** Run one case with the interpreter and with generated code; undefined when the interpreter's run is not finite. */
function disagreementIn(
  runCase: RunCase,
  hoistReciprocals: boolean,
  agree: (reference: number, candidate: number) => boolean,
): string | undefined {
  const model = readModelFile(runCase.file);
  const settings = {
    ...(runCase.outputs === null ? {} : { outputs: runCase.outputs }),
    ...(runCase.halveDt ? { dt: runCase.file.time.dt / 2 } : {}),
  };
  for (const method of methods) {
    const interpreted = compileOrThrow(model, { ...settings, method, interpret: true });
    const parameters = Float64Array.from(runCase.parameterValues);
    const reference = simulate(interpreted, parameters);
    fc.pre(findNonFinite(reference) === undefined);
    const generated = simulate(compileOrThrow(model, { ...settings, method, hoistReciprocals }), parameters);
    const disagreement = firstDisagreement(reference, generated, agree);
    if (disagreement !== undefined)
      return `${method}${runCase.halveDt ? ` with dt ${settings.dt}` : ''}: ${disagreement}`;
  }
  return undefined;
}

test(`compileModel() with hoistReciprocals: false and the interpreter agree bit for bit on random models (seed ${propertySeed})`, () => {
  fc.assert(
    fc.property(runCaseArbitrary({}), (runCase) => {
      const disagreement = disagreementIn(runCase, false, bitIdentical);
      if (disagreement !== undefined) throw new Error(disagreement);
    }),
    { seed: propertySeed, numRuns: propertyRuns(200) },
  );
});

test(`compileModel() with hoisted reciprocals and the interpreter agree to 1e-9 relative on random models (seed ${propertySeed})`, () => {
  // Hoisting may move a value by an ulp, which only a model continuous in its values is sure to keep small.
  fc.assert(
    fc.property(runCaseArbitrary({ roundingSafe: true }), (runCase) => {
      const disagreement = disagreementIn(runCase, true, withinTolerance);
      if (disagreement !== undefined) throw new Error(disagreement);
    }),
    { seed: propertySeed, numRuns: propertyRuns(200) },
  );
});

// Guards the generator: the properties above prove little if random models stop reaching these code paths.
test.each([
  { options: {}, label: 'any' },
  { options: { roundingSafe: true }, label: 'rounding-safe' },
])(
  `randomModelArbitrary() builds $label models that reach shared reciprocals, hoisted divisions, delays, lookups, conditions and initials read from auxes (seed ${propertySeed})`,
  ({ options }) => {
    // Thresholds are about half the shares seen over several seeds, so they catch a generator that stopped reaching a path.
    const files = fc.sample(randomModelArbitrary(options), { seed: propertySeed, numRuns: 300 });
    const texts = files.map((file) => JSON.stringify(file));
    const sources = files.map((file) => compileOrThrow(readModelFile(file)).source);
    const share = (pattern: RegExp, of: readonly string[]): number =>
      of.filter((text) => pattern.test(text)).length / of.length;
    expect(share(/const r_[sv]\d+_/, sources), 'shared reciprocal of a stock or variable').toBeGreaterThan(0.02);
    expect(share(/= \(1 \/ /, sources), 'hoisted reciprocal of a run constant').toBeGreaterThan(0.4);
    expect(share(/new Float64Array\(/, sources), 'delay_fixed ring buffer').toBeGreaterThan(0.15);
    expect(share(/smooth3?\(|delay[13]\(/, texts), 'smooth or delay').toBeGreaterThan(0.4);
    expect(share(/g\d\(/, texts), 'lookup call').toBeGreaterThan(0.2);
    expect(share(/ \? |if_then_else\(/, texts), 'condition').toBeGreaterThan(0.2);
    const auxInitials = files.filter((file) =>
      Object.values(file.stocks).some((stock) => /\ba\d+\b/.test(stock.initial)),
    );
    expect(auxInitials.length / files.length, 'stock initial reading an aux').toBeGreaterThan(0.25);
  },
);
