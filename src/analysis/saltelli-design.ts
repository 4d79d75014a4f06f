import { drawProbabilityMatrix } from '../sampling/draw-sample-matrix.js';
import type { SamplingDesign } from '../sampling/distribution-spec.js';

/** What a Saltelli design is drawn from. */
export interface SaltelliDesignOptions {
  /** Factor names: each names the two streams (`A:<name>`, `B:<name>`) its base columns come from. */
  factorNames: readonly string[];
  /** N, the base sample size: rows of each of the matrices A and B. */
  sampleCount: number;
  seed: number;
  /** How A and B are drawn: Latin hypercube or independent uniforms. */
  sampling: SamplingDesign;
}

/**
 * The Saltelli (2002, 2010) design for first-order and total Sobol indices, in probability space:
 * N (k + 2) rows of k probabilities in (0, 1), row-major. Rows [0, N) are matrix A, rows [N, 2N)
 * matrix B, and rows [(2 + i) N, (3 + i) N) matrix AB_i: A with column i taken from B. A and B are
 * 2k independent columns drawn as the scenario's sample matrix is (`drawProbabilityMatrix`), each
 * from its own stream named `A:<factor>` or `B:<factor>`, so the design depends only on the seed,
 * N, the sampling and the factors' names.
 */
export function saltelliDesign(options: SaltelliDesignOptions): Float64Array {
  const { factorNames, sampleCount, seed, sampling } = options;
  const factorCount = factorNames.length;
  const base = drawProbabilityMatrix({
    distributions: [...factorNames, ...factorNames].map(() => ({ dist: 'uniform', min: 0, max: 1 }) as const),
    names: [...factorNames.map((name) => `A:${name}`), ...factorNames.map((name) => `B:${name}`)],
    runCount: sampleCount,
    seed,
    design: sampling,
  });
  const width = 2 * factorCount;
  const design = new Float64Array(sampleCount * (factorCount + 2) * factorCount);
  for (let sample = 0; sample < sampleCount; sample += 1) {
    const a = sample * width;
    const b = a + factorCount;
    for (let factor = 0; factor < factorCount; factor += 1) {
      design[sample * factorCount + factor] = base[a + factor]!;
      design[(sampleCount + sample) * factorCount + factor] = base[b + factor]!;
    }
    for (let varied = 0; varied < factorCount; varied += 1) {
      const row = ((2 + varied) * sampleCount + sample) * factorCount;
      for (let factor = 0; factor < factorCount; factor += 1)
        design[row + factor] = base[(factor === varied ? b : a) + factor]!;
    }
  }
  return design;
}
