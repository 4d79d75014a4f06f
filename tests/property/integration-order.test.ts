import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { CompiledModel } from '../../src/compile/compile-model.js';
import type { IntegrationMethod } from '../../src/model/model-spec.js';
import { simulate } from '../../src/runtime/simulate.js';
import { compileOrThrow, exponentialModelFile, readModelFile } from '../helpers/model-builders.js';
import { propertyRuns, propertySeed } from './property-config.js';

// dx/dt = k x on [0, 2]. |k| >= 0.05 keeps RK4's error at dt = 0.125 (about 2 k^5 dt^4 / 120 relative, 1e-12 or
// more) far above rounding noise (about 1e-15), so the error ratio measures the method, not the noise.
const stop = 2;
const growthRate = fc.double({ min: -1, max: 0.5, noNaN: true }).filter((k) => Math.abs(k) >= 0.05);
const initialValue = fc.double({ min: 0.1, max: 1000, noNaN: true });
const model = readModelFile(exponentialModelFile({ k: -0.5, x0: 1, stop, dt: 0.25, saveEvery: 1 }));

const compileWith = (method: IntegrationMethod, dt: number): CompiledModel =>
  compileOrThrow(model, { method, dt, outputs: ['x'] });

/** x at `stop` for the given k and x0. */
function finalValue(compiled: CompiledModel, k: number, x0: number): number {
  const parameters = compiled.defaultParameters();
  parameters[compiled.parameterIndex('k')] = k;
  parameters[compiled.parameterIndex('x0')] = x0;
  const { times, values } = simulate(compiled, parameters);
  expect(times[times.length - 1]).toBe(stop);
  return values[values.length - 1]!;
}

/** Error at `stop` with step dt divided by the error with dt / 2. */
function errorRatio(coarse: CompiledModel, fine: CompiledModel, k: number, x0: number): number {
  const exact = x0 * Math.exp(k * stop);
  return Math.abs(finalValue(coarse, k, x0) - exact) / Math.abs(finalValue(fine, k, x0) - exact);
}

test(`simulate() with RK4 cuts the error of dx/dt = kx about 16-fold when dt halves from 0.25 to 0.125 (seed ${propertySeed})`, () => {
  const coarse = compileWith('rk4', 0.25);
  const fine = compileWith('rk4', 0.125);
  fc.assert(
    fc.property(growthRate, initialValue, (k, x0) => {
      const ratio = errorRatio(coarse, fine, k, x0);
      if (!(ratio >= 12 && ratio <= 20))
        throw new Error(`k = ${k}, x0 = ${x0}: error ratio ${ratio}, expected 12 to 20`);
    }),
    { seed: propertySeed, numRuns: propertyRuns(200) },
  );
});

test(`simulate() with Euler cuts the error of dx/dt = kx about 2-fold when dt halves from 0.1 to 0.05 (seed ${propertySeed})`, () => {
  const coarse = compileWith('euler', 0.1);
  const fine = compileWith('euler', 0.05);
  fc.assert(
    fc.property(growthRate, initialValue, (k, x0) => {
      const ratio = errorRatio(coarse, fine, k, x0);
      if (!(ratio >= 1.7 && ratio <= 2.3))
        throw new Error(`k = ${k}, x0 = ${x0}: error ratio ${ratio}, expected 1.7 to 2.3`);
    }),
    { seed: propertySeed, numRuns: propertyRuns(200) },
  );
});

test(`simulate() steps dx/dt = kx by the Euler and RK4 amplification factors 1 + z and 1 + z + z^2/2 + z^3/6 + z^4/24 (seed ${propertySeed})`, () => {
  const amplification: Record<IntegrationMethod, (z: number) => number> = {
    euler: (z) => 1 + z,
    rk4: (z) => 1 + z + (z * z) / 2 + (z * z * z) / 6 + (z * z * z * z) / 24,
  };
  const cases = (['euler', 'rk4'] as const).flatMap((method) =>
    [0.25, 0.125, 0.1].map((dt) => ({ method, dt, compiled: compileWith(method, dt) })),
  );
  fc.assert(
    fc.property(fc.constantFrom(...cases), growthRate, initialValue, ({ method, dt, compiled }, k, x0) => {
      const expected = x0 * Math.pow(amplification[method](k * dt), Math.round(stop / dt));
      const found = finalValue(compiled, k, x0);
      if (Math.abs(found - expected) > 1e-12 * Math.abs(expected))
        throw new Error(`${method}, dt = ${dt}, k = ${k}, x0 = ${x0}: x(${stop}) = ${found}, closed form ${expected}`);
    }),
    { seed: propertySeed, numRuns: propertyRuns(200) },
  );
});
