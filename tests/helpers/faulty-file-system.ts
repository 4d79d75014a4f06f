import * as fs from 'node:fs';
import type { AsyncWriteFileSystem, AsyncWriteHandle, WriteFileSystem } from '../../src/parallel/write-whole-file.js';

/** How a test file system misbehaves. */
export interface Faults {
  /** Each write call writes at most this many bytes (a short write), default: all it is given. */
  shortWrite?: number;
  /** After this many bytes in all, writes fail with `failCode` (a disk that fills up). */
  failAfterBytes?: number;
  /** Default 'ENOSPC'. */
  failCode?: string;
  /** After this many bytes in all, write calls write nothing (and report 0 bytes written). */
  stallAfterBytes?: number;
  /** Write calls given more bytes than this fail (as fs.write does from 2 GiB on). */
  maximumCallBytes?: number;
}

/** What the file system was asked to do, in order: `write <bytes>`, `fsync`, `rename`, `fsync-folder`. */
export type CallLog = string[];

function failure(code: string, message: string): Error {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/** node:fs with the given faults, and a log of its calls. */
export function faultyFileSystems(faults: Faults = {}): {
  sync: WriteFileSystem;
  async: AsyncWriteFileSystem;
  calls: CallLog;
  written: () => number;
} {
  const calls: CallLog = [];
  const folders = new Set<number>();
  let total = 0;
  const allowed = (length: number): number => {
    if (faults.maximumCallBytes !== undefined && length > faults.maximumCallBytes)
      throw failure('ERR_OUT_OF_RANGE', `a write of ${length} bytes is more than one call takes`);
    let count = Math.min(length, faults.shortWrite ?? length);
    if (faults.stallAfterBytes !== undefined) count = Math.min(count, Math.max(0, faults.stallAfterBytes - total));
    if (faults.failAfterBytes !== undefined) {
      const room = faults.failAfterBytes - total;
      if (room <= 0) throw failure(faults.failCode ?? 'ENOSPC', 'no space left on device, write');
      count = Math.min(count, room);
    }
    return count;
  };
  const sync: WriteFileSystem = {
    openSync(path, flags) {
      const fd = fs.openSync(path, flags);
      if (fs.fstatSync(fd).isDirectory()) folders.add(fd);
      return fd;
    },
    writeSync(fd, buffer, offset, length) {
      const count = allowed(length);
      const written = fs.writeSync(fd, buffer, offset, count);
      total += written;
      calls.push(`write ${written}`);
      return written;
    },
    fsyncSync(fd) {
      calls.push(folders.has(fd) ? 'fsync-folder' : 'fsync');
      fs.fsyncSync(fd);
    },
    closeSync(fd) {
      folders.delete(fd);
      fs.closeSync(fd);
    },
    renameSync(from, to) {
      calls.push('rename');
      fs.renameSync(from, to);
    },
    unlinkSync: (path) => fs.unlinkSync(path),
  };
  const async: AsyncWriteFileSystem = {
    async open(path, flags) {
      const handle = await fs.promises.open(path, flags);
      const wrapped: AsyncWriteHandle = {
        async write(buffer, offset, length) {
          const count = allowed(length);
          const { bytesWritten } = await handle.write(buffer, offset, count);
          total += bytesWritten;
          calls.push(`write ${bytesWritten}`);
          return { bytesWritten };
        },
        async sync() {
          calls.push('fsync');
          await handle.sync();
        },
        close: () => handle.close(),
      };
      return wrapped;
    },
    async rename(from, to) {
      calls.push('rename');
      await fs.promises.rename(from, to);
    },
    unlink: (path) => fs.promises.unlink(path),
    folder: sync,
  };
  return { sync, async, calls, written: () => total };
}
