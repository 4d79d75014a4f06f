import { create, invDependencies } from 'mathjs';

// mathjs's matrix inverse alone (and what it depends on), not the whole library.
if (invDependencies === undefined) throw new Error('mathjs does not export invDependencies');
const inverter = create({ invDependencies });

/** The inverse of a square matrix, by mathjs `inv` (Gauss–Jordan elimination with partial pivoting). */
export function invertMatrix(matrix: number[][]): number[][] {
  return inverter.inv(matrix);
}
