import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { InputError, renderMessage } from '../diagnostics/input-error.js';
import { messages } from '../diagnostics/messages.js';
import { FileWriteError, writeWholeFileSync } from '../parallel/write-whole-file.js';
import type { CommandOutput } from './output.js';

/** The lock file in an `--out` folder. */
export const lockFileName = '.kechuang-lock';

/** Who holds a folder: written into the lock file as JSON. */
export interface LockOwner {
  pid: number;
  host: string;
  /** When the owner took the folder (ISO 8601). */
  started: string;
  /** The command the owner runs, for the message that names it. */
  command: string;
  /** Tells this owner's lock file from any other's, the same process's included. */
  token: string;
}

/** An `--out` folder owned by this run until `release()`. */
export interface OutFolderLock {
  readonly path: string;
  /** True while the lock file is still this run's: another run may have taken the folder over with `--force`. */
  held(): boolean;
  /** Give the folder up (only if still held). */
  release(): void;
}

const errorCode = (error: unknown): string | undefined => (error as { code?: string } | null)?.code;

function readOwner(path: string): LockOwner | 'missing' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const owner = JSON.parse(text) as Partial<LockOwner> | null;
    if (
      owner !== null &&
      typeof owner === 'object' &&
      Number.isInteger(owner.pid) &&
      typeof owner.host === 'string' &&
      typeof owner.started === 'string' &&
      typeof owner.command === 'string' &&
      typeof owner.token === 'string'
    )
      return owner as LockOwner;
  } catch (error) {
    void error;
  }
  return 'unreadable';
}

/** Whether process `pid` runs on this machine (a process of another user counts: it cannot be signalled, but it is there). */
function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/**
 * Create the lock file with `owner` in it, whole, only if there is none: the text goes to a temporary
 * file that is then hard-linked to the lock's name (a link never replaces a file). Where the file
 * system has no hard links, the file is created exclusively and written. False when a lock file is there.
 */
function createLock(path: string, owner: LockOwner): boolean {
  const text = `${JSON.stringify(owner)}\n`;
  const temporary = `${path}.${owner.token}`;
  writeWholeFileSync(temporary, text);
  try {
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    if (!['EPERM', 'ENOTSUP', 'ENOSYS', 'EOPNOTSUPP'].includes(errorCode(error) ?? '')) throw error;
  } finally {
    unlinkSync(temporary);
  }
  try {
    writeFileSync(path, text, { flag: 'wx' });
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Remove the lock file of `owner` (judged gone, or forced out). The file is first renamed to a name of
 * this run's, then checked: if another run replaced it meanwhile, its file is put back.
 */
function removeLock(path: string, owner: LockOwner | 'unreadable', token: string): void {
  const moved = `${path}.${token}.old`;
  try {
    renameSync(path, moved);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  const found = readOwner(moved);
  const same =
    owner === 'unreadable' ? found === 'unreadable' : typeof found === 'object' && found.token === owner.token;
  if (!same) {
    try {
      linkSync(moved, path);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
  }
  unlinkSync(moved);
}

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Try to take the folder a few times (between two looks another run may take or release it); false if another run keeps it. */
function acquire(path: string, mine: LockOwner, folder: string, force: boolean, output: CommandOutput): boolean {
  const subject = `--out ${folder}`;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createLock(path, mine)) return true;
    const owner = readOwner(path);
    if (owner === 'missing') continue;
    if (owner === 'unreadable') {
      removeLock(path, owner, mine.token);
      continue;
    }
    if (owner.host === mine.host && !processRuns(owner.pid)) {
      const note = messages.staleLockTakenOver(folder, owner.pid, owner.host, owner.started);
      output.err(`${renderMessage(note, subject, 'note')}\n`);
      removeLock(path, owner, mine.token);
      continue;
    }
    if (!force)
      throw new InputError(
        subject,
        messages.outFolderLocked(folder, owner.pid, owner.host, owner.started, owner.command),
      );
    output.err(`${renderMessage(messages.lockForced(folder, owner.pid, owner.host), subject, 'warning')}\n`);
    removeLock(path, owner, mine.token);
  }
  return false;
}

/**
 * Own the folder `folder` for this run: a lock file there names this process, its machine, when it
 * started and its command. A folder another run owns is refused (an input error naming that run),
 * unless `force`, which takes it over with a warning (that run then stops before writing its results:
 * see `held()`). A lock left by a process of this machine that no longer runs (a crash, `kill -9`) is
 * taken over with a note; a lock from another machine cannot be checked, so only `force` takes it.
 */
export function lockOutFolder(
  folder: string,
  options: { force: boolean; command: string },
  output: CommandOutput,
): OutFolderLock {
  const path = join(folder, lockFileName);
  const mine: LockOwner = {
    pid: process.pid,
    host: hostname(),
    started: new Date().toISOString(),
    command: options.command,
    token: randomBytes(8).toString('hex'),
  };
  const subject = `--out ${folder}`;
  const lock: OutFolderLock = {
    path,
    held: () => {
      const owner = readOwner(path);
      return typeof owner === 'object' && owner.token === mine.token;
    },
    release: () => {
      if (lock.held()) unlinkSync(path);
    },
  };
  try {
    if (acquire(path, mine, folder, options.force, output)) return lock;
  } catch (error) {
    if (!(error instanceof FileWriteError || (error instanceof Error && errorCode(error) !== undefined))) throw error;
    throw new InputError(
      subject,
      messages.fileWriteFailed(path, error instanceof FileWriteError ? reasonOf(error.cause) : error.message),
    );
  }
  const owner = readOwner(path);
  if (typeof owner === 'object')
    throw new InputError(
      subject,
      messages.outFolderLocked(folder, owner.pid, owner.host, owner.started, owner.command),
    );
  throw new InputError(subject, messages.fileWriteFailed(path, 'the lock file keeps changing'));
}
