import { parse, type HTMLElement } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SensitivityResult } from '../../../src/analysis/sensitivity-analysis.js';
import { formatSensitivityReportHtml } from '../../../src/report/sensitivity-report-html.js';
import { sensitivityHeadline } from '../../../src/report/sensitivity-table.js';
import { labelText, variableLabel } from '../../../src/report/variable-label.js';
import type { ScenarioSpec } from '../../../src/scenario/scenario-spec.js';
import { loadScenarioOrThrow, reportFixture } from '../../helpers/report-fixtures.js';
import { morrisResult, prccResult, sobolResult } from '../../helpers/sensitivity-results.js';

let scenario: ScenarioSpec;

beforeAll(() => {
  scenario = loadScenarioOrThrow(reportFixture('baseline.yaml'));
});

const command = 'kechuang sensitivity baseline.yaml --method prcc --seed 42';
const render = async (result: SensitivityResult): Promise<HTMLElement> =>
  parse(await formatSensitivityReportHtml({ result, scenario, command, engineVersion: '9.9.9' }));
/** The text cells of a table's body rows. */
const bodyCells = (table: HTMLElement): string[][] =>
  table.querySelectorAll('tbody tr').map((row) => row.querySelectorAll('td').map((cell) => cell.text));

describe('formatSensitivityReportHtml()', () => {
  it('titles the page after the scenario and states the method and design in its lead line', async () => {
    const result = prccResult();
    const page = await render(result);
    expect(page.querySelector('title')!.text).toBe('baseline: which uncertain inputs matter');
    expect(page.querySelector('h1')!.text).toBe('baseline: which uncertain inputs matter');
    expect(page.querySelector('p.lead')!.text).toBe(`${sensitivityHeadline(result)}.`);
    expect(page.querySelector('footer')!.text).toContain('Kechuang 9.9.9');
    // Self-contained: no script and nothing fetched.
    expect(page.querySelectorAll('script')).toHaveLength(0);
    expect(page.querySelectorAll('[src]')).toHaveLength(0);
  });

  it('draws one tornado chart per output, titled with the variable label and year, parameters in the given order with one bar each', async () => {
    const result = prccResult();
    const page = await render(result);
    const figures = page.querySelectorAll('figure.chart');
    expect(figures.map((figure) => [figure.getAttribute('data-variable'), figure.getAttribute('data-year')])).toEqual([
      ['population', '2035'],
      ['net_growth_rate', '2030'],
    ]);
    figures.forEach((figure, index) => {
      const output = result.outputs[index]!;
      const svg = figure.querySelector('svg')!;
      const texts = svg.querySelectorAll('text').map((text) => text.text);
      expect(texts).toContain(`${labelText(variableLabel(scenario.model, output.variable))} in ${output.year}`);
      for (const entry of output.parameters) expect(texts).toContain(entry.name);
      // PRCC: one bar per parameter, coloured by the sign of its correlation.
      expect(svg.querySelectorAll('g.mark-rect.role-mark path')).toHaveLength(output.parameters.length);
    });
    expect(figures[0]!.querySelector('svg')!.text).toContain('Population · 人口 in 2035');
    expect(figures[0]!.querySelector('figcaption')!.text).toBe('population in 2035; target population_2035');
    expect(figures[1]!.querySelector('figcaption')!.text).toBe('net_growth_rate in 2030');
  });

  it('notes the joint group PRCC leaves out, and lists the factors varied with what each sets', async () => {
    const page = await render(prccResult());
    expect(page.querySelector('p.note')!.text).toBe(
      'fit varies in the runs but is not rank-correlated: its members do not rise with its shared draw. Sobol and Morris rank it as one factor.',
    );
    const [factors, settings] = page.querySelectorAll('table.settings');
    expect(bodyCells(factors!)).toEqual([
      ['birth_rate', 'one parameter'],
      ['death_rate', 'one parameter'],
      ['migration', 'one parameter'],
      ['fit', '2 parameters drawn together: fit_a, fit_b'],
    ]);
    expect(bodyCells(settings!)).toEqual([
      ['scenario file', scenario.file],
      ['model', scenario.model.name],
      ['scenario files sha256', scenario.scenarioHash],
      ['command', command],
    ]);
  });

  it('draws Sobol bars for ST and S1 with their intervals, and Morris bars for mu* and sigma', async () => {
    const sobol = (await render(sobolResult())).querySelector('figure.chart svg')!;
    expect(sobol.querySelectorAll('g.mark-rect.role-mark path')).toHaveLength(2 * 2);
    expect(sobol.querySelectorAll('g.mark-rule.role-mark line')).toHaveLength(2 * 2);
    expect(sobol.querySelectorAll('text').map((text) => text.text)).toEqual(
      expect.arrayContaining(['total (ST)', 'first order (S1)', 'fit', 'birth_rate']),
    );
    // The legend names each sign in full.
    const prcc = (await render(prccResult())).querySelector('figure.chart svg')!;
    expect(prcc.querySelectorAll('text').map((text) => text.text)).toEqual(
      expect.arrayContaining(['output rises with the input', 'output falls as the input rises']),
    );
    const morrisPage = await render(morrisResult());
    expect(morrisPage.querySelector('p.note')).toBeNull();
    const morris = morrisPage.querySelector('figure.chart svg')!;
    expect(morris.querySelectorAll('g.mark-rect.role-mark path')).toHaveLength(2 * 2);
    expect(morris.querySelectorAll('g.mark-rule.role-mark line')).toHaveLength(0);
    expect(morris.querySelectorAll('text').map((text) => text.text)).toEqual(
      expect.arrayContaining(['mu* (importance)', 'sigma (interaction, curvature)']),
    );
  });

  it('says an output that took one value in every run has no chart', async () => {
    const result = sobolResult();
    result.outputs[0]!.constant = true;
    const page = await render(result);
    expect(page.querySelectorAll('figure.chart')).toHaveLength(0);
    expect(page.querySelector('h3')!.text).toBe('Population · 人口 in 2035');
    expect(page.querySelector('h3')!.nextElementSibling!.text).toBe(
      'The same in every run: no uncertain input moves it.',
    );
  });

  it('escapes HTML in scenario, factor and parameter names', async () => {
    const result = prccResult();
    result.scenario = '<b>base</b> & "co"';
    result.factors.push({ name: '<img src=x onerror=alert(1)>', parameters: ['<i>a</i>', 'b&c'] });
    result.leftOut = [{ name: '<script>x</script>', parameters: ['p', 'q'] }];
    result.outputs[0]!.parameters[0]!.name = '<em>rate</em>';
    const html = await formatSensitivityReportHtml({
      result,
      scenario,
      command: 'kechuang sensitivity "<x>.yaml"',
      engineVersion: '1',
    });
    const page = parse(html);
    for (const tag of ['b', 'img', 'script', 'em', 'i', 'x']) expect(page.querySelectorAll(tag)).toHaveLength(0);
    expect(page.querySelector('h1')!.text).toBe('<b>base</b> & "co": which uncertain inputs matter');
    expect(page.querySelector('p.note')!.text).toContain('<script>x</script> varies in the runs');
    expect(bodyCells(page.querySelectorAll('table.settings')[0]!).at(-1)).toEqual([
      '<img src=x onerror=alert(1)>',
      '2 parameters drawn together: <i>a</i>, b&c',
    ]);
    expect(
      page
        .querySelector('figure.chart svg')!
        .querySelectorAll('text')
        .map((text) => text.text),
    ).toContain('<em>rate</em>');
  });
});
