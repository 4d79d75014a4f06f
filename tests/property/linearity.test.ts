import fc from 'fast-check';
import { test } from 'vitest';
import type { CompiledModel } from '../../src/compile/compile-model.js';
import type { IntegrationMethod } from '../../src/model/model-spec.js';
import { simulate } from '../../src/runtime/simulate.js';
import type { LinearModel } from '../helpers/model-builders.js';
import { compileOrThrow, linearModelArbitrary, readModelFile } from '../helpers/model-builders.js';
import { propertyRuns, propertySeed } from './property-config.js';

const methodArbitrary = fc.constantFrom<IntegrationMethod>('euler', 'rk4');

/** Run with the inflow parameters multiplied by `factors` (one per inflow parameter). */
function runScaled(compiled: CompiledModel, linear: LinearModel, factors: readonly number[]): Float64Array {
  const parameters = compiled.defaultParameters();
  linear.inflowParameters.forEach((name, index) => {
    const parameterIndex = compiled.parameterIndex(name);
    parameters[parameterIndex] = parameters[parameterIndex]! * factors[index]!;
  });
  return simulate(compiled, parameters).values;
}

/** Largest magnitude of each output over the run: the scale that rounding errors in that series are measured against. */
function seriesScales(values: Float64Array, outputCount: number): Float64Array {
  const scales = new Float64Array(outputCount);
  values.forEach(
    (value, index) => (scales[index % outputCount] = Math.max(scales[index % outputCount]!, Math.abs(value))),
  );
  return scales;
}

function describeAt(compiled: CompiledModel, index: number): string {
  const outputCount = compiled.outputNames.length;
  return `${compiled.outputNames[index % outputCount]} at time ${compiled.saveTimes[Math.floor(index / outputCount)]}`;
}

const compileLinear = (linear: LinearModel, method: IntegrationMethod, interpret: boolean): CompiledModel =>
  compileOrThrow(readModelFile(linear.file), { method, interpret });

test(`simulate() of a linear model from zero stocks doubles every saved value, bit for bit, when the inflows double (seed ${propertySeed})`, () => {
  // Doubling is exact in binary floating point, so every operation of a linear model commutes with it.
  fc.assert(
    fc.property(
      linearModelArbitrary({ zeroInitial: true, stockFeedback: true }),
      methodArbitrary,
      fc.boolean(),
      (linear, method, interpret) => {
        const compiled = compileLinear(linear, method, interpret);
        const base = runScaled(
          compiled,
          linear,
          linear.inflowParameters.map(() => 1),
        );
        const doubled = runScaled(
          compiled,
          linear,
          linear.inflowParameters.map(() => 2),
        );
        base.forEach((value, index) => {
          if (doubled[index] !== 2 * value)
            throw new Error(
              `${method}: ${describeAt(compiled, index)} is ${value}, with doubled inflows ${doubled[index]}`,
            );
        });
      },
    ),
    { seed: propertySeed, numRuns: propertyRuns(100) },
  );
});

test(`simulate() of a linear model from zero stocks is additive and homogeneous in its inflows (seed ${propertySeed})`, () => {
  const factor = fc.integer({ min: -300, max: 300 }).map((value) => value / 100);
  fc.assert(
    fc.property(
      linearModelArbitrary({ zeroInitial: true, stockFeedback: true }),
      methodArbitrary,
      fc.array(factor, { minLength: 4, maxLength: 4 }),
      fc.array(factor, { minLength: 4, maxLength: 4 }),
      (linear, method, first, second) => {
        const compiled = compileLinear(linear, method, false);
        const outputCount = compiled.outputNames.length;
        const firstRun = runScaled(compiled, linear, first);
        const secondRun = runScaled(compiled, linear, second);
        const sum = runScaled(
          compiled,
          linear,
          first.map((value, index) => value + second[index]!),
        );
        const scales = seriesScales(firstRun, outputCount);
        seriesScales(secondRun, outputCount).forEach(
          (scale, index) => (scales[index] = Math.max(scales[index]!, scale)),
        );
        sum.forEach((value, index) => {
          const expected = firstRun[index]! + secondRun[index]!;
          if (Math.abs(value - expected) > 1e-12 * scales[index % outputCount]!)
            throw new Error(
              `${method}: ${describeAt(compiled, index)} is ${value} with the inflows summed, ${expected} as the sum of the two runs`,
            );
        });
      },
    ),
    { seed: propertySeed, numRuns: propertyRuns(100) },
  );
});

test(`simulate() doubles each stock's change from its initial value when the inflows double and nothing flows out (seed ${propertySeed})`, () => {
  fc.assert(
    fc.property(
      linearModelArbitrary({ zeroInitial: false, stockFeedback: false }),
      methodArbitrary,
      fc.boolean(),
      (linear, method, interpret) => {
        const compiled = compileLinear(linear, method, interpret);
        const outputCount = compiled.outputNames.length;
        const base = runScaled(
          compiled,
          linear,
          linear.inflowParameters.map(() => 1),
        );
        const doubled = runScaled(
          compiled,
          linear,
          linear.inflowParameters.map(() => 2),
        );
        const scales = seriesScales(doubled, outputCount);
        for (const stock of Object.keys(linear.file.stocks)) {
          const outputIndex = compiled.outputNames.indexOf(stock);
          const initial = base[outputIndex]!;
          for (let saveIndex = 0; saveIndex < compiled.saveCount; saveIndex++) {
            const index = saveIndex * outputCount + outputIndex;
            const change = base[index]! - initial;
            const doubledChange = doubled[index]! - initial;
            if (Math.abs(doubledChange - 2 * change) > 1e-12 * scales[outputIndex]!)
              throw new Error(
                `${method}: ${describeAt(compiled, index)} changed by ${change}, with doubled inflows by ${doubledChange}`,
              );
          }
        }
      },
    ),
    { seed: propertySeed, numRuns: propertyRuns(100) },
  );
});
