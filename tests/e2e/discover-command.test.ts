import { describe, expect, it } from 'vitest';
import type { Discovery } from '../../src/analysis/discover-scenarios.js';
import { runKechuangMany } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-cli-in-process.js';

/**
 * `kechuang discover` as a process on two and three worker threads. Everything else about the command
 * runs in-process in tests/unit/cli/discover-command.test.ts.
 */

describe('kechuang discover', () => {
  it('on the Beijing baseline, finds where basic_research_share_2025 is missed, the same for 1, 2 and 3 workers', async () => {
    const args = [
      'discover',
      'scenarios/baseline.yaml',
      '--target',
      'basic_research_share_2025',
      '--runs',
      '2000',
      '--json',
      '--workers',
    ];
    const [two, three] = await runKechuangMany([
      [...args, '2'],
      [...args, '3'],
    ]);
    const one = await runInProcess([...args, '1']);
    expect(one.status, one.stderr).toBe(0);
    expect(two!.stdout).toBe(one.stdout);
    expect(three!.stdout).toBe(one.stdout);
    const discovery = JSON.parse(one.stdout) as Discovery;
    expect(discovery.classCount).toBeGreaterThan(100);
    expect(discovery.box!.restrictions.map((restriction) => restriction.name)).toContain('basic_trend_change');
    expect(discovery.box!.coverage).toBeGreaterThanOrEqual(0.45);
    expect(discovery.inputs.filter((input) => input.joint === 'calibration')).toHaveLength(20);
    // fiscal_st_growth is fixed by the scenario's set, so it is not an input.
    expect(discovery.inputs.map((input) => input.name)).not.toContain('fiscal_st_growth');
  });
});
