import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { saveScenario, viewRunCommand, type SavedScenarioInput } from '../../../src/explore/saved-scenario.js';
import { withOverrides } from '../../../src/scenario/with-overrides.js';
import { loadScenarioOrThrow } from '../../helpers/report-fixtures.js';

const file = 'tests/fixtures/run/population-mc.yaml';
const input = (values: [string, number][], scales: [string, number][] = []): SavedScenarioInput => ({
  scenario: withOverrides(loadScenarioOrThrow(file), { runCount: 400 }),
  file,
  commandSet: new Map(),
  view: {
    values: new Map(values),
    scales: new Map(scales),
    set: values.map(([name, value]) => `${name}=${value}`),
  },
  engineVersion: 'test',
});

describe('saveScenario()', () => {
  it('never writes over a file that is there: a name taken by hand or by an earlier save is skipped', () => {
    const folder = mkdtempSync(join(tmpdir(), 'kechuang-saved-'));
    const mine = join(folder, 'population-mc-explore-1.yaml');
    writeFileSync(mine, 'a file the user wrote\n');
    const first = saveScenario(input([['birth_rate', 0.007]]), folder);
    const second = saveScenario(input([['birth_rate', 0.008]]), folder);
    expect(readFileSync(mine, 'utf8')).toBe('a file the user wrote\n');
    expect([first.fileName, second.fileName]).toEqual(['population-mc-explore-2.yaml', 'population-mc-explore-3.yaml']);
    expect(readdirSync(folder).sort()).toEqual([
      'population-mc-explore-1.yaml',
      'population-mc-explore-2.yaml',
      'population-mc-explore-3.yaml',
    ]);
    expect(readFileSync(first.file, 'utf8')).toBe(first.text);
  });

  it('extends the opened file by a path relative to the saved one, and gives the commands that reproduce the view', () => {
    const folder = mkdtempSync(join(tmpdir(), 'kechuang-saved-'));
    const saved = saveScenario(input([['birth_rate', 0.007]]), folder);
    const document = parse(saved.text) as {
      extends: string;
      set: Record<string, number>;
      uncertainty: { runs: number; seed: number };
    };
    expect(join(folder, document.extends)).toBe(join(process.cwd(), file));
    expect(document.set).toEqual({ birth_rate: 0.007 });
    expect(document.uncertainty.runs).toBe(400);
    expect(Number.isInteger(document.uncertainty.seed)).toBe(true);
    expect(saved.runCommand).toBe(`kechuang run ${saved.file}`);
    expect(saved.setCommand).toMatch(
      new RegExp(`^kechuang run ${file} --runs 400 --seed \\d+ --set birth_rate=0.007$`),
    );
  });

  it('has no `--set` command while a policy is scaled (the saved file scales its points instead)', () => {
    expect(viewRunCommand(input([], [['policy_boost', 2]]))).toBeUndefined();
  });
});
