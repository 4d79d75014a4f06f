import type { Result } from '../diagnostics/diagnostic.js';
import { success } from '../diagnostics/diagnostic.js';
import type { RunStore } from '../runtime/run-store.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { compileExperiment, type CompiledExperiment } from './compile-experiment.js';
import { runDesign, type RunDesignOptions, type ScenarioRunFailure } from './run-design.js';
import { scenarioSample } from './sample-matrix.js';
import type { ScenarioSummary } from './scenario-summary.js';
import { summarizeScenario } from './summarize-scenario.js';

/** How to run a scenario; the numbers depend on none of these except through the scenario itself. */
export interface RunScenarioOptions extends RunDesignOptions {
  engineVersion: string;
}

/** A finished scenario: its summary, or the first failed run; and its runs, unless they were summarised in passes. */
export type ScenarioOutcome =
  | { ok: true; summary: ScenarioSummary; store: RunStore | undefined }
  | { ok: false; failure: ScenarioRunFailure; store: RunStore | undefined };

/**
 * Run a compiled scenario's Monte Carlo experiment: its own sample (seed, run count, sampling design)
 * through `runDesign` across the executor's workers, then its summary: each output's band, each
 * target's odds, and where the numbers came from.
 */
export async function runCompiledScenario(
  experiment: CompiledExperiment,
  options: RunScenarioOptions,
): Promise<ScenarioOutcome> {
  const started = performance.now();
  const { engineVersion, ...designOptions } = options;
  const ran = await runDesign(experiment, scenarioSample(experiment.scenario), { ...designOptions, summarize: true });
  if (!ran.ok) return ran;
  const engine = {
    version: engineVersion,
    workers: options.executor.workerCount,
    wallSeconds: (performance.now() - started) / 1000,
  };
  return { ok: true, summary: summarizeScenario(experiment, ran, engine), store: ran.store };
}

/**
 * Compile a scenario (`compileExperiment`) and run it (`runCompiledScenario`). Diagnostics when its
 * model with its policies does not compile.
 */
export async function runScenario(
  scenario: ScenarioSpec,
  options: RunScenarioOptions,
): Promise<Result<ScenarioOutcome>> {
  const compiled = compileExperiment(scenario);
  if (!compiled.ok) return compiled;
  return success(await runCompiledScenario(compiled.value, options));
}
