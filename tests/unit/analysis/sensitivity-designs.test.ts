import { describe, expect, it } from 'vitest';
import { elementaryEffects } from '../../../src/analysis/elementary-effects.js';
import { morrisDesign } from '../../../src/analysis/morris-design.js';
import { saltelliDesign } from '../../../src/analysis/saltelli-design.js';
import { sobolIndices } from '../../../src/analysis/sobol-indices.js';

describe('saltelliDesign()', () => {
  it('lays out A, B and each AB_i (A with column i from B), all probabilities in (0, 1)', () => {
    const sampleCount = 8;
    const factorNames = ['p', 'q', 'r'];
    const design = saltelliDesign({ factorNames, sampleCount, seed: 3, sampling: 'lhs' });
    expect(design.length).toBe(sampleCount * 5 * 3);
    expect(design.every((value) => value > 0 && value < 1)).toBe(true);
    const cell = (row: number, factor: number): number => design[row * 3 + factor]!;
    for (let sample = 0; sample < sampleCount; sample++) {
      for (let varied = 0; varied < 3; varied++) {
        for (let factor = 0; factor < 3; factor++) {
          const expected = factor === varied ? cell(sampleCount + sample, factor) : cell(sample, factor);
          expect(cell((2 + varied) * sampleCount + sample, factor)).toBe(expected);
        }
      }
    }
    expect(saltelliDesign({ factorNames, sampleCount, seed: 3, sampling: 'lhs' })).toEqual(design);
  });
});

describe('sobolIndices()', () => {
  it('gives an additive function f = 2 u1 + u2 its analytic indices 0.8 and 0.2, first-order equal to total', () => {
    const sampleCount = 20000;
    const design = saltelliDesign({ factorNames: ['u1', 'u2'], sampleCount, seed: 5, sampling: 'random' });
    const output = Float64Array.from(
      { length: sampleCount * 4 },
      (_, row) => 2 * design[row * 2]! + design[row * 2 + 1]!,
    );
    const [first, second] = sobolIndices(output, 2, sampleCount, { bootstrapCount: 50, seed: 1 });
    expect(first!.S1).toBeCloseTo(0.8, 1);
    expect(first!.ST).toBeCloseTo(0.8, 1);
    expect(second!.S1).toBeCloseTo(0.2, 1);
    expect(second!.ST).toBeCloseTo(0.2, 1);
    expect(first!.S1_conf).toBeGreaterThan(0);
  });

  it('refuses an output of the wrong length or fewer than two resamples', () => {
    expect(() => sobolIndices(new Float64Array(7), 2, 2, { bootstrapCount: 10, seed: 1 })).toThrow(
      'expected N (k + 2) = 8',
    );
    expect(() => sobolIndices(new Float64Array(8), 2, 2, { bootstrapCount: 1, seed: 1 })).toThrow('bootstrapCount');
  });
});

describe('morrisDesign()', () => {
  it('moves one factor a step of ±Δ on the grid between consecutive rows of a trajectory, each factor once', () => {
    const design = morrisDesign({ factorCount: 3, trajectoryCount: 5, levelCount: 4, seed: 9 });
    expect(design.delta).toBeCloseTo(2 / 3, 15);
    const levels = [0.125, 0.375, 0.625, 0.875];
    expect(Array.from(design.probabilities).every((value) => levels.includes(value))).toBe(true);
    for (let trajectory = 0; trajectory < 5; trajectory++) {
      const moved = Array.from(design.movedFactor.slice(trajectory * 3, trajectory * 3 + 3)).sort();
      expect(moved).toEqual([0, 1, 2]);
      for (let move = 0; move < 3; move++) {
        const before = design.probabilities.slice((trajectory * 4 + move) * 3, (trajectory * 4 + move + 1) * 3);
        const after = design.probabilities.slice((trajectory * 4 + move + 1) * 3, (trajectory * 4 + move + 2) * 3);
        const factor = design.movedFactor[trajectory * 3 + move]!;
        for (let column = 0; column < 3; column++) {
          if (column !== factor) expect(after[column]).toBe(before[column]);
        }
        // Two levels apart on p = 4 levels: the step in probability is 2/4, in grid coordinates 2/3.
        expect(((after[factor]! - before[factor]!) * 4) / 3).toBeCloseTo(design.step[trajectory * 3 + move]!, 12);
      }
    }
  });

  it('refuses an odd number of levels', () => {
    expect(() => morrisDesign({ factorCount: 2, trajectoryCount: 2, levelCount: 3, seed: 1 })).toThrow('even integer');
  });
});

describe('elementaryEffects()', () => {
  it('gives a linear function its slopes per whole grid, sigma 0, and an unused factor exactly 0', () => {
    const design = morrisDesign({ factorCount: 3, trajectoryCount: 6, levelCount: 4, seed: 2 });
    // Grid coordinate x = (p * probability - 1/2) / (p - 1); f = 3 x1 - x2, x3 unused.
    const grid = (probability: number): number => (4 * probability - 0.5) / 3;
    const output = Float64Array.from(
      { length: 6 * 4 },
      (_, row) => 3 * grid(design.probabilities[row * 3]!) - grid(design.probabilities[row * 3 + 1]!),
    );
    const [x1, x2, x3] = elementaryEffects(output, design);
    expect(x1!.mu).toBeCloseTo(3, 12);
    expect(x1!.mu_star).toBeCloseTo(3, 12);
    expect(x1!.sigma).toBeCloseTo(0, 12);
    expect(x2!.mu).toBeCloseTo(-1, 12);
    expect(x2!.mu_star).toBeCloseTo(1, 12);
    expect([x3!.mu_star, x3!.sigma]).toEqual([0, 0]);
  });
});
