import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { messages } from '../diagnostics/messages.js';
import { InputError } from '../diagnostics/input-error.js';

/**
 * Write a result file whole or not at all: a temporary file in the same folder, then a rename. A file
 * that cannot be written (a read-only folder, a file where a folder should be, a full disk) is an
 * input error naming `option` (by default `--out <path>`).
 */
export function writeOutputFile(path: string, text: string | Uint8Array, option = `--out ${path}`): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomic.sync(
      path,
      typeof text === 'string' ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength),
    );
  } catch (error) {
    throw new InputError(option, messages.fileUnwritable(error instanceof Error ? error.message : String(error)));
  }
}
