import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CommandOutput } from '../../../src/cli/output.js';
import { writeRunOutputs } from '../../../src/cli/write-run-outputs.js';
import type { ScenarioSummary } from '../../../src/experiment/scenario-summary.js';
import { formatSeriesCsv } from '../../../src/report/series-csv.js';
import type { ScenarioSpec } from '../../../src/scenario/scenario-spec.js';
import { withOverrides } from '../../../src/scenario/with-overrides.js';
import { loadScenarioOrThrow, reportFixture, summarizeOrThrow } from '../../helpers/report-fixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'kechuang-write-run-outputs-'));
const output: CommandOutput = { out: () => undefined, err: () => undefined, width: 120 };
const scenarios: ScenarioSpec[] = ['baseline.yaml', 'boost.yaml'].map((name) =>
  withOverrides(loadScenarioOrThrow(reportFixture(name)), { set: new Map(), runCount: 60 }),
);
let summaries: ScenarioSummary[];

beforeAll(async () => {
  summaries = [await summarizeOrThrow(scenarios[0]!), await summarizeOrThrow(scenarios[1]!)];
});

describe('writeRunOutputs()', () => {
  it("writes one scenario's summary.json, series.csv and report.html into the folder itself", async () => {
    const folder = join(scratch, 'one');
    await writeRunOutputs(summaries.slice(0, 1), scenarios.slice(0, 1), folder, output);
    expect(readdirSync(folder).sort()).toEqual(['report.html', 'series.csv', 'summary.json']);
    const written = JSON.parse(readFileSync(join(folder, 'summary.json'), 'utf8')) as ScenarioSummary;
    expect(written.scenario).toBe('baseline');
    expect(written.runs).toBe(60);
    expect(readFileSync(join(folder, 'series.csv'), 'utf8')).toBe(formatSeriesCsv(summaries[0]!));
    const page = parse(readFileSync(join(folder, 'report.html'), 'utf8'));
    expect(page.querySelector('title')?.text).toContain('baseline');
  });

  it('writes several scenarios each into a folder named after it', async () => {
    const folder = join(scratch, 'two');
    await writeRunOutputs(summaries, scenarios, folder, output);
    expect(readdirSync(folder).sort()).toEqual(['baseline', 'boost']);
    for (const name of ['baseline', 'boost']) {
      expect(readdirSync(join(folder, name)).sort()).toEqual(['report.html', 'series.csv', 'summary.json']);
      const written = JSON.parse(readFileSync(join(folder, name, 'summary.json'), 'utf8')) as ScenarioSummary;
      expect(written.scenario).toBe(name);
    }
  });
});
