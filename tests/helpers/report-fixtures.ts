import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runScenario } from '../../src/experiment/run-scenario.js';
import type { ScenarioSummary } from '../../src/experiment/scenario-summary.js';
import { parseModelHistory, type ModelHistory } from '../../src/model/model-history.js';
import { createShardExecutor } from '../../src/parallel/shard-executor.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import type { ScenarioSpec } from '../../src/scenario/scenario-spec.js';

/** A fixture of tests/fixtures/report/ by file name. */
export const reportFixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/report/${name}`, import.meta.url));

/** Load a scenario file or throw with its diagnostics. */
export function loadScenarioOrThrow(file: string): ScenarioSpec {
  const loaded = loadScenario(file, { readText: (path) => ({ ok: true, value: readFileSync(path, 'utf8') }) });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics, null, 2));
  return loaded.value;
}

/** Run a scenario on the calling thread (one worker) and return its summary, or throw. */
export async function summarizeOrThrow(scenario: ScenarioSpec): Promise<ScenarioSummary> {
  const executor = createShardExecutor(1);
  try {
    const ran = await runScenario(scenario, { executor, engineVersion: '0.1.0', memoryLimitBytes: 1e9 });
    if (!ran.ok || !ran.value.ok) throw new Error(`scenario ${scenario.name} did not run`);
    return ran.value.summary;
  } finally {
    await executor.close();
  }
}

/** The observed history of a scenario's model, from its data file, or throw. */
export function historyOrThrow(scenario: ScenarioSpec): ModelHistory {
  const history = parseModelHistory(scenario.model, readFileSync(scenario.model.dataFile!, 'utf8'));
  if (!history.ok) throw new Error(JSON.stringify(history.diagnostics, null, 2));
  return history.value;
}
