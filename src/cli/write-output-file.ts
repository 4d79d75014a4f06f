import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { messages } from '../diagnostics/messages.js';
import { InputError } from '../diagnostics/input-error.js';
import {
  FileWriteError,
  nodeWriteFileSystem,
  writeWholeFileSync,
  type WholeFileContent,
  type WriteFileSystem,
} from '../parallel/write-whole-file.js';

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Write a result file whole or not at all (parallel/write-whole-file.ts: every byte, flushed, renamed),
 * making its folder first. A file that cannot be written (a read-only folder, a file where a folder
 * should be, a full disk) is a `FileWriteError`; nothing is left under its name.
 */
export function writeResultFile(
  path: string,
  content: WholeFileContent,
  system: WriteFileSystem = nodeWriteFileSystem,
): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    throw new FileWriteError(path, (error as { code?: string }).code, error);
  }
  writeWholeFileSync(path, content, system);
}

/**
 * `writeResultFile`, with a file that cannot be written reported as an input error naming `option`
 * (by default `--out <path>`) and the file.
 */
export function writeOutputFile(
  path: string,
  content: WholeFileContent,
  option = `--out ${path}`,
  system: WriteFileSystem = nodeWriteFileSystem,
): void {
  try {
    writeResultFile(path, content, system);
  } catch (error) {
    if (!(error instanceof FileWriteError)) throw error;
    throw new InputError(option, messages.fileWriteFailed(error.path, reasonOf(error.cause)));
  }
}
