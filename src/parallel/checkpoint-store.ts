import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
} from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import type { Message } from '../diagnostics/messages.js';
import { messages } from '../diagnostics/messages.js';
import { nameRecord } from '../model/name-record.js';
import type { RunStore } from '../runtime/run-store.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import type { ShardRange } from './plan-shards.js';
import type { RunCheckpoint } from './run-experiment.js';
import {
  FileWriteError,
  maximumWriteBytes,
  nodeAsyncWriteFileSystem,
  nodeWriteFileSystem,
  writeWholeFile,
  writeWholeFileSync,
  type AsyncWriteFileSystem,
  type WriteFileSystem,
} from './write-whole-file.js';

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
  /** Every fixed value in effect, the command line's `--set` included (a null-prototype record: any name is a key). */
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
    set: nameRecord(scenario.set),
  };
}

/** The checkpoint format this engine writes and reads. */
const checkpointFormat = 2;

/** The shape of the run store the shard files hold rows of. */
interface StoreShape {
  endianness: 'BE' | 'LE';
  saveCount: number;
  variableNames: string[];
}

/** `manifest.json`: the identity, the store's shape, and the digest of both that every shard file carries. */
interface CheckpointManifest extends CheckpointIdentity, StoreShape {
  format: typeof checkpointFormat;
  /** sha256 of the identity and the shape (`experimentDigest`). */
  experiment: string;
}

/**
 * The first line of a shard file: which experiment's runs it holds and which runs. The rows follow,
 * from the first multiple of 8 bytes after the line (the line is padded with spaces to end there).
 */
interface ShardHeader extends CheckpointIdentity {
  kechuang: 'runs';
  format: typeof checkpointFormat;
  experiment: string;
  first: number;
  end: number;
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
  /** The first shard file that could not be written (a full disk), if any: its runs are not kept. */
  writeFailure(): FileWriteError | undefined;
  /** Delete the folder (once the experiment's results are written). */
  remove(): void;
}

/** How a checkpoint touches the disk: node:fs, or, in tests, file systems that write short or fail. */
export interface CheckpointFileSystems {
  sync: WriteFileSystem;
  async: AsyncWriteFileSystem;
}

const manifestFile = 'manifest.json';
const shardFilePattern = /^runs-(\d+)-(\d+)\.f64$/;
const shardFileName = (range: ShardRange): string => `runs-${range.first}-${range.end}.f64`;
/** A shard file's header line is read from at most this many first bytes (it holds the identity: some hundred bytes, plus the fixed values). */
const maximumHeaderBytes = 1024 * 1024;

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

const sortedSet = (set: Record<string, number>): [string, number][] =>
  Object.entries(set).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

const sameSet = (a: Record<string, number>, b: Record<string, number>): boolean =>
  JSON.stringify(sortedSet(a)) === JSON.stringify(sortedSet(b));

/** The first identity field in which `saved` differs from `current`, as the message names it. */
function identityDifference(
  saved: CheckpointIdentity,
  current: CheckpointIdentity,
): { what: string; was: string; now: string } | undefined {
  for (const { key, what, show = String } of identityFields) {
    const same = key === 'set' ? sameSet(saved.set, current.set) : saved[key] === current[key];
    if (!same) return { what, was: show(saved[key]), now: show(current[key]) };
  }
  return undefined;
}

/** sha256 of an experiment's identity and its store's shape, the fixed values in name order. */
function experimentDigest(identity: CheckpointIdentity, shape: StoreShape): string {
  const { engineVersion, scenarioHash, modelHash, runCount, seed, sampling } = identity;
  const canonical = [engineVersion, scenarioHash, modelHash, runCount, seed, sampling, sortedSet(identity.set), shape];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** The identity fields of a parsed manifest or shard header, with its fixed values as a null-prototype record. */
function identityOf(parsed: CheckpointIdentity): CheckpointIdentity {
  const { engineVersion, scenarioHash, modelHash, runCount, seed, sampling } = parsed;
  return {
    engineVersion,
    scenarioHash,
    modelHash,
    runCount,
    seed,
    sampling,
    set: nameRecord(Object.entries(parsed.set)),
  };
}

const isIdentity = (value: Partial<CheckpointIdentity> | null): boolean =>
  value !== null &&
  typeof value === 'object' &&
  typeof value.engineVersion === 'string' &&
  typeof value.scenarioHash === 'string' &&
  typeof value.modelHash === 'string' &&
  Number.isInteger(value.runCount) &&
  Number.isInteger(value.seed) &&
  typeof value.sampling === 'string' &&
  typeof value.set === 'object' &&
  value.set !== null &&
  Object.values(value.set).every((entry) => typeof entry === 'number');

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function readManifest(folder: string): CheckpointManifest {
  const damaged = (detail: string): CheckpointError =>
    new CheckpointError(folder, messages.checkpointDamaged(folder, detail));
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(join(folder, manifestFile), 'utf8'));
  } catch (error) {
    throw damaged(`its ${manifestFile} cannot be read (${reasonOf(error)})`);
  }
  const manifest = parsed as Partial<CheckpointManifest> | null;
  if (manifest !== null && typeof manifest === 'object' && manifest.format !== checkpointFormat) {
    throw new CheckpointError(
      folder,
      messages.checkpointMismatch(folder, 'checkpoint format', String(manifest.format), String(checkpointFormat)),
    );
  }
  if (
    !isIdentity(manifest) ||
    typeof manifest?.experiment !== 'string' ||
    !Number.isInteger(manifest.saveCount) ||
    !Array.isArray(manifest.variableNames)
  ) {
    throw damaged(`its ${manifestFile} is not a Kechuang checkpoint manifest`);
  }
  const complete = manifest as CheckpointManifest;
  return { ...complete, ...identityOf(complete) };
}

/** Say which part of the identity differs between the saved manifest and this experiment, if any. */
function checkIdentity(folder: string, saved: CheckpointManifest, identity: CheckpointIdentity): void {
  const difference = identityDifference(saved, identity);
  if (difference !== undefined)
    throw new CheckpointError(
      folder,
      messages.checkpointMismatch(folder, difference.what, difference.was, difference.now),
    );
  if (saved.endianness !== endianness())
    throw new CheckpointError(
      folder,
      messages.checkpointMismatch(folder, 'byte order', saved.endianness, endianness()),
    );
}

/** A shard file's header line, padded with spaces so that the rows after it start at a multiple of 8 bytes. */
function headerBytes(header: ShardHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const bytes = Buffer.alloc(Math.ceil((json.byteLength + 1) / Float64Array.BYTES_PER_ELEMENT) * 8, ' ');
  json.copy(bytes);
  bytes[bytes.byteLength - 1] = 0x0a;
  return bytes;
}

/**
 * The bytes of runs `range` of every store column, column after column: views into the store (no
 * copy), split so that no piece is larger than one write call takes.
 */
function shardPieces(store: RunStore, range: ShardRange): Uint8Array[] {
  const columnCount = store.values.length / store.runCount;
  const pieces: Uint8Array[] = [];
  const runsPerPiece = Math.max(1, Math.floor(maximumWriteBytes / Float64Array.BYTES_PER_ELEMENT));
  for (let column = 0; column < columnCount; column++) {
    const start = column * store.runCount;
    for (let first = range.first; first < range.end; first += runsPerPiece) {
      const part = store.values.subarray(start + first, start + Math.min(range.end, first + runsPerPiece));
      pieces.push(new Uint8Array(part.buffer, part.byteOffset, part.byteLength));
    }
  }
  return pieces;
}

/** Read `target.byteLength` bytes at `position` of an open file into `target`, a call at a time. */
function readFully(fd: number, target: Uint8Array, position: number): void {
  for (let offset = 0; offset < target.byteLength;) {
    const length = Math.min(target.byteLength - offset, maximumWriteBytes);
    const read = readSync(fd, target, offset, length, position + offset);
    if (read <= 0) throw new Error(`the file ends ${target.byteLength - offset} bytes early`);
    offset += read;
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

/** Read a shard file's header line: the header and where the rows start. */
function readShardHeader(fd: number): { header: Partial<ShardHeader> | null; dataOffset: number } | undefined {
  const head = Buffer.alloc(Math.min(maximumHeaderBytes, Math.max(0, fstatSync(fd).size)));
  readFully(fd, head, 0);
  const lineEnd = head.indexOf(0x0a);
  if (lineEnd < 0 || (lineEnd + 1) % Float64Array.BYTES_PER_ELEMENT !== 0) return undefined;
  try {
    return {
      header: JSON.parse(head.subarray(0, lineEnd).toString('utf8')) as Partial<ShardHeader> | null,
      dataOffset: lineEnd + 1,
    };
  } catch (error) {
    void error;
    return undefined;
  }
}

/**
 * Open the checkpoint folder `folder` for an experiment of `identity`. Each finished shard of runs
 * goes into its own file, `runs-<first>-<end>.f64`: a header line naming the experiment (its identity
 * and digest) and the runs, then the shard's rows of every store column as raw doubles. Each file is
 * written whole or not at all (`writeWholeFile`: every byte, flushed, renamed), whenever the process
 * stops and however full the disk is. `manifest.json` says which experiment the folder belongs to.
 *
 * With `resume`, a folder holding a manifest of the same identity restores its runs; another identity,
 * a damaged manifest or a shard file of another experiment is a `CheckpointError` (a folder without a
 * manifest starts afresh). Without `resume`, a folder that holds a manifest is a `CheckpointError`:
 * continuing or discarding those runs is the user's choice.
 *
 * A shard file that cannot be written (a full disk) does not stop the experiment, whose runs are in
 * memory: it is left out, and `writeFailure()` says which file failed and why.
 */
export function openCheckpointStore(
  folder: string,
  identity: CheckpointIdentity,
  options: {
    resume: boolean;
    /** Told of the first shard file that could not be written, as it fails. */
    onWriteFailure?: (error: FileWriteError) => void;
    fileSystems?: CheckpointFileSystems;
  },
): CheckpointStore {
  const fileSystems = options.fileSystems ?? { sync: nodeWriteFileSystem, async: nodeAsyncWriteFileSystem };
  const hasManifest = existsSync(join(folder, manifestFile));
  if (hasManifest && !options.resume) throw new CheckpointError(folder, messages.checkpointExists(folder));
  const saved = hasManifest ? readManifest(folder) : undefined;
  if (saved !== undefined) checkIdentity(folder, saved, identity);
  try {
    // A folder without a manifest holds nothing of use (at most temporary files of an interrupted write).
    if (saved === undefined) rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw new CheckpointError(folder, messages.fileUnwritable(reasonOf(error)));
  }

  const savedRanges = saved === undefined ? [] : listShardFiles(folder);
  let savedRuns = savedRanges.reduce((sum, { range }) => sum + range.end - range.first, 0);
  let writes: Promise<void> = Promise.resolve();
  let firstFailure: FileWriteError | undefined;
  let digest = saved?.experiment;

  /** Check a shard file's header and size, then read its rows into `store`. */
  const restoreShard = (store: RunStore, name: string, range: ShardRange): void => {
    const path = join(folder, name);
    const columnCount = store.saveCount * store.variableNames.length;
    const width = range.end - range.first;
    const damaged = (detail: string): CheckpointError =>
      new CheckpointError(folder, messages.checkpointDamaged(folder, `${name} ${detail}`));
    if (!(range.first < range.end && range.end <= store.runCount))
      throw damaged(`does not hold runs ${range.first} to ${range.end - 1} of this experiment`);
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (error) {
      throw damaged(`cannot be read (${reasonOf(error)})`);
    }
    try {
      const read = readShardHeader(fd);
      const header = read?.header;
      if (read === undefined || header?.kechuang !== 'runs' || !isIdentity(header))
        throw damaged('is not a shard file of a Kechuang checkpoint');
      if (header.experiment !== digest) {
        const difference = identityDifference(identityOf(header as CheckpointIdentity), identity);
        throw new CheckpointError(
          folder,
          messages.checkpointForeignShard(
            folder,
            name,
            difference?.what ?? 'stored variables',
            difference?.was,
            difference?.now,
          ),
        );
      }
      const dataBytes = width * columnCount * Float64Array.BYTES_PER_ELEMENT;
      if (
        header.first !== range.first ||
        header.end !== range.end ||
        fstatSync(fd).size !== read.dataOffset + dataBytes
      )
        throw damaged(`does not hold runs ${range.first} to ${range.end - 1} of this experiment`);
      for (let column = 0; column < columnCount; column++) {
        const rows = store.values.subarray(column * store.runCount + range.first, column * store.runCount + range.end);
        const target = new Uint8Array(rows.buffer, rows.byteOffset, rows.byteLength);
        readFully(fd, target, read.dataOffset + column * width * Float64Array.BYTES_PER_ELEMENT);
      }
    } catch (error) {
      if (error instanceof CheckpointError) throw error;
      throw damaged(`cannot be read (${reasonOf(error)})`);
    } finally {
      closeSync(fd);
    }
  };

  return {
    folder,
    resumed: saved !== undefined,
    savedRunCount: () => savedRuns,
    writeFailure: () => firstFailure,
    restore(store) {
      const shape: StoreShape = {
        endianness: endianness(),
        saveCount: store.saveCount,
        variableNames: [...store.variableNames],
      };
      if (saved === undefined) {
        digest = experimentDigest(identity, shape);
        const manifest: CheckpointManifest = { format: checkpointFormat, experiment: digest, ...identity, ...shape };
        try {
          writeWholeFileSync(join(folder, manifestFile), `${JSON.stringify(manifest, null, 2)}\n`, fileSystems.sync);
        } catch (error) {
          if (error instanceof FileWriteError)
            throw new CheckpointError(folder, messages.fileWriteFailed(error.path, reasonOf(error.cause)));
          throw error;
        }
        return [];
      }
      if (
        saved.runCount !== store.runCount ||
        JSON.stringify({ saveCount: saved.saveCount, variableNames: saved.variableNames }) !==
          JSON.stringify({ saveCount: shape.saveCount, variableNames: shape.variableNames })
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
      for (const { name, range } of savedRanges) restoreShard(store, name, range);
      return savedRanges.map(({ range }) => range);
    },
    save(store, range) {
      if (digest === undefined) throw new Error('CheckpointStore.save() before restore()');
      const header = headerBytes({
        kechuang: 'runs',
        format: checkpointFormat,
        experiment: digest,
        ...identity,
        first: range.first,
        end: range.end,
      });
      const pieces = [header, ...shardPieces(store, range)];
      // One write at a time, in completion order. A failed write leaves no file and is remembered.
      writes = writes.then(async () => {
        try {
          await writeWholeFile(join(folder, shardFileName(range)), pieces, fileSystems.async);
          savedRuns += range.end - range.first;
        } catch (error) {
          if (!(error instanceof FileWriteError)) throw error;
          if (firstFailure === undefined) {
            firstFailure = error;
            options.onWriteFailure?.(error);
          }
        }
      });
    },
    flush: () => writes,
    remove() {
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
