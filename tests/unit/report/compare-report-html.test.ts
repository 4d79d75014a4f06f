import { parse, type HTMLElement } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioComparison } from '../../../src/analysis/compare-scenarios.js';
import { formatCompareReportHtml } from '../../../src/report/compare-report-html.js';
import { historyOrThrow, loadScenarioOrThrow, reportFixture, summarizeOrThrow } from '../../helpers/report-fixtures.js';

let comparison: ScenarioComparison;
let page: HTMLElement;

beforeAll(async () => {
  const scenarios = [
    loadScenarioOrThrow(reportFixture('baseline.yaml')),
    loadScenarioOrThrow(reportFixture('boost.yaml')),
  ];
  const summaries = [await summarizeOrThrow(scenarios[0]!), await summarizeOrThrow(scenarios[1]!)];
  comparison = {
    seed: 42,
    runs: 400,
    sampling: 'lhs',
    sharedParameters: ['birth_rate', 'death_rate'],
    declared: [{ scenario: 'boost', file: reportFixture('boost.yaml'), seed: 7, runCount: 250, sampling: 'lhs' }],
    scenarios: summaries,
  };
  page = parse(
    await formatCompareReportHtml({ comparison, scenarios, histories: [historyOrThrow(scenarios[0]!), undefined] }),
  );
});

describe('formatCompareReportHtml()', () => {
  it('titles the page after the scenarios and leads with the common design', () => {
    expect(page.querySelector('title')!.text).toBe('Comparing baseline, boost');
    expect(page.querySelector('.lead')!.text).toBe('2 scenarios, 400 Monte Carlo runs each, seed 42.');
  });

  it('explains the common random numbers, the shared parameters, and which scenarios were aligned', () => {
    const note = page.querySelector('.crn')!;
    expect(note.text).toContain('Common random numbers.');
    expect(note.querySelectorAll('code').map((code) => code.text)).toEqual(['birth_rate', 'death_rate', 'boost']);
    expect(note.querySelector('li')!.text).toBe('boost declared seed 7, 250 runs, Latin hypercube sampling');
  });

  it('sets each target id in one row, each scenario its probability, a dash where a scenario lacks it', () => {
    // The comparison table (the summary at the top has a status table of its own).
    const rows = page.querySelectorAll('table.targets.compare tbody tr');
    expect(rows.map((row) => row.querySelector('code')!.text)).toEqual([
      'population_2035',
      'growth_2030',
      'population_2040',
    ]);
    const lastRow = rows[2]!.querySelectorAll('td');
    expect(lastRow[3]!.text).toBe('—');
    expect(Number(lastRow[4]!.querySelector('.prob')!.getAttribute('data-probability'))).toBe(
      comparison.scenarios[1]!.targets.find((target) => target.id === 'population_2040')!.probability,
    );
  });

  it('draws one overlay chart per output, with history dots where a model has them', () => {
    const figures = page.querySelectorAll('figure.chart');
    expect(figures.map((figure) => figure.getAttribute('data-variable'))).toEqual(['population', 'net_growth_rate']);
    expect(figures[0]!.querySelector('svg')!.text).toContain('observed');
    expect(figures[1]!.querySelector('svg')!.text).not.toContain('observed');
  });

  it("lists each scenario's settings under its own heading, and is one self-contained file", () => {
    expect(page.querySelectorAll('h3').map((heading) => heading.text)).toEqual([
      'What the scenario assumes',
      'baseline',
      'boost',
    ]);
    expect(page.querySelectorAll('code.reproduce')).toHaveLength(2);
    expect(page.querySelectorAll('script, link, [src]')).toHaveLength(0);
    expect(page.querySelector('footer')!.text).toContain('Kechuang 0.1.0');
  });
});
