import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages } from '../../src/diagnostics/messages.js';
import { observedSeries, parseDataRows, parseModelHistory } from '../../src/model/model-history.js';
import { modelElements } from '../../src/model/model-spec.js';
import { readModel } from '../../src/model/read-model.js';
import { simulate } from '../../src/runtime/simulate.js';
import { compileBeijingScenario, forEachScenarioRun, loadBeijingScenario } from '../helpers/beijing-model.js';

// The Beijing model's second edition against its data: the projection anchored at 2024, the census
// steps, the price-basis rule and the ceiling on R&D intensity. Expected values are computed here from
// the data file, not copied from the model's lookups.
const baseline = loadBeijingScenario();
const dataFile = baseline.model.dataFile!;
const rows = parseDataRows(readFileSync(dataFile, 'utf8'), dataFile);
if (!rows.ok) throw new Error('the data file does not parse');
const data = (series: string, year: number, basis?: string): number => {
  const observed = observedSeries(
    rows.value.filter((row) => basis === undefined || row.basis === basis),
    series,
  );
  const index = observed.years.indexOf(year);
  if (index < 0) throw new Error(`no ${series} in ${year}`);
  return observed.values[index]!;
};
const parameterOf = (parameters: Float64Array, names: readonly string[]) => (name: string) =>
  parameters[names.indexOf(name)]!;

describe('the Beijing projection anchored at the 2024 data (scenarios/projection-2024.yaml)', () => {
  const projection = loadBeijingScenario('scenarios/projection-2024.yaml');
  const anchored = [
    'gdp',
    'rd_expenditure',
    'rd_intensity',
    'high_tech_va',
    'fiscal_st_spending',
    'municipal_rd_funds',
    'central_rd_funds',
    'government_rd_funds',
    'enterprise_rd_funds',
    'other_rd_funds',
    'basic_allocation',
    'rd_personnel',
    'rd_capital',
    'digital_economy_va',
    'digital_economy_growth_avg_2021_2025',
    'unicorns',
  ];
  const names = compileBeijingScenario(projection, anchored).parameterNames;
  const rd2023 = data('rd_expenditure', 2023);
  const rd2024 = data('rd_expenditure', 2024);
  // Perpetual inventory from 2012: each year's R&D spent evenly through it, depreciating continuously.
  const dataKnowledgeStock = (delta: number, presampleGrowth: number): number => {
    let stock = (data('rd_expenditure', 2012) / (presampleGrowth + delta)) * Math.exp(-delta * 12);
    for (let year = 2013; year <= 2024; year++)
      stock += data('rd_expenditure', year) * ((1 - Math.exp(-delta)) / delta) * Math.exp(-delta * (2024 - year));
    return stock;
  };
  const publishedGrowth = [2021, 2022, 2023, 2024].map((year) => data('digital_economy_growth_pct', year) / 100);
  const expected = (parameter: (name: string) => number): Record<string, number> => {
    const fiscal = data('fiscal_st_spending', 2023) * (1 + parameter('fiscal_st_growth'));
    const municipal = parameter('municipal_pass_through') * fiscal;
    const enterprise =
      (data('rd_enterprise_funds_share_pct', 2023) / 100) * rd2023 * (1 + parameter('enterprise_rd_growth_2024'));
    const other = parameter('other_funds_share') * rd2024;
    const government = rd2024 - enterprise - other;
    const governmentShare2023 = data('rd_government_funds_share_pct', 2023) / 100;
    const allocation2023 =
      (data('basic_research_share_pct', 2023) / 100 - parameter('enterprise_basic_share') * (1 - governmentShare2023)) /
      governmentShare2023;
    return {
      gdp: data('gdp', 2024),
      rd_expenditure: rd2024,
      rd_intensity: data('rd_intensity_pct', 2024) / 100,
      high_tech_va: data('high_tech_industry_va', 2024),
      fiscal_st_spending: fiscal,
      municipal_rd_funds: municipal,
      central_rd_funds: government - municipal,
      government_rd_funds: government,
      enterprise_rd_funds: enterprise,
      other_rd_funds: other,
      basic_allocation: allocation2023 + parameter('basic_allocation_trend') + parameter('basic_trend_change'),
      rd_personnel: (data('rd_personnel_fte', 2023) * rd2024) / rd2023 / (1 + parameter('cost_per_fte_growth')),
      rd_capital: dataKnowledgeStock(parameter('rd_depreciation_rate'), parameter('rd_presample_growth')),
      digital_economy_va:
        (data('digital_economy_share_pct', 2023) / 100) *
        data('gdp', 2023) *
        (1 + data('digital_economy_growth_pct', 2024) / 100),
      digital_economy_growth_avg_2021_2025:
        publishedGrowth.reduce((product, growth) => product * (1 + growth), 1) ** 0.25 - 1,
      unicorns: data('unicorns', 2023, 'hurun'),
    };
  };

  it.each(anchored)(
    'starts %s at its 2024 data, or its 2023 data grown by the nowcast, within 0.5%, in every run',
    (variable) => {
      let checked = 0;
      forEachScenarioRun(
        projection,
        anchored,
        (value, parameters) => {
          const want = expected(parameterOf(parameters, names))[variable]!;
          expect(
            Math.abs(value(variable, 2024) / want - 1),
            `${variable}: ${value(variable, 2024)} against ${want}`,
          ).toBeLessThan(0.005);
          checked++;
        },
        200,
      );
      expect(checked).toBe(200);
    },
  );

  it('splits the 2024 R&D total among its sources with nothing left over', () => {
    forEachScenarioRun(
      projection,
      ['rd_expenditure', 'government_rd_funds', 'enterprise_rd_funds', 'other_rd_funds'],
      (value) => {
        const parts = ['government_rd_funds', 'enterprise_rd_funds', 'other_rd_funds'].map((name) => value(name, 2024));
        expect(parts.reduce((sum, part) => sum + part, 0)).toBeCloseTo(value('rd_expenditure', 2024), 6);
        expect(value('rd_expenditure', 2024)).toBeCloseTo(rd2024, 6);
      },
      50,
    );
  });
});

describe('the census steps of the Beijing model', () => {
  const outputs = ['gdp', 'gdp_chain', 'census5_revision', 'rd_intensity', 'rd_intensity_census4', 'real_gdp_growth'];
  const model = compileBeijingScenario(baseline, outputs);
  const run = (deflator2024: number) => {
    const parameters = model.defaultParameters();
    parameters[model.parameterIndex('gdp_deflator_2024')] = deflator2024;
    const result = simulate(model, parameters);
    return (variable: string, year: number): number =>
      result.values[Array.from(result.times).indexOf(year) * outputs.length + outputs.indexOf(variable)]!;
  };

  it.each([-0.02, 0, 0.015])(
    'with a 2024 deflator of %s, GDP as published is the 2024 figure while the continuous series grows by real growth times the deflator',
    (deflator) => {
      const value = run(deflator);
      expect(value('gdp', 2024)).toBeCloseTo(data('gdp', 2024), 6);
      expect(value('gdp_chain', 2024) / value('gdp_chain', 2023)).toBeCloseTo(
        (1 + data('gdp_real_growth_pct', 2024) / 100) * (1 + deflator),
        12,
      );
      expect(value('census5_revision', 2024)).toBeCloseTo(value('gdp', 2024) / value('gdp_chain', 2024), 12);
      expect(value('rd_intensity_census4', 2024) / value('rd_intensity', 2024)).toBeCloseTo(
        value('census5_revision', 2024),
        12,
      );
    },
  );

  it('sizes the 5th census step from the data: 8.27% when the 2024 deflator is zero, and none before 2024', () => {
    const value = run(0);
    const size = data('gdp', 2024) / (data('gdp', 2023) * (1 + data('gdp_real_growth_pct', 2024) / 100));
    expect(value('census5_revision', 2024)).toBeCloseTo(size, 12);
    expect(size).toBeCloseTo(1.0827, 4);
    for (const year of [2019, 2021, 2023]) expect(value('gdp', year)).toBe(value('gdp_chain', year));
  });

  it('sizes the 4th census step from the data: 2018 GDP as first published against its revised level', () => {
    const value = run(0);
    const revised2018 = data('rd_expenditure', 2018) / (data('rd_intensity_pct_revised', 2018) / 100);
    expect(value('gdp_chain', 2018)).toBeCloseTo(revised2018, 6);
    expect(value('gdp', 2018)).toBeCloseTo(data('gdp', 2018), 6);
    expect(value('gdp_chain', 2018) / value('gdp', 2018)).toBeCloseTo(1.0921, 4);
    expect(value('gdp', 2019)).toBeCloseTo(data('gdp', 2019), 6);
  });
});

describe('the price-basis rule on the Beijing model', () => {
  it('every variable compared with history is on the price basis of its rows (or its rows declare none)', () => {
    const history = parseModelHistory(baseline.model, readFileSync(dataFile, 'utf8'));
    expect(history.ok).toBe(true);
    for (const element of modelElements(baseline.model)) {
      if (element.history === undefined || element.prices === undefined) continue;
      const seriesRows = rows.value.filter((row) => row.indicator === element.history!.series);
      expect(seriesRows.length, element.name).toBeGreaterThan(0);
      for (const row of seriesRows)
        expect([undefined, element.prices], `${element.name} against line ${row.line}`).toContain(row.prices);
    }
  });

  it('compares digital-economy growth at current prices, as Beijing publishes it', () => {
    const growth = modelElements(baseline.model).find((element) => element.name === 'digital_economy_growth')!;
    expect(growth.prices).toBe('current');
    const growthRows = rows.value.filter((row) => row.indicator === 'digital_economy_growth_pct');
    expect(growthRows.map((row) => row.prices)).toEqual(growthRows.map(() => 'current'));
  });

  it('refuses to compare a real variable with the nominal digital-economy growth, naming the data row', () => {
    const text = readFileSync(baseline.model.file, 'utf8').replace(
      '    prices: current\n    doc: growth of digital-economy value added over the past year at current prices',
      '    prices: constant\n    doc: growth of digital-economy value added over the past year at current prices',
    );
    const model = readModel(text, baseline.model.file);
    if (!model.ok) throw new Error('the edited model does not read');
    const history = parseModelHistory(model.value, readFileSync(dataFile, 'utf8'), dataFile);
    expect(history.ok).toBe(false);
    if (history.ok) return;
    const firstRow = rows.value.find((row) => row.indicator === 'digital_economy_growth_pct')!;
    expect(history.diagnostics).toEqual([
      expect.objectContaining({
        field: 'auxiliaries.digital_economy_growth.history',
        ...messages.priceBasisMismatch(
          'digital_economy_growth',
          'constant',
          'digital_economy_growth_pct',
          'current',
          dataFile,
          firstRow.line,
        ),
      }),
    ]);
  });
});

describe('the ceiling on R&D intensity', () => {
  const scenarioFiles = [
    ...readdirSync('scenarios')
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => join('scenarios', name)),
    'scenarios/sensitivity/assumptions.yaml',
  ];

  it.each(scenarioFiles)('holds R&D intensity in 2030 below the documented ceiling in every run of %s', (file) => {
    const scenario = loadBeijingScenario(file);
    const names = compileBeijingScenario(scenario, ['rd_intensity']).parameterNames;
    let highest = 0;
    let runCount = 0;
    forEachScenarioRun(scenario, ['rd_intensity'], (value, parameters) => {
      const ceiling = parameterOf(parameters, names)('rd_intensity_ceiling');
      const intensity = value('rd_intensity', 2030);
      expect(intensity).toBeLessThan(ceiling);
      highest = Math.max(highest, intensity);
      runCount++;
    });
    expect(runCount).toBe(scenario.uncertainty.runCount);
    expect(highest).toBeGreaterThan(0.06);
  });
});
