/**
 * One simulation run. Reads parameters (in the plan's parameter order) and writes each saved point of
 * each output into `out` at `outBase + saveIndex * saveStride + outputIndex * outputStride`, so one
 * function serves row-major single runs (`saveStride = outputCount`, `outputStride = 1`) and
 * column-major Monte Carlo stores (`saveStride = runCount`, `outputStride = saveCount * runCount`).
 * It never throws on numerical trouble: non-finite values are written as they are.
 */
export type RunFunction = (
  parameters: Float64Array,
  out: Float64Array,
  outBase: number,
  saveStride: number,
  outputStride: number,
) => void;

/**
 * Turn generated source (compile/generate-run-source.ts) into its run function. The only eval in
 * Kechuang: `source` is always the generator's own output, never text from a model file.
 */
export function compileRunSource(source: string): RunFunction {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return (new Function(source) as () => RunFunction)();
}
