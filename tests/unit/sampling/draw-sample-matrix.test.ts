import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import type { DistributionSpec } from '../../../src/sampling/distribution-spec.js';
import { applyQuantiles, drawProbabilityMatrix, drawSampleMatrix } from '../../../src/sampling/draw-sample-matrix.js';

const unitUniform: DistributionSpec = { dist: 'uniform', min: 0, max: 1 };
const distributions: readonly DistributionSpec[] = [
  { dist: 'normal', mean: 0.065, sd: 0.01 },
  { dist: 'uniform', min: 10, max: 11 },
  { dist: 'discrete', values: [-1, -2], weights: [1, 1] },
];

const names = ['growth', 'level', 'sign'];

/** The documented stream of one column: alea seeded with `seed:name`, `.double()` redrawn while 0. */
function uniformStream(seed: number, name: string): () => number {
  const stream = seedrandom.alea(`${seed}:${name}`);
  return () => {
    let u = stream.double();
    while (u === 0) u = stream.double();
    return u;
  };
}

describe('drawSampleMatrix() option errors', () => {
  const valid = { distributions, names, runCount: 4, seed: 1, design: 'random' } as const;

  it('throws when options.runCount is not a positive integer', () => {
    for (const runCount of [0, -3, 2.5, Number.NaN]) {
      expect(() => drawSampleMatrix({ ...valid, runCount })).toThrow(
        new RangeError(`options.runCount must be a positive integer, found ${runCount}`),
      );
    }
  });

  it('throws when options.seed is not a safe integer', () => {
    for (const seed of [1.5, 2 ** 53, Number.POSITIVE_INFINITY]) {
      expect(() => drawSampleMatrix({ ...valid, seed })).toThrow(
        new RangeError(`options.seed must be a safe integer, found ${seed}`),
      );
    }
  });

  it('throws when options.design is neither lhs nor random', () => {
    const design = 'sobol' as unknown as 'lhs';
    expect(() => drawSampleMatrix({ ...valid, design })).toThrow(
      new TypeError("options.design must be 'lhs' or 'random', found sobol"),
    );
  });

  it('throws when options.distributions is not an array', () => {
    const notAList = { dist: 'normal', mean: 0, sd: 1 } as unknown as DistributionSpec[];
    expect(() => drawSampleMatrix({ ...valid, distributions: notAList })).toThrow(
      new TypeError('options.distributions must be an array of distributions, found object'),
    );
  });

  it('throws when options.names does not give one string per distribution', () => {
    for (const badNames of [['growth', 'level'], ['growth', 'level', 3], 'growth'] as unknown as string[][]) {
      expect(() => drawSampleMatrix({ ...valid, names: badNames })).toThrow(
        new TypeError('options.names must be an array of 3 strings, one per distribution'),
      );
    }
  });

  it('throws when options.names repeats a name', () => {
    expect(() => drawSampleMatrix({ ...valid, names: ['growth', 'level', 'growth'] })).toThrow(
      new RangeError('options.names must not repeat a name, found growth twice'),
    );
  });

  it('throws when options.target is not a Float64Array', () => {
    const target = new Float32Array(12) as unknown as Float64Array;
    expect(() => drawSampleMatrix({ ...valid, target })).toThrow(
      new TypeError('options.target must be a Float64Array'),
    );
  });

  it('throws when options.target is too small', () => {
    expect(() => drawSampleMatrix({ ...valid, target: new Float64Array(11) })).toThrow(
      new RangeError('options.target is too small: it holds 11 doubles, runCount * distributions.length = 12'),
    );
  });

  it('throws the RangeError of createQuantile for an impossible distribution', () => {
    expect(() =>
      drawSampleMatrix({ ...valid, distributions: [{ dist: 'uniform', min: 1, max: 1 }], names: ['flat'] }),
    ).toThrow(RangeError);
  });
});

describe('drawSampleMatrix()', () => {
  it('lays out the matrix row-major, [run][parameter]', () => {
    const runCount = 50;
    for (const design of ['random', 'lhs'] as const) {
      const matrix = drawSampleMatrix({ distributions, names, runCount, seed: 7, design });
      expect(matrix).toHaveLength(runCount * 3);
      for (let runIndex = 0; runIndex < runCount; runIndex += 1) {
        expect(Math.abs(matrix[runIndex * 3]! - 0.065)).toBeLessThan(0.1);
        expect(matrix[runIndex * 3 + 1]).toBeGreaterThanOrEqual(10);
        expect([-1, -2]).toContain(matrix[runIndex * 3 + 2]);
      }
    }
  });

  it('random design draws each column run by run from its own alea(`${seed}:${name}`).double()', () => {
    const streams = [uniformStream(-42, 'a'), uniformStream(-42, 'b')];
    const matrix = drawSampleMatrix({
      distributions: [unitUniform, { dist: 'uniform', min: 0, max: 2 }],
      names: ['a', 'b'],
      runCount: 20,
      seed: -42,
      design: 'random',
    });
    matrix.forEach((value, index) => expect(value).toBeCloseTo((index % 2 === 0 ? 1 : 2) * streams[index % 2]!(), 15));
  });

  it('random design: the first K runs of an N-run matrix equal a K-run matrix', () => {
    const full = drawSampleMatrix({ distributions, names, runCount: 1000, seed: 20230501, design: 'random' });
    for (const runCount of [1, 17, 999]) {
      const prefix = drawSampleMatrix({ distributions, names, runCount, seed: 20230501, design: 'random' });
      expect(prefix).toEqual(full.subarray(0, runCount * distributions.length));
    }
  });

  it('lhs design follows the documented draw order: per column a Fisher–Yates shuffle, then one jitter per run', () => {
    const runCount = 25;
    const expected = new Float64Array(runCount * 2);
    for (let columnIndex = 0; columnIndex < 2; columnIndex += 1) {
      const next = uniformStream(99, ['x', 'y'][columnIndex]!);
      const strata = Array.from({ length: runCount }, (_, stratum) => stratum);
      for (let index = runCount - 1; index > 0; index -= 1) {
        const swapIndex = Math.floor(next() * (index + 1));
        [strata[index], strata[swapIndex]] = [strata[swapIndex]!, strata[index]!];
      }
      strata.forEach((stratum, runIndex) => (expected[runIndex * 2 + columnIndex] = (stratum + next()) / runCount));
    }
    expect(
      drawSampleMatrix({
        distributions: [unitUniform, unitUniform],
        names: ['x', 'y'],
        runCount,
        seed: 99,
        design: 'lhs',
      }),
    ).toEqual(expected);
  });

  it('writes into options.target, a view on a SharedArrayBuffer, and returns it, leaving the rest alone', () => {
    const target = new Float64Array(new SharedArrayBuffer(8 * 10), 8, 8).fill(-7);
    const returned = drawSampleMatrix({
      distributions: [unitUniform],
      names: ['x'],
      runCount: 5,
      seed: 3,
      design: 'lhs',
      target,
    });
    expect(returned).toBe(target);
    expect(Array.from(target.subarray(5))).toEqual([-7, -7, -7]);
    expect(target.subarray(0, 5)).toEqual(
      drawSampleMatrix({ distributions: [unitUniform], names: ['x'], runCount: 5, seed: 3, design: 'lhs' }),
    );
  });

  it('gives an empty matrix for no distributions', () => {
    expect(drawSampleMatrix({ distributions: [], names: [], runCount: 3, seed: 1, design: 'lhs' })).toHaveLength(0);
  });

  it("draws a column's probabilities from the seed, its name, the run count and the design alone (common random numbers)", () => {
    for (const design of ['random', 'lhs'] as const) {
      const runCount = 64;
      const both = drawProbabilityMatrix({ distributions, names, runCount, seed: 11, design });
      const alone = drawProbabilityMatrix({
        distributions: [distributions[1]!],
        names: ['level'],
        runCount,
        seed: 11,
        design,
      });
      const reordered = drawProbabilityMatrix({
        distributions: [distributions[2]!, { dist: 'normal', mean: 5, sd: 2 }],
        names: ['sign', 'level'],
        runCount,
        seed: 11,
        design,
      });
      const levelColumn = Array.from({ length: runCount }, (_, runIndex) => both[runIndex * 3 + 1]);
      expect(Array.from(alone)).toEqual(levelColumn);
      expect(Array.from({ length: runCount }, (_, runIndex) => reordered[runIndex * 2 + 1])).toEqual(levelColumn);
      const renamed = drawProbabilityMatrix({
        distributions: [distributions[1]!],
        names: ['level2'],
        runCount,
        seed: 11,
        design,
      });
      expect(Array.from(renamed)).not.toEqual(levelColumn);
    }
  });
});

describe('drawProbabilityMatrix() and applyQuantiles()', () => {
  it('give drawSampleMatrix() bit for bit, whatever rows each call transforms', () => {
    for (const design of ['lhs', 'random'] as const) {
      const options = { distributions, names, runCount: 101, seed: 5, design };
      const matrix = drawProbabilityMatrix(options);
      expect(matrix.every((probability) => probability > 0 && probability < 1)).toBe(true);
      for (const [first, end] of [
        [0, 40],
        [40, 41],
        [41, 101],
      ] as const) {
        applyQuantiles(matrix, distributions, first, end);
      }
      expect(Array.from(matrix)).toEqual(Array.from(drawSampleMatrix(options)));
    }
  });

  it('drawProbabilityMatrix() checks the distributions it is given', () => {
    expect(() =>
      drawProbabilityMatrix({
        distributions: [{ dist: 'normal', mean: 0, sd: -1 }],
        names: ['x'],
        runCount: 2,
        seed: 1,
        design: 'random',
      }),
    ).toThrow(RangeError);
  });
});

describe('drawSampleMatrix() with joint empirical inputs', () => {
  it('gives every member of a joint group the same row of its list, and leaves other columns alone', () => {
    const first = { dist: 'empirical' as const, values: [1, 2, 3, 4, 5], joint: 'fit' };
    const second = { dist: 'empirical' as const, values: [10, 20, 30, 40, 50], joint: 'fit' };
    const free = { dist: 'empirical' as const, values: [10, 20, 30, 40, 50] };
    for (const design of ['lhs', 'random'] as const) {
      const runCount = 200;
      const matrix = drawSampleMatrix({
        distributions: [first, free, second],
        names: ['a', 'b', 'c'],
        runCount,
        seed: 9,
        design,
      });
      let differs = 0;
      for (let runIndex = 0; runIndex < runCount; runIndex++) {
        const [a, b, c] = [matrix[runIndex * 3]!, matrix[runIndex * 3 + 1]!, matrix[runIndex * 3 + 2]!];
        expect(c).toBe(a * 10);
        if (b !== a * 10) differs++;
      }
      expect(differs).toBeGreaterThan(runCount / 2);
    }
  });
});
