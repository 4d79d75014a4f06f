import seedrandom from 'seedrandom';

/** What a Morris design is drawn from. */
export interface MorrisDesignOptions {
  factorCount: number;
  /** r, the number of trajectories. */
  trajectoryCount: number;
  /** p, the grid levels of each factor: an even number of at least 2. */
  levelCount: number;
  seed: number;
}

/** A Morris design: the rows to run and, for each row after a trajectory's first, the step it took. */
export interface MorrisDesign {
  factorCount: number;
  trajectoryCount: number;
  levelCount: number;
  /** Δ = p / (2 (p - 1)), the step in grid coordinates ([0, 1] across the levels). */
  delta: number;
  /** r (k + 1) rows of k probabilities, row-major; trajectory t is rows [t (k + 1), (t + 1) (k + 1)). */
  probabilities: Float64Array;
  /** For row j > 0 of a trajectory, at `t * k + (j - 1)`: the factor that moved from row j - 1. */
  movedFactor: Int32Array;
  /** Its step in grid coordinates at the same index: +Δ or -Δ. */
  step: Float64Array;
}

/**
 * Morris (1991) trajectories on a p-level grid, in probability space. Each of the r trajectories
 * starts at a random level of every factor (uniform over the p levels) and then moves the factors
 * one at a time, in a random order, by Δ = p / (2 (p - 1)): up from the lower half of the levels,
 * down from the upper half, so each level is visited equally often and every step stays on the grid.
 * Grid coordinate x = l / (p - 1) for level l maps to probability (l + 1/2) / p, the level's centre,
 * so the grid spans the factor's distribution from its 1/(2p) to its 1 - 1/(2p) quantile. One
 * stream, `alea(`${seed}:morris`)`, draws every start and order.
 */
export function morrisDesign(options: MorrisDesignOptions): MorrisDesign {
  const { factorCount, trajectoryCount, levelCount, seed } = options;
  if (!Number.isSafeInteger(levelCount) || levelCount < 2 || levelCount % 2 !== 0)
    throw new RangeError(`options.levelCount must be an even integer of at least 2, found ${levelCount}`);
  if (!Number.isSafeInteger(trajectoryCount) || trajectoryCount < 1)
    throw new RangeError(`options.trajectoryCount must be a positive integer, found ${trajectoryCount}`);
  if (!Number.isSafeInteger(factorCount) || factorCount < 1)
    throw new RangeError(`options.factorCount must be a positive integer, found ${factorCount}`);
  const uniform = seedrandom.alea(`${seed}:morris`);
  const rowCount = trajectoryCount * (factorCount + 1);
  const probabilities = new Float64Array(rowCount * factorCount);
  const movedFactor = new Int32Array(trajectoryCount * factorCount);
  const step = new Float64Array(trajectoryCount * factorCount);
  const delta = levelCount / (2 * (levelCount - 1));
  const jump = levelCount / 2;
  const levels = new Int32Array(factorCount);
  const order = new Int32Array(factorCount);
  const probabilityOf = (level: number): number => (level + 0.5) / levelCount;
  for (let trajectory = 0; trajectory < trajectoryCount; trajectory += 1) {
    for (let factor = 0; factor < factorCount; factor += 1) {
      levels[factor] = Math.floor(uniform.double() * levelCount);
      order[factor] = factor;
    }
    for (let index = factorCount - 1; index > 0; index -= 1) {
      const swap = Math.floor(uniform.double() * (index + 1));
      const held = order[index]!;
      order[index] = order[swap]!;
      order[swap] = held;
    }
    const firstRow = trajectory * (factorCount + 1);
    for (let factor = 0; factor < factorCount; factor += 1)
      probabilities[firstRow * factorCount + factor] = probabilityOf(levels[factor]!);
    for (let move = 0; move < factorCount; move += 1) {
      const factor = order[move]!;
      const up = levels[factor]! < jump;
      levels[factor] = levels[factor]! + (up ? jump : -jump);
      const row = firstRow + move + 1;
      for (let column = 0; column < factorCount; column += 1)
        probabilities[row * factorCount + column] = probabilityOf(levels[column]!);
      movedFactor[trajectory * factorCount + move] = factor;
      step[trajectory * factorCount + move] = up ? delta : -delta;
    }
  }
  return { factorCount, trajectoryCount, levelCount, delta, probabilities, movedFactor, step };
}
