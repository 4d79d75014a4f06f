import { readFileSync } from 'node:fs';
import type { ModelHistory } from '../../src/model/model-history.js';
import { parseModelHistory } from '../../src/model/model-history.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import type { ScenarioSpec } from '../../src/scenario/scenario-spec.js';

/** Read a file for `loadScenario`, as the CLI does (without its size and encoding checks). */
export const readText = (file: string) => ({ ok: true as const, value: readFileSync(file, 'utf8') });

/** A scenario of the Beijing model, loaded or the test fails with its diagnostics. */
export function loadBeijingScenario(file = 'scenarios/baseline.yaml'): ScenarioSpec {
  const loaded = loadScenario(file, { readText });
  if (!loaded.ok)
    throw new Error(
      loaded.diagnostics.map((diagnostic) => `${diagnostic.file}:${diagnostic.line}: ${diagnostic.message}`).join('\n'),
    );
  return loaded.value;
}

/** The Beijing model's observed history from its data file. */
export function beijingHistory(scenario: ScenarioSpec): ModelHistory {
  const history = parseModelHistory(scenario.model, readFileSync(scenario.model.dataFile!, 'utf8'));
  if (!history.ok) throw new Error(history.diagnostics.map((diagnostic) => diagnostic.message).join('\n'));
  return history.value;
}
