import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { messages } from '../diagnostics/messages.js';
import {
  checkpointIdentity,
  CheckpointError,
  openCheckpointStore,
  type CheckpointStore,
} from '../parallel/checkpoint-store.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { InputError, renderMessage } from '../diagnostics/input-error.js';
import type { CommandOutput } from './output.js';
import { packageVersion } from './package-version.js';

/** Where `run --out DIR` writes a scenario's files: DIR itself, or DIR/<name> when there are several scenarios. */
export function scenarioOutFolder(out: string, scenarioCount: number, scenarioName: string): string {
  return scenarioCount === 1 ? out : join(out, scenarioName);
}

/** Make the `--out` folder now, so that a folder that cannot be written fails before an hour of runs, not after. */
function prepareOutFolder(out: string): void {
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
  out: string | undefined,
  resume: boolean,
  output: CommandOutput,
): (CheckpointStore | undefined)[] {
  if (out === undefined) {
    if (resume) throw new InputError('--resume', messages.resumeNeedsOut());
    return scenarios.map(() => undefined);
  }
  prepareOutFolder(out);
  return scenarios.map((scenario) => {
    const folder = join(scenarioOutFolder(out, scenarios.length, scenario.name), '.checkpoint');
    const identity = checkpointIdentity(scenario, packageVersion);
    try {
      const checkpoint = openCheckpointStore(folder, identity, { resume });
      if (resume) {
        const detail = checkpoint.resumed
          ? messages.resuming(checkpoint.savedRunCount(), scenario.uncertainty.runCount, folder)
          : messages.nothingToResume(folder);
        output.err(`${renderMessage(detail, scenario.file, 'note')}\n`);
      }
      return checkpoint;
    } catch (error) {
      if (error instanceof CheckpointError) throw new InputError(`--out ${out}`, error.detail);
      throw error;
    }
  });
}
