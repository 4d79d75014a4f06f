import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import type { ScenarioSummary } from '../../../../src/experiment/scenario-summary.js';
import {
  chartFigure,
  reportFooter,
  reproduceCommand,
  settingsSection,
} from '../../../../src/report/internal/report-sections.js';
import { loadScenarioOrThrow, reportFixture } from '../../../helpers/report-fixtures.js';

const scenario = loadScenarioOrThrow(reportFixture('boost.yaml'));
const summary = {
  scenario: 'boost',
  model: 'population',
  runs: 250,
  seed: 7,
  sampling: 'lhs',
  engine: { version: '0.1.0', workers: 1, wallSeconds: 0.5 },
  provenance: {
    scenarioFile: 'tests/fixtures/report/boost.yaml',
    scenarioChain: ['tests/fixtures/report/boost.yaml', 'tests/fixtures/report/baseline.yaml'],
    scenarioHash: 'abc',
    modelFile: 'tests/fixtures/report/population-history.yaml',
    modelHash: 'def',
    set: { policy_boost: 0.004, birth_rate: 0.007 },
    uncertain: [
      { name: 'initial_population', overridden: false },
      { name: 'birth_rate', overridden: true },
      { name: 'death_rate', overridden: false },
    ],
    policies: [],
  },
  targets: [],
  series: {},
} as unknown as ScenarioSummary;

describe('report sections', () => {
  it('reproduceCommand() redoes the numbers: scenario, runs, seed and every fixed value', () => {
    expect(reproduceCommand(summary)).toBe(
      'kechuang run tests/fixtures/report/boost.yaml --runs 250 --seed 7 --set policy_boost=0.004 --set birth_rate=0.007',
    );
  });

  it('chartFigure() captions a chart with the escaped name, its unit and doc', () => {
    const figure = parse(
      chartFigure('a<b', '<svg></svg>', {
        name: 'a<b',
        english: 'A',
        chinese: undefined,
        unit: 'person',
        doc: 'x & y',
      }),
    ).querySelector('figure.chart')!;
    expect(figure.getAttribute('data-variable')).toBe('a<b');
    expect(figure.querySelector('figcaption')!.text).toBe('a<b in person: x & y');
    expect(figure.querySelector('svg')).not.toBeNull();
  });

  it('settingsSection() lists the experiment, the chain it extends, the distributions with overridden ones noted, the fixed values', () => {
    const section = parse(settingsSection([{ summary, scenario }]));
    const settings = new Map(
      section.querySelectorAll('table.settings tbody tr').map((row) => {
        const [key, value] = row.querySelectorAll('td').map((cell) => cell.text);
        return [key!, value!];
      }),
    );
    expect(settings.get('extends')).toBe('tests/fixtures/report/baseline.yaml');
    expect(settings.get('runs')).toBe('250');
    expect(settings.get('sampling')).toBe('Latin hypercube (lhs)');
    expect(settings.get('engine')).toBe('Kechuang 0.1.0, 1 worker, 0.50 s');
    const uncertain = section
      .querySelectorAll('table.uncertain tbody tr')
      .map((row) => row.querySelectorAll('td').map((cell) => cell.text));
    expect(uncertain.map((row) => row[0])).toEqual(['birth_rate', 'death_rate', 'initial_population']);
    expect(uncertain.map((row) => row[4])).toEqual([
      'drawn but not used: a fixed value or a policy overrides it',
      '',
      '',
    ]);
    expect(uncertain[2]![2]).toBe('uniform(min 9.9, max 10.1)');
    expect(section.querySelector('h4 + table')).not.toBeNull();
    expect(section.text).toContain('Fixed values (set)');
    expect(section.querySelector('code.reproduce')!.text).toBe(reproduceCommand(summary));
  });

  it('reportFooter() names the engine and the chart libraries, and says the file needs no network', () => {
    const footer = parse(reportFooter('9.9.9')).querySelector('footer')!.text;
    expect(footer).toMatch(/^Made by Kechuang 9\.9\.9; charts by vega-lite \d+\.\d+\.\d+ and vega \d+\.\d+\.\d+/);
    expect(footer).toContain('needs no network connection');
  });
});
