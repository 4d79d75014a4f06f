import { describe, expect, it } from 'vitest';
import { saltelliDesign } from '../../../src/analysis/saltelli-design.js';
import { sobolIndices, type SobolIndex } from '../../../src/analysis/sobol-indices.js';

/**
 * f = u1 u2 with u1, u2 independent uniform on (0, 1): E f = 1/4, E f^2 = (1/3)^2 = 1/9, so
 * V = 1/9 - 1/16 = 7/144. E[f | u1] = u1 / 2, so V1 = Var(u1) / 4 = 1/48 = 3/144, and likewise V2;
 * the interaction takes the rest, V12 = 7/144 - 6/144 = 1/144. Hence S1 = 3/7 and ST = (3 + 1)/7 = 4/7
 * for each factor: the two first-order indices sum to 6/7, short of 1 by the interaction.
 */
const product = (sampleCount: number, seed: number): SobolIndex[] => {
  const design = saltelliDesign({ factorNames: ['u1', 'u2'], sampleCount, seed, sampling: 'random' });
  const output = Float64Array.from({ length: sampleCount * 4 }, (_, row) => design[row * 2]! * design[row * 2 + 1]!);
  return sobolIndices(output, 2, sampleCount, { bootstrapCount: 200, seed: 1 });
};

describe('sobolIndices()', () => {
  it('gives the non-additive f = u1 u2 its analytic indices S1 = 3/7 and ST = 4/7 for each factor, within 0.02 at N = 65,536 (standard error about 0.004)', () => {
    const indices = product(65536, 11);
    for (const index of indices) {
      expect(Math.abs(index.S1 - 3 / 7)).toBeLessThan(0.02);
      expect(Math.abs(index.ST - 4 / 7)).toBeLessThan(0.02);
      // The analytic value lies inside each 95% interval (doubled: a fixed seed must not sit on the edge).
      expect(Math.abs(index.S1 - 3 / 7)).toBeLessThan(2 * index.S1_conf);
      expect(Math.abs(index.ST - 4 / 7)).toBeLessThan(2 * index.ST_conf);
    }
  });

  it('narrows the bootstrap intervals as 1/sqrt(N): four times the samples, about half the half-width', () => {
    const small = product(4096, 11);
    const large = product(4 * 4096, 11);
    const ratios = small.flatMap((index, factor) => [
      large[factor]!.S1_conf / index.S1_conf,
      large[factor]!.ST_conf / index.ST_conf,
    ]);
    for (const ratio of ratios) {
      expect(ratio).toBeGreaterThan(0.35);
      expect(ratio).toBeLessThan(0.7);
    }
  });
});
