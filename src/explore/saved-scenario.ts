import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { stringify } from 'yaml';
import { kechuangCommand } from '../diagnostics/shell-command.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import type { SavedScenario } from './explore-protocol.js';
import type { ViewValues } from './read-view-request.js';

/** What a saved scenario is made from: the scenario as opened, where its file is, and the view's changes. */
export interface SavedScenarioInput {
  /** The opened scenario with the command line's `--set`, `--runs` and `--seed` applied. */
  scenario: ScenarioSpec;
  /** The opened scenario file, as given on the command line. */
  file: string;
  /** `--set` values given on the command line, by name (the file does not have them). */
  commandSet: ReadonlyMap<string, number>;
  view: ViewValues;
  engineVersion: string;
}

const posix = (path: string): string => path.split(sep).join('/');

/**
 * The text of a scenario file that `extends` the opened one and gives the view's changes: `set` for the
 * fixed values (the command line's `--set`, then the view's), each scaled policy with every point
 * multiplied by its scale (replacing the inherited policy of that name), and the run count and seed in
 * force, so that `kechuang run` on it alone makes the view's runs. `extends` is relative to `folder`,
 * where the file will be written.
 */
export function savedScenarioText(input: SavedScenarioInput, folder: string, name: string): string {
  const { scenario, file, view } = input;
  const set = new Map([...input.commandSet, ...view.values]);
  const policies = scenario.policies.filter((policy) => (view.scales.get(policy.name) ?? 1) !== 1);
  const changes = [
    ...[...set].map(([parameter, value]) => `${parameter} = ${value}`),
    ...policies.map((policy) => `policy ${policy.name} x ${view.scales.get(policy.name)}`),
  ];
  const document = {
    name,
    description: `${scenario.name} as explored: ${changes.length === 0 ? 'no change' : changes.join(', ')}`,
    extends: posix(relative(folder, file)),
    ...(set.size === 0 ? {} : { set: Object.fromEntries(set) }),
    ...(policies.length === 0
      ? {}
      : {
          policies: Object.fromEntries(
            policies.map((policy) => {
              const scale = view.scales.get(policy.name)!;
              const points = Object.fromEntries(policy.points.map((point) => [point.time, point.value * scale]));
              return [policy.name, { interpolate: policy.interpolate, points }];
            }),
          ),
        }),
    uncertainty: { runs: scenario.uncertainty.runCount, seed: scenario.uncertainty.seed },
  };
  return `# Saved by kechuang explore (kechuang ${input.engineVersion}) from ${posix(file)}.\n${stringify(document, { lineWidth: 0 })}`;
}

/** The `kechuang run` command that makes a view's runs from the opened file with `--set`; undefined while a policy is scaled. */
export function viewRunCommand(input: Omit<SavedScenarioInput, 'engineVersion'>): string | undefined {
  const { scenario, file, view } = input;
  if ([...view.scales.values()].some((scale) => scale !== 1)) return undefined;
  const set = [...[...input.commandSet].map(([name, value]) => `${name}=${value}`), ...view.set];
  return kechuangCommand([
    'run',
    file,
    '--runs',
    String(scenario.uncertainty.runCount),
    '--seed',
    String(scenario.uncertainty.seed),
    ...set.flatMap((word) => ['--set', word]),
  ]);
}

/**
 * Write a view as a scenario file in `folder` (made if missing), named `<scenario>-explore-<n>.yaml`
 * with the first `n` not yet taken: an existing file is never overwritten (the file is opened with
 * `wx`, so a name taken between the check and the write is skipped too).
 */
export function saveScenario(input: SavedScenarioInput, folder: string): SavedScenario {
  mkdirSync(folder, { recursive: true });
  for (let number = 1; ; number++) {
    const name = `${input.scenario.name}-explore-${number}`;
    const path = join(folder, `${name}.yaml`);
    const text = savedScenarioText(input, dirname(path), name);
    try {
      writeFileSync(path, text, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    return {
      file: path,
      fileName: basename(path),
      text,
      runCommand: kechuangCommand(['run', path]),
      setCommand: viewRunCommand(input),
    };
  }
}
