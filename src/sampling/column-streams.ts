import seedrandom from 'seedrandom';
import type { DistributionSpec, SamplingDesign } from './distribution-spec.js';
import { largestProbability, smallestProbability } from './internal/build-quantile.js';

/**
 * The sample matrix's columns as streams that any thread can draw a block of rows from, so that the
 * matrix need not be drawn, stored or shared whole. A column's probabilities come from its own stream
 * (see `drawSampleMatrix` for the contract); walking each stream once records its generator state at
 * the start of every block of `streamBlockRuns` runs, and a thread that runs rows `[first, end)` resumes
 * each stream at the block holding `first`. The numbers are those of `drawProbabilityMatrix`, bit for
 * bit: both draw through `openColumnStream`, `shuffleStrata` and `rowProbability`.
 */

/** Runs per recorded stream state: a reader skips fewer than this many draws to reach its first row. */
export const streamBlockRuns = 4096;

/** Doubles one recorded alea state takes: its carry and its three seeds. */
export const streamStateWidth = 4;

/** The number of blocks (recorded states per stream) of an experiment of `runCount` runs. */
export const streamBlockCount = (runCount: number): number => Math.ceil(runCount / streamBlockRuns);

/**
 * The stream a column draws from: `${seed}:${name}`, or `${seed}:joint:${group}` for an empirical
 * input of a `joint` group, whose members all draw the same probabilities.
 */
export function columnStreamKey(seed: number, name: string, spec: DistributionSpec): string {
  return spec.dist === 'empirical' && spec.joint !== undefined ? `${seed}:joint:${spec.joint}` : `${seed}:${name}`;
}

/** A column's uniforms in (0, 1), and its generator's state between draws. */
export interface ColumnStream {
  /** The next uniform: alea's `.double()`, redrawn while exactly 0. */
  next(): number;
  /** Write the generator's state (`streamStateWidth` doubles) at `offset`. */
  saveState(into: Float64Array, offset: number): void;
}

function streamOf(generator: seedrandom.StatefulPRNG<seedrandom.State.Alea>): ColumnStream {
  return {
    next() {
      let uniform = generator.double();
      while (uniform === 0) uniform = generator.double();
      return uniform;
    },
    saveState(into: Float64Array, offset: number) {
      const { c, s0, s1, s2 } = generator.state();
      into[offset] = c;
      into[offset + 1] = s0;
      into[offset + 2] = s1;
      into[offset + 3] = s2;
    },
  };
}

/** The stream `key` from its start. */
export function openColumnStream(key: string): ColumnStream {
  return streamOf(seedrandom.alea(key, { state: true }));
}

/** A stream resumed from a state `saveState` wrote. */
export function resumeColumnStream(states: Float64Array, offset: number): ColumnStream {
  const state = { c: states[offset]!, s0: states[offset + 1]!, s1: states[offset + 2]!, s2: states[offset + 3]! };
  return streamOf(seedrandom.alea('', { state }));
}

/**
 * Latin hypercube strata: 0 … N−1 shuffled by Fisher–Yates (for i = N−1 down to 1, swap i with
 * ⌊u·(i+1)⌋, one uniform each), into `strata` (at least `runCount` long).
 */
export function shuffleStrata(stream: ColumnStream, strata: Uint32Array, runCount: number): void {
  for (let stratum = 0; stratum < runCount; stratum += 1) strata[stratum] = stratum;
  for (let index = runCount - 1; index > 0; index -= 1) {
    const swapIndex = Math.floor(stream.next() * (index + 1));
    const held = strata[index]!;
    strata[index] = strata[swapIndex]!;
    strata[swapIndex] = held;
  }
}

/**
 * A run's probability from its uniform: the uniform itself (`random`), or (stratum + u) / N clamped to
 * [2^-53, 1 − 2^-53] (`lhs`), the range of `.double()`, so that every quantile is finite.
 */
export function rowProbability(design: SamplingDesign, uniform: number, stratum: number, runCount: number): number {
  if (design === 'random') return uniform;
  const probability = (stratum + uniform) / runCount;
  return probability < smallestProbability
    ? smallestProbability
    : probability > largestProbability
      ? largestProbability
      : probability;
}

/** Where a walk records a stream: its block states and, for `lhs`, its strata. */
export interface StreamWalkTarget {
  /** `streamBlockCount(runCount) * streamStateWidth` doubles from `stateOffset`. */
  states: Float64Array;
  stateOffset: number;
  /** `lhs` only: `runCount` strata from `strataOffset`. */
  strata?: Uint32Array;
  strataOffset?: number;
}

/**
 * Walk stream `key` over an experiment of `runCount` runs without keeping its draws: shuffle its strata
 * (`lhs`), then record the generator's state before the first draw of each block of `streamBlockRuns`
 * runs. What `createRowReader` needs to draw any rows of the column.
 */
export function walkColumnStream(key: string, design: SamplingDesign, runCount: number, into: StreamWalkTarget): void {
  const stream = openColumnStream(key);
  if (design === 'lhs') {
    if (into.strata === undefined) throw new TypeError('into.strata is needed for an lhs design');
    const offset = into.strataOffset ?? 0;
    shuffleStrata(stream, into.strata.subarray(offset, offset + runCount), runCount);
  }
  for (let runIndex = 0; runIndex < runCount; runIndex += 1) {
    if (runIndex % streamBlockRuns === 0)
      stream.saveState(into.states, into.stateOffset + (runIndex / streamBlockRuns) * streamStateWidth);
    stream.next();
  }
}

/**
 * The probabilities of runs `firstRun`, `firstRun + 1`, … of a walked stream (see `walkColumnStream`),
 * one per call, in run order.
 */
export function createRowReader(
  design: SamplingDesign,
  runCount: number,
  walked: StreamWalkTarget,
  firstRun: number,
): () => number {
  const block = Math.floor(firstRun / streamBlockRuns);
  const stream = resumeColumnStream(walked.states, walked.stateOffset + block * streamStateWidth);
  for (let skipped = block * streamBlockRuns; skipped < firstRun; skipped += 1) stream.next();
  const strata = walked.strata;
  const strataOffset = walked.strataOffset ?? 0;
  let runIndex = firstRun;
  if (design === 'random') return () => (runIndex++, stream.next());
  if (strata === undefined) throw new TypeError('walked.strata is needed for an lhs design');
  return () => rowProbability(design, stream.next(), strata[strataOffset + runIndex++]!, runCount);
}
