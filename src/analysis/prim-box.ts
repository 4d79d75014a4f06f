import { quantile } from 'simple-statistics';

/** One input PRIM may restrict: its name and its value in every run, in run order. */
export interface PrimInput {
  name: string;
  values: Float64Array;
}

/** How PRIM peels, pastes and picks a box (defaults in `defaultPrimOptions`). */
export interface PrimOptions {
  /** Share of the box's runs each peeling step removes (α, 0 < α < 0.5). */
  peelAlpha: number;
  /** Peeling stops before the box would hold fewer than this share of all runs. */
  minMass: number;
  /** The reported box is the densest on the trajectory (within `dropTolerance`) whose coverage is at least this. */
  minCoverage: number;
  /**
   * Drop a bound when the box without it is at most this much (or one binomial standard error of the
   * chosen box's density, if larger) less dense than the chosen box; also the slack in choosing the densest box.
   */
  dropTolerance: number;
  /** Paste after peeling: widen a bound by α of the box's runs while that raises the density. */
  paste: boolean;
}

/** Friedman & Fisher's usual α = 0.05; stop at 5% of runs; report the densest box covering half the class. */
export const defaultPrimOptions: PrimOptions = {
  peelAlpha: 0.05,
  minMass: 0.05,
  minCoverage: 0.5,
  dropTolerance: 0.01,
  paste: false,
};

/** An input's range in the box: `min ≤ value ≤ max`, `null` where that side is unrestricted. */
export interface PrimRestriction {
  name: string;
  min: number | null;
  max: number | null;
}

/** A box of input ranges and how it separates the class of interest. */
export interface PrimBox {
  /** Restricted inputs only, in input order. */
  restrictions: PrimRestriction[];
  /** Share of the class's runs inside the box. */
  coverage: number;
  /** Share of the box's runs in the class. */
  density: number;
  /** Share of all runs inside the box. */
  mass: number;
  /** Runs inside the box. */
  runCount: number;
  /** Runs of the class inside the box. */
  classCount: number;
}

/** One box of the peeling trajectory, the first being all runs. */
export interface PrimStep {
  coverage: number;
  density: number;
  mass: number;
  /** Inputs with at least one bound. */
  restrictionCount: number;
}

/** What `primBox` found. */
export interface PrimResult {
  /** The chosen box with the bounds that do not matter dropped. */
  box: PrimBox;
  /** The chosen box as peeling (and pasting) left it. */
  peeledBox: PrimBox;
  trajectory: PrimStep[];
  /** Index in `trajectory` of the chosen box. */
  chosenStep: number;
  /** The drop tolerance used: `options.dropTolerance` or the chosen box's standard error, the larger. */
  dropTolerance: number;
  /** Runs of the class among all runs. */
  classCount: number;
  runCount: number;
}

interface Bounds {
  lower: Float64Array;
  upper: Float64Array;
}

interface BoxCounts {
  runCount: number;
  classCount: number;
}

function checkOptions(inputs: readonly PrimInput[], inClass: Uint8Array, options: PrimOptions): void {
  if (!(options.peelAlpha > 0 && options.peelAlpha < 0.5))
    throw new RangeError(`options.peelAlpha must be in (0, 0.5), found ${options.peelAlpha}`);
  if (!(options.minMass > 0 && options.minMass < 1))
    throw new RangeError(`options.minMass must be in (0, 1), found ${options.minMass}`);
  if (!(options.minCoverage >= 0 && options.minCoverage <= 1))
    throw new RangeError(`options.minCoverage must be in [0, 1], found ${options.minCoverage}`);
  if (!(options.dropTolerance >= 0 && options.dropTolerance < 1))
    throw new RangeError(`options.dropTolerance must be in [0, 1), found ${options.dropTolerance}`);
  for (const input of inputs) {
    if (input.values.length !== inClass.length)
      throw new RangeError(
        `input ${input.name} has ${input.values.length} values, expected one per run (${inClass.length})`,
      );
  }
}

const inside = (inputs: readonly PrimInput[], bounds: Bounds, runIndex: number): boolean =>
  inputs.every((input, inputIndex) => {
    const value = input.values[runIndex]!;
    return value >= bounds.lower[inputIndex]! && value <= bounds.upper[inputIndex]!;
  });

function countBox(inputs: readonly PrimInput[], inClass: Uint8Array, bounds: Bounds): BoxCounts {
  let runCount = 0;
  let classCount = 0;
  for (let runIndex = 0; runIndex < inClass.length; runIndex++) {
    if (!inside(inputs, bounds, runIndex)) continue;
    runCount++;
    classCount += inClass[runIndex]!;
  }
  return { runCount, classCount };
}

const restrictionCount = (bounds: Bounds): number =>
  bounds.lower.reduce(
    (count, lower, index) => count + (lower > -Infinity || bounds.upper[index]! < Infinity ? 1 : 0),
    0,
  );

function describeBox(inputs: readonly PrimInput[], bounds: Bounds, counts: BoxCounts, totals: BoxCounts): PrimBox {
  const restrictions: PrimRestriction[] = [];
  inputs.forEach((input, inputIndex) => {
    const lower = bounds.lower[inputIndex]!;
    const upper = bounds.upper[inputIndex]!;
    if (lower === -Infinity && upper === Infinity) return;
    restrictions.push({
      name: input.name,
      min: lower === -Infinity ? null : lower,
      max: upper === Infinity ? null : upper,
    });
  });
  return {
    restrictions,
    coverage: counts.classCount / totals.classCount,
    density: counts.runCount === 0 ? 0 : counts.classCount / counts.runCount,
    mass: counts.runCount / totals.runCount,
    runCount: counts.runCount,
    classCount: counts.classCount,
  };
}

/** A candidate change of one bound: the new bound and the box it leaves. */
interface Candidate {
  inputIndex: number;
  side: 'lower' | 'upper';
  bound: number;
  counts: BoxCounts;
}

/** Better: denser; at equal density, more runs; otherwise the earlier candidate (input order, lower before upper). */
const better = (candidate: Candidate, best: Candidate | undefined): boolean => {
  if (best === undefined) return true;
  const density = candidate.counts.classCount / candidate.counts.runCount;
  const bestDensity = best.counts.classCount / best.counts.runCount;
  return density > bestDensity || (density === bestDensity && candidate.counts.runCount > best.counts.runCount);
};

/**
 * The peel of one side of one input: remove the box's runs below its α-quantile (lower) or above its
 * (1 − α)-quantile (upper), quantiles by simple-statistics `quantileSorted`. When ties at the quantile
 * leave nothing to remove, the whole tied block at the quantile goes. The new bound is the extreme value
 * kept, so the box is closed and tight to the data.
 */
function peelCandidate(
  input: PrimInput,
  inputIndex: number,
  side: 'lower' | 'upper',
  cut: number,
  members: readonly number[],
  inClass: Uint8Array,
): Candidate | undefined {
  let removedStrict = false;
  for (const runIndex of members) {
    const value = input.values[runIndex]!;
    if (side === 'lower' ? value < cut : value > cut) {
      removedStrict = true;
      break;
    }
  }
  const keep = removedStrict
    ? (value: number): boolean => (side === 'lower' ? value >= cut : value <= cut)
    : (value: number): boolean => (side === 'lower' ? value > cut : value < cut);
  let runCount = 0;
  let classCount = 0;
  let bound = side === 'lower' ? Infinity : -Infinity;
  for (const runIndex of members) {
    const value = input.values[runIndex]!;
    if (!keep(value)) continue;
    runCount++;
    classCount += inClass[runIndex]!;
    bound = side === 'lower' ? Math.min(bound, value) : Math.max(bound, value);
  }
  if (runCount === 0 || runCount === members.length) return undefined;
  return { inputIndex, side, bound, counts: { runCount, classCount } };
}

function withBound(bounds: Bounds, candidate: Pick<Candidate, 'inputIndex' | 'side' | 'bound'>): Bounds {
  const next = { lower: bounds.lower.slice(), upper: bounds.upper.slice() };
  next[candidate.side][candidate.inputIndex] = candidate.bound;
  return next;
}

/**
 * Pasting (Friedman & Fisher 1999, section 5): widen one bound to take in α of the box's runs more,
 * choosing the widening that leaves the densest box, while it raises the density, or keeps it and takes
 * in more runs of the class (so a pure box, density 1, grows back to its edge after peeling overshot it).
 */
function paste(inputs: readonly PrimInput[], inClass: Uint8Array, start: Bounds, alpha: number): Bounds {
  let bounds = start;
  let counts = countBox(inputs, inClass, bounds);
  for (;;) {
    let best: Candidate | undefined;
    inputs.forEach((input, inputIndex) => {
      for (const side of ['lower', 'upper'] as const) {
        const current = bounds[side][inputIndex]!;
        if (!Number.isFinite(current)) continue;
        // Runs inside every other bound, outside this side of this one, nearest first.
        const loosened = withBound(bounds, { inputIndex, side, bound: side === 'lower' ? -Infinity : Infinity });
        const outside: number[] = [];
        for (let runIndex = 0; runIndex < inClass.length; runIndex++) {
          const value = input.values[runIndex]!;
          if ((side === 'lower' ? value < current : value > current) && inside(inputs, loosened, runIndex))
            outside.push(value);
        }
        if (outside.length === 0) continue;
        outside.sort((a, b) => (side === 'lower' ? b - a : a - b));
        const take = Math.min(outside.length, Math.max(1, Math.ceil(alpha * counts.runCount)));
        const candidate = {
          inputIndex,
          side,
          bound: take === outside.length ? (side === 'lower' ? -Infinity : Infinity) : outside[take - 1]!,
        };
        const candidateCounts = countBox(inputs, inClass, withBound(bounds, candidate));
        const full = { ...candidate, counts: candidateCounts };
        if (better(full, best)) best = full;
      }
    });
    if (best === undefined) return bounds;
    const density = best.counts.classCount / best.counts.runCount;
    const current = counts.classCount / counts.runCount;
    if (density < current || (density === current && best.counts.classCount === counts.classCount)) return bounds;
    bounds = withBound(bounds, best);
    counts = best.counts;
  }
}

/**
 * Drop the bounds that do not matter, one at a time: while some bound can go with the box's density
 * staying within `tolerance` of `reference`, drop the one whose removal leaves the densest box
 * (ties: the later input). Dropping only widens the box, so coverage and mass never fall.
 */
function dropBounds(
  inputs: readonly PrimInput[],
  inClass: Uint8Array,
  start: Bounds,
  reference: number,
  tolerance: number,
): Bounds {
  let bounds = start;
  for (;;) {
    let best: Candidate | undefined;
    inputs.forEach((_, inputIndex) => {
      for (const side of ['lower', 'upper'] as const) {
        if (!Number.isFinite(bounds[side][inputIndex]!)) continue;
        const candidate = { inputIndex, side, bound: side === 'lower' ? -Infinity : Infinity };
        const full = { ...candidate, counts: countBox(inputs, inClass, withBound(bounds, candidate)) };
        if (
          best === undefined ||
          full.counts.classCount / full.counts.runCount >= best.counts.classCount / best.counts.runCount
        )
          best = full;
      }
    });
    if (best === undefined || best.counts.classCount / best.counts.runCount < reference - tolerance) return bounds;
    bounds = withBound(bounds, best);
  }
}

/**
 * PRIM, the patient rule induction method (Friedman & Fisher 1999), as used for scenario discovery
 * (Bryant & Lempert 2010; the EMA workbench): find a box of input ranges in which the runs of a class
 * (`inClass[run] === 1`, e.g. runs that miss a target) are concentrated.
 *
 * 1. Peeling: start from all runs. At each step, for every input and each side, consider removing the
 *    box's runs beyond the α-quantile on that side (`peelCandidate`), and make the removal that raises the
 *    density most per run removed (the EMA workbench's "lenient1" objective: with no ties every peel removes
 *    the same number of runs, so this is the densest box; a tied block of a discrete input, removed whole,
 *    must earn its size). Ties: the one keeping more runs, then the first input, lower side first. Stop when
 *    the next box would hold fewer than `minMass` of all runs, when the density reaches 1, or when no
 *    removal is possible. Each box on the way is a step of the trajectory.
 * 2. Choice: among the boxes of the trajectory whose coverage is at least `minCoverage` (the whole-run
 *    box always is), the first (so the largest, with the highest coverage) whose density is within
 *    `dropTolerance` of the densest of them.
 * 3. Pasting, when `paste` is set (`paste`): widen bounds again while that raises the density, or keeps it
 *    and raises the coverage.
 * 4. Readability: drop the bounds whose removal keeps the density within the drop tolerance of the
 *    chosen box's (`dropBounds`): `dropTolerance` or, if larger, the binomial standard error
 *    √(d(1 − d)/n) of the chosen box's density d over its n runs, so a bound that only fits noise goes.
 *
 * Coverage is the share of the class's runs in the box, density the share of the box's runs in the
 * class, mass the share of all runs in the box. Deterministic: no randomness, and every tie is broken by
 * input order, so the result depends only on the inputs' values in run order and the class.
 *
 * @throws RangeError naming a misused option, or an input whose value count is not the run count.
 */
export function primBox(
  inputs: readonly PrimInput[],
  inClass: Uint8Array,
  options: PrimOptions = defaultPrimOptions,
): PrimResult {
  checkOptions(inputs, inClass, options);
  const runCount = inClass.length;
  const totals: BoxCounts = { runCount, classCount: inClass.reduce((sum, value) => sum + value, 0) };
  if (totals.classCount === 0 || runCount === 0) throw new RangeError('primBox() needs at least one run in the class');
  let bounds: Bounds = {
    lower: new Float64Array(inputs.length).fill(-Infinity),
    upper: new Float64Array(inputs.length).fill(Infinity),
  };
  let members = Array.from({ length: runCount }, (_, runIndex) => runIndex);
  let counts = totals;
  const boxes: Bounds[] = [bounds];
  const stepOf = (box: Bounds, boxCounts: BoxCounts): PrimStep => {
    const described = describeBox(inputs, box, boxCounts, totals);
    return {
      coverage: described.coverage,
      density: described.density,
      mass: described.mass,
      restrictionCount: restrictionCount(box),
    };
  };
  const trajectory: PrimStep[] = [stepOf(bounds, counts)];
  while (counts.classCount < counts.runCount) {
    let best: Candidate | undefined;
    const peelGain = (candidate: Candidate): number =>
      (candidate.counts.classCount / candidate.counts.runCount - counts.classCount / counts.runCount) /
      (counts.runCount - candidate.counts.runCount);
    inputs.forEach((input, inputIndex) => {
      const cuts = quantile(
        members.map((runIndex) => input.values[runIndex]!),
        [options.peelAlpha, 1 - options.peelAlpha],
      );
      for (const [sideIndex, side] of (['lower', 'upper'] as const).entries()) {
        const candidate = peelCandidate(input, inputIndex, side, cuts[sideIndex]!, members, inClass);
        if (candidate === undefined || candidate.counts.runCount < options.minMass * runCount) continue;
        if (
          best === undefined ||
          peelGain(candidate) > peelGain(best) ||
          (peelGain(candidate) === peelGain(best) && candidate.counts.runCount > best.counts.runCount)
        )
          best = candidate;
      }
    });
    if (best === undefined) break;
    bounds = withBound(bounds, best);
    const input = inputs[best.inputIndex]!;
    const side = best.side;
    const bound = best.bound;
    members = members.filter((runIndex) =>
      side === 'lower' ? input.values[runIndex]! >= bound : input.values[runIndex]! <= bound,
    );
    counts = best.counts;
    boxes.push(bounds);
    trajectory.push(stepOf(bounds, counts));
  }
  const qualified = trajectory.filter((step) => step.coverage >= options.minCoverage);
  const bestDensity = Math.max(...qualified.map((step) => step.density));
  // Coverage never rises along the trajectory, so the first box near the best density covers the most.
  const chosenStep = trajectory.findIndex(
    (step) => step.coverage >= options.minCoverage && step.density >= bestDensity - options.dropTolerance,
  );
  let chosen = boxes[chosenStep]!;
  if (options.paste) chosen = paste(inputs, inClass, chosen, options.peelAlpha);
  const peeledBox = describeBox(inputs, chosen, countBox(inputs, inClass, chosen), totals);
  const standardError = Math.sqrt((peeledBox.density * (1 - peeledBox.density)) / peeledBox.runCount);
  const dropTolerance = Math.max(options.dropTolerance, standardError);
  const readable = dropBounds(inputs, inClass, chosen, peeledBox.density, dropTolerance);
  return {
    box: describeBox(inputs, readable, countBox(inputs, inClass, readable), totals),
    peeledBox,
    trajectory,
    chosenStep,
    dropTolerance,
    classCount: totals.classCount,
    runCount,
  };
}
