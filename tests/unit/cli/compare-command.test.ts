import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioComparison } from '../../../src/analysis/compare-scenarios.js';
import { messages } from '../../../src/diagnostics/messages.js';
import { quantityFormat } from '../../../src/report/quantity-format.js';
import { runInProcess, runJsonInProcess } from '../../helpers/run-cli-in-process.js';

const scratch = mkdtempSync(join(tmpdir(), 'kechuang-compare-'));
const baseline = 'tests/fixtures/report/baseline.yaml';
const boost = 'tests/fixtures/report/boost.yaml';
const unused = 'tests/fixtures/report/unused-input.yaml';

const compareJson = (args: readonly string[]): Promise<ScenarioComparison> =>
  runJsonInProcess<ScenarioComparison>(['compare', ...args, '--json', '--workers', '1']);

/** The rows of a cli-table3 table: cells between │, trimmed. */
const tableRows = (text: string): string[][] =>
  text
    .split('\n')
    .filter((line) => line.startsWith('│'))
    .map((line) =>
      line
        .split('│')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );

/** `kechuang compare` in-process through `runCli`, on one worker; tests/e2e/compare-command.test.ts runs the binary on two. */
describe('kechuang compare', () => {
  let comparison: ScenarioComparison;
  beforeAll(async () => {
    comparison = await compareJson([baseline, boost, unused]);
  });

  it('--json prints the common design and each scenario as summary.json, on common random numbers', () => {
    expect([comparison.seed, comparison.runs, comparison.sampling]).toEqual([42, 400, 'lhs']);
    expect(comparison.sharedParameters).toEqual(['birth_rate', 'death_rate']);
    expect(comparison.declared.map((entry) => entry.scenario)).toEqual(['boost', 'unused-input']);
    expect(comparison.scenarios.map((summary) => [summary.scenario, summary.runs, summary.seed])).toEqual([
      ['baseline', 400, 42],
      ['boost', 400, 42],
      ['unused-input', 400, 42],
    ]);
    // An input drawn in another column and not used changes nothing: the draws follow parameter names.
    expect(comparison.scenarios[2]!.targets[0]!.probability).toBe(comparison.scenarios[0]!.targets[0]!.probability);
    expect(comparison.scenarios[2]!.series).toEqual(comparison.scenarios[0]!.series);
  });

  it('prints one row per target id and each scenario its probability and P50 side by side, and says which scenarios it aligned', async () => {
    const run = await runInProcess(['compare', baseline, boost, '--workers', '1']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(
      'compare 2 scenarios on common random numbers: seed 42, 400 runs, Latin hypercube sampling; shared uncertain parameters: birth_rate, death_rate',
    );
    const [head, ...rows] = tableRows(run.stdout);
    expect(head).toEqual(['target', 'condition', 'baseline', 'P50', 'boost', 'P50']);
    const byId = new Map(rows.map((row) => [row[0], row]));
    expect([...byId.keys()]).toEqual(['population_2035', 'growth_2030', 'population_2040']);
    const percent = (probability: number) => `${(probability * 100).toFixed(1)}%`;
    const persons = quantityFormat('population', 'million_person', []);
    const [base, boosted] = comparison.scenarios;
    expect(byId.get('population_2035')!.slice(1, 6)).toEqual([
      'population ≥ 10.3 million persons in 2035',
      percent(base!.targets[0]!.probability),
      persons.number(base!.targets[0]!.p50),
      percent(boosted!.targets[0]!.probability),
      persons.number(boosted!.targets[0]!.p50),
    ]);
    expect(byId.get('population_2040')!.slice(2, 4)).toEqual(['—', '—']);
    const note = messages.compareAligned(
      'boost',
      'seed 7, 250 runs, Latin hypercube sampling',
      'seed 42, 400 runs, Latin hypercube sampling',
    );
    expect(run.stderr).toContain(`note [compare-aligned] ${boost}: ${note.message}`);
  });

  it('--seed and --runs set the common design; --quiet prints nothing', async () => {
    const run = await runInProcess([
      'compare',
      baseline,
      boost,
      '--workers',
      '1',
      '--seed',
      '3',
      '--runs',
      '50',
      '--quiet',
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect([run.stdout, run.stderr]).toEqual(['', '']);
    const chosen = await compareJson([baseline, boost, '--seed', '3', '--runs', '50']);
    expect(chosen.scenarios.map((summary) => [summary.seed, summary.runs])).toEqual([
      [3, 50],
      [3, 50],
    ]);
  });

  it('--out writes compare.json and a self-contained compare.html with the probabilities side by side and a chart per output', async () => {
    const folder = join(scratch, 'out');
    const run = await runInProcess(['compare', baseline, boost, '--workers', '1', '--out', folder, '--quiet']);
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['compare.html', 'compare.json']);
    const written = JSON.parse(readFileSync(join(folder, 'compare.json'), 'utf8')) as ScenarioComparison;
    const page = parse(readFileSync(join(folder, 'compare.html'), 'utf8'));
    expect(page.querySelector('.crn')!.text).toContain('Common random numbers.');
    const cells = page.querySelectorAll('table.targets tbody tr')[0]!.querySelectorAll('td .prob');
    expect(cells.map((cell) => Number(cell.getAttribute('data-probability')))).toEqual(
      written.scenarios.map((summary) => summary.targets[0]!.probability),
    );
    expect(page.querySelectorAll('figure.chart').map((figure) => figure.getAttribute('data-variable'))).toEqual([
      'population',
      'net_growth_rate',
    ]);
    for (const svg of page.querySelectorAll('figure.chart svg'))
      expect(svg.querySelectorAll('g.role-mark path').length).toBeGreaterThan(3);
    expect(page.querySelectorAll('script, [src]')).toHaveLength(0);
  });

  it('exits 2 naming the file when a scenario does not load', async () => {
    const run = await runInProcess(['compare', baseline, 'tests/fixtures/report/missing.yaml']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('tests/fixtures/report/missing.yaml');
    expect(run.stdout).toBe('');
  });
});

describe('kechuang compare on the Beijing scenarios', () => {
  it("prints one row per target with each scenario's probability, then the medians", async () => {
    const files = readdirSync('scenarios')
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => `scenarios/${name}`);
    const run = await runInProcess(['compare', ...files, '--runs', '400', '--workers', '1']);
    expect(run.status, run.stderr).toBe(0);
    const rows = run.stdout.split('\n').filter((line) => line.startsWith('│'));
    const header = rows[0]!.split('│').map((cell) => cell.trim());
    expect(header.slice(0, 2)).toEqual(['', 'target']);
    const basicRow = rows
      .find((row) => row.includes('basic_research_share_2025') && row.includes('%'))!
      .split('│')
      .map((cell) => cell.trim());
    const pushColumn = header.indexOf('basic-research-push');
    const baselineColumn = header.indexOf('baseline');
    expect(Number.parseFloat(basicRow[pushColumn]!)).toBeGreaterThan(Number.parseFloat(basicRow[baselineColumn]!));
    expect(run.stdout).toContain('P50 in the target year');
  });
});
