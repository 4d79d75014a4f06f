import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { defaultPrimOptions, primBox, type PrimInput } from '../../../src/analysis/prim-box.js';

/** `runCount` runs uniform on [0,1]^3 (seeded), in the class iff x1 < 0.3 and x2 > 0.6. */
function syntheticBox(runCount: number, seed: string): { inputs: PrimInput[]; inClass: Uint8Array } {
  const random = seedrandom.alea(seed);
  const inputs = ['x1', 'x2', 'x3'].map((name) => ({ name, values: new Float64Array(runCount) }));
  const inClass = new Uint8Array(runCount);
  for (let runIndex = 0; runIndex < runCount; runIndex++) {
    for (const input of inputs) input.values[runIndex] = random.double();
    inClass[runIndex] = inputs[0]!.values[runIndex]! < 0.3 && inputs[1]!.values[runIndex]! > 0.6 ? 1 : 0;
  }
  return { inputs, inClass };
}

describe('primBox()', () => {
  it('finds the known failing box x1 < 0.3 and x2 > 0.6 on [0,1]^3, leaving x3 unrestricted', () => {
    const { inputs, inClass } = syntheticBox(5000, 'prim-synthetic');
    const result = primBox(inputs, inClass);
    const { box } = result;
    expect(box.restrictions.map((restriction) => restriction.name)).toEqual(['x1', 'x2']);
    const [x1, x2] = box.restrictions;
    expect(x1!.min).toBeNull();
    expect(x1!.max).toBeGreaterThan(0.27);
    expect(x1!.max).toBeLessThan(0.31);
    expect(x2!.min).toBeGreaterThan(0.57);
    expect(x2!.min).toBeLessThan(0.63);
    expect(x2!.max).toBeNull();
    expect(box.coverage).toBeGreaterThan(0.9);
    expect(box.density).toBeGreaterThan(0.95);
    expect(result.trajectory[0]).toEqual({
      coverage: 1,
      density: result.classCount / 5000,
      mass: 1,
      restrictionCount: 0,
    });
    const { density, runCount } = result.peeledBox;
    expect(result.dropTolerance).toBe(Math.max(0.01, Math.sqrt((density * (1 - density)) / runCount)));
  });

  it('chooses the first box of the trajectory within the tolerance of the densest one covering enough', () => {
    const { inputs, inClass } = syntheticBox(3000, 'prim-choice');
    for (const minCoverage of [0.2, 0.5, 0.95]) {
      const result = primBox(inputs, inClass, { ...defaultPrimOptions, minCoverage });
      const qualified = result.trajectory.filter((step) => step.coverage >= minCoverage);
      const best = Math.max(...qualified.map((step) => step.density));
      const chosen = result.trajectory[result.chosenStep]!;
      expect(chosen.coverage).toBeGreaterThanOrEqual(minCoverage);
      expect(chosen.density).toBeGreaterThanOrEqual(best - 0.01);
      expect(
        result.trajectory
          .slice(0, result.chosenStep)
          .every((step) => step.coverage < minCoverage || step.density < best - 0.01),
      ).toBe(true);
    }
  });

  it('gives the same result twice for the same runs', () => {
    const { inputs, inClass } = syntheticBox(2000, 'prim-repeat');
    expect(primBox(inputs, inClass)).toEqual(primBox(inputs, inClass));
  });

  it('pasting never lowers the density of the chosen box', () => {
    const { inputs, inClass } = syntheticBox(2000, 'prim-paste');
    const pasted = primBox(inputs, inClass, { ...defaultPrimOptions, paste: true });
    const plain = primBox(inputs, inClass);
    expect(pasted.peeledBox.density).toBeGreaterThanOrEqual(plain.peeledBox.density);
  });

  it('keeps every box of the trajectory within the mass limit and the chosen one above the coverage floor', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.double({ min: 0.02, max: 0.3, noNaN: true }),
        fc.double({ min: 0.02, max: 0.5, noNaN: true }),
        (seed, peelAlpha, minMass) => {
          const { inputs, inClass } = syntheticBox(300, String(seed));
          if (inClass.every((value) => value === 0)) return;
          const result = primBox(inputs, inClass, { ...defaultPrimOptions, peelAlpha, minMass });
          for (const step of result.trajectory) expect(step.mass).toBeGreaterThanOrEqual(Math.min(1, minMass - 1e-12));
          expect(result.trajectory[result.chosenStep]!.coverage).toBeGreaterThanOrEqual(defaultPrimOptions.minCoverage);
          expect(result.box.coverage).toBeGreaterThanOrEqual(result.peeledBox.coverage);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('peels a discrete input whose quantile falls in a tie by removing the tied block', () => {
    const values = Float64Array.from({ length: 100 }, (_, runIndex) => (runIndex < 60 ? 0 : 1));
    const inClass = Uint8Array.from({ length: 100 }, (_, runIndex) => (runIndex < 60 ? 1 : 0));
    const result = primBox([{ name: 'switch', values }], inClass);
    expect(result.box.restrictions).toEqual([{ name: 'switch', min: null, max: 0 }]);
    expect([result.box.coverage, result.box.density]).toEqual([1, 1]);
  });

  it('names the misused option', () => {
    const { inputs, inClass } = syntheticBox(10, 'x');
    expect(() => primBox(inputs, inClass, { ...defaultPrimOptions, peelAlpha: 0.6 })).toThrow(/options.peelAlpha/);
    expect(() => primBox(inputs, inClass, { ...defaultPrimOptions, minMass: 0 })).toThrow(/options.minMass/);
    expect(() => primBox(inputs, new Uint8Array(10), defaultPrimOptions)).toThrow(/at least one run/);
  });
});
