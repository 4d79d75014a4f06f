import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { messages } from '../diagnostics/messages.js';
import {
  checkpointIdentity,
  CheckpointError,
  openCheckpointStore,
  type CheckpointStore,
} from '../parallel/checkpoint-store.js';
import { scenarioFolderNames } from '../report/scenario-folder-names.js';
import type { FileWriteError } from '../parallel/write-whole-file.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { InputError, renderMessage } from '../diagnostics/input-error.js';
import type { CommandOutput } from './output.js';
import { packageVersion } from './package-version.js';

/**
 * Where `run --out DIR` writes each scenario's files: DIR itself, or, when there are several scenarios,
 * DIR/<folder> with a folder name made from the scenario's name (report/scenario-folder-names.ts): never
 * a path out of DIR, never DIR itself, never another scenario's. A scenario whose folder is not its
 * name is said so on stderr.
 */
export function scenarioOutFolders(out: string, scenarios: readonly ScenarioSpec[], output: CommandOutput): string[] {
  if (scenarios.length === 1) return [out];
  return scenarioFolderNames(scenarios.map((scenario) => scenario.name)).map(({ folder, renamed }, index) => {
    const path = join(out, folder);
    if (renamed) {
      const scenario = scenarios[index]!;
      output.err(`${renderMessage(messages.scenarioFolderRenamed(scenario.name, path), scenario.file, 'warning')}\n`);
    }
    return path;
  });
}

/** Make the `--out` folder now, so that a folder that cannot be written fails before an hour of runs, not after. */
export function prepareOutFolder(out: string): void {
  try {
    mkdirSync(out, { recursive: true });
    if (!statSync(out).isDirectory()) throw new Error('it is a file, not a folder');
  } catch (error) {
    throw new InputError(
      `--out ${out}`,
      messages.fileUnwritable(error instanceof Error ? error.message : String(error)),
    );
  }
}

/**
 * Open one checkpoint per scenario for `run --out DIR [--resume]`, in `<scenario folder>/.checkpoint`
 * (parallel/checkpoint-store.ts); none without `--out`. A checkpoint that is already there without
 * `--resume`, or that was made for other inputs, is an input error naming `--out`.
 */
export function openRunCheckpoints(
  scenarios: readonly ScenarioSpec[],
  out: { folder: string; scenarioFolders: readonly string[] } | undefined,
  resume: boolean,
  output: CommandOutput,
): (CheckpointStore | undefined)[] {
  if (out === undefined) {
    if (resume) throw new InputError('--resume', messages.resumeNeedsOut());
    return scenarios.map(() => undefined);
  }
  prepareOutFolder(out.folder);
  return scenarios.map((scenario, index) => {
    const folder = join(out.scenarioFolders[index]!, '.checkpoint');
    const identity = checkpointIdentity(scenario, packageVersion);
    try {
      const onWriteFailure = (error: FileWriteError): void => {
        const reason = error.cause instanceof Error ? error.cause.message : String(error.cause);
        output.err(`${renderMessage(messages.checkpointNotKept(error.path, reason), scenario.file, 'warning')}\n`);
      };
      const checkpoint = openCheckpointStore(folder, identity, { resume, onWriteFailure });
      if (resume) {
        const detail = checkpoint.resumed
          ? messages.resuming(checkpoint.savedRunCount(), scenario.uncertainty.runCount, folder)
          : messages.nothingToResume(folder);
        output.err(`${renderMessage(detail, scenario.file, 'note')}\n`);
      }
      return checkpoint;
    } catch (error) {
      if (error instanceof CheckpointError) throw new InputError(`--out ${out.folder}`, error.detail);
      throw error;
    }
  });
}
