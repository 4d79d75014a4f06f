/**
 * The ranks of `values`, 1 for the smallest, ties given the mean of the ranks they span (the
 * "average" or fractional ranking that Spearman's correlation uses). Values must not be NaN.
 */
export function rankValues(values: ArrayLike<number>): Float64Array {
  const count = values.length;
  const order = Array.from({ length: count }, (_, index) => index).sort(
    (left, right) => values[left]! - values[right]!,
  );
  const ranks = new Float64Array(count);
  let start = 0;
  while (start < count) {
    let end = start + 1;
    while (end < count && values[order[end]!] === values[order[start]!]) end += 1;
    // Positions start..end-1 hold equal values: each gets the mean of ranks start+1..end.
    const rank = (start + 1 + end) / 2;
    for (let position = start; position < end; position += 1) ranks[order[position]!] = rank;
    start = end;
  }
  return ranks;
}
