import { parse, type HTMLElement } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioSummary } from '../../../src/experiment/scenario-summary.js';
import { formatScenarioReportHtml } from '../../../src/report/scenario-report-html.js';
import type { ScenarioSpec } from '../../../src/scenario/scenario-spec.js';
import { historyOrThrow, loadScenarioOrThrow, reportFixture, summarizeOrThrow } from '../../helpers/report-fixtures.js';

let scenario: ScenarioSpec;
let summary: ScenarioSummary;
let page: HTMLElement;

beforeAll(async () => {
  scenario = loadScenarioOrThrow(reportFixture('baseline.yaml'));
  summary = await summarizeOrThrow(scenario);
  page = parse(await formatScenarioReportHtml({ summary, scenario, history: historyOrThrow(scenario) }));
});

/** Marks vega drew in a chart: paths and symbols inside its mark groups. */
const markCount = (svg: HTMLElement): number => svg.querySelectorAll('g.role-mark path, g.role-mark line').length;

describe('formatScenarioReportHtml()', () => {
  it('draws one chart per output, each an inline SVG with marks and titles naming the indicator in English and Chinese', () => {
    const figures = page.querySelectorAll('figure.chart');
    expect(figures.map((figure) => figure.getAttribute('data-variable'))).toEqual(Object.keys(summary.series));
    for (const figure of figures) {
      const svg = figure.querySelector('svg.marks');
      expect(svg).not.toBeNull();
      expect(markCount(svg!)).toBeGreaterThanOrEqual(3);
    }
    const population = figures[0]!.querySelector('svg')!.text;
    expect(population).toContain('Population · 人口');
    const axisTitles = (figure: HTMLElement) =>
      figure.querySelectorAll('g.role-axis-title text').map((title) => title.text);
    expect(axisTitles(figures[0]!)).toEqual(['year', 'million persons']);
    expect(axisTitles(figures[1]!)).toEqual(['year', 'percent per year']);
    expect(population).toContain('target ≥ 10.3 million persons in 2035');
  });

  it('draws the model data file history as dots only on the variables that have it', () => {
    const [population, growth] = page.querySelectorAll('figure.chart svg');
    expect(population!.text).toContain('dots: observed (population_thousand)');
    // Data symbols (not the legend's): four observed years (two 2020 rows averaged) and the target's marker.
    const dataSymbols = (svg: HTMLElement) => svg.querySelectorAll('g.mark-symbol.role-mark path').length;
    expect(dataSymbols(population!)).toBe(4 + 1);
    expect(dataSymbols(growth!)).toBe(1);
    expect(growth!.text).not.toContain('observed');
  });

  it('gives each target its probability, colour-coded, and its band in the report units', () => {
    const rows = page.querySelectorAll('table.targets tbody tr');
    expect(rows).toHaveLength(summary.targets.length);
    rows.forEach((row, index) => {
      const target = summary.targets[index]!;
      const cells = row.querySelectorAll('td');
      expect(cells[0]!.text).toBe(target.id);
      const probability = cells[3]!.querySelector('.prob')!;
      expect(Number(probability.getAttribute('data-probability'))).toBe(target.probability);
      expect(probability.text).toBe(`${(target.probability * 100).toFixed(1)}%`);
      expect(
        probability.classList.contains(
          target.probability >= 0.8 ? 'likely' : target.probability >= 0.5 ? 'even' : 'unlikely',
        ),
      ).toBe(true);
    });
    const population = rows[0]!.querySelectorAll('td');
    expect(population[1]!.text).toBe('Population 人口');
    expect(population[2]!.text).toBe('≥ 10.3 million persons in 2035');
    expect(population[7]!.text).toBe('million persons');
    expect(rows[1]!.querySelectorAll('td')[2]!.text).toBe('≥ 0.2%/year in 2030');
  });

  it('lists the settings that reproduce the numbers: seed, runs, sampling, distributions and the engine version', () => {
    const settings = Object.fromEntries(
      page
        .querySelectorAll('table.settings tbody tr')
        .map((row) => row.querySelectorAll('td').map((cell) => cell.text) as [string, string]),
    );
    expect(settings).toMatchObject({
      seed: '42',
      runs: '400',
      sampling: 'Latin hypercube (lhs)',
      'model file sha256': scenario.modelHash,
    });
    expect(settings['engine']).toMatch(/^Kechuang 0\.1\.0, 1 worker/);
    const uncertain = page
      .querySelectorAll('table.uncertain tbody tr')
      .map((row) => row.querySelectorAll('td').map((cell) => cell.text));
    expect(uncertain.map((cells) => [cells[0], cells[2]])).toEqual([
      ['birth_rate', 'triangular(min 0.004, mode 0.006, max 0.009)'],
      ['death_rate', 'uniform(min 0.004, max 0.007)'],
    ]);
    expect(page.querySelector('code.reproduce')!.text).toBe(`kechuang run ${scenario.file} --runs 400 --seed 42`);
  });

  it('is one self-contained file: no script, nothing loaded from elsewhere, a policy forbidding it', () => {
    expect(page.querySelectorAll('script, link, img, iframe, object')).toHaveLength(0);
    expect(page.querySelectorAll('[src]')).toHaveLength(0);
    expect(page.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')).toContain(
      "default-src 'none'",
    );
  });
});
