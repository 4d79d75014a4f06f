import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Message } from '../diagnostics/messages.js';
import { messages } from '../diagnostics/messages.js';
import type { RunStore } from '../runtime/run-store.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import type { ShardRange } from './plan-shards.js';
import type { RunCheckpoint } from './run-experiment.js';

/**
 * What makes saved runs reusable: the same engine, the same input files (by content), the same
 * experiment. Runs saved under one identity are never mixed into an experiment of another.
 */
export interface CheckpointIdentity {
  engineVersion: string;
  /** sha256 over the scenario chain's texts (ScenarioSpec.scenarioHash). */
  scenarioHash: string;
  /** sha256 of the model file's text (ScenarioSpec.modelHash). */
  modelHash: string;
  runCount: number;
  seed: number;
  sampling: string;
  /** Every fixed value in effect, the command line's `--set` included. */
  set: Record<string, number>;
}

/** The identity of a scenario's experiment as the engine `engineVersion` runs it. */
export function checkpointIdentity(scenario: ScenarioSpec, engineVersion: string): CheckpointIdentity {
  return {
    engineVersion,
    scenarioHash: scenario.scenarioHash,
    modelHash: scenario.modelHash,
    runCount: scenario.uncertainty.runCount,
    seed: scenario.uncertainty.seed,
    sampling: scenario.uncertainty.sampling,
    set: Object.fromEntries(scenario.set),
  };
}

/** `manifest.json`: the identity, and the shape of the run store the shard files hold rows of. */
interface CheckpointManifest extends CheckpointIdentity {
  format: 1;
  endianness: 'BE' | 'LE';
  saveCount: number;
  variableNames: string[];
}

/** A checkpoint that cannot be used: already there, made for other inputs, or unreadable. */
export class CheckpointError extends Error {
  constructor(
    readonly folder: string,
    readonly detail: Message,
  ) {
    super(detail.message);
    this.name = 'CheckpointError';
  }
}

/** A folder of finished runs, kept as they complete, from which an interrupted experiment resumes. */
export interface CheckpointStore extends RunCheckpoint {
  /** The folder that holds the manifest and the shard files. */
  readonly folder: string;
  /** True when it was opened to resume and held a manifest of the same identity. */
  readonly resumed: boolean;
  /** Runs restored at the start plus runs saved since. */
  savedRunCount(): number;
  /** Delete the folder (once the experiment's results are written). */
  remove(): void;
}

const manifestFile = 'manifest.json';
const shardFilePattern = /^runs-(\d+)-(\d+)\.f64$/;
const shardFileName = (range: ShardRange): string => `runs-${range.first}-${range.end}.f64`;

/** The identity fields a user can change, named as the message says them, with how to show a value. */
const identityFields: readonly { key: keyof CheckpointIdentity; what: string; show?: (value: unknown) => string }[] = [
  { key: 'engineVersion', what: 'Kechuang version' },
  { key: 'scenarioHash', what: 'scenario file (its sha256)', show: (value) => `${String(value).slice(0, 12)}...` },
  { key: 'modelHash', what: 'model file (its sha256)', show: (value) => `${String(value).slice(0, 12)}...` },
  { key: 'seed', what: 'seed' },
  { key: 'runCount', what: 'run count' },
  { key: 'sampling', what: 'sampling' },
  { key: 'set', what: 'fixed values (set and --set)', show: (value) => JSON.stringify(value) },
];

const sameSet = (a: Record<string, number>, b: Record<string, number>): boolean =>
  Object.keys(a).length === Object.keys(b).length &&
  Object.entries(a).every(([name, value]) => Object.is(b[name], value));

function readManifest(folder: string): CheckpointManifest {
  const damaged = (detail: string): CheckpointError =>
    new CheckpointError(folder, messages.checkpointDamaged(folder, detail));
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(join(folder, manifestFile), 'utf8'));
  } catch (error) {
    throw damaged(`its ${manifestFile} cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  const manifest = parsed as Partial<CheckpointManifest> | null;
  if (
    manifest === null ||
    typeof manifest !== 'object' ||
    manifest.format !== 1 ||
    !Number.isInteger(manifest.saveCount) ||
    !Array.isArray(manifest.variableNames) ||
    typeof manifest.set !== 'object' ||
    manifest.set === null
  ) {
    throw damaged(`its ${manifestFile} is not a Kechuang checkpoint manifest`);
  }
  return manifest as CheckpointManifest;
}

/** Say which part of the identity differs between the saved manifest and this experiment, if any. */
function checkIdentity(folder: string, saved: CheckpointManifest, identity: CheckpointIdentity): void {
  for (const { key, what, show = String } of identityFields) {
    const same = key === 'set' ? sameSet(saved.set, identity.set) : saved[key] === identity[key];
    if (!same)
      throw new CheckpointError(
        folder,
        messages.checkpointMismatch(folder, what, show(saved[key]), show(identity[key])),
      );
  }
  if (saved.endianness !== endianness())
    throw new CheckpointError(
      folder,
      messages.checkpointMismatch(folder, 'byte order', saved.endianness, endianness()),
    );
}

/** Copy runs `range` of every column of `store` into one buffer, column after column. */
function gatherRows(store: RunStore, range: ShardRange): Buffer {
  const width = range.end - range.first;
  const columnCount = store.values.length / store.runCount;
  const rows = new Float64Array(columnCount * width);
  for (let column = 0; column < columnCount; column++) {
    const start = column * store.runCount;
    rows.set(store.values.subarray(start + range.first, start + range.end), column * width);
  }
  return Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength);
}

/** The inverse of `gatherRows`. */
function scatterRows(store: RunStore, range: ShardRange, bytes: Buffer): void {
  const width = range.end - range.first;
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  const rows = new Float64Array(copy.buffer);
  const columnCount = rows.length / width;
  for (let column = 0; column < columnCount; column++) {
    store.values.set(rows.subarray(column * width, (column + 1) * width), column * store.runCount + range.first);
  }
}

/** The shard files in a checkpoint folder (temporary files of unfinished writes left out). */
function listShardFiles(folder: string): { name: string; range: ShardRange }[] {
  return readdirSync(folder)
    .sort()
    .flatMap((name) => {
      const match = shardFilePattern.exec(name);
      return match === null ? [] : [{ name, range: { first: Number(match[1]), end: Number(match[2]) } }];
    });
}

/**
 * Open the checkpoint folder `folder` for an experiment of `identity`. Each finished shard of runs
 * goes into its own file, `runs-<first>-<end>.f64` (the shard's rows of every store column, raw
 * doubles), written to a temporary name and renamed, so a file is there whole or not at all, whenever
 * the process stops. `manifest.json` says which experiment they belong to.
 *
 * With `resume`, a folder holding a manifest of the same identity restores its runs; another identity
 * or a damaged manifest is a `CheckpointError` (a folder without a manifest starts afresh). Without
 * `resume`, a folder that holds a manifest is a `CheckpointError`: continuing or discarding those runs
 * is the user's choice.
 */
export function openCheckpointStore(
  folder: string,
  identity: CheckpointIdentity,
  options: { resume: boolean },
): CheckpointStore {
  const hasManifest = existsSync(join(folder, manifestFile));
  if (hasManifest && !options.resume) throw new CheckpointError(folder, messages.checkpointExists(folder));
  const saved = hasManifest ? readManifest(folder) : undefined;
  if (saved !== undefined) checkIdentity(folder, saved, identity);
  try {
    // A folder without a manifest holds nothing of use (at most temporary files of an interrupted write).
    if (saved === undefined) rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw new CheckpointError(folder, messages.fileUnwritable(error instanceof Error ? error.message : String(error)));
  }

  const savedRanges = saved === undefined ? [] : listShardFiles(folder);
  let savedRuns = savedRanges.reduce((sum, { range }) => sum + range.end - range.first, 0);
  let writes: Promise<void> = Promise.resolve();
  let firstFailure: Error | undefined;
  return {
    folder,
    resumed: saved !== undefined,
    savedRunCount: () => savedRuns,
    restore(store) {
      const shape = { saveCount: store.saveCount, variableNames: [...store.variableNames] };
      if (saved === undefined) {
        const manifest: CheckpointManifest = { format: 1, ...identity, endianness: endianness(), ...shape };
        try {
          writeFileAtomic.sync(join(folder, manifestFile), `${JSON.stringify(manifest, null, 2)}\n`);
        } catch (error) {
          throw new CheckpointError(
            folder,
            messages.fileUnwritable(error instanceof Error ? error.message : String(error)),
          );
        }
        return [];
      }
      if (
        saved.runCount !== store.runCount ||
        JSON.stringify({ saveCount: saved.saveCount, variableNames: saved.variableNames }) !== JSON.stringify(shape)
      ) {
        throw new CheckpointError(
          folder,
          messages.checkpointMismatch(
            folder,
            'set of stored variables and times',
            saved.variableNames.join(', '),
            shape.variableNames.join(', '),
          ),
        );
      }
      const columnCount = store.saveCount * store.variableNames.length;
      for (const { name, range } of savedRanges) {
        const path = join(folder, name);
        const expectedBytes = (range.end - range.first) * columnCount * Float64Array.BYTES_PER_ELEMENT;
        if (!(range.first < range.end && range.end <= store.runCount) || statSync(path).size !== expectedBytes) {
          throw new CheckpointError(
            folder,
            messages.checkpointDamaged(
              folder,
              `${name} does not hold runs ${range.first} to ${range.end - 1} of this experiment`,
            ),
          );
        }
        scatterRows(store, range, readFileSync(path));
      }
      return savedRanges.map(({ range }) => range);
    },
    save(store, range) {
      const rows = gatherRows(store, range);
      // One write at a time, in completion order; the first failure is kept for flush().
      writes = writes.then(async () => {
        if (firstFailure !== undefined) return;
        try {
          await writeFileAtomic(join(folder, shardFileName(range)), rows);
          savedRuns += range.end - range.first;
        } catch (error) {
          firstFailure = error instanceof Error ? error : new Error(String(error));
        }
      });
    },
    async flush() {
      await writes;
      if (firstFailure !== undefined) {
        throw new CheckpointError(folder, messages.fileUnwritable(firstFailure.message));
      }
    },
    remove() {
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
