import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileWriteError, writeWholeFile, writeWholeFileSync } from '../../../src/parallel/write-whole-file.js';
import { faultyFileSystems, type Faults } from '../../helpers/faulty-file-system.js';

const scratch = mkdtempSync(join(tmpdir(), 'kechuang-write-'));
const newFolder = (): string => mkdtempSync(join(scratch, 'case-'));

/** 20,000 bytes that tell every position apart. */
const content = Buffer.from(Array.from({ length: 20_000 }, (_, index) => (index * 7919) % 251));

/** Write through the synchronous or the asynchronous writer. */
type Content = Uint8Array | readonly Uint8Array[];
const writers = {
  sync: async (path: string, data: Content, faults: Faults, limit?: number) => {
    await Promise.resolve();
    const systems = faultyFileSystems(faults);
    writeWholeFileSync(path, data, systems.sync, limit);
    return systems;
  },
  async: async (path: string, data: Content, faults: Faults, limit?: number) => {
    const systems = faultyFileSystems(faults);
    await writeWholeFile(path, data, systems.async, limit);
    return systems;
  },
};

describe.each(['sync', 'async'] as const)('writeWholeFile (%s)', (kind) => {
  const write = writers[kind];

  it('writes every byte through a file system that writes 1, 13 or 997 bytes a call', async () => {
    for (const shortWrite of [1, 13, 997]) {
      const path = join(newFolder(), 'report.html');
      const expected = content.subarray(0, shortWrite === 1 ? 500 : content.length);
      const { calls } = await write(path, expected, { shortWrite });
      expect(readFileSync(path)).toEqual(expected);
      expect(calls.filter((call) => call.startsWith('write')).length).toBeGreaterThan(1);
    }
  });

  it('flushes the file before renaming it, and the folder after', async () => {
    const path = join(newFolder(), 'summary.json');
    const { calls } = await write(path, content, {});
    const order = calls.filter((call) => !call.startsWith('write'));
    expect(order).toEqual(['fsync', 'rename', 'fsync-folder']);
  });

  it('writes pieces in order, none of them joined, no call given more than the limit', async () => {
    const path = join(newFolder(), 'runs-0-10.f64');
    const pieces = [content.subarray(0, 10), content.subarray(10, 12_000), content.subarray(12_000)];
    const { calls } = await write(path, pieces, { maximumCallBytes: 4096 }, 4096);
    expect(readFileSync(path)).toEqual(content);
    expect(calls.filter((call) => call.startsWith('write')).every((call) => Number(call.slice(6)) <= 4096)).toBe(true);
  });

  it('on a full disk leaves nothing under the name (an older file untouched) and no temporary file', async () => {
    const folder = newFolder();
    const path = join(folder, 'series.csv');
    writeFileSync(path, 'the previous results\n');
    const error = await write(path, content, { failAfterBytes: 4096 }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(FileWriteError);
    expect((error as FileWriteError).code).toBe('ENOSPC');
    expect((error as FileWriteError).diskFailed).toBe(true);
    expect((error as FileWriteError).path).toBe(path);
    expect(readFileSync(path, 'utf8')).toBe('the previous results\n');
    expect(readdirSync(folder)).toEqual(['series.csv']);
  });

  it('treats a write that makes no progress as an I/O error, not as done', async () => {
    const folder = newFolder();
    const path = join(folder, 'summary.json');
    const error = await write(path, content, { stallAfterBytes: 100 }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect((error as FileWriteError).code).toBe('EIO');
    expect(readdirSync(folder)).toEqual([]);
  });
});
