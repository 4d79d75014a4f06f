import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportedFailure } from '../../../src/cli/cli-error.js';
import type { CommandOutput } from '../../../src/cli/output.js';
import {
  createTextReader,
  loadScenarioArgument,
  loadScenarioArguments,
  readScenarioArgument,
} from '../../../src/cli/scenario-argument.js';
import { InputError } from '../../../src/diagnostics/input-error.js';
import { reportFixture } from '../../helpers/report-fixtures.js';

const folder = mkdtempSync(join(tmpdir(), 'kechuang-scenario-argument-'));
const baseline = reportFixture('baseline.yaml');
const model = reportFixture('population-history.yaml');

function capture(): { output: CommandOutput; stderr: () => string } {
  let stderr = '';
  return {
    output: { out: () => undefined, err: (text) => void (stderr += text), width: 120 },
    stderr: () => stderr,
  };
}

describe('readScenarioArgument()', () => {
  it('applies --set, --runs and --seed to the scenario, keeping the file as loaded beside it', () => {
    const { output, stderr } = capture();
    const argument = readScenarioArgument(baseline, { set: ['birth_rate=0.01'], runCount: 50, seed: 3 }, output);
    expect(stderr()).toBe('');
    expect(argument).toBeDefined();
    const { loaded, scenario, set } = argument!;
    expect([...set]).toEqual([['birth_rate', 0.01]]);
    expect(scenario.set.get('birth_rate')).toBe(0.01);
    expect(scenario.uncertainty).toMatchObject({ runCount: 50, seed: 3 });
    expect(loaded.uncertainty).toMatchObject({ runCount: 400, seed: 42 });
    expect(loaded.set.has('birth_rate')).toBe(false);
  });

  it('says a model file given where a scenario belongs is a model, with the command that runs it', () => {
    const { output, stderr } = capture();
    expect(readScenarioArgument(model, { set: [] }, output)).toBeUndefined();
    expect(stderr()).toContain(`${model}:1:1: error [wrong-type] expected a scenario file, found a model`);
    expect(stderr()).toContain(`kechuang simulate ${model}`);
  });

  it("prints a scenario file's problems and gives undefined", () => {
    const broken = join(folder, 'broken.yaml');
    writeFileSync(broken, 'name: broken\nmodel: missing-model.yaml\nuncertainty: { runs: 10 }\n');
    const { output, stderr } = capture();
    expect(readScenarioArgument(broken, { set: [] }, output)).toBeUndefined();
    expect(stderr()).toMatch(/error \[/);
    expect(stderr()).toContain('broken.yaml');
  });

  it('throws an input error for a --set naming no parameter', () => {
    const { output } = capture();
    expect(() => readScenarioArgument(baseline, { set: ['birth_rat=0.01'] }, output)).toThrow(InputError);
  });
});

describe('loadScenarioArgument() and loadScenarioArguments()', () => {
  it('exit 2 (ReportedFailure) after printing the problems of every file, not only the first', () => {
    const { output, stderr } = capture();
    expect(() => loadScenarioArgument(model, { set: [] }, output)).toThrow(ReportedFailure);
    const second = capture();
    let thrown: unknown;
    try {
      loadScenarioArguments([model, baseline, join(folder, 'missing.yaml')], { set: [] }, second.output);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ReportedFailure);
    expect((thrown as ReportedFailure).exitCode).toBe(2);
    expect(second.stderr()).toContain('expected a scenario file, found a model');
    expect(second.stderr()).toContain('missing.yaml');
    expect(second.stderr()).toContain('no such file');
    expect(stderr()).toContain('[wrong-type]');
  });

  it('gives the scenarios in the order named when all load', () => {
    const { output } = capture();
    const scenarios = loadScenarioArguments([baseline, reportFixture('boost.yaml')], { set: [], runCount: 20 }, output);
    expect(scenarios.map((scenario) => [scenario.name, scenario.uncertainty.runCount])).toEqual([
      ['baseline', 20],
      ['boost', 20],
    ]);
  });
});

describe('createTextReader()', () => {
  it('reads each path once: a second read gives the first text even after the file changed', () => {
    const path = join(folder, 'once.yaml');
    writeFileSync(path, 'first\n');
    const read = createTextReader();
    expect(read(path)).toEqual({ ok: true, value: 'first\n' });
    rmSync(path);
    expect(read(path)).toEqual({ ok: true, value: 'first\n' });
    expect(createTextReader()(path).ok).toBe(false);
  });
});
