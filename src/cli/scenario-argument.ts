import { messages } from '../diagnostics/messages.js';
import { readModelText } from '../model/read-model-text.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { looksLikeScenario } from '../scenario/looks-like-scenario.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { withOverrides } from '../scenario/with-overrides.js';
import { exitCodes, ReportedFailure } from './cli-error.js';
import { integerOption } from './integer-option.js';
import { printDiagnostics, type CommandOutput } from './output.js';
import { parseOverrides } from './parse-overrides.js';
import { readTextFile } from './read-text-file.js';

/** The options that change a scenario as it is read: `--set` (repeatable), `--runs`, `--seed`. */
export interface ScenarioOverrideOptions {
  set: readonly string[];
  runs?: string | undefined;
  seed?: string | undefined;
}

/** A scenario as its file says (`loaded`), with the command line's overrides (`scenario`), and the `--set` values. */
export interface ScenarioArgument {
  loaded: ScenarioSpec;
  scenario: ScenarioSpec;
  set: Map<string, number>;
}

/**
 * Read a scenario file named on the command line, with its `--set`, `--runs` and `--seed`; undefined
 * after printing every problem found (a model file given where a scenario belongs is said to be one).
 * Misused options are input errors (thrown).
 */
export function readScenarioArgument(
  file: string,
  options: ScenarioOverrideOptions,
  output: CommandOutput,
): ScenarioArgument | undefined {
  const runCount = integerOption('--runs', options.runs, 1, 1e9);
  const seed = integerOption('--seed', options.seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const text = readTextFile(file);
  if (text.ok && !looksLikeScenario(text.value) && readModelText(text.value, file).ok) {
    printDiagnostics(output, [
      { file, line: 1, column: 1, severity: 'error', field: '', ...messages.modelNotScenario(file) },
    ]);
    return undefined;
  }
  const loaded = loadScenario(file, { readText: readTextFile });
  if (!loaded.ok) {
    printDiagnostics(output, loaded.diagnostics);
    return undefined;
  }
  const set = parseOverrides(loaded.value.model, options.set);
  return {
    loaded: loaded.value,
    scenario: withOverrides(loaded.value, {
      set,
      ...(runCount === undefined ? {} : { runCount }),
      ...(seed === undefined ? {} : { seed }),
    }),
    set,
  };
}

/** `readScenarioArgument`, exiting 2 when the file has problems. */
export function loadScenarioArgument(
  file: string,
  options: ScenarioOverrideOptions,
  output: CommandOutput,
): ScenarioArgument {
  const argument = readScenarioArgument(file, options, output);
  if (argument === undefined) throw new ReportedFailure(exitCodes.badInput);
  return argument;
}
