import { columnStreamKey, openColumnStream, rowProbability, shuffleStrata } from '../sampling/column-streams.js';
import type { SamplingDesign } from '../sampling/distribution-spec.js';
import { applyQuantiles, drawProbabilityMatrix } from '../sampling/draw-sample-matrix.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import type { UncertainFactor } from './uncertain-factors.js';

/**
 * The rows an experiment runs: for each row, a probability in (0, 1) per sample column of the scenario
 * (`scenario.uncertainty.parameters` order), row-major (`probabilities[row * columnCount + column]`), on a
 * SharedArrayBuffer that worker threads read. A column's value in a run is its distribution's quantile of
 * that probability, computed where the run is.
 */
export interface SampleMatrix {
  readonly rowCount: number;
  /**
   * Drawn on first use, so that `runDesign` can refuse a design too large for memory before anything
   * is allocated, and so that a sample with `streams` is never drawn whole unless an analysis reads it.
   */
  readonly probabilities: Float64Array;
  /**
   * Set when the rows come from per-column streams (the scenario's own sample): the workers then draw
   * each run's row themselves (sampling/column-streams.ts), the same numbers as `probabilities`.
   */
  readonly streams?: { design: SamplingDesign; keys: readonly string[] };
}

/** A sample whose probabilities are made by `draw` when first read, then kept. */
function lazySample(rowCount: number, draw: () => Float64Array, streams?: SampleMatrix['streams']): SampleMatrix {
  let drawn: Float64Array | undefined;
  return {
    rowCount,
    get probabilities() {
      drawn ??= draw();
      return drawn;
    },
    ...(streams === undefined ? {} : { streams }),
  };
}

/**
 * An experimental design over a scenario's uncertain factors: `rowCount` rows, each giving every
 * factor a probability in (0, 1), row-major (`probabilities[row * factors.length + factorIndex]`).
 * Designs built on the unit hypercube (Saltelli, Morris) run through the scenario's own distributions.
 */
export interface FactorDesign {
  factors: readonly UncertainFactor[];
  rowCount: number;
  probabilities: Float64Array;
}

const sharedDoubles = (count: number): Float64Array =>
  new Float64Array(new SharedArrayBuffer(Math.max(1, count) * Float64Array.BYTES_PER_ELEMENT), 0, count);

/**
 * The scenario's own sample: its seed, run count and sampling design, one stream per parameter name
 * (sampling/draw-sample-matrix.ts), so it is the sample `kechuang run` draws.
 */
export function scenarioSample(scenario: ScenarioSpec): SampleMatrix {
  const { parameters, runCount, seed, sampling } = scenario.uncertainty;
  const keys = parameters.map((parameter) => columnStreamKey(seed, parameter.name, parameter.distribution));
  return lazySample(
    runCount,
    () =>
      drawProbabilityMatrix({
        distributions: parameters.map((parameter) => parameter.distribution),
        names: parameters.map((parameter) => parameter.name),
        runCount,
        seed,
        design: sampling,
        target: sharedDoubles(runCount * parameters.length),
      }),
    { design: sampling, keys },
  );
}

/**
 * One row of a sample: read from its matrix, or, for a streamed sample, drawn alone by walking each
 * column's stream to the row (so that naming one failed run of a huge experiment does not draw all of them).
 */
export function sampleRow(sample: SampleMatrix, rowIndex: number): Float64Array {
  if (sample.streams === undefined) {
    const columnCount = sample.probabilities.length / sample.rowCount;
    return sample.probabilities.slice(rowIndex * columnCount, (rowIndex + 1) * columnCount);
  }
  const { design, keys } = sample.streams;
  const runCount = sample.rowCount;
  const byKey = new Map<string, number>();
  for (const key of new Set(keys)) {
    const stream = openColumnStream(key);
    let stratum = 0;
    if (design === 'lhs') {
      const strata = new Uint32Array(runCount);
      shuffleStrata(stream, strata, runCount);
      stratum = strata[rowIndex]!;
    }
    for (let skipped = 0; skipped < rowIndex; skipped++) stream.next();
    byKey.set(key, rowProbability(design, stream.next(), stratum, runCount));
  }
  return Float64Array.from(keys, (key) => byKey.get(key)!);
}

/**
 * A factor design as the scenario's sample matrix: each factor's probability copied into all its
 * columns (a joint group's members take one probability together), 0.5 in columns no factor drives
 * (their parameters are overridden, so the value is never used).
 * @throws RangeError for a design of the wrong size or a probability outside (0, 1).
 */
export function factorSample(scenario: ScenarioSpec, design: FactorDesign): SampleMatrix {
  const columnCount = scenario.uncertainty.parameters.length;
  const factorCount = design.factors.length;
  if (design.probabilities.length !== design.rowCount * factorCount) {
    throw new RangeError(
      `design.probabilities holds ${design.probabilities.length} values, expected ${design.rowCount} rows x ${factorCount} factors`,
    );
  }
  design.probabilities.forEach((probability, index) => {
    if (!(probability > 0 && probability < 1)) {
      const factor = design.factors[index % factorCount]!;
      const row = Math.floor(index / factorCount);
      throw new RangeError(`design row ${row} gives factor ${factor.name} probability ${probability}, outside (0, 1)`);
    }
  });
  return lazySample(design.rowCount, () => {
    const probabilities = sharedDoubles(design.rowCount * columnCount);
    probabilities.fill(0.5);
    for (let row = 0; row < design.rowCount; row++) {
      design.factors.forEach((factor, factorIndex) => {
        const probability = design.probabilities[row * factorCount + factorIndex]!;
        for (const column of factor.columns) probabilities[row * columnCount + column] = probability;
      });
    }
    return probabilities;
  });
}

/**
 * The values a sample gives every column (each probability through its column's quantile function),
 * row-major like the sample; overridden columns included, as drawn.
 */
export function sampleValues(scenario: ScenarioSpec, sample: SampleMatrix): Float64Array {
  const values = Float64Array.from(sample.probabilities);
  applyQuantiles(
    values,
    scenario.uncertainty.parameters.map((parameter) => parameter.distribution),
    0,
    sample.rowCount,
  );
  return values;
}

/** One column of a row-major matrix with `columnCount` columns. */
export function matrixColumn(
  matrix: Float64Array,
  rowCount: number,
  columnCount: number,
  column: number,
): Float64Array {
  return Float64Array.from({ length: rowCount }, (_, row) => matrix[row * columnCount + column]!);
}

/**
 * The value each run of a sample gives each parameter it sets, by parameter name (columns that a fixed
 * value overrides, `sampleColumns` -1, left out): what `runs.parquet` records as the sampled inputs.
 */
export function sampledInputColumns(
  scenario: ScenarioSpec,
  sampleColumns: Int32Array,
  sample: SampleMatrix,
): { name: string; values: Float64Array }[] {
  const values = sampleValues(scenario, sample);
  const columnCount = scenario.uncertainty.parameters.length;
  return scenario.uncertainty.parameters.flatMap(({ name }, column) =>
    sampleColumns[column]! < 0 ? [] : [{ name, values: matrixColumn(values, sample.rowCount, columnCount, column) }],
  );
}
