import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandOutput } from '../../../src/cli/output.js';
import { runCli } from '../../../src/cli/run-cli.js';
import { messages } from '../../../src/diagnostics/messages.js';

// Bad input for the Beijing model's second-edition features, in-process through `runCli`: a data row on a
// basis the model does not declare, a price basis that is neither current nor constant, an "about"
// target whose tolerance cannot be read, and a yearly deflator path with a gap or written as a step. Each
// exits 2 with the file, line and field, and the words from the catalogue; never a stack trace.
const scratch = mkdtempSync(join(tmpdir(), 'kechuang-bad-input-'));
const baseline = resolve('scenarios/baseline.yaml');

async function cli(args: readonly string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const output: CommandOutput = {
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    width: 120,
  };
  const status = await runCli(args, output);
  return { status, stdout, stderr };
}

/** A scenario extending the baseline, written to the scratch folder, and the line of `needle` in it. */
function scenarioFile(name: string, lines: readonly string[], needle: string): { file: string; line: number } {
  const file = join(scratch, `${name}.yaml`);
  writeFileSync(file, [`name: ${name}`, `extends: ${baseline}`, ...lines, ''].join('\n'));
  return { file, line: lines.findIndex((line) => line.includes(needle)) + 3 };
}

/** The data file with one row changed, and that row's line. */
function dataFileWith(
  name: string,
  indicator: string,
  change: (fields: string[]) => void,
): { file: string; line: number } {
  const text = readFileSync('models/data/beijing-indicators.csv', 'utf8').split('\n');
  const index = text.findIndex((line) => line.startsWith(`${indicator},`));
  const fields = text[index]!.split(',');
  change(fields);
  text[index] = fields.join(',');
  const file = join(scratch, `${name}.csv`);
  writeFileSync(file, text.join('\n'));
  return { file, line: index + 1 };
}

const expectRejected = (
  run: { status: number; stderr: string },
  place: string,
  field: string,
  message: { code: string; message: string },
): void => {
  expect(run.status, run.stderr).toBe(2);
  expect(run.stderr).toContain(`${place}: error [${message.code}] ${field}: ${message.message}`);
  expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
};

describe('bad input to the Beijing model: exit 2 naming file, line and field', () => {
  it('a data row on a basis the model does not declare', async () => {
    // Columns: indicator,year,value,unit,basis,prices,...
    const { file, line } = dataFileWith('census6', 'gdp', (fields) => (fields[4] = 'census6'));
    const run = await cli([
      'calibrate',
      baseline,
      '--data',
      file,
      '--bootstrap',
      '0',
      '--out',
      join(scratch, 'c.yaml'),
    ]);
    const declared = ['pre_census4', 'census4', 'census5', 'hurun', 'cn_unicorn_report', 'zgc_index', 'other_list'];
    expectRejected(run, `${file}:${line}:1`, 'basis', messages.unknownBasis('census6', declared, 'census5'));
  });

  it('a data row whose price basis is neither current nor constant', async () => {
    const { file, line } = dataFileWith('nominal', 'rd_expenditure', (fields) => (fields[5] = 'nominal'));
    const run = await cli([
      'calibrate',
      baseline,
      '--data',
      file,
      '--bootstrap',
      '0',
      '--out',
      join(scratch, 'd.yaml'),
    ]);
    expectRejected(run, `${file}:${line}:1`, 'prices', messages.unknownPriceBasis('nominal'));
  });

  it('an "about" target with a tolerance that cannot be read', async () => {
    const { file, line } = scenarioFile(
      'about-roughly',
      ['targets:', '  - { id: rd_intensity_2025, variable: rd_intensity, year: 2025, at_least: 0.06, about: roughly }'],
      'about: roughly',
    );
    const run = await cli(['run', file, '--runs', '10', '--workers', '1', '--quiet']);
    const column = readFileSync(file, 'utf8').split('\n')[line - 1]!.indexOf('roughly') + 1;
    expectRejected(
      run,
      `${file}:${line}:${column}`,
      'targets[0].about',
      messages.targetAboutUnreadable("the text 'roughly'"),
    );
  });

  it('a yearly deflator path with a gap, at the point after it', async () => {
    const { file, line } = scenarioFile(
      'deflator-gap',
      [
        'policies:',
        '  gdp_deflator_path:',
        '    interpolate: annual',
        '    points: { 2025: 0.0, 2026: 0.005, 2028: 0.01 }',
      ],
      'points:',
    );
    const run = await cli(['run', file, '--runs', '10', '--workers', '1', '--quiet']);
    const column = readFileSync(file, 'utf8').split('\n')[line - 1]!.indexOf('0.01') + 1;
    expectRejected(
      run,
      `${file}:${line}:${column}`,
      'policies.gdp_deflator_path.points.2028',
      messages.annualPathGap('gdp_deflator_path', 2027, 2027, 2026, 2028),
    );
  });

  it('a deflator path written as a step policy, not a yearly path', async () => {
    const { file, line } = scenarioFile(
      'deflator-step',
      ['policies:', '  gdp_deflator_path: { interpolate: step, points: { 2025: 0.0, 2027: 0.01 } }'],
      'gdp_deflator_path',
    );
    const run = await cli(['validate', file]);
    expectRejected(
      run,
      `${file}:${line}:3`,
      'policies.gdp_deflator_path',
      messages.annualPathRequired('gdp_deflator_path', 'step'),
    );
  });
});
