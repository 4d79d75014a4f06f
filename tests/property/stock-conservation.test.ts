import fc from 'fast-check';
import { test } from 'vitest';
import { findNonFinite, simulate } from '../../src/runtime/simulate.js';
import { compileOrThrow, randomModelArbitrary, readModelFile } from '../helpers/model-builders.js';
import { propertyRuns, propertySeed } from './property-config.js';

/**
 * Relative to the sizes of the stock and of dt times each flow, not to the change itself: the change may
 * be far smaller than the stock (then it is known only to about an ulp of the stock) or than the flows
 * that cancel in it (then the order of summation moves it by about an ulp of the largest flow).
 */
const relativeTolerance = 1e-12;

test(`simulate() with Euler moves each stock by dt times its net flow between consecutive saved points (seed ${propertySeed})`, () => {
  fc.assert(
    fc.property(randomModelArbitrary({ saveEveryStep: true }), fc.boolean(), (file, interpret) => {
      const model = readModelFile(file);
      const result = simulate(compileOrThrow(model, { method: 'euler', interpret }));
      fc.pre(findNonFinite(result) === undefined);
      const dt = file.time.dt;
      const outputCount = result.outputNames.length;
      const value = (name: string, saveIndex: number): number => {
        const outputIndex = result.outputNames.indexOf(name);
        if (outputIndex < 0) throw new Error(`${name} is not saved`);
        return result.values[saveIndex * outputCount + outputIndex]!;
      };
      for (const [stock, { inflows, outflows }] of Object.entries(file.stocks)) {
        for (let saveIndex = 0; saveIndex + 1 < result.times.length; saveIndex++) {
          const inflowSum = inflows.reduce((sum, name) => sum + value(name, saveIndex), 0);
          const outflowSum = outflows.reduce((sum, name) => sum + value(name, saveIndex), 0);
          const flowSize = [...inflows, ...outflows].reduce((sum, name) => sum + Math.abs(value(name, saveIndex)), 0);
          const before = value(stock, saveIndex);
          const after = value(stock, saveIndex + 1);
          const expectedChange = dt * (inflowSum - outflowSum);
          const scale = Math.max(Math.abs(before), Math.abs(after), dt * flowSize);
          if (Math.abs(after - before - expectedChange) > relativeTolerance * scale) {
            throw new Error(
              `${stock} from time ${result.times[saveIndex]} to ${result.times[saveIndex + 1]} (${interpret ? 'interpreter' : 'generated code'}): ` +
                `changed by ${after - before}, dt * (inflows - outflows) = ${expectedChange}`,
            );
          }
        }
      }
    }),
    { seed: propertySeed, numRuns: propertyRuns(200) },
  );
});
