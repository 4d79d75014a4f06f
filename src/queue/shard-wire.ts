import { createSampleRows } from '../parallel/run-shard.js';
import type { MatrixSample, RunShardTask, ShardTask } from '../parallel/shard-task.js';
import { targetCountWidth } from '../stats/evaluate-target.js';

/**
 * A shard task as it travels through the queue: its plain fields as JSON, each SharedArrayBuffer it
 * names replaced by a reference to a buffer described beside it, and a run source replaced by its
 * recipe. Nothing here knows a task's fields by name except the table of buffer roles
 * (`bufferRolesByKind`): a new plain field travels with no change here, a new buffer travels whole.
 */
export interface WireTask {
  kind: string;
  /** The rows a run task covers, read from its fields (`rowWindowOf`). */
  rows: RowWindow;
  /** The plain fields, with `{ $buffer: index }`, `{ $source: ... }`, `{ $typed: ... }` and `{ $number: ... }` in place of what JSON lacks. */
  fields: WireValue;
  buffers: WireBuffer[];
}

/** A JSON value. */
export type WireValue = null | boolean | number | string | WireValue[] | { [key: string]: WireValue };

/** Rows `[first, end)` of a design of `count` rows. */
export interface RowWindow {
  first: number;
  end: number;
  count: number;
}

/**
 * What a buffer is to a run task:
 * - `whole`: read whole (sent once per content, cached by the workers);
 * - `rows`: read, row-major; a worker needs only its rows (`[run][column]` probabilities);
 * - `columns`: written, column-major with `count` rows per column of `elementBytes`; a worker sends back its rows of every column;
 * - `tallies`: written whole by the task (its target counts); not sent, returned whole;
 * - `slot`: the worker's own (which run the shard is on); neither sent nor returned.
 */
export type BufferRole = 'whole' | 'rows' | 'columns' | 'tallies' | 'slot';

/** A buffer a task names: where in the fields, how large, what it is to the task, and (for sent ones) its content hash. */
export interface WireBuffer {
  path: string;
  byteLength: number;
  role: BufferRole;
  /** sha256 of the content, for `whole` and `rows` buffers, filled in by the sender once stored. */
  blob?: string;
}

const isWireObject = (value: WireValue): value is { [key: string]: WireValue } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Bytes per element of a `columns` buffer (the run store holds doubles). */
export const columnElementBytes = Float64Array.BYTES_PER_ELEMENT;

/** The buffers of a run task by field name; any other buffer is `whole`. Kept in step with parallel/shard-task.ts. */
const bufferRolesByKind: Record<string, Record<string, BufferRole>> = {
  runs: { results: 'columns', 'sample.probabilities': 'rows', tallies: 'tallies', status: 'slot' },
};

/**
 * Plain fields that only place a task among the others of its `execute` call (its slot), not what it
 * computes: left out of its identity, so a coordinator that plans the remaining shards anew after a
 * restart finds the jobs it made before.
 */
const placeFieldsByKind: Record<string, readonly string[]> = { runs: ['shardIndex'] };

/** What a wire task computes, without where it sits among its siblings: the same for the same shard of the same experiment. */
export function wireIdentity(wire: WireTask): WireTask {
  const place = placeFieldsByKind[wire.kind] ?? [];
  const fields = isWireObject(wire.fields)
    ? Object.fromEntries(Object.entries(wire.fields).filter(([key]) => !place.includes(key)))
    : wire.fields;
  const buffers = wire.buffers.map((buffer) => (buffer.role === 'slot' ? { ...buffer, byteLength: 0 } : buffer));
  return { ...wire, fields, buffers };
}

/** The tasks that go to other machines: runs. Statistics read the whole store, so they stay where it is. */
export function isRemoteTask(task: ShardTask): boolean {
  return task.kind === 'runs';
}

/** The rows a run task covers. */
export function rowWindowOf(task: ShardTask): RowWindow {
  if (task.kind !== 'runs') throw new TypeError(`a ${task.kind} task covers no rows`);
  return { first: task.firstRun, end: task.endRun, count: task.runCount };
}

/** A run source as it appears among the fields: its hash, and its recipe buffer (the source itself stays behind). */
interface SourceLike {
  hash: string;
  bytes: SharedArrayBuffer;
  recipe?: SharedArrayBuffer;
}

const isSourceLike = (value: object): value is SourceLike =>
  'hash' in value &&
  typeof value.hash === 'string' &&
  'bytes' in value &&
  value.bytes instanceof SharedArrayBuffer &&
  Object.keys(value).every((key) => key === 'hash' || key === 'bytes' || key === 'recipe');

const typedArrays = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
} as const;
type TypedArrayName = keyof typeof typedArrays;

/** A number JSON cannot write (NaN, the infinities, -0) as text, else undefined. */
function specialNumber(value: number): string | undefined {
  if (Object.is(value, -0)) return '-0';
  return Number.isFinite(value) ? undefined : String(value);
}

/** The role of the buffer at `path` in a task of `kind`: top-level fields by the table, others whole. */
function roleOf(kind: string, path: string): BufferRole {
  return bufferRolesByKind[kind]?.[path] ?? 'whole';
}

/**
 * A task with its buffers taken out: the plain fields as JSON values, and the buffers themselves,
 * in the order their references number them. A run source becomes `{ $source: { hash, recipe } }`
 * (`recipe` a buffer reference, absent when the experiment has no recipe).
 * @throws TypeError for a field of a kind JSON cannot carry (a Map, a function, a class instance).
 */
export function encodeShardTask(task: ShardTask): { wire: WireTask; contents: SharedArrayBuffer[] } {
  const buffers: WireBuffer[] = [];
  const contents: SharedArrayBuffer[] = [];
  const addBuffer = (path: string, buffer: SharedArrayBuffer, role: BufferRole): number => {
    buffers.push({ path, byteLength: buffer.byteLength, role });
    contents.push(buffer);
    return buffers.length - 1;
  };
  const encode = (value: unknown, path: string): WireValue => {
    if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
    if (typeof value === 'number') {
      const text = specialNumber(value);
      return text === undefined ? value : { $number: text };
    }
    if (value instanceof SharedArrayBuffer) return { $buffer: addBuffer(path, value, roleOf(task.kind, path)) };
    if (ArrayBuffer.isView(value)) {
      const name = value.constructor.name as TypedArrayName;
      if (!(name in typedArrays) || value.buffer instanceof SharedArrayBuffer)
        throw new TypeError(`${path}: a ${name} on a shared buffer cannot travel as a field`);
      return { $typed: name, base64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
    }
    if (Array.isArray(value)) return value.map((item, index) => encode(item, `${path}[${index}]`));
    if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      if (isSourceLike(value)) {
        const recipe = value.recipe === undefined ? null : addBuffer(`${path}.recipe`, value.recipe, 'whole');
        return { $source: { hash: value.hash, recipe } };
      }
      const fields: Record<string, WireValue> = {};
      for (const [key, field] of Object.entries(value)) {
        if (key.startsWith('$')) throw new TypeError(`${path}.${key}: field names starting with $ cannot travel`);
        if (field !== undefined) fields[key] = encode(field, path === '' ? key : `${path}.${key}`);
      }
      return fields;
    }
    throw new TypeError(`${path}: a ${typeof value} cannot travel as a field`);
  };
  const fields = encode(task, '');
  return { wire: { kind: task.kind, rows: rowWindowOf(task), fields, buffers }, contents };
}

/** What the receiver supplies for the references: each buffer by its index, each run source from its hash and recipe. */
export interface WireResolver {
  buffer(index: number): SharedArrayBuffer;
  source(hash: string, recipe: number | null): unknown;
}

/**
 * The task back from its wire form, with the receiver's buffers and run source in place of the references.
 * @throws TypeError when the fields are not what `encodeShardTask` writes.
 */
export function decodeShardTask(wire: WireTask, resolver: WireResolver): ShardTask {
  const decode = (value: WireValue): unknown => {
    if (Array.isArray(value)) return value.map(decode);
    if (!isWireObject(value)) return value;
    if ('$number' in value) return Number(value.$number);
    if ('$buffer' in value) {
      if (typeof value.$buffer !== 'number') throw new TypeError('a buffer reference must be a number');
      return resolver.buffer(value.$buffer);
    }
    if ('$typed' in value) {
      const { $typed: name, base64 } = value;
      if (typeof name !== 'string' || !(name in typedArrays) || typeof base64 !== 'string')
        throw new TypeError('a typed array must name its type and carry base64 bytes');
      const bytes = Buffer.from(base64, 'base64');
      const copy = new Uint8Array(bytes.byteLength);
      copy.set(bytes);
      return new typedArrays[name as TypedArrayName](copy.buffer);
    }
    if ('$source' in value) {
      const source = value.$source;
      if (!isWireObject(source) || typeof source.hash !== 'string')
        throw new TypeError('a run source must carry its hash');
      const recipe = source.recipe;
      if (recipe !== null && typeof recipe !== 'number') throw new TypeError('a run recipe reference must be a number');
      return resolver.source(source.hash, recipe ?? null);
    }
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, decode(field)]));
  };
  const task = decode(wire.fields);
  if (typeof task !== 'object' || task === null || (task as { kind?: unknown }).kind !== wire.kind)
    throw new TypeError('the task fields do not match the task kind');
  return task as ShardTask;
}

/** The run a run task was on when it failed (its `status`, the `slot` buffer), as parallel/run-experiment.ts reads it. */
export function failedRunOf(task: ShardTask): number {
  if (task.kind !== 'runs') throw new TypeError(`a ${task.kind} task has no current run`);
  return Atomics.load(new Int32Array(task.status), 0);
}

/** Record in a run task's own `status` the run it failed on elsewhere, where run-experiment.ts looks for it. */
export function recordFailedRun(task: ShardTask, runIndex: number): void {
  if (task.kind !== 'runs') throw new TypeError(`a ${task.kind} task has no current run`);
  Atomics.store(new Int32Array(task.status), 0, runIndex);
}

/** Bytes per row of a `rows` buffer, or undefined when its length is not whole rows (then it travels whole). */
export function rowBytesOf(buffer: WireBuffer, rows: RowWindow): number | undefined {
  if (rows.count === 0 || buffer.byteLength % rows.count !== 0) return undefined;
  return buffer.byteLength / rows.count;
}

/** The run sources a wire task names: each hash with its recipe buffer's index (null: sent without one). */
export function wireSources(wire: WireTask): { hash: string; recipe: number | null }[] {
  const found: { hash: string; recipe: number | null }[] = [];
  const visit = (value: WireValue): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isWireObject(value)) {
      const source = value.$source;
      if (source !== undefined && isWireObject(source) && typeof source.hash === 'string')
        found.push({ hash: source.hash, recipe: typeof source.recipe === 'number' ? source.recipe : null });
      else Object.values(value).forEach(visit);
    }
  };
  visit(wire.fields);
  return found;
}

/** The fields of a run task as parallel/shard-task.ts defines them: the shape `windowOf` knows how to shrink. */
const windowableRunFields = [
  'kind',
  'source',
  'baseParameters',
  'sampleParameterIndex',
  'distributions',
  'sample',
  'results',
  'runCount',
  'saveCount',
  'variableCount',
  'firstColumn',
  'endColumn',
  'firstRun',
  'endRun',
  'shardIndex',
  'status',
  'targets',
  'tallyFailures',
  'tallies',
];

/**
 * How a worker may run a run task on buffers that hold its rows only (the results of its rows, already in
 * the order they travel back in): the byte size of each buffer so shrunk, by index. Undefined for any task
 * not of the known shape (a field added since, a design whose rows are not whole), which then runs on
 * full-size buffers: slower, never different.
 */
export function windowOf(wire: WireTask): Map<number, number> | undefined {
  const fields = wire.fields;
  if (wire.kind !== 'runs' || !isWireObject(fields)) return undefined;
  const keys = Object.keys(fields);
  if (keys.length !== windowableRunFields.length || !windowableRunFields.every((key) => keys.includes(key)))
    return undefined;
  const sample = fields.sample ?? null;
  if (!isWireObject(sample) || (sample.kind !== 'matrix' && sample.kind !== 'streams')) return undefined;
  const width = wire.rows.end - wire.rows.first;
  const sizes = new Map<number, number>();
  for (const [index, buffer] of wire.buffers.entries()) {
    if (buffer.path === 'results' && buffer.role === 'columns') {
      const columnBytes = wire.rows.count * columnElementBytes;
      if (columnBytes === 0 || buffer.byteLength % columnBytes !== 0) return undefined;
      sizes.set(index, (buffer.byteLength / columnBytes) * width * columnElementBytes);
    } else if (buffer.path === 'sample.probabilities' && buffer.role === 'rows') {
      const rowBytes = rowBytesOf(buffer, wire.rows);
      if (rowBytes === undefined) return undefined;
      sizes.set(index, rowBytes * width);
    } else if (buffer.path === 'status' && buffer.role === 'slot') sizes.set(index, Int32Array.BYTES_PER_ELEMENT);
  }
  // A stream sample's buffers travel whole: the worker draws its rows from them (`windowTask`).
  return sizes.size === (sample.kind === 'matrix' ? 3 : 2) ? sizes : undefined;
}

/** A stream sample's rows of a run task drawn as the task would draw them, as a matrix of its rows only. */
function drawnRows(task: RunShardTask): MatrixSample {
  const columnCount = task.sampleParameterIndex.length;
  const width = task.endRun - task.firstRun;
  const probabilities = new SharedArrayBuffer(Math.max(1, width * columnCount) * Float64Array.BYTES_PER_ELEMENT);
  const matrix = new Float64Array(probabilities);
  const row = new Float64Array(columnCount);
  const nextRow = createSampleRows(task, row);
  for (let rowIndex = 0; rowIndex < width; rowIndex++) {
    nextRow();
    matrix.set(row, rowIndex * columnCount);
  }
  return { kind: 'matrix', probabilities };
}

/**
 * A run task decoded on windowed buffers (`windowOf`) renumbered to them: its rows become rows 0 to
 * width - 1, so the run its `status` holds, a failed run in its tallies and the run a fault-injection
 * hook names (parallel/fault-injection.ts) count from the shard's first run. A stream sample is drawn
 * here for those rows first (parallel/run-shard.ts `createSampleRows`: the same probabilities the task
 * would draw), so that it reads them as a matrix of its rows.
 */
export function windowTask(task: ShardTask): ShardTask {
  if (task.kind !== 'runs') throw new TypeError(`a ${task.kind} task has no rows to window`);
  const width = task.endRun - task.firstRun;
  const sample = task.sample.kind === 'matrix' ? task.sample : drawnRows(task);
  return { ...task, sample, runCount: width, firstRun: 0, endRun: width };
}

/** After a windowed task (`windowTask`) ran: the failed run its tallies name, counted from run 0 of the experiment again. */
export function unwindowTallies(task: ShardTask, firstRun: number): void {
  if (task.kind !== 'runs' || !task.tallyFailures) return;
  const tallies = new Float64Array(task.tallies);
  const offset = task.targets.length * targetCountWidth(task.saveCount);
  if (tallies[offset]! > 0) tallies[offset + 1] = tallies[offset + 1]! + firstRun;
}
