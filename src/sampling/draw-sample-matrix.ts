import seedrandom from 'seedrandom';
import { createQuantile } from './create-quantile.js';
import type { DistributionSpec, SamplingDesign } from './distribution-spec.js';
import { largestProbability, smallestProbability } from './internal/build-quantile.js';

/** What to draw: one column per distribution, one row per run. */
export interface SampleMatrixOptions {
  /** One per uncertain input, in column order. */
  distributions: readonly DistributionSpec[];
  runCount: number;
  seed: number;
  design: SamplingDesign;
  /** Where to write the matrix (e.g. a view on a SharedArrayBuffer); at least `runCount * distributions.length` long. */
  target?: Float64Array;
}

function checkOptions(options: SampleMatrixOptions): void {
  const { distributions, runCount, seed, design, target } = options;
  if (!Array.isArray(distributions)) throw new TypeError(`options.distributions must be an array of distributions, found ${typeof distributions}`);
  if (typeof runCount !== 'number' || !Number.isSafeInteger(runCount) || runCount < 1) {
    throw new RangeError(`options.runCount must be a positive integer, found ${String(runCount)}`);
  }
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) throw new RangeError(`options.seed must be a safe integer, found ${String(seed)}`);
  if (design !== 'lhs' && design !== 'random') throw new TypeError(`options.design must be 'lhs' or 'random', found ${String(design)}`);
  if (target !== undefined) {
    if (!(target instanceof Float64Array)) throw new TypeError('options.target must be a Float64Array');
    const needed = runCount * distributions.length;
    if (target.length < needed) {
      throw new RangeError(`options.target is too small: it holds ${target.length} doubles, runCount * distributions.length = ${needed}`);
    }
  }
}

/**
 * Draw the probabilities behind the sample matrix: the same layout, order and stream as
 * `drawSampleMatrix` (below), each entry the probability p in (0, 1) whose quantile is the draw. The
 * distributions are checked (`createQuantile` would throw) but only their count shapes the matrix, so
 * the expensive inverse CDFs can run later, in parallel (`applyQuantiles`).
 */
export function drawProbabilityMatrix(options: SampleMatrixOptions): Float64Array {
  checkOptions(options);
  const { distributions, runCount, seed, design } = options;
  for (const spec of distributions) createQuantile(spec);
  const columnCount = distributions.length;
  const matrix = options.target ?? new Float64Array(runCount * columnCount);
  const stream = seedrandom.alea(String(seed));
  const uniform = (): number => {
    let u = stream.double();
    while (u === 0) u = stream.double();
    return u;
  };
  if (design === 'random') {
    for (let index = 0; index < runCount * columnCount; index += 1) matrix[index] = uniform();
    shareJointColumns(matrix, distributions, runCount);
    return matrix;
  }
  const strata = new Uint32Array(runCount);
  for (let columnIndex = 0; columnIndex < columnCount; columnIndex += 1) {
    for (let stratum = 0; stratum < runCount; stratum += 1) strata[stratum] = stratum;
    for (let index = runCount - 1; index > 0; index -= 1) {
      const swapIndex = Math.floor(uniform() * (index + 1));
      const held = strata[index]!;
      strata[index] = strata[swapIndex]!;
      strata[swapIndex] = held;
    }
    for (let runIndex = 0; runIndex < runCount; runIndex += 1) {
      const probability = (strata[runIndex]! + uniform()) / runCount;
      matrix[runIndex * columnCount + columnIndex] =
        probability < smallestProbability ? smallestProbability : probability > largestProbability ? largestProbability : probability;
    }
  }
  shareJointColumns(matrix, distributions, runCount);
  return matrix;
}

/** Give every member of a `joint` group the probabilities of its group's first column, so that they draw one row. */
function shareJointColumns(matrix: Float64Array, distributions: readonly DistributionSpec[], runCount: number): void {
  const columnCount = distributions.length;
  const leaders = new Map<string, number>();
  distributions.forEach((spec, columnIndex) => {
    if (spec.dist !== 'empirical' || spec.joint === undefined) return;
    const leader = leaders.get(spec.joint);
    if (leader === undefined) {
      leaders.set(spec.joint, columnIndex);
      return;
    }
    for (let runIndex = 0; runIndex < runCount; runIndex += 1) matrix[runIndex * columnCount + columnIndex] = matrix[runIndex * columnCount + leader]!;
  });
}

/**
 * Turn rows `[firstRun, endRun)` of a probability matrix (see `drawProbabilityMatrix`) into draws,
 * in place, each column through its distribution's quantile function. Rows are independent, so
 * workers may each transform their own rows and get the numbers `drawSampleMatrix` gives.
 */
export function applyQuantiles(matrix: Float64Array, distributions: readonly DistributionSpec[], firstRun: number, endRun: number): void {
  const columnCount = distributions.length;
  const quantiles = distributions.map((spec) => createQuantile(spec));
  for (let runIndex = firstRun; runIndex < endRun; runIndex += 1) {
    const rowStart = runIndex * columnCount;
    for (let columnIndex = 0; columnIndex < columnCount; columnIndex += 1) {
      matrix[rowStart + columnIndex] = quantiles[columnIndex]!(matrix[rowStart + columnIndex]!);
    }
  }
}

/**
 * Draw the Monte Carlo sample matrix: row-major, `matrix[runIndex * columnCount + columnIndex]` is
 * run `runIndex`'s draw of `distributions[columnIndex]`, through `createQuantile`. Written into
 * `options.target` (its first `runCount * distributions.length` doubles), which is returned, or
 * into a new array.
 *
 * Reproducibility contract: the numbers depend only on the seed, the run count, the design and the
 * distribution list. All uniforms come from ONE stream, `seedrandom.alea(String(seed))`, each taken
 * by `.double()` (53 bits) and redrawn while exactly 0, so u is in (0, 1). The draw order is:
 * - `random`: run 0's columns 0, 1, …, then run 1's, and so on; each draw is Q(u). The first K runs
 *   of an N-run matrix therefore equal a K-run matrix.
 * - `lhs` (Latin hypercube, one draw in each of N equal-probability strata per column): for column 0,
 *   a Fisher–Yates shuffle of the strata 0 … N−1 (for i = N−1 down to 1, swap i with ⌊u·(i+1)⌋, one u
 *   each), then one u per run 0 … N−1, giving p = (stratum[run] + u) / N; then column 1, and so on.
 *   p is clamped to [2^-53, 1 − 2^-53], the range of `.double()`, so that every quantile is finite;
 *   for N < 2^52 the clamp never leaves the stratum.
 *
 * @throws TypeError or RangeError naming the misused option.
 */
export function drawSampleMatrix(options: SampleMatrixOptions): Float64Array {
  const matrix = drawProbabilityMatrix(options);
  applyQuantiles(matrix, options.distributions, 0, options.runCount);
  return matrix;
}
