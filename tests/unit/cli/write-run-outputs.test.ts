import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  RunOutputsStopped,
  writeRunOutputs,
  type RunOutput,
  type ScenarioRuns,
} from '../../../src/cli/write-run-outputs.js';
import { compileExperiment } from '../../../src/experiment/compile-experiment.js';
import { runScenario } from '../../../src/experiment/run-scenario.js';
import { createShardExecutor } from '../../../src/parallel/shard-executor.js';
import type { ScenarioSummary } from '../../../src/experiment/scenario-summary.js';
import { formatSeriesCsv } from '../../../src/report/series-csv.js';
import type { ScenarioSpec } from '../../../src/scenario/scenario-spec.js';
import { withOverrides } from '../../../src/scenario/with-overrides.js';
import { loadScenarioOrThrow, reportFixture } from '../../helpers/report-fixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'kechuang-write-run-outputs-'));
const scenarios: ScenarioSpec[] = ['baseline.yaml', 'boost.yaml'].map((name) =>
  withOverrides(loadScenarioOrThrow(reportFixture(name)), { set: new Map(), runCount: 60 }),
);
const summaries: ScenarioSummary[] = [];
const runs: ScenarioRuns[] = [];

beforeAll(async () => {
  const executor = createShardExecutor(1);
  try {
    for (const scenario of scenarios) {
      const ran = await runScenario(scenario, { executor, engineVersion: '0.1.0', memoryLimitBytes: 1e9 });
      const compiled = compileExperiment(scenario);
      if (!ran.ok || !ran.value.ok || !compiled.ok) throw new Error(`scenario ${scenario.name} did not run`);
      summaries.push(ran.value.summary);
      runs.push({ experiment: compiled.value, store: ran.value.store });
    }
  } finally {
    await executor.close();
  }
});

/** Each scenario's results to write, into `folders` (one per scenario), with the history its report shows. */
const outputsInto = (folders: readonly string[], ran: readonly ScenarioRuns[] = runs): RunOutput[] =>
  folders.map((folder, index) => ({
    summary: summaries[index]!,
    scenario: scenarios[index]!,
    folder,
    history: undefined,
    ...ran[index]!,
  }));

/** What `writeRunOutputs` stopped with. */
async function stopped(writing: Promise<unknown>): Promise<RunOutputsStopped> {
  const error: unknown = await writing.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(RunOutputsStopped);
  return error as RunOutputsStopped;
}

const reportOptions = { lang: 'en', units: [], xlsx: false } as const;

describe('writeRunOutputs()', () => {
  it("writes one scenario's summary.json, series.csv, report.html and runs.parquet into its folder", async () => {
    const folder = join(scratch, 'one');
    const written = await writeRunOutputs(outputsInto([folder]), reportOptions);
    const names = ['summary.json', 'series.csv', 'report.html', 'runs.parquet'];
    expect(written).toEqual(names.map((name) => join(folder, name)));
    expect(readdirSync(folder).sort()).toEqual(['report.html', 'runs.parquet', 'series.csv', 'summary.json']);
    const summary = JSON.parse(readFileSync(join(folder, 'summary.json'), 'utf8')) as ScenarioSummary;
    expect(summary.scenario).toBe('baseline');
    expect(summary.runs).toBe(60);
    expect(readFileSync(join(folder, 'series.csv'), 'utf8')).toBe(formatSeriesCsv(summaries[0]!));
    const page = parse(readFileSync(join(folder, 'report.html'), 'utf8'));
    expect(page.querySelector('title')?.text).toContain('baseline');
    expect(readFileSync(join(folder, 'runs.parquet')).subarray(0, 4).toString('latin1')).toBe('PAR1');
  });

  it('writes each scenario into its own folder; no runs.parquet for runs summarised in passes', async () => {
    const folders = ['baseline', 'boost'].map((name) => join(scratch, 'two', name));
    const passes = runs.map((ran) => ({ ...ran, store: undefined }));
    await writeRunOutputs(outputsInto(folders, passes), reportOptions);
    for (const [index, name] of ['baseline', 'boost'].entries()) {
      expect(readdirSync(folders[index]!).sort()).toEqual(['report.html', 'series.csv', 'summary.json']);
      const summary = JSON.parse(readFileSync(join(folders[index]!, 'summary.json'), 'utf8')) as ScenarioSummary;
      expect(summary.scenario).toBe(name);
    }
  });

  it('after Ctrl-C writes nothing more and names every file not written, runs.parquet among them', async () => {
    const folders = ['baseline', 'boost'].map((name) => join(scratch, 'interrupted', name));
    const interrupt = new AbortController();
    interrupt.abort();
    const stop = await stopped(writeRunOutputs(outputsInto(folders), reportOptions, interrupt.signal));
    expect(stop.failure).toBeUndefined();
    expect(stop.written).toEqual([]);
    expect(stop.unwritten).toEqual(
      folders.flatMap((folder) =>
        ['summary.json', 'series.csv', 'report.html', 'runs.parquet'].map((name) => join(folder, name)),
      ),
    );
    expect(existsSync(join(scratch, 'interrupted'))).toBe(false);
  });

  it('stops at a file it cannot write, saying what was written and what was not', async () => {
    const blocked = join(scratch, 'blocked');
    writeFileSync(blocked, 'a file where the second folder should be');
    const first = join(scratch, 'written');
    const stop = await stopped(writeRunOutputs(outputsInto([first, blocked]), reportOptions));
    expect(stop.written).toEqual(
      ['summary.json', 'series.csv', 'report.html', 'runs.parquet'].map((name) => join(first, name)),
    );
    expect(stop.unwritten).toEqual(
      ['summary.json', 'series.csv', 'report.html', 'runs.parquet'].map((name) => join(blocked, name)),
    );
    expect(stop.failure?.path).toBe(join(blocked, 'summary.json'));
    expect(readFileSync(blocked, 'utf8')).toBe('a file where the second folder should be');
  });
});
