import type { Result } from '../diagnostics/diagnostic.js';
import { messages, type Message } from '../diagnostics/messages.js';
import { suggestName } from '../diagnostics/suggest-name.js';
import { failure, success } from '../diagnostics/diagnostic.js';
import type { SamplingDesign } from '../sampling/distribution-spec.js';
import type { ScenarioSpec, TargetSpec } from '../scenario/scenario-spec.js';
import { withOverrides } from '../scenario/with-overrides.js';
import { meetsTarget } from '../stats/evaluate-target.js';
import { compileExperiment, withParameterValues } from '../experiment/compile-experiment.js';
import { outputColumn, runDesign, type RunDesignOptions, type ScenarioRunFailure } from '../experiment/run-design.js';
import { scenarioSample } from '../experiment/sample-matrix.js';

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
export interface SolveLeverOptions extends Omit<RunDesignOptions, 'summarize' | 'checkpoint'> {
  /** Called with the runs finished over all trials so far. */
  onProgress?: (completedRuns: number) => void;
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

/** What is wrong with a solve spec: the part of it (as `solve`'s options name them), its value as written, and why. */
export interface SolveSpecProblem {
  field: 'lever' | 'target' | 'probability' | 'range' | 'tolerance';
  value: string;
  detail: Message;
}

/**
 * The first problem of a spec for a scenario, or undefined: a lever the scenario lacks, no target or
 * one it lacks, a probability outside (0, 1), a range that is not finite min < max or that leaves a
 * parameter lever's declared range, a tolerance not positive or under the range width x 1e-12.
 * `typed` gives the values as the user wrote them, for the messages (a number may not be one).
 */
export function solveSpecProblem(
  scenario: ScenarioSpec,
  spec: SolveLeverSpec,
  typed: Partial<Record<'probability' | 'range' | 'tolerance', string>> = {},
): SolveSpecProblem | undefined {
  const { probability, range, lever } = spec;
  if (!hasLever(scenario, lever)) {
    const name = leverName(lever);
    const parameters = scenario.model.parameters.map((parameter) => parameter.name);
    const policies = scenario.policies.map((policy) => `${policyLeverPrefix}${policy.name}`);
    const detail = messages.unknownLever(name, suggestName(name, leverCandidates(scenario)), parameters, policies);
    return { field: 'lever', value: name, detail };
  }
  const ids = scenario.targets.map((target) => target.id);
  if (spec.targets.length === 0) return { field: 'target', value: '', detail: messages.targetNeeded(ids) };
  for (const id of spec.targets)
    if (!ids.includes(id))
      return { field: 'target', value: id, detail: messages.unknownTarget(id, suggestName(id, ids), ids) };
  if (!(probability > 0 && probability < 1)) {
    const value = typed.probability ?? String(probability);
    return { field: 'probability', value, detail: messages.probabilityOutOfRange(value) };
  }
  const rangeText = typed.range ?? range.join(',');
  if (range.length !== 2 || !Number.isFinite(range[0]) || !Number.isFinite(range[1]) || !(range[0] < range[1]))
    return { field: 'range', value: rangeText, detail: messages.invalidRange(rangeText) };
  const parameter =
    lever.kind === 'parameter'
      ? scenario.model.parameters.find((candidate) => candidate.name === lever.name)
      : undefined;
  if (
    parameter !== undefined &&
    ((parameter.min !== undefined && range[0] < parameter.min) ||
      (parameter.max !== undefined && range[1] > parameter.max))
  )
    return {
      field: 'range',
      value: rangeText,
      detail: messages.rangeBeyondDeclared(parameter.name, parameter.min, parameter.max),
    };
  const tolerance = leverTolerance(spec);
  const width = range[1] - range[0];
  if (!(tolerance > 0) || !(tolerance >= width * 1e-12)) {
    const value = typed.tolerance ?? String(tolerance);
    return { field: 'tolerance', value, detail: messages.invalidTolerance(value, width) };
  }
  return undefined;
}

/** The spec's targets, after `solveSpecProblem` found none. */
function checkSpec(scenario: ScenarioSpec, spec: SolveLeverSpec): TargetSpec[] {
  const problem = solveSpecProblem(scenario, spec);
  if (problem !== undefined) throw new RangeError(`spec.${problem.field} ${problem.value}: ${problem.detail.message}`);
  return spec.targets.map((id) => scenario.targets.find((candidate) => candidate.id === id)!);
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
  // Compiled once: a parameter lever is fixed like `--set lever=value`, a policy lever scales its policy through a
  // parameter of its own, so each trial changes one parameter value and the threads keep their compiled function.
  const leverScenario = lever.kind === 'parameter' ? scenarioAtLever(scenario, lever, spec.range[0]) : scenario;
  const scaledPolicies = lever.kind === 'policy' ? [lever.name] : [];
  const compiled = compileExperiment(leverScenario, { variables, scaledPolicies });
  if (!compiled.ok) return failure(compiled.diagnostics);
  const experiment = compiled.value;
  const leverParameter = lever.kind === 'policy' ? experiment.policyScales.get(lever.name)! : lever.name;
  // Drawn once: run k draws the same inputs at every lever value (common random numbers), exactly those of
  // `kechuang run --set lever=value` (the lever's own column is drawn but overridden).
  const sample = scenarioSample(leverScenario);
  const trials: LeverTrial[] = [];
  let failed: { failure: ScenarioRunFailure; value: number } | undefined;

  /** The share of runs meeting every target at `value`, or undefined when a run failed (then in `failed`). */
  const tryValue = async (value: number): Promise<number | undefined> => {
    options.onTrialStart?.(value);
    const offset = trials.length * runCount;
    const trial = withParameterValues(experiment, new Map([[leverParameter, value]]));
    const ran = await runDesign(trial, sample, {
      executor: options.executor,
      memoryLimitBytes: options.memoryLimitBytes,
      ...(options.onProgress === undefined
        ? {}
        : { onProgress: (done: number) => options.onProgress?.(offset + done) }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    if (!ran.ok) {
      failed = { failure: ran.failure, value };
      return undefined;
    }
    const columns = targets.map((target) => ({
      values: outputColumn(trial, ran.store, target.variable, target.year),
      op: target.op,
      threshold: target.threshold,
    }));
    let meetingCount = 0;
    for (let row = 0; row < runCount; row++)
      if (columns.every((column) => meetsTarget(column.values[row]!, column.op, column.threshold))) meetingCount++;
    const probability = meetingCount / runCount;
    trials.push({ value, probability });
    return probability;
  };

  const [low, high] = spec.range;
  const lowProbability = await tryValue(low);
  if (lowProbability === undefined) return success({ ok: false, ...failed! });
  const highProbability = await tryValue(high);
  if (highProbability === undefined) return success({ ok: false, ...failed! });
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
      if (atMiddle === undefined) return success({ ok: false, ...failed! });
      iterations++;
      if (atMiddle >= required) {
        met = middle;
        metProbability = atMiddle;
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
