import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** What a file is written from: text (UTF-8), or bytes in one or more pieces (written in order, never joined). */
export type WholeFileContent = string | Uint8Array | readonly Uint8Array[];

/** The synchronous file calls a whole-or-absent write makes: node:fs has them; tests pass short writes and failures. */
export interface WriteFileSystem {
  openSync(path: string, flags: string): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
}

/** An open file of `AsyncWriteFileSystem` (node:fs/promises FileHandle has these). */
export interface AsyncWriteHandle {
  write(buffer: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The asynchronous file calls of a whole-or-absent write (node:fs/promises has them). */
export interface AsyncWriteFileSystem {
  open(path: string, flags: string): Promise<AsyncWriteHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** A folder is made durable through the synchronous calls: one small fsync. */
  folder: Pick<WriteFileSystem, 'openSync' | 'fsyncSync' | 'closeSync'>;
}

export const nodeWriteFileSystem: WriteFileSystem = fs;
export const nodeAsyncWriteFileSystem: AsyncWriteFileSystem = {
  open: (path, flags) => fs.promises.open(path, flags),
  rename: (from, to) => fs.promises.rename(from, to),
  unlink: (path) => fs.promises.unlink(path),
  folder: fs,
};

/**
 * The most bytes one write call is given. `fs.write` refuses lengths of 2 GiB and more, and a file
 * system may write fewer bytes than asked anyway: every piece goes out in calls of at most this many
 * bytes, each call repeated on what it did not write.
 */
export const maximumWriteBytes = 64 * 1024 * 1024;

/** A file that could not be written whole; nothing was left under its name (an older file there is untouched). */
export class FileWriteError extends Error {
  constructor(
    readonly path: string,
    /** The system's error code (`ENOSPC`, `EIO`, `EACCES`), when there is one. */
    readonly code: string | undefined,
    override readonly cause: unknown,
  ) {
    super(`cannot write ${path}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'FileWriteError';
  }

  /** True when the disk is full or failing, as opposed to a path that cannot be written at all. */
  get diskFailed(): boolean {
    return this.code === 'ENOSPC' || this.code === 'EIO' || this.code === 'EDQUOT' || this.code === 'EFBIG';
  }
}

const errorCode = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

function pieces(content: WholeFileContent): readonly Uint8Array[] {
  if (typeof content === 'string') return [Buffer.from(content, 'utf8')];
  return content instanceof Uint8Array ? [content] : content;
}

/** A temporary name beside `path`, hidden, and never a name a reader of the folder looks for. */
const temporaryPath = (path: string): string =>
  join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);

/** Each call's part of `piece`: at most `maximumWriteBytes`, from `offset` on. */
const callLength = (piece: Uint8Array, offset: number, limit: number): number =>
  Math.min(piece.byteLength - offset, limit);

function noProgress(written: number, path: string): Error {
  return Object.assign(new Error(`the file system wrote ${written} bytes of a write to ${path} and no more`), {
    code: 'EIO',
  });
}

/**
 * Make a folder's entries durable (a rename is only on disk once its folder is). Some systems cannot
 * open or sync a folder (Windows): there the rename is as durable as the system makes it.
 */
function syncFolder(folder: string, system: Pick<WriteFileSystem, 'openSync' | 'fsyncSync' | 'closeSync'>): void {
  let fd: number;
  try {
    fd = system.openSync(folder, 'r');
  } catch (error) {
    if (['EISDIR', 'EPERM', 'EACCES'].includes(errorCode(error) ?? '')) return;
    throw error;
  }
  try {
    system.fsyncSync(fd);
  } catch (error) {
    if (!['EINVAL', 'ENOTSUP', 'EBADF'].includes(errorCode(error) ?? '')) throw error;
  } finally {
    system.closeSync(fd);
  }
}

/**
 * Write `content` to `path` whole or not at all: into a temporary file beside it, every byte (a short
 * write is repeated on the rest; no call is given more than `maximumWriteBytes`), flushed to disk, then
 * renamed over `path` and the folder flushed too. On any failure the temporary file is removed and a
 * `FileWriteError` thrown: whatever was under `path` before is still there, unchanged.
 */
export function writeWholeFileSync(
  path: string,
  content: WholeFileContent,
  system: WriteFileSystem = nodeWriteFileSystem,
  limit = maximumWriteBytes,
): void {
  const temporary = temporaryPath(path);
  let fd: number | undefined;
  try {
    fd = system.openSync(temporary, 'wx');
    for (const piece of pieces(content)) {
      for (let offset = 0; offset < piece.byteLength;) {
        const written = system.writeSync(fd, piece, offset, callLength(piece, offset, limit));
        if (!(written > 0)) throw noProgress(offset, path);
        offset += written;
      }
    }
    system.fsyncSync(fd);
    const opened = fd;
    fd = undefined;
    system.closeSync(opened);
    system.renameSync(temporary, path);
    syncFolder(dirname(path), system);
  } catch (error) {
    if (fd !== undefined) bestEffort(() => system.closeSync(fd!));
    bestEffort(() => system.unlinkSync(temporary));
    throw new FileWriteError(path, errorCode(error), error);
  }
}

/** `writeWholeFileSync` without blocking the thread while the bytes go out. */
export async function writeWholeFile(
  path: string,
  content: WholeFileContent,
  system: AsyncWriteFileSystem = nodeAsyncWriteFileSystem,
  limit = maximumWriteBytes,
): Promise<void> {
  const temporary = temporaryPath(path);
  let handle: AsyncWriteHandle | undefined;
  try {
    handle = await system.open(temporary, 'wx');
    for (const piece of pieces(content)) {
      for (let offset = 0; offset < piece.byteLength;) {
        const { bytesWritten } = await handle.write(piece, offset, callLength(piece, offset, limit));
        if (!(bytesWritten > 0)) throw noProgress(offset, path);
        offset += bytesWritten;
      }
    }
    await handle.sync();
    const opened = handle;
    handle = undefined;
    await opened.close();
    await system.rename(temporary, path);
    syncFolder(dirname(path), system.folder);
  } catch (error) {
    if (handle !== undefined) await handle.close().catch(() => undefined);
    await system.unlink(temporary).catch(() => undefined);
    throw new FileWriteError(path, errorCode(error), error);
  }
}

/**
 * Cleaning up after a failed write (closing the file, removing the temporary one, which may not exist)
 * is best effort: the failure being reported is the one that matters.
 */
function bestEffort(action: () => void): void {
  try {
    action();
  } catch (error) {
    void error;
  }
}
