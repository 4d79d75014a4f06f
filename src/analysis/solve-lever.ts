import type { Result } from '../diagnostics/diagnostic.js';
import { failure, success } from '../diagnostics/diagnostic.js';
import type { SamplingDesign } from '../sampling/distribution-spec.js';
import type { ScenarioSpec, TargetSpec } from '../scenario/scenario-spec.js';
import { withOverrides } from '../scenario/with-overrides.js';
import { meetsTarget } from '../stats/evaluate-target.js';
import { designOutput, runDesign, scenarioSampleDesign, type RunDesignOptions } from './run-design.js';
import type { ScenarioRunFailure } from './run-scenario.js';

/**
 * What `solve` turns: a model parameter, fixed at the trial value in every run (over its `set` value,
 * its distribution or its policy), or a scenario policy's scale, every point of the policy multiplied
 * by the trial factor.
 */
export type Lever = { kind: 'parameter'; name: string } | { kind: 'policy'; name: string };

/** `--lever policy:<name>` names the scale of the scenario policy on parameter `<name>`. */
export const policyLeverPrefix = 'policy:';

/** The range a policy scale is searched over when none is given: from switching the policy off to three times it. */
export const defaultPolicyScaleRange: readonly [number, number] = [0, 3];

/** The default tolerance is the range's width divided by this. */
export const defaultToleranceDivisor = 1000;

/** A lever as written on the command line: `name` or `policy:name`. */
export function leverName(lever: Lever): string {
  return lever.kind === 'policy' ? `${policyLeverPrefix}${lever.name}` : lever.name;
}

/** Read `name` or `policy:name` into a lever (not checked against a scenario: see `findLever`). */
export function parseLever(text: string): Lever {
  return text.startsWith(policyLeverPrefix)
    ? { kind: 'policy', name: text.slice(policyLeverPrefix.length) }
    : { kind: 'parameter', name: text };
}

/** Every lever a scenario offers, as written on the command line: its model's parameters, then `policy:<name>` for each of its policies. */
export function leverCandidates(scenario: ScenarioSpec): string[] {
  return [
    ...scenario.model.parameters.map((parameter) => parameter.name),
    ...scenario.policies.map((policy) => `${policyLeverPrefix}${policy.name}`),
  ];
}

/** Whether the scenario has this lever: a parameter of its model, or a policy of the scenario. */
export function hasLever(scenario: ScenarioSpec, lever: Lever): boolean {
  return lever.kind === 'parameter'
    ? scenario.model.parameters.some((parameter) => parameter.name === lever.name)
    : scenario.policies.some((policy) => policy.name === lever.name);
}

/**
 * The range searched when none is given: a parameter's declared `min`..`max` (undefined when the
 * model declares not both), a policy scale's `defaultPolicyScaleRange`.
 */
export function defaultLeverRange(scenario: ScenarioSpec, lever: Lever): [number, number] | undefined {
  if (lever.kind === 'policy') return [defaultPolicyScaleRange[0], defaultPolicyScaleRange[1]];
  const parameter = scenario.model.parameters.find((candidate) => candidate.name === lever.name);
  return parameter?.min === undefined || parameter.max === undefined ? undefined : [parameter.min, parameter.max];
}

/** The scenario with the lever at `value`: the parameter fixed (as `--set` would), or the policy's points scaled. */
export function scenarioAtLever(scenario: ScenarioSpec, lever: Lever, value: number): ScenarioSpec {
  if (lever.kind === 'parameter') return withOverrides(scenario, { set: new Map([[lever.name, value]]) });
  return {
    ...scenario,
    policies: scenario.policies.map((policy) =>
      policy.name === lever.name
        ? { ...policy, points: policy.points.map((point) => ({ time: point.time, value: point.value * value })) }
        : policy,
    ),
  };
}

/** What to solve for. */
export interface SolveLeverSpec {
  lever: Lever;
  /** Target ids of the scenario; a run counts when it meets all of them. */
  targets: readonly string[];
  /** The share of runs that must meet the targets, in (0, 1). */
  probability: number;
  /** The lever values searched, `[min, max]` with min < max. */
  range: readonly [number, number];
  /** Stop when the bracket is this narrow (default: range width / 1000). */
  tolerance?: number;
}

/** One lever value tried, and the share of runs meeting every target there. */
export interface LeverTrial {
  value: number;
  probability: number;
}

/** Whether the probability rises or falls as the lever grows, judged from the range's two ends. */
export type LeverDirection = 'rising' | 'falling';

/** What `solve` found; `solve --json` prints it. */
export interface LeverSolution {
  scenario: string;
  /** As written on the command line: `name` or `policy:name`. */
  lever: string;
  /**
   * The smallest value meeting the targets with the asked probability when it rises with the lever,
   * the largest when it falls (to within `tolerance`, on the side that meets); null when not reachable.
   */
  value: number | null;
  /** The share of runs meeting every target at `value`; when not reachable, the best share found (at `bestAt`). */
  probability: number;
  /** The asked probability. */
  required: number;
  targets: string[];
  /** Model runs spent: trials x runs per trial. */
  runs: number;
  reachable: boolean;
  direction: LeverDirection;
  range: [number, number];
  tolerance: number;
  /** Bisection steps after the two ends. */
  iterations: number;
  seed: number;
  runsPerTrial: number;
  sampling: SamplingDesign;
  /** When not reachable: the end of the range with the best probability. */
  bestAt?: number;
  /** False when a trial broke the ordering of probabilities the direction implies (see `violations`). */
  monotone: boolean;
  /** Pairs of trials, lower lever value first, whose probabilities are ordered against the direction. */
  violations: [LeverTrial, LeverTrial][];
  /** Every trial in the order it was run. */
  trials: LeverTrial[];
  wallSeconds: number;
}

/** A solved lever, or the first run that produced NaN or infinity, at lever value `value`. */
export type SolveOutcome =
  { ok: true; solution: LeverSolution } | { ok: false; failure: ScenarioRunFailure; value: number };

/** How to run the trials; none of these change the numbers. */
export interface SolveLeverOptions extends RunDesignOptions {
  /** Called with the runs finished over all trials so far (`onProgress` of `RunDesignOptions` is per trial: use this instead). */
  onTotalProgress?: (completedRuns: number) => void;
  /** Called before each trial with the lever value it tries (to name it if a run fails). */
  onTrialStart?: (value: number) => void;
}

/** The tolerance used: the one given, or the range's width / `defaultToleranceDivisor`. */
export function leverTolerance(spec: Pick<SolveLeverSpec, 'range' | 'tolerance'>): number {
  return spec.tolerance ?? (spec.range[1] - spec.range[0]) / defaultToleranceDivisor;
}

/** The most trials a search can take: the two ends, then one per halving of the range down to the tolerance. */
export function plannedTrialCount(spec: Pick<SolveLeverSpec, 'range' | 'tolerance'>): number {
  const width = spec.range[1] - spec.range[0];
  return 2 + Math.max(0, Math.ceil(Math.log2(width / leverTolerance(spec))));
}

function checkSpec(scenario: ScenarioSpec, spec: SolveLeverSpec): TargetSpec[] {
  const { probability, range, lever } = spec;
  if (!(probability > 0 && probability < 1))
    throw new RangeError(`spec.probability must be in (0, 1), found ${probability}`);
  if (range.length !== 2 || !Number.isFinite(range[0]) || !Number.isFinite(range[1]) || !(range[0] < range[1])) {
    throw new RangeError(`spec.range must be [min, max] with finite min < max, found [${range.join(', ')}]`);
  }
  const tolerance = leverTolerance(spec);
  if (!(tolerance > 0) || !(tolerance >= (range[1] - range[0]) * 1e-12))
    throw new RangeError(`spec.tolerance must be positive and at least the range width x 1e-12, found ${tolerance}`);
  if (!hasLever(scenario, lever))
    throw new RangeError(`spec.lever ${leverName(lever)} is not a parameter of the model or a policy of the scenario`);
  if (spec.targets.length === 0) throw new RangeError('spec.targets must name at least one target');
  return spec.targets.map((id) => {
    const target = scenario.targets.find((candidate) => candidate.id === id);
    if (target === undefined)
      throw new RangeError(`spec.targets names ${id}, which is not a target of scenario ${scenario.name}`);
    return target;
  });
}

/** Pairs of trials ordered against the direction (a lower lever value with a strictly better probability when rising). */
function orderingViolations(trials: readonly LeverTrial[], direction: LeverDirection): [LeverTrial, LeverTrial][] {
  const sorted = [...trials].sort((left, right) => left.value - right.value);
  const violations: [LeverTrial, LeverTrial][] = [];
  for (let index = 1; index < sorted.length; index++) {
    const lower = sorted[index - 1]!;
    const higher = sorted[index]!;
    if (direction === 'rising' ? higher.probability < lower.probability : higher.probability > lower.probability)
      violations.push([lower, higher]);
  }
  return violations;
}

/**
 * Find the lever value at which the scenario's runs meet every named target (all in the same run)
 * with at least the asked probability, by bisection on common random numbers.
 *
 * The scenario's sample matrix is drawn once (its seed, run count and design) and every trial runs
 * the same rows with only the lever changed, so where each run's outcome is monotone in the lever the
 * share of runs meeting the targets is monotone too, and the bisection is exact on that sample. Both
 * ends of the range are run first: if the probability is higher at the upper end (or equal) the
 * direction is rising and the smallest value meeting it is sought; if lower, falling, and the
 * largest. Met at both ends: the lower (rising) or upper (falling) end is the answer. Met at
 * neither: not reachable in the range (`value` null; `probability` and `bestAt` give the better end).
 * Otherwise the bracket [not met, met] is halved until narrower than the tolerance, and the met side
 * is reported, so the reported value always meets the targets on this sample. The probability
 * at the reported value equals what `kechuang run --set lever=value` reports for a single target
 * (same draws). A trial whose probability is ordered against the direction is recorded in
 * `violations`: the model is not monotone there and the answer is one crossing among several.
 *
 * Runs: trials x the scenario's run count, at most `plannedTrialCount(spec)` trials.
 * @throws RangeError naming the misused part of `spec`.
 */
export async function solveLever(
  scenario: ScenarioSpec,
  spec: SolveLeverSpec,
  options: SolveLeverOptions,
): Promise<Result<SolveOutcome>> {
  const started = performance.now();
  const targets = checkSpec(scenario, spec);
  const tolerance = leverTolerance(spec);
  const { lever, probability: required } = spec;
  const runCount = scenario.uncertainty.runCount;
  const variables = [...new Set(targets.map((target) => target.variable))];
  // Drawn once, with the lever in place so that its own column no longer varies: run k draws the same
  // inputs at every lever value (common random numbers), exactly those of `kechuang run --set lever=value`.
  const { design } = scenarioSampleDesign(scenarioAtLever(scenario, lever, spec.range[0]));
  const trials: LeverTrial[] = [];
  let failed: { failure: ScenarioRunFailure; value: number } | undefined;

  const tryValue = async (value: number): Promise<Result<number | undefined>> => {
    options.onTrialStart?.(value);
    const offset = trials.length * runCount;
    const trialScenario = scenarioAtLever(scenario, lever, value);
    const ran = await runDesign(trialScenario, design, variables, {
      executor: options.executor,
      memoryLimitBytes: options.memoryLimitBytes,
      ...(options.onTotalProgress === undefined
        ? {}
        : { onProgress: (done: number) => options.onTotalProgress?.(offset + done) }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    if (!ran.ok) return failure(ran.diagnostics);
    if (!ran.value.ok) {
      failed = { failure: ran.value.failure, value };
      return success(undefined);
    }
    const { store } = ran.value;
    const columns = targets.map((target) => ({
      values: designOutput(store, trialScenario, target.variable, target.year),
      op: target.op,
      threshold: target.threshold,
    }));
    let meetingCount = 0;
    for (let row = 0; row < runCount; row++)
      if (columns.every((column) => meetsTarget(column.values[row]!, column.op, column.threshold))) meetingCount++;
    const probability = meetingCount / runCount;
    trials.push({ value, probability });
    return success(probability);
  };

  const [low, high] = spec.range;
  const atLow = await tryValue(low);
  if (!atLow.ok) return failure(atLow.diagnostics);
  if (atLow.value === undefined) return success({ ok: false, ...failed! });
  const atHigh = await tryValue(high);
  if (!atHigh.ok) return failure(atHigh.diagnostics);
  if (atHigh.value === undefined) return success({ ok: false, ...failed! });
  const lowProbability = atLow.value;
  const highProbability = atHigh.value;
  const lowMet = lowProbability >= required;
  const highMet = highProbability >= required;
  const direction: LeverDirection =
    lowMet !== highMet ? (highMet ? 'rising' : 'falling') : highProbability >= lowProbability ? 'rising' : 'falling';

  let iterations = 0;
  let value: number | null;
  let probability: number;
  let bestAt: number | undefined;
  if (!lowMet && !highMet) {
    value = null;
    bestAt = highProbability > lowProbability ? high : low;
    probability = Math.max(lowProbability, highProbability);
  } else if (lowMet && highMet) {
    value = direction === 'rising' ? low : high;
    probability = direction === 'rising' ? lowProbability : highProbability;
  } else {
    // The bracket: `met` always meets the targets, `unmet` never does; they close in on the crossing.
    let met = direction === 'rising' ? high : low;
    let unmet = direction === 'rising' ? low : high;
    let metProbability = direction === 'rising' ? highProbability : lowProbability;
    while (Math.abs(met - unmet) > tolerance) {
      const middle = unmet + (met - unmet) / 2;
      if (middle === met || middle === unmet) break;
      const atMiddle = await tryValue(middle);
      if (!atMiddle.ok) return failure(atMiddle.diagnostics);
      if (atMiddle.value === undefined) return success({ ok: false, ...failed! });
      iterations++;
      if (atMiddle.value >= required) {
        met = middle;
        metProbability = atMiddle.value;
      } else unmet = middle;
    }
    value = met;
    probability = metProbability;
  }
  const violations = orderingViolations(trials, direction);
  const solution: LeverSolution = {
    scenario: scenario.name,
    lever: leverName(lever),
    value,
    probability,
    required,
    targets: targets.map((target) => target.id),
    runs: trials.length * runCount,
    reachable: value !== null,
    direction,
    range: [spec.range[0], spec.range[1]],
    tolerance,
    iterations,
    seed: scenario.uncertainty.seed,
    runsPerTrial: runCount,
    sampling: scenario.uncertainty.sampling,
    ...(bestAt === undefined ? {} : { bestAt }),
    monotone: violations.length === 0,
    violations,
    trials,
    wallSeconds: (performance.now() - started) / 1000,
  };
  return success({ ok: true, solution });
}
