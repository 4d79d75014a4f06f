import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioSummary } from '../../src/experiment/scenario-summary.js';
import { runKechuangMany, type CliRun } from '../helpers/run-cli.js';
import { expectNoStackTrace, runJsonInProcess } from '../helpers/run-cli-in-process.js';

/**
 * `kechuang run` as a process on two worker threads: the numbers, the files it writes and the exit
 * code of a run that breaks down. Everything else about the command runs in-process in
 * tests/unit/cli/run-command.test.ts.
 */

const scratch = mkdtempSync(join(tmpdir(), 'kechuang-run-'));
const example = 'bench/reference-mc100k.yaml';
const population = 'tests/fixtures/run/population-mc.yaml';
const breaksDown = 'tests/fixtures/run/breaks-down-mc.yaml';
const outFolder = join(scratch, 'out');

// The three processes run side by side: most of each is Node starting and loading the CLI.
let json: CliRun;
let written: CliRun;
let brokeDown: CliRun;
beforeAll(async () => {
  const runs = await runKechuangMany([
    ['run', example, '--runs', '3000', '--workers', '2', '--json'],
    ['run', population, '--workers', '2', '--out', outFolder, '--json'],
    ['run', breaksDown, '--workers', '2'],
  ]);
  [json, written, brokeDown] = [runs[0]!, runs[1]!, runs[2]!];
}, 120_000);

describe('kechuang run on two worker threads', () => {
  it('gives the same numbers as one worker (in the main thread, in-process)', async () => {
    expect(json.status, json.stderr).toBe(0);
    const two = JSON.parse(json.stdout) as ScenarioSummary;
    expect(two.engine.workers).toBe(2);
    const one = await runJsonInProcess<ScenarioSummary>(['run', example, '--runs', '3000', '--workers', '1', '--json']);
    expect({ ...one, engine: undefined }).toEqual({ ...two, engine: undefined });
  });

  it('--out writes summary.json (as --json prints it) and series.csv, and leaves no temporary files', () => {
    expect(written.status, written.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(outFolder, 'summary.json'), 'utf8')) as ScenarioSummary;
    expect(summary).toEqual(JSON.parse(written.stdout));
    const csv = readFileSync(join(outFolder, 'series.csv'), 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe('variable,time,mean,p5,p50,p95');
    expect(csv).toHaveLength(1 + 2 * 21);
    const [variable, time, mean, p5, p50, p95] = csv[21]!.split(',');
    expect([variable, Number(time)]).toEqual(['population', 2040]);
    expect(Number(mean)).toBe(summary.series['population']!.mean[20]);
    expect([Number(p5), Number(p50), Number(p95)]).toEqual(
      [20, 20, 20].map(
        (index, column) =>
          [summary.series['population']!.p5, summary.series['population']!.p50, summary.series['population']!.p95][
            column
          ]![index],
      ),
    );
    expect(readdirSync(outFolder).sort()).toEqual(['report.html', 'runs.parquet', 'series.csv', 'summary.json']);
  });

  it('exits 3 when runs break down, naming the run, variable, time and inputs, and the command that redoes it', () => {
    expect(brokeDown.status, brokeDown.stderr).toBe(3);
    const match = /run (\d+) gives level = Infinity at time 1[^;]*; its sampled inputs: gap=0\.5/.exec(
      brokeDown.stderr,
    );
    expect(match, brokeDown.stderr).not.toBeNull();
    const rerun = /reproduce with: kechuang (run .+)$/m.exec(brokeDown.stderr)![1]!.split(' ');
    expect(rerun).toEqual(['run', breaksDown, '--runs', '40', '--seed', '7', '--only-run', match![1]]);
    expectNoStackTrace(brokeDown.stderr);
  });
});
