import type { MorrisDesign } from './morris-design.js';

/** A factor's Morris statistics over its r elementary effects. */
export interface ElementaryEffects {
  /** Mean of the absolute effects (Campolongo et al. 2007): the factor's overall importance. */
  mu_star: number;
  /** Standard deviation of the effects (n - 1 divisor; 0 when r = 1): non-linearity or interaction. */
  sigma: number;
  /** Mean of the signed effects: their direction, when they share one. */
  mu: number;
}

/**
 * Elementary effects of a `morrisDesign`'s runs (`output` in its row order): each step's change in
 * the output divided by the step in grid coordinates (±Δ), so an effect is in output units per the
 * factor's whole grid. A factor that changes nothing has every effect exactly 0.
 */
export function elementaryEffects(output: ArrayLike<number>, design: MorrisDesign): ElementaryEffects[] {
  const { factorCount, trajectoryCount, movedFactor, step } = design;
  if (output.length !== trajectoryCount * (factorCount + 1))
    throw new RangeError(
      `output holds ${output.length} values, expected r (k + 1) = ${trajectoryCount * (factorCount + 1)}`,
    );
  const effects = Array.from({ length: factorCount }, () => new Float64Array(trajectoryCount));
  for (let trajectory = 0; trajectory < trajectoryCount; trajectory += 1) {
    const firstRow = trajectory * (factorCount + 1);
    for (let move = 0; move < factorCount; move += 1) {
      const index = trajectory * factorCount + move;
      effects[movedFactor[index]!]![trajectory] =
        (output[firstRow + move + 1]! - output[firstRow + move]!) / step[index]!;
    }
  }
  return effects.map((values) => {
    let sum = 0;
    let absoluteSum = 0;
    for (const value of values) {
      sum += value;
      absoluteSum += Math.abs(value);
    }
    const mu = sum / trajectoryCount;
    let squares = 0;
    for (const value of values) squares += (value - mu) * (value - mu);
    return {
      mu_star: absoluteSum / trajectoryCount,
      sigma: trajectoryCount > 1 ? Math.sqrt(squares / (trajectoryCount - 1)) : 0,
      mu,
    };
  });
}
