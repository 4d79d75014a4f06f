import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOutputFile } from '../../../src/cli/write-output-file.js';
import { InputError } from '../../../src/diagnostics/input-error.js';

const folder = mkdtempSync(join(tmpdir(), 'kechuang-write-output-'));

describe('writeOutputFile()', () => {
  it('creates the folders it needs and leaves the whole text there, no temporary file beside it', () => {
    const path = join(folder, 'a', 'b', 'summary.json');
    writeOutputFile(path, '{"x": 1}\n');
    expect(readFileSync(path, 'utf8')).toBe('{"x": 1}\n');
    writeOutputFile(path, '{"x": 2}\n');
    expect(readFileSync(path, 'utf8')).toBe('{"x": 2}\n');
    expect(readdirSync(join(folder, 'a', 'b'))).toEqual(['summary.json']);
  });

  it('turns a path it cannot write into an input error naming the option', () => {
    const file = join(folder, 'a-file');
    writeFileSync(file, 'not a folder');
    const path = join(file, 'summary.json');
    let thrown: unknown;
    try {
      writeOutputFile(path, 'x');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    const error = thrown as InputError;
    expect(error.option).toBe(`--out ${path}`);
    expect(error.detail.code).toBe('file-unwritable');
    expect(error.render()).toMatch(
      /^error \[file-unwritable\] --out .*summary\.json: cannot write there: .*(EEXIST|ENOTDIR)/,
    );
    expect(() => writeOutputFile(path, 'x', '--report r.html')).toThrow(InputError);
    expect(readFileSync(file, 'utf8')).toBe('not a folder');
  });
});
