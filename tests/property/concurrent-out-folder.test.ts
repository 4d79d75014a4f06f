import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScenarioSummary } from '../../src/experiment/scenario-summary.js';
import type { CliRun } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-cli-in-process.js';
import { propertyRuns, propertySeed } from './property-config.js';

/**
 * Two experiments started at once on one `--out` folder (issue 21, problem 1: both wrote shards into
 * one checkpoint, and a resume mixed them). The law: either one refuses, naming the run that holds the
 * folder, or both finish; whatever finishes gives exactly the numbers of its uninterrupted run, and the
 * folder ends holding one run's whole results (no lock, no checkpoint, no temporary file left).
 */
const scratch = mkdtempSync(join(tmpdir(), 'kechuang-concurrent-'));
const scenario = 'tests/fixtures/run/population-mc.yaml';

interface Experiment {
  seed: number;
  runs: number;
}

const experiment: fc.Arbitrary<Experiment> = fc.record({
  seed: fc.constantFrom(42, 7, 2024),
  runs: fc.constantFrom(200, 1500, 3000),
});

/**
 * In-process, with one worker (the runs share this thread, which yields between shards): the two runs
 * interleave as two processes would. tests/e2e/reliability.test.ts starts two processes.
 */
const args = ({ seed, runs }: Experiment): string[] => [
  'run',
  scenario,
  '--seed',
  String(seed),
  '--runs',
  String(runs),
  '--workers',
  '1',
  '--json',
];

/** The summary without the engine block (workers, wall time). */
const numbersOf = (json: string): string => {
  const { engine: _engine, ...numbers } = JSON.parse(json) as ScenarioSummary;
  return JSON.stringify(numbers);
};

/** Each experiment's numbers when it runs alone, without --out. */
const alone = new Map<string, string>();
async function aloneNumbers(of: Experiment): Promise<string> {
  const key = `${of.seed}:${of.runs}`;
  let numbers = alone.get(key);
  if (numbers === undefined) {
    const run = await runInProcess(args(of));
    expect(run.status, run.stderr).toBe(0);
    numbers = numbersOf(run.stdout);
    alone.set(key, numbers);
  }
  return numbers;
}

let caseCount = 0;
const outcomes = { refused: 0, both: 0 };

describe('two experiments started at once on one --out folder', () => {
  it(`one refuses or both give their uninterrupted numbers (${propertyRuns(8)} pairs, seed ${propertySeed})`, async () => {
    await fc.assert(
      fc.asyncProperty(
        experiment,
        experiment,
        fc.constantFrom(0, 10, 50, 400, 1500),
        async (first, second, delayMs) => {
          const folder = join(scratch, `case-${caseCount++}`);
          const started = runInProcess([...args(first), '--out', folder]);
          await new Promise((resolve) => setTimeout(resolve, delayMs));
          const runs: CliRun[] = await Promise.all([started, runInProcess([...args(second), '--out', folder])]);
          const refused = runs.filter((run) => run.status === 2);
          expect(refused.length).toBeLessThanOrEqual(1);
          for (const run of refused)
            expect(run.stderr).toMatch(/^error \[output-locked\] --out .* is in use by another Kechuang run/);
          const finished: string[] = [];
          for (const [index, run] of runs.entries()) {
            if (run.status === 2) continue;
            expect(run.status, run.stderr).toBe(0);
            expect(numbersOf(run.stdout)).toBe(await aloneNumbers(index === 0 ? first : second));
            finished.push(numbersOf(run.stdout));
          }
          if (refused.length === 1) outcomes.refused++;
          else outcomes.both++;
          expect(readdirSync(folder).sort()).toEqual(['report.html', 'runs.parquet', 'series.csv', 'summary.json']);
          expect(finished).toContain(numbersOf(readFileSync(join(folder, 'summary.json'), 'utf8')));
        },
      ),
      { seed: propertySeed, numRuns: propertyRuns(8) },
    );
    console.info(
      `concurrent-out-folder.test.ts: ${outcomes.refused} pairs had one run refused, ${outcomes.both} ran one after the other`,
    );
  }, 300_000);
});
