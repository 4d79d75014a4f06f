import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTextFile } from '../../../src/cli/read-text-file.js';

const folder = mkdtempSync(join(tmpdir(), 'kechuang-read-text-'));

/** The message of a failed read, or the text. */
function read(path: string): string {
  const result = readTextFile(path);
  if (result.ok) return result.value;
  expect(result.diagnostics).toHaveLength(1);
  expect(result.diagnostics[0]).toMatchObject({ file: path, line: 1, column: 1, severity: 'error' });
  return result.diagnostics[0]!.message;
}

describe('readTextFile()', () => {
  it('reads UTF-8 text as it is, CRLF and non-ASCII included', () => {
    const path = join(folder, 'model.yaml');
    writeFileSync(path, 'name: 人口\r\nx: 1\n');
    expect(read(path)).toBe('name: 人口\r\nx: 1\n');
  });

  it('says why a path cannot be read: missing, a directory, binary, not UTF-8', () => {
    expect(read(join(folder, 'missing.yaml'))).toBe('cannot read the file: no such file');
    expect(read(folder)).toBe('cannot read the file: it is a directory, not a file');
    const binary = join(folder, 'binary.yaml');
    writeFileSync(binary, Buffer.from([0x6e, 0x00, 0x61]));
    expect(read(binary)).toBe('cannot read the file: it holds binary data, not text');
    const latin1 = join(folder, 'latin1.yaml');
    writeFileSync(latin1, Buffer.from('name: caf\xe9\n', 'latin1'));
    expect(read(latin1)).toBe('cannot read the file: it is not UTF-8 text');
  });

  it('refuses a file over 20 MB without reading it', () => {
    const huge = join(folder, 'huge.yaml');
    writeFileSync(huge, Buffer.alloc(20e6 + 1, 0x20));
    expect(read(huge)).toBe('cannot read the file: it is 20.0 MB; an input file may be at most 20 MB');
  });
});
