import { describe, expect, it } from 'vitest';
import { elementaryEffects } from '../../../src/analysis/elementary-effects.js';
import { morrisDesign, type MorrisDesign } from '../../../src/analysis/morris-design.js';

const trajectoryCount = 20;
const design = morrisDesign({ factorCount: 2, trajectoryCount, levelCount: 4, seed: 4 });
/** Grid coordinate x = l / (p - 1) of the level whose centre is `probability` = (l + 1/2) / p, p = 4: one of 0, 1/3, 2/3, 1. */
const grid = (probability: number): number => (4 * probability - 0.5) / 3;
/** The output of `f(x1, x2)` at every row of a two-factor design. */
const outputOf = (plan: MorrisDesign, f: (x1: number, x2: number) => number): Float64Array =>
  Float64Array.from({ length: plan.trajectoryCount * 3 }, (_, row) =>
    f(grid(plan.probabilities[row * 2]!), grid(plan.probabilities[row * 2 + 1]!)),
  );

describe('elementaryEffects()', () => {
  it('gives a curved factor (f = x1^2 + x2) a spread of effects, sigma > 0, and the linear one sigma 0', () => {
    const [x1, x2] = elementaryEffects(
      outputOf(design, (a, b) => a * a + b),
      design,
    );
    // A step of Δ = 2/3 from x = 0 or 2/3 changes x^2 by 4/9, one from 1/3 or 1 by 8/9: effects 2/3 or 4/3, both positive.
    expect(x1!.sigma).toBeGreaterThan(0.1);
    expect(x1!.mu).toBeCloseTo(x1!.mu_star, 12);
    expect(x1!.mu_star).toBeGreaterThan(2 / 3);
    expect(x1!.mu_star).toBeLessThan(4 / 3);
    expect(x2!.mu).toBeCloseTo(1, 12);
    expect(x2!.sigma).toBeCloseTo(0, 12);
  });

  it('gives both factors of an interaction (f = x1 x2) sigma > 0: each effect is the other factor where it stands', () => {
    const effects = elementaryEffects(
      outputOf(design, (a, b) => a * b),
      design,
    );
    for (const factor of effects) {
      expect(factor.sigma).toBeGreaterThan(0.1);
      // Effects lie in [0, 1] (the other factor's grid coordinate), so mu = mu* there too.
      expect(factor.mu).toBeCloseTo(factor.mu_star, 12);
      expect(factor.mu_star).toBeGreaterThan(0);
      expect(factor.mu_star).toBeLessThan(1);
    }
  });

  it('gives a falling factor a negative mu and a positive mu*, and a non-monotone one mu* above |mu|', () => {
    const [falling] = elementaryEffects(
      outputOf(design, (a) => -a * a),
      design,
    );
    expect(falling!.mu).toBeLessThan(0);
    expect(falling!.mu_star).toBeCloseTo(-falling!.mu, 12);
    // f = (x1 - 1/2)^2 falls then rises: every effect is ±1/3, so mu* = 1/3 while the signs cancel in mu.
    const [valley] = elementaryEffects(
      outputOf(design, (a) => (a - 0.5) ** 2),
      design,
    );
    expect(valley!.mu_star).toBeCloseTo(1 / 3, 12);
    expect(Math.abs(valley!.mu)).toBeLessThan(valley!.mu_star - 0.05);
    expect(valley!.sigma).toBeGreaterThan(0.1);
  });

  it('gives sigma 0 from a single trajectory and refuses an output of the wrong length', () => {
    const single = morrisDesign({ factorCount: 2, trajectoryCount: 1, levelCount: 4, seed: 4 });
    const [x1] = elementaryEffects(
      outputOf(single, (a, b) => a * b),
      single,
    );
    expect(x1!.sigma).toBe(0);
    expect(() => elementaryEffects(new Float64Array(trajectoryCount * 3 - 1), design)).toThrow(
      `expected r (k + 1) = ${trajectoryCount * 3}`,
    );
  });
});
