import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages } from '../../../src/diagnostics/messages.js';
import {
  CheckpointError,
  openCheckpointStore,
  type CheckpointIdentity,
} from '../../../src/parallel/checkpoint-store.js';
import type { RunStore } from '../../../src/runtime/run-store.js';
import type { FileWriteError } from '../../../src/parallel/write-whole-file.js';
import { faultyFileSystems, type Faults } from '../../helpers/faulty-file-system.js';

const scratch = mkdtempSync(join(tmpdir(), 'kechuang-checkpoint-'));
let folderCount = 0;
const newFolder = (): string => join(scratch, `run-${folderCount++}`, '.checkpoint');

const identity: CheckpointIdentity = {
  engineVersion: '0.1.0',
  scenarioHash: 'a'.repeat(64),
  modelHash: 'b'.repeat(64),
  runCount: 10,
  seed: 42,
  sampling: 'lhs',
  set: { rate: 0.5 },
};

/** A store of 10 runs x 2 variables x 3 saved times, each value telling its run, variable and time apart. */
function filledStore(): RunStore {
  const values = new Float64Array(10 * 2 * 3);
  values.forEach((_, index) => (values[index] = index + 0.25));
  return { runCount: 10, saveCount: 3, variableNames: ['x', 'y'], saveTimes: Float64Array.of(0, 1, 2), values };
}
const emptyStore = (): RunStore => ({ ...filledStore(), values: new Float64Array(10 * 2 * 3) });

/** The error `action` throws, which must be a CheckpointError. */
function checkpointError(action: () => unknown): CheckpointError {
  try {
    action();
  } catch (error) {
    if (error instanceof CheckpointError) return error;
    throw error;
  }
  throw new Error('expected a CheckpointError');
}

async function savedCheckpoint(
  folder: string,
  ranges: readonly [number, number][],
  of: CheckpointIdentity = identity,
): Promise<void> {
  const checkpoint = openCheckpointStore(folder, of, { resume: false });
  const store = filledStore();
  expect(checkpoint.restore(store)).toEqual([]);
  for (const [first, end] of ranges) checkpoint.save(store, { first, end });
  await checkpoint.flush();
}

describe('openCheckpointStore()', () => {
  it('restores exactly the runs it saved, bit for bit, and nothing else', async () => {
    const folder = newFolder();
    await savedCheckpoint(folder, [
      [0, 3],
      [6, 10],
    ]);
    expect(readdirSync(folder).sort()).toEqual(['manifest.json', 'runs-0-3.f64', 'runs-6-10.f64']);

    const resumed = openCheckpointStore(folder, identity, { resume: true });
    expect(resumed.resumed).toBe(true);
    expect(resumed.savedRunCount()).toBe(7);
    const store = emptyStore();
    expect(resumed.restore(store)).toEqual([
      { first: 0, end: 3 },
      { first: 6, end: 10 },
    ]);
    const expected = filledStore().values;
    for (let column = 0; column < 6; column++) {
      for (let run = 0; run < 10; run++) {
        const index = column * 10 + run;
        expect(store.values[index]).toBe(run >= 3 && run < 6 ? 0 : expected[index]);
      }
    }
  });

  it('refuses, without --resume, a folder that holds saved runs', async () => {
    const folder = newFolder();
    await savedCheckpoint(folder, [[0, 5]]);
    expect(checkpointError(() => openCheckpointStore(folder, identity, { resume: false })).detail).toEqual(
      messages.checkpointExists(folder),
    );
  });

  it('starts afresh when resuming from a folder without a manifest, clearing leftovers of unfinished writes', () => {
    const folder = newFolder();
    const first = openCheckpointStore(folder, identity, { resume: true });
    writeFileSync(join(folder, 'runs-0-5.f64.1a2b3c'), 'half a file');
    const again = openCheckpointStore(folder, identity, { resume: true });
    expect([first.resumed, again.resumed, again.savedRunCount()]).toEqual([false, false, 0]);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('ignores temporary files an interrupted write left beside the shard files', async () => {
    const folder = newFolder();
    await savedCheckpoint(folder, [[0, 5]]);
    writeFileSync(join(folder, 'runs-5-10.f64.1a2b3c'), 'half a file');
    const resumed = openCheckpointStore(folder, identity, { resume: true });
    expect(resumed.restore(emptyStore())).toEqual([{ first: 0, end: 5 }]);
  });

  it.each([
    ['engineVersion', '0.2.0', 'Kechuang version', '0.1.0', '0.2.0'],
    ['scenarioHash', 'c'.repeat(64), 'scenario file (its sha256)', 'aaaaaaaaaaaa...', 'cccccccccccc...'],
    ['modelHash', 'd'.repeat(64), 'model file (its sha256)', 'bbbbbbbbbbbb...', 'dddddddddddd...'],
    ['seed', 43, 'seed', '42', '43'],
    ['runCount', 20, 'run count', '10', '20'],
    ['sampling', 'random', 'sampling', 'lhs', 'random'],
    ['set', { rate: 0.6 }, 'fixed values (set and --set)', '{"rate":0.5}', '{"rate":0.6}'],
    ['set', {}, 'fixed values (set and --set)', '{"rate":0.5}', '{}'],
  ] as const)('refuses to resume when %s changed, saying what it was and is', async (key, value, what, was, now) => {
    const folder = newFolder();
    await savedCheckpoint(folder, [[0, 5]]);
    const error = checkpointError(() => openCheckpointStore(folder, { ...identity, [key]: value }, { resume: true }));
    expect(error.detail).toEqual(messages.checkpointMismatch(folder, what, was, now));
  });

  it('refuses to resume into a store of another shape', async () => {
    const folder = newFolder();
    await savedCheckpoint(folder, [[0, 5]]);
    const resumed = openCheckpointStore(folder, identity, { resume: true });
    const error = checkpointError(() => resumed.restore({ ...emptyStore(), variableNames: ['x', 'z'] }));
    expect(error.detail.code).toBe('checkpoint-mismatch');
  });

  it('refuses a damaged manifest and a shard file of the wrong size', async () => {
    const folder = newFolder();
    await savedCheckpoint(folder, [[0, 5]]);
    const shard = join(folder, 'runs-0-5.f64');
    truncateSync(shard, statSync(shard).size - 8);
    const error = checkpointError(() => openCheckpointStore(folder, identity, { resume: true }).restore(emptyStore()));
    expect(error.detail).toEqual(
      messages.checkpointDamaged(folder, 'runs-0-5.f64 does not hold runs 0 to 4 of this experiment'),
    );

    writeFileSync(join(folder, 'manifest.json'), readFileSync(join(folder, 'manifest.json'), 'utf8').slice(0, 20));
    expect(checkpointError(() => openCheckpointStore(folder, identity, { resume: true })).detail.code).toBe(
      'checkpoint-damaged',
    );
  });

  it('reports a folder it cannot create as unwritable', () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, '');
    expect(
      checkpointError(() => openCheckpointStore(join(file, '.checkpoint'), identity, { resume: false })).detail.code,
    ).toBe('file-unwritable');
  });

  it('remove() deletes the folder', async () => {
    const folder = newFolder();
    await savedCheckpoint(folder, [[0, 10]]);
    openCheckpointStore(folder, identity, { resume: true }).remove();
    expect(() => readdirSync(folder)).toThrow('ENOENT');
  });
  it('refuses to resume from a shard file of another experiment (issue 21, problem 1), naming it and what differs', async () => {
    const folder = newFolder();
    await savedCheckpoint(folder, [[0, 5]]);
    const other = newFolder();
    await savedCheckpoint(other, [[5, 10]], { ...identity, seed: 7 });
    // Two runs writing into one folder at once leave such a mix.
    copyFileSync(join(other, 'runs-5-10.f64'), join(folder, 'runs-5-10.f64'));
    const error = checkpointError(() => openCheckpointStore(folder, identity, { resume: true }).restore(emptyStore()));
    expect(error.detail).toEqual(messages.checkpointForeignShard(folder, 'runs-5-10.f64', 'seed', '7', '42'));
  });

  it('starts each shard file with a line naming the experiment and its runs', async () => {
    const folder = newFolder();
    await savedCheckpoint(folder, [[0, 5]]);
    const bytes = readFileSync(join(folder, 'runs-0-5.f64'));
    const lineEnd = bytes.indexOf(0x0a);
    expect((lineEnd + 1) % 8).toBe(0);
    const header = JSON.parse(bytes.subarray(0, lineEnd).toString('utf8')) as Record<string, unknown>;
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(header).toMatchObject({ kechuang: 'runs', seed: 42, first: 0, end: 5, experiment: manifest['experiment'] });
    expect(bytes.byteLength).toBe(lineEnd + 1 + 5 * 6 * 8);
  });

  it('keeps every byte through file systems that write a few bytes a call', async () => {
    const folder = newFolder();
    const fileSystems = faultyFileSystems({ shortWrite: 7 });
    const checkpoint = openCheckpointStore(folder, identity, { resume: false, fileSystems });
    const store = filledStore();
    checkpoint.restore(store);
    checkpoint.save(store, { first: 0, end: 10 });
    await checkpoint.flush();
    expect(checkpoint.writeFailure()).toBeUndefined();
    const restored = emptyStore();
    openCheckpointStore(folder, identity, { resume: true }).restore(restored);
    expect(restored.values).toEqual(filledStore().values);
  });

  it('on a full disk leaves the failed shard out, says which file failed once, and goes on (issue 21, problem 2)', async () => {
    const folder = newFolder();
    const faults: Faults = {};
    const fileSystems = faultyFileSystems(faults);
    const failures: FileWriteError[] = [];
    const checkpoint = openCheckpointStore(folder, identity, {
      resume: false,
      fileSystems,
      onWriteFailure: (error) => failures.push(error),
    });
    const store = filledStore();
    checkpoint.restore(store);
    checkpoint.save(store, { first: 0, end: 3 });
    await checkpoint.flush();
    // The disk fills up 50 bytes into the next shard file.
    faults.failAfterBytes = fileSystems.written() + 50;
    checkpoint.save(store, { first: 3, end: 6 });
    checkpoint.save(store, { first: 6, end: 10 });
    await checkpoint.flush();
    expect(failures.map((failure) => [failure.path, failure.code])).toEqual([[join(folder, 'runs-3-6.f64'), 'ENOSPC']]);
    expect(checkpoint.writeFailure()).toBe(failures[0]);
    expect(checkpoint.savedRunCount()).toBe(3);
    expect(readdirSync(folder).sort()).toEqual(['manifest.json', 'runs-0-3.f64']);
    expect(existsSync(join(folder, 'runs-6-10.f64'))).toBe(false);
    const resumed = openCheckpointStore(folder, identity, { resume: true });
    expect(resumed.restore(emptyStore())).toEqual([{ first: 0, end: 3 }]);
  });

  it('refuses to start when the manifest cannot be written, naming the file', () => {
    const folder = newFolder();
    const fileSystems = faultyFileSystems({ failAfterBytes: 10 });
    const checkpoint = openCheckpointStore(folder, identity, { resume: false, fileSystems });
    const error = checkpointError(() => checkpoint.restore(filledStore()));
    expect(error.detail.code).toBe('file-unwritable');
    expect(error.detail.message).toContain(join(folder, 'manifest.json'));
  });
});
