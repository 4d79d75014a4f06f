import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockFileName, lockOutFolder, type LockOwner } from '../../../src/cli/out-folder-lock.js';
import type { CommandOutput } from '../../../src/cli/output.js';
import { InputError } from '../../../src/diagnostics/input-error.js';
import { messages } from '../../../src/diagnostics/messages.js';

const scratch = mkdtempSync(join(tmpdir(), 'kechuang-lock-'));
const newFolder = (): string => mkdtempSync(join(scratch, 'out-'));

/** Collects what a command prints on stderr. */
function capture(): CommandOutput & { printed: () => string } {
  let text = '';
  return { out: () => undefined, err: (chunk) => void (text += chunk), width: 120, printed: () => text };
}

/** The process id of a process that has ended. */
const endedPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid;

function writeLock(folder: string, owner: Partial<LockOwner>): LockOwner {
  const full: LockOwner = {
    pid: process.pid,
    host: hostname(),
    started: '2024-06-11T08:00:00.000Z',
    command: 'kechuang run other.yaml --out results',
    token: 'their-token',
    ...owner,
  };
  writeFileSync(join(folder, lockFileName), JSON.stringify(full));
  return full;
}

function inputError(action: () => unknown): InputError {
  try {
    action();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('lockOutFolder()', () => {
  it('writes a lock naming this process, its machine and command, and removes it on release', () => {
    const folder = newFolder();
    const lock = lockOutFolder(folder, { force: false, command: 'kechuang run s.yaml --out x' }, capture());
    const owner = JSON.parse(readFileSync(join(folder, lockFileName), 'utf8')) as LockOwner;
    expect(owner).toMatchObject({ pid: process.pid, host: hostname(), command: 'kechuang run s.yaml --out x' });
    expect(lock.held()).toBe(true);
    lock.release();
    expect(readdirSync(folder)).toEqual([]);
  });

  it('refuses a folder a running process holds (issue 21, problem 1), naming it and how to go on', () => {
    const folder = newFolder();
    const first = lockOutFolder(folder, { force: false, command: 'kechuang run a.yaml --out x' }, capture());
    const error = inputError(() => lockOutFolder(folder, { force: false, command: 'b' }, capture()));
    const owner = JSON.parse(readFileSync(join(folder, lockFileName), 'utf8')) as LockOwner;
    expect(error.option).toBe(`--out ${folder}`);
    expect(error.detail).toEqual(
      messages.outFolderLocked(folder, process.pid, hostname(), owner.started, 'kechuang run a.yaml --out x'),
    );
    expect(first.held()).toBe(true);
    first.release();
  });

  it('takes over, with a note, a lock left by a process of this machine that no longer runs', () => {
    const folder = newFolder();
    const stale = writeLock(folder, { pid: endedPid() });
    const output = capture();
    const lock = lockOutFolder(folder, { force: false, command: 'mine' }, output);
    expect(output.printed()).toBe(
      `note [output-locked] --out ${folder}: ${messages.staleLockTakenOver(folder, stale.pid, stale.host, stale.started).message}\n`,
    );
    expect(lock.held()).toBe(true);
    expect(readdirSync(folder)).toEqual([lockFileName]);
  });

  it('refuses a lock from another machine without --force, and takes it with a warning with --force', () => {
    const folder = newFolder();
    const remote = writeLock(folder, { host: 'another-machine', pid: 1 });
    const error = inputError(() => lockOutFolder(folder, { force: false, command: 'mine' }, capture()));
    expect(error.detail.code).toBe('output-locked');
    const output = capture();
    const lock = lockOutFolder(folder, { force: true, command: 'mine' }, output);
    expect(output.printed()).toContain(messages.lockForced(folder, remote.pid, remote.host).message);
    expect(lock.held()).toBe(true);
  });

  it('tells the run whose folder was taken over with --force that it no longer holds it', () => {
    const folder = newFolder();
    const first = lockOutFolder(folder, { force: false, command: 'first' }, capture());
    const second = lockOutFolder(folder, { force: true, command: 'second' }, capture());
    expect(first.held()).toBe(false);
    first.release();
    expect(second.held()).toBe(true);
    second.release();
    expect(existsSync(join(folder, lockFileName))).toBe(false);
  });

  it('takes over a lock file that is not a lock (damaged, empty)', () => {
    const folder = newFolder();
    writeFileSync(join(folder, lockFileName), '');
    expect(lockOutFolder(folder, { force: false, command: 'mine' }, capture()).held()).toBe(true);
  });
});
