import tCdf from '@stdlib/stats-base-dists-t-cdf';
import { invertMatrix } from './internal/invert-matrix.js';
import { rankValues } from './rank-values.js';

/** One input's partial rank correlation with the output, and its two-sided p-value. */
export interface PartialCorrelation {
  /** In [-1, 1]: the sign says whether the output rises or falls with the input, the others held. */
  coefficient: number;
  /** Probability of a coefficient at least this far from 0 if the input had no monotone effect. */
  pValue: number;
}

/** Pearson correlation matrix of equally long columns. */
function correlationMatrix(columns: readonly Float64Array[]): number[][] {
  const count = columns[0]!.length;
  const centred = columns.map((column) => {
    let sum = 0;
    for (let index = 0; index < count; index += 1) sum += column[index]!;
    const mean = sum / count;
    return column.map((value) => value - mean);
  });
  const matrix = columns.map(() => new Array<number>(columns.length).fill(0));
  for (let row = 0; row < columns.length; row += 1) {
    for (let column = row; column < columns.length; column += 1) {
      let sum = 0;
      const left = centred[row]!;
      const right = centred[column]!;
      for (let index = 0; index < count; index += 1) sum += left[index]! * right[index]!;
      matrix[row]![column] = sum;
      matrix[column]![row] = sum;
    }
  }
  const scale = matrix.map((row, index) => Math.sqrt(row[index]!));
  return matrix.map((row, rowIndex) =>
    row.map((value, columnIndex) => value / (scale[rowIndex]! * scale[columnIndex]!)),
  );
}

/**
 * Partial rank correlation coefficients (PRCC; Iman and Conover 1987, Marino et al. 2008) of each
 * input with the output: the Pearson correlation of their ranks (average ranks for ties) after the
 * ranks of the other inputs are linearly removed from both. Computed from the inverse P of the rank
 * correlation matrix of inputs and output, PRCC_i = -P[i][y] / sqrt(P[i][i] P[y][y]).
 *
 * Each p-value tests PRCC_i = 0 with Student's t: t = r sqrt(df / (1 - r^2)), df = n - 2 - (k - 1)
 * for n runs and k inputs (k - 1 variables partialled out), p = 2 P(T_df > |t|). It needs n > k + 1
 * and no input or output constant (their ranks would have no variance). When the output's ranks are
 * one input's ranks (or their reverse), that input gets ±1 with p = 0 and the others 0 with p = 1.
 */
export function partialRankCorrelation(
  inputs: readonly ArrayLike<number>[],
  output: ArrayLike<number>,
): PartialCorrelation[] {
  const inputCount = inputs.length;
  const runCount = output.length;
  if (inputCount < 1) throw new RangeError('inputs must hold at least one column');
  if (inputs.some((column) => column.length !== runCount))
    throw new RangeError(`every input column must hold ${runCount} values, as the output does`);
  const degreesOfFreedom = runCount - inputCount - 1;
  if (degreesOfFreedom < 1)
    throw new RangeError(
      `partial rank correlation of ${inputCount} inputs needs more than ${inputCount + 1} runs, found ${runCount}`,
    );
  const correlation = correlationMatrix([...inputs.map(rankValues), rankValues(output)]);
  const outputIndex = inputCount;
  // The output's ranks are one input's ranks (or their reverse): the matrix is singular. That input
  // explains the output's ranks wholly (±1); nothing is left for the others to explain (0, p = 1).
  const determining = correlation[outputIndex]!.findIndex(
    (value, index) => index < inputCount && Math.abs(value) > 1 - 1e-12,
  );
  if (determining >= 0) {
    return inputs.map((_, inputIndex) =>
      inputIndex === determining
        ? { coefficient: Math.sign(correlation[outputIndex]![inputIndex]!), pValue: 0 }
        : { coefficient: 0, pValue: 1 },
    );
  }
  const precision = invertMatrix(correlation);
  return inputs.map((_, inputIndex) => {
    const raw =
      -precision[inputIndex]![outputIndex]! /
      Math.sqrt(precision[inputIndex]![inputIndex]! * precision[outputIndex]![outputIndex]!);
    const coefficient = Math.max(-1, Math.min(1, raw));
    const t =
      Math.abs(coefficient) === 1
        ? Number.POSITIVE_INFINITY
        : coefficient * Math.sqrt(degreesOfFreedom / (1 - coefficient * coefficient));
    return { coefficient, pValue: Math.min(1, 2 * tCdf(-Math.abs(t), degreesOfFreedom)) };
  });
}
