import type { Result } from '../diagnostics/diagnostic.js';
import { messages } from '../diagnostics/messages.js';
import { readModelText } from '../model/read-model-text.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { looksLikeScenario } from '../scenario/looks-like-scenario.js';
import { readOverrides } from '../scenario/read-overrides.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { withOverrides } from '../scenario/with-overrides.js';
import { exitCodes, ReportedFailure } from './cli-error.js';
import { printDiagnostics, type CommandOutput } from './output.js';
import { readTextFile } from './read-text-file.js';

/** The options that change a scenario as it is read: `--set` (as written), `--runs`, `--seed` (checked numbers). */
export interface ScenarioOverrideOptions {
  set: readonly string[];
  runCount?: number | undefined;
  seed?: number | undefined;
}

/** A scenario as its file says (`loaded`), with the command line's overrides (`scenario`), and the `--set` values. */
export interface ScenarioArgument {
  loaded: ScenarioSpec;
  scenario: ScenarioSpec;
  set: Map<string, number>;
}

/** `readTextFile` reading each path once: the scenario named is sniffed, then loaded, from one read. */
export function createTextReader(): (path: string) => Result<string> {
  const texts = new Map<string, Result<string>>();
  return (path) => {
    let text = texts.get(path);
    if (text === undefined) {
      text = readTextFile(path);
      texts.set(path, text);
    }
    return text;
  };
}

/**
 * Read a scenario file named on the command line, with its `--set`, `--runs` and `--seed`; undefined
 * after printing every problem found (a model file given where a scenario belongs is said to be one).
 * Each file is read once. A misused `--set` is an input error (thrown).
 */
export function readScenarioArgument(
  file: string,
  options: ScenarioOverrideOptions,
  output: CommandOutput,
): ScenarioArgument | undefined {
  const readText = createTextReader();
  const text = readText(file);
  if (text.ok && !looksLikeScenario(text.value) && readModelText(text.value, file).ok) {
    printDiagnostics(output, [
      { file, line: 1, column: 1, severity: 'error', field: '', ...messages.modelNotScenario(file) },
    ]);
    return undefined;
  }
  const loaded = loadScenario(file, { readText });
  if (!loaded.ok) {
    printDiagnostics(output, loaded.diagnostics);
    return undefined;
  }
  const set = readOverrides(loaded.value.model, options.set);
  const { runCount, seed } = options;
  const scenario = withOverrides(loaded.value, {
    set,
    ...(runCount === undefined ? {} : { runCount }),
    ...(seed === undefined ? {} : { seed }),
  });
  return { loaded: loaded.value, scenario, set };
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

/** Read several scenario arguments, printing the problems of each before exiting 2 if any had one. */
export function loadScenarioArguments(
  files: readonly string[],
  options: ScenarioOverrideOptions,
  output: CommandOutput,
): ScenarioSpec[] {
  const scenarios: ScenarioSpec[] = [];
  let failed = false;
  for (const file of files) {
    const argument = readScenarioArgument(file, options, output);
    if (argument === undefined) failed = true;
    else scenarios.push(argument.scenario);
  }
  if (failed) throw new ReportedFailure(exitCodes.badInput);
  return scenarios;
}
