import seedrandom from 'seedrandom';
import { sampleStandardDeviation } from 'simple-statistics';

/** One factor's Sobol indices with the half-widths of their 95% intervals. */
export interface SobolIndex {
  /** First-order index: the share of the output's variance explained by the factor alone. */
  S1: number;
  S1_conf: number;
  /** Total index: the share the factor takes part in, alone or through interactions. */
  ST: number;
  ST_conf: number;
}

/** How the intervals are estimated. */
export interface SobolIndicesOptions {
  /** Bootstrap resamples (at least 2). */
  bootstrapCount: number;
  /** Seed of the resampling stream, `alea(`${seed}:sobol-bootstrap`)`. */
  seed: number;
}

/** The indices of every factor from the outputs at rows `rows` (indices into [0, N)) of each block. */
function estimate(
  output: ArrayLike<number>,
  factorCount: number,
  sampleCount: number,
  rows: ArrayLike<number>,
  target: Float64Array,
): void {
  const count = rows.length;
  let sum = 0;
  for (let index = 0; index < count; index += 1) sum += output[rows[index]!]! + output[sampleCount + rows[index]!]!;
  const mean = sum / (2 * count);
  let squares = 0;
  for (let index = 0; index < count; index += 1) {
    const a = output[rows[index]!]! - mean;
    const b = output[sampleCount + rows[index]!]! - mean;
    squares += a * a + b * b;
  }
  const variance = squares / (2 * count);
  for (let factor = 0; factor < factorCount; factor += 1) {
    const block = (2 + factor) * sampleCount;
    let first = 0;
    let total = 0;
    for (let index = 0; index < count; index += 1) {
      const row = rows[index]!;
      const a = output[row]!;
      const ab = output[block + row]!;
      first += (output[sampleCount + row]! - mean) * (ab - a);
      total += (a - ab) * (a - ab);
    }
    target[2 * factor] = variance > 0 ? first / count / variance : 0;
    target[2 * factor + 1] = variance > 0 ? total / count / (2 * variance) : 0;
  }
}

/**
 * First-order and total Sobol indices from the outputs of a `saltelliDesign` (N (k + 2) values in
 * its row order). S1_i = mean(f_B (f_ABi - f_A)) / V (Saltelli et al. 2010, table 2 (b)), with f_B
 * centred on the mean of f_A and f_B, which changes nothing in expectation and lowers the estimator's
 * variance; ST_i = mean((f_A - f_ABi)^2) / (2 V) (Jansen 1999); V is the variance (divisor 2N) of f_A
 * and f_B together. A constant output gives 0 for every index.
 *
 * Each `_conf` is the half-width of a 95% normal interval from the bootstrap: 1.96 times the
 * standard deviation (n - 1 divisor) of the index over `bootstrapCount` resamples of the N base rows
 * drawn with replacement (one draw of rows for every factor, as SALib does).
 */
export function sobolIndices(
  output: ArrayLike<number>,
  factorCount: number,
  sampleCount: number,
  options: SobolIndicesOptions,
): SobolIndex[] {
  if (output.length !== sampleCount * (factorCount + 2))
    throw new RangeError(
      `output holds ${output.length} values, expected N (k + 2) = ${sampleCount * (factorCount + 2)}`,
    );
  if (!Number.isSafeInteger(options.bootstrapCount) || options.bootstrapCount < 2)
    throw new RangeError(`options.bootstrapCount must be an integer of at least 2, found ${options.bootstrapCount}`);
  const point = new Float64Array(2 * factorCount);
  estimate(
    output,
    factorCount,
    sampleCount,
    Uint32Array.from({ length: sampleCount }, (_, index) => index),
    point,
  );
  const draws = Array.from({ length: 2 * factorCount }, () => new Array<number>(options.bootstrapCount));
  const uniform = seedrandom.alea(`${options.seed}:sobol-bootstrap`);
  const rows = new Uint32Array(sampleCount);
  const resampled = new Float64Array(2 * factorCount);
  for (let resample = 0; resample < options.bootstrapCount; resample += 1) {
    for (let index = 0; index < sampleCount; index += 1) rows[index] = Math.floor(uniform.double() * sampleCount);
    estimate(output, factorCount, sampleCount, rows, resampled);
    resampled.forEach((value, index) => (draws[index]![resample] = value));
  }
  const halfWidth = (index: number): number => 1.96 * sampleStandardDeviation(draws[index]!);
  return Array.from({ length: factorCount }, (_, factor) => ({
    S1: point[2 * factor]!,
    S1_conf: halfWidth(2 * factor),
    ST: point[2 * factor + 1]!,
    ST_conf: halfWidth(2 * factor + 1),
  }));
}
