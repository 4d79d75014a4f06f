import { columnStreamKey, openColumnStream, rowProbability, shuffleStrata } from './column-streams.js';
import { createQuantile } from './create-quantile.js';
import type { DistributionSpec, SamplingDesign } from './distribution-spec.js';

/** What to draw: one column per distribution, one row per run. */
export interface SampleMatrixOptions {
  /** One per uncertain input, in column order. */
  distributions: readonly DistributionSpec[];
  /** Each column's parameter name (as long as `distributions`, no repeats): a column's draws depend on its name, not its position. */
  names: readonly string[];
  runCount: number;
  seed: number;
  design: SamplingDesign;
  /** Where to write the matrix (e.g. a view on a SharedArrayBuffer); at least `runCount * distributions.length` long. */
  target?: Float64Array;
}

function checkOptions(options: SampleMatrixOptions): void {
  const { distributions, names, runCount, seed, design, target } = options;
  if (!Array.isArray(distributions))
    throw new TypeError(`options.distributions must be an array of distributions, found ${typeof distributions}`);
  if (
    !Array.isArray(names) ||
    names.length !== distributions.length ||
    names.some((name) => typeof name !== 'string')
  ) {
    throw new TypeError(`options.names must be an array of ${distributions.length} strings, one per distribution`);
  }
  const seen = new Set<string>();
  const repeated = options.names.find((name) => seen.size === seen.add(name).size);
  if (repeated !== undefined) throw new RangeError(`options.names must not repeat a name, found ${repeated} twice`);
  if (typeof runCount !== 'number' || !Number.isSafeInteger(runCount) || runCount < 1) {
    throw new RangeError(`options.runCount must be a positive integer, found ${String(runCount)}`);
  }
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed))
    throw new RangeError(`options.seed must be a safe integer, found ${String(seed)}`);
  if (design !== 'lhs' && design !== 'random')
    throw new TypeError(`options.design must be 'lhs' or 'random', found ${String(design)}`);
  if (target !== undefined) {
    if (!(target instanceof Float64Array)) throw new TypeError('options.target must be a Float64Array');
    const needed = runCount * distributions.length;
    if (target.length < needed) {
      throw new RangeError(
        `options.target is too small: it holds ${target.length} doubles, runCount * distributions.length = ${needed}`,
      );
    }
  }
}

/**
 * Draw the probabilities behind the sample matrix: the same layout, order and streams as
 * `drawSampleMatrix` (below), each entry the probability p in (0, 1) whose quantile is the draw. The
 * distributions are checked (`createQuantile` would throw) but only their count shapes the matrix, so
 * the expensive inverse CDFs can run later, in parallel (`applyQuantiles`). Worker threads draw the
 * same numbers block by block from walked streams (column-streams.ts) without this matrix.
 */
export function drawProbabilityMatrix(options: SampleMatrixOptions): Float64Array {
  checkOptions(options);
  const { distributions, names, runCount, seed, design } = options;
  for (const spec of distributions) createQuantile(spec);
  const columnCount = distributions.length;
  const matrix = options.target ?? new Float64Array(runCount * columnCount);
  const strata = design === 'lhs' ? new Uint32Array(runCount) : undefined;
  for (let columnIndex = 0; columnIndex < columnCount; columnIndex += 1) {
    const stream = openColumnStream(columnStreamKey(seed, names[columnIndex]!, distributions[columnIndex]!));
    if (strata !== undefined) shuffleStrata(stream, strata, runCount);
    for (let runIndex = 0; runIndex < runCount; runIndex += 1)
      matrix[runIndex * columnCount + columnIndex] = rowProbability(
        design,
        stream.next(),
        strata?.[runIndex] ?? 0,
        runCount,
      );
  }
  return matrix;
}

/**
 * Turn rows `[firstRun, endRun)` of a probability matrix (see `drawProbabilityMatrix`) into draws,
 * in place, each column through its distribution's quantile function. Rows are independent, so
 * workers may each transform their own rows and get the numbers `drawSampleMatrix` gives.
 */
export function applyQuantiles(
  matrix: Float64Array,
  distributions: readonly DistributionSpec[],
  firstRun: number,
  endRun: number,
): void {
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
 * Reproducibility contract (common random numbers): a column's probabilities depend only on the
 * seed, its parameter's name, the run count and the design; never on the other columns, their order,
 * or the distribution (which only maps probabilities to values). So two scenarios with the same seed,
 * run count and design draw the same probabilities for every parameter they share, and a difference
 * between them comes from what else differs, not from sampling noise. Each column has its own stream,
 * `seedrandom.alea(`${seed}:${name}`)`, each uniform taken by `.double()` (53 bits) and redrawn while
 * exactly 0, so u is in (0, 1). The members of a `joint` group of empirical inputs share one stream,
 * `seedrandom.alea(`${seed}:joint:${group}`)`, so they take the same probabilities: one row of their
 * joint sample per run. Within a column the draw order is:
 * - `random`: one u per run 0 … N−1; each draw is Q(u). The first K runs of an N-run matrix
 *   therefore equal a K-run matrix.
 * - `lhs` (Latin hypercube, one draw in each of N equal-probability strata per column): a Fisher–Yates
 *   shuffle of the strata 0 … N−1 (for i = N−1 down to 1, swap i with ⌊u·(i+1)⌋, one u each), then
 *   one u per run 0 … N−1, giving p = (stratum[run] + u) / N. p is clamped to [2^-53, 1 − 2^-53],
 *   the range of `.double()`, so that every quantile is finite; for N < 2^52 the clamp never leaves
 *   the stratum.
 *
 * @throws TypeError or RangeError naming the misused option.
 */
export function drawSampleMatrix(options: SampleMatrixOptions): Float64Array {
  const matrix = drawProbabilityMatrix(options);
  applyQuantiles(matrix, options.distributions, 0, options.runCount);
  return matrix;
}
