import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import type { CommandOutput } from '../../src/cli/output.js';
import { runKechuangAsync } from '../helpers/run-cli.js';

/**
 * The numbers every shipped scenario gives, held as digests: `run --json` (summary.json),
 * `sensitivity --json` (sensitivity.json) and `calibrate --json`, each with its `engine` block (version,
 * workers, wall time) left out. A refactoring leaves every digest as it is; a change that moves
 * numbers on purpose (a new edition of the Beijing model, a new field) shows here as a changed digest,
 * and is accepted with `npx vitest run tests/golden/number-digests.test.ts -u`, saying why in the commit.
 * Run counts are cut from the scenarios' own (10,000 and 100,000) to keep the suite quick: the digest
 * still covers every sampled input, every series and every target.
 */

const snapshotFile = './fixtures/number-digests.json';

/** What `runCli` printed in this process (one worker: pool threads need dist/, and the numbers do not depend on the count). */
async function printed(args: readonly string[]): Promise<string> {
  let stdout = '';
  let stderr = '';
  const output: CommandOutput = {
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    width: 120,
  };
  const status = await runCli(args, output);
  expect(status, stderr).toBe(0);
  return stdout;
}

/** sha256 of the JSON printed, without its engine block. */
function digestOf(json: string): string {
  const parsed = JSON.parse(json) as Record<string, unknown>;
  delete parsed.engine;
  return createHash('sha256').update(JSON.stringify(parsed)).digest('hex');
}

const runScenarios = [
  'scenarios/baseline.yaml',
  'scenarios/accelerated-funding.yaml',
  'scenarios/basic-research-push.yaml',
  'scenarios/constrained-funding.yaml',
  'scenarios/enterprise-led.yaml',
  'scenarios/talent-first.yaml',
  'scenarios/projection-2024.yaml',
  'scenarios/fifteenth-plan.yaml',
  'scenarios/sensitivity/assumptions.yaml',
];

describe('numbers of the shipped scenarios', () => {
  it('run, sensitivity and calibrate --json give the digests on file', async () => {
    const digests: Record<string, string> = {};
    for (const scenario of runScenarios) {
      digests[`run ${scenario}`] = digestOf(
        await printed(['run', scenario, '--runs', '2000', '--json', '--quiet', '--workers', '1']),
      );
    }
    const reference = 'bench/reference-mc100k.yaml';
    digests[`run ${reference}`] = digestOf(
      await printed(['run', reference, '--runs', '20000', '--json', '--quiet', '--workers', '1']),
    );
    const assumptions = 'scenarios/sensitivity/assumptions.yaml';
    for (const [method, samples] of [
      ['sobol', '128'],
      ['prcc', '2000'],
      ['morris', '8'],
    ] as const) {
      const args = [
        'sensitivity',
        assumptions,
        '--method',
        method,
        method === 'prcc' ? '--runs' : '--samples',
        samples,
        '--json',
        '--quiet',
        '--workers',
        '1',
      ];
      digests[`sensitivity ${method} ${assumptions}`] = digestOf(await printed(args));
    }
    digests['calibrate scenarios/baseline.yaml'] = digestOf(
      await printed([
        'calibrate',
        'scenarios/baseline.yaml',
        '--seed',
        '1',
        '--json',
        '--out',
        mkdtempSync(join(tmpdir(), 'digests-')),
      ]),
    );
    await expect(`${JSON.stringify(digests, null, 2)}\n`).toMatchFileSnapshot(snapshotFile);
  }, 240_000);

  it('run gives the digests on file on worker threads too, and when its outputs are summarised in passes', async () => {
    const onFile = JSON.parse(readFileSync(new URL(snapshotFile, import.meta.url), 'utf8')) as Record<string, string>;
    const cases = [
      ['bench/reference-mc100k.yaml', '20000', '0.005'],
      ['scenarios/baseline.yaml', '2000', '0.0005'],
    ] as const;
    for (const [scenario, runs, smallMemory] of cases) {
      const args = ['run', scenario, '--runs', runs, '--json', '--workers', '2'];
      // The built CLI: the sample drawn and the runs run in two worker threads; then in passes over
      // groups of columns under a memory limit that holds a few columns of runs (a note says so).
      const [threads, passes] = await Promise.all([
        runKechuangAsync(args),
        runKechuangAsync([...args, '--max-memory', smallMemory]),
      ]);
      expect(threads.status, threads.stderr).toBe(0);
      expect(passes.status, passes.stderr).toBe(0);
      expect(passes.stderr).toContain('passes of');
      expect(digestOf(threads.stdout), scenario).toBe(onFile[`run ${scenario}`]);
      expect(digestOf(passes.stdout), scenario).toBe(onFile[`run ${scenario}`]);
    }
  }, 240_000);
});
