import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages } from '../../../src/diagnostics/messages.js';
import { runInProcess } from '../../helpers/run-in-process.js';

const baseline = resolve('scenarios/baseline.yaml');

function scenarioWith(targets: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'kechuang-target-units-'));
  const file = join(folder, 'slip.yaml');
  writeFileSync(file, `name: slip\nextends: ${baseline}\nuncertainty: { runs: 40 }\ntargets:\n${targets}`);
  return file;
}

// Issue 20, problem 3: unit slips in targets passed silently, and a target could not state its unit.
describe('targets with units (issue 20, problem 3)', () => {
  it('validate warns of 17 on a share and suggests 0.17', async () => {
    const file = scenarioWith(
      '  - { id: basic_research_share_2025, variable: basic_research_share, year: 2025, at_least: 17 }\n',
    );
    const run = await runInProcess(['validate', file]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(`warning [implausible-target]`);
    expect(run.stderr).toContain(messages.implausibleShare(17, 'basic_research_share', 0.17).hint);
    expect(run.stdout).toContain('1 warning');
  });

  it('validate warns of 0.5 亿元 on R&D expenditure and suggests 万亿元', async () => {
    const file = scenarioWith('  - { id: rd_2025, variable: rd_expenditure, year: 2025, at_least: 0.5 }\n');
    const run = await runInProcess(['validate', file]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(
      /warning \[implausible-target\] targets\.rd_2025\.at_least: 0\.5 is 1\/[\d,]+ of rd_expenditure/,
    );
    expect(run.stderr).toContain('did you mean 0.5 万亿元?');
  });

  it("a target stating its unit is converted into the variable's unit, and is not a warning", async () => {
    const file = scenarioWith(
      [
        '  - { id: hightech_va_2025, variable: high_tech_va, year: 2025, at_least: 1.2, unit: 万亿元 }',
        '  - { id: basic_research_share_2025, variable: basic_research_share, year: 2025, at_least: 17, unit: percent }',
        '',
      ].join('\n'),
    );
    const validated = await runInProcess(['validate', file]);
    expect(validated.stderr).toBe('');
    const run = await runInProcess(['run', file, '--workers', '1', '--json', '--quiet']);
    expect(run.status, run.stderr).toBe(0);
    const targets = (JSON.parse(run.stdout) as { targets: { id: string; threshold: number; unit?: string }[] }).targets;
    expect(targets.find((target) => target.id === 'hightech_va_2025')).toMatchObject({
      threshold: 12000,
      unit: '万亿元',
    });
    expect(targets.find((target) => target.id === 'basic_research_share_2025')?.threshold).toBeCloseTo(0.17, 12);
  });

  it('a unit that does not convert is an error at the unit', async () => {
    const file = scenarioWith('  - { id: va, variable: high_tech_va, year: 2025, at_least: 1.2, unit: persons }\n');
    const run = await runInProcess(['validate', file]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/slip\.yaml:\d+:\d+: error \[unit-mismatch\] targets\[0\]\.unit/);
  });
});
