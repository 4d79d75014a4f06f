import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CommandOutput } from '../../../src/cli/output.js';
import { writeRunOutputs, type ScenarioRuns } from '../../../src/cli/write-run-outputs.js';
import { compileExperiment } from '../../../src/experiment/compile-experiment.js';
import { runScenario } from '../../../src/experiment/run-scenario.js';
import { createShardExecutor } from '../../../src/parallel/shard-executor.js';
import type { ScenarioSummary } from '../../../src/experiment/scenario-summary.js';
import { formatSeriesCsv } from '../../../src/report/series-csv.js';
import type { ScenarioSpec } from '../../../src/scenario/scenario-spec.js';
import { withOverrides } from '../../../src/scenario/with-overrides.js';
import { loadScenarioOrThrow, reportFixture } from '../../helpers/report-fixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'kechuang-write-run-outputs-'));
const output: CommandOutput = { out: () => undefined, err: () => undefined, width: 120 };
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

describe('writeRunOutputs()', () => {
  it("writes one scenario's summary.json, series.csv, report.html and runs.parquet into the folder itself", async () => {
    const folder = join(scratch, 'one');
    await writeRunOutputs(summaries.slice(0, 1), scenarios.slice(0, 1), runs.slice(0, 1), folder, output, {
      lang: 'en',
      units: [],
      xlsx: false,
    });
    expect(readdirSync(folder).sort()).toEqual(['report.html', 'runs.parquet', 'series.csv', 'summary.json']);
    const written = JSON.parse(readFileSync(join(folder, 'summary.json'), 'utf8')) as ScenarioSummary;
    expect(written.scenario).toBe('baseline');
    expect(written.runs).toBe(60);
    expect(readFileSync(join(folder, 'series.csv'), 'utf8')).toBe(formatSeriesCsv(summaries[0]!));
    const page = parse(readFileSync(join(folder, 'report.html'), 'utf8'));
    expect(page.querySelector('title')?.text).toContain('baseline');
  });

  it('writes several scenarios each into a folder named after it; no runs.parquet for runs summarised in passes', async () => {
    const folder = join(scratch, 'two');
    const passes = runs.map((ran) => ({ ...ran, store: undefined }));
    await writeRunOutputs(summaries, scenarios, passes, folder, output, { lang: 'en', units: [], xlsx: false });
    expect(readdirSync(folder).sort()).toEqual(['baseline', 'boost']);
    for (const name of ['baseline', 'boost']) {
      expect(readdirSync(join(folder, name)).sort()).toEqual(['report.html', 'series.csv', 'summary.json']);
      const written = JSON.parse(readFileSync(join(folder, name, 'summary.json'), 'utf8')) as ScenarioSummary;
      expect(written.scenario).toBe(name);
    }
  });
});
