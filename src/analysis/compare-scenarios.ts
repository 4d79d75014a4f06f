import type { Result } from '../diagnostics/diagnostic.js';
import { success } from '../diagnostics/diagnostic.js';
import type { SamplingDesign } from '../sampling/distribution-spec.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import type { ScenarioRunFailure } from '../experiment/run-design.js';
import { runScenario, type RunScenarioOptions } from '../experiment/run-scenario.js';
import type { ScenarioSummary } from '../experiment/scenario-summary.js';

/** The one design every scenario of a comparison runs with, so shared parameters get the same draws. */
export interface CommonDesign {
  seed: number;
  runCount: number;
  sampling: SamplingDesign;
}

/** A scenario whose own `uncertainty` differs from the comparison's design: what it declared. */
export interface DeclaredDesign extends CommonDesign {
  scenario: string;
  file: string;
}

/** Scenarios set up for a comparison: each with the common design, and what changed to get there. */
export interface AlignedScenarios {
  design: CommonDesign;
  scenarios: ScenarioSpec[];
  /** The scenarios whose declared seed, run count or sampling design was replaced by another scenario's (not by an override), with what they declared. */
  changed: DeclaredDesign[];
  /** Uncertain parameters sampled by two or more scenarios: the same probabilities in each run (common random numbers). */
  sharedParameters: string[];
}

/**
 * Put scenarios on common random numbers: one seed, one run count and one sampling design for all
 * (the first scenario's, unless `overrides` give a seed or run count). Sample columns depend only on
 * (seed, parameter name, run count, design) (sampling/draw-sample-matrix.ts), so run k of every
 * scenario draws the same probability for each parameter they share, and differences between the
 * scenarios come from their policies, not from sampling noise.
 */
export function alignScenarios(
  scenarios: readonly ScenarioSpec[],
  overrides: { seed?: number | undefined; runCount?: number | undefined } = {},
): AlignedScenarios {
  const first = scenarios[0];
  if (first === undefined) throw new RangeError('scenarios must hold at least one scenario');
  const design: CommonDesign = {
    seed: overrides.seed ?? first.uncertainty.seed,
    runCount: overrides.runCount ?? first.uncertainty.runCount,
    sampling: first.uncertainty.sampling,
  };
  const changed: DeclaredDesign[] = [];
  const aligned = scenarios.map((scenario) => {
    const { seed, runCount, sampling } = scenario.uncertainty;
    const differs =
      (overrides.seed === undefined && seed !== design.seed) ||
      (overrides.runCount === undefined && runCount !== design.runCount) ||
      sampling !== design.sampling;
    if (differs) changed.push({ scenario: scenario.name, file: scenario.file, seed, runCount, sampling });
    return { ...scenario, uncertainty: { ...scenario.uncertainty, ...design } };
  });
  const counts = new Map<string, number>();
  for (const scenario of scenarios)
    for (const { name } of scenario.uncertainty.parameters) counts.set(name, (counts.get(name) ?? 0) + 1);
  const sharedParameters = [...counts].filter(([, count]) => count > 1).map(([name]) => name);
  return { design, scenarios: aligned, changed, sharedParameters };
}

/** A finished comparison: `compare --json` prints it. */
export interface ScenarioComparison {
  seed: number;
  runs: number;
  sampling: SamplingDesign;
  /** Uncertain parameters two or more scenarios sample, on common random numbers. */
  sharedParameters: string[];
  /** Scenarios that declared another design than the one they were compared with. */
  declared: DeclaredDesign[];
  /** Each scenario's summary (the shape of `summary.json`), in command-line order. */
  scenarios: ScenarioSummary[];
}

/** A comparison, or the first scenario with a run that produced NaN or infinity. */
export type ComparisonOutcome =
  { ok: true; comparison: ScenarioComparison } | { ok: false; scenario: ScenarioSpec; failure: ScenarioRunFailure };

/**
 * Run aligned scenarios (see `alignScenarios`) one after another on the same executor and gather
 * their summaries. Diagnostics if a scenario's model does not compile; the first failed run otherwise.
 */
export async function compareScenarios(
  aligned: AlignedScenarios,
  options: RunScenarioOptions & { onScenarioStart?: (scenario: ScenarioSpec) => void },
): Promise<Result<ComparisonOutcome>> {
  const summaries: ScenarioSummary[] = [];
  for (const scenario of aligned.scenarios) {
    options.onScenarioStart?.(scenario);
    const ran = await runScenario(scenario, options);
    if (!ran.ok) return ran;
    if (!ran.value.ok) return success({ ok: false, scenario, failure: ran.value.failure });
    summaries.push(ran.value.summary);
  }
  const { seed, runCount, sampling } = aligned.design;
  return success({
    ok: true,
    comparison: {
      seed,
      runs: runCount,
      sampling,
      sharedParameters: aligned.sharedParameters,
      declared: aligned.changed,
      scenarios: summaries,
    },
  });
}
