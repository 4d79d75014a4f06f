import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportedFailure } from '../../../src/cli/cli-error.js';
import type { CommandOutput } from '../../../src/cli/output.js';
import { readModelFile } from '../../../src/cli/read-model-file.js';
import { readModelHistory } from '../../../src/cli/read-model-history.js';
import type { ModelSpec } from '../../../src/model/model-spec.js';
import { reportFixture } from '../../helpers/report-fixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'kechuang-read-model-history-'));

function capture(): { output: CommandOutput; stderr: () => string } {
  let stderr = '';
  return { output: { out: () => undefined, err: (text) => void (stderr += text), width: 120 }, stderr: () => stderr };
}

function modelOrThrow(path: string): ModelSpec {
  const read = readModelFile(path);
  if (!read.ok) throw new Error(JSON.stringify(read.diagnostics));
  return read.value;
}

const model = modelOrThrow(reportFixture('population-history.yaml'));

describe('readModelFile()', () => {
  it('reads a model file from disk, joining its data file to its folder', () => {
    expect(model.name).toBe('population-history');
    expect(model.dataFile).toBe(reportFixture('population-data.csv'));
  });

  it('gives a file it cannot read as a diagnostic like any other', () => {
    const read = readModelFile(join(scratch, 'missing.yaml'));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.diagnostics[0]!.message).toBe('cannot read the file: no such file');
  });
});

describe('readModelHistory()', () => {
  it("reads the observed series of the model's data file", () => {
    const { output, stderr } = capture();
    const history = readModelHistory(model, output);
    expect(stderr()).toBe('');
    expect(history).toBeDefined();
    const series = [...history!.values()];
    expect(series.length).toBeGreaterThan(0);
    for (const observed of series) expect(observed.years).toHaveLength(observed.values.length);
  });

  it('gives undefined for a model without a data file, and reads another data file when one is named', () => {
    const { output } = capture();
    expect(readModelHistory({ ...model, dataFile: undefined }, output)).toBeUndefined();
    const other = join(scratch, 'other.csv');
    writeFileSync(other, readFileSync(reportFixture('population-data.csv'), 'utf8').split('\n').slice(0, 2).join('\n'));
    const history = readModelHistory(model, output, other);
    expect([...history!.values()].map((observed) => observed.years)).toEqual([[2016]]);
  });

  it('prints why a data file cannot be read or parsed, and exits 2', () => {
    const missing = capture();
    expect(() => readModelHistory(model, missing.output, join(scratch, 'missing.csv'))).toThrow(ReportedFailure);
    expect(missing.stderr()).toContain('missing.csv:1:1: error [file-unreadable] cannot read the file: no such file');
    const broken = join(scratch, 'broken.csv');
    writeFileSync(broken, 'year,value\n2020,ten\n');
    const unparsed = capture();
    let thrown: unknown;
    try {
      readModelHistory(model, unparsed.output, broken);
    } catch (error) {
      thrown = error;
    }
    expect((thrown as ReportedFailure).exitCode).toBe(2);
    expect(unparsed.stderr()).toContain('broken.csv:');
    expect(unparsed.stderr()).toMatch(/error \[/);
  });
});
