import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/** Write a result file whole or not at all: a temporary file in the same folder, then a rename. */
export function writeOutputFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic.sync(path, text);
}
