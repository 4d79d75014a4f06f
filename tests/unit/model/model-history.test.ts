import { describe, expect, it } from 'vitest';
import { observedSeries, parseDataRows, parseModelHistory } from '../../../src/model/model-history.js';
import { readModel } from '../../../src/model/read-model.js';
import { messages } from '../../../src/diagnostics/messages.js';

const csv = [
  'indicator,year,value,unit,source_title,source_url,note',
  'output,2019,100,100m_yuan,A,https://a,',
  'output,2020,110,100m_yuan,A,https://a,',
  'output,2020,112,100m_yuan,B,https://b,"preliminary, replaced later"',
  'output,2018,80,100m_yuan,A,https://a,other basis',
  'share_pct,2020,12.5,pct,A,https://a,',
].join('\n');

const modelText = `
name: m
data: data/obs.csv
time: { start: 2018, stop: 2021, dt: 1 }
parameters:
  rate: { value: 0.1, min: 0, max: 1, calibrate: true }
stocks:
  output: { initial: 80, inflows: [growth], history: { series: output, from: 2019 } }
flows:
  growth: output * rate
auxiliaries:
  share: { equation: rate, history: { series: share_pct, scale: 0.01 } }
`;

describe('parseModelHistory()', () => {
  const model = readModel(modelText, '/models/m.yaml');
  if (!model.ok) throw new Error(model.diagnostics.map((diagnostic) => diagnostic.message).join('\n'));

  it('reads data:, history: and calibrate: from the model file, the data path from the model folder', () => {
    expect(model.value.dataFile).toBe('/models/data/obs.csv');
    expect(model.value.parameters[0]!.calibrate).toBe(true);
    expect(model.value.stocks[0]!.history).toEqual({ series: 'output', scale: 1, from: 2019 });
  });

  it('averages rows of one year, drops years before from, and scales to the model unit', () => {
    const history = parseModelHistory(model.value, csv);
    expect(history.ok).toBe(true);
    if (!history.ok) return;
    expect(history.value.get('output')).toEqual({ series: 'output', years: [2019, 2020], values: [100, 111] });
    expect(history.value.get('share')).toEqual({ series: 'share_pct', years: [2020], values: [0.125] });
  });

  it('reports a series the data file lacks at the variable, with the closest name', () => {
    const misspelt = readModel(modelText.replace('series: share_pct', 'series: shar_pct'), '/models/m.yaml');
    if (!misspelt.ok) throw new Error('model does not read');
    const history = parseModelHistory(misspelt.value, csv, 'obs.csv');
    expect(history.ok).toBe(false);
    if (history.ok) return;
    expect(history.diagnostics[0]).toMatchObject({
      code: 'unknown-series',
      field: 'auxiliaries.share.history',
      hint: "did you mean 'share_pct'?",
    });
    expect(history.diagnostics[0]!.line).toBe(12);
  });

  it('reports a calibrate: true parameter without bounds', () => {
    const read = readModel(
      modelText.replace(
        'rate: { value: 0.1, min: 0, max: 1, calibrate: true }',
        'rate: { value: 0.1, calibrate: true }',
      ),
      'm.yaml',
    );
    expect(read.ok).toBe(false);
    if (!read.ok)
      expect(read.diagnostics[0]).toMatchObject({ code: 'calibrate-needs-bounds', field: 'parameters.rate.calibrate' });
  });
});

describe('parseDataRows()', () => {
  it('names the line and column of a value that is not a number', () => {
    const rows = parseDataRows('indicator,year,value\noutput,2019,12\noutput,2020,n/a\n', 'obs.csv');
    expect(rows.ok).toBe(false);
    if (!rows.ok)
      expect(rows.diagnostics[0]).toMatchObject({
        file: 'obs.csv',
        line: 3,
        field: 'value',
        message: "expected a number in column 'value', found 'n/a'",
      });
  });

  it('says which required columns the header lacks', () => {
    const rows = parseDataRows('name,year,amount\nx,2019,1\n', 'obs.csv');
    expect(rows.ok).toBe(false);
    if (!rows.ok)
      expect(rows.diagnostics[0]!.message).toBe('the data file needs the columns indicator, value in its header');
  });

  it('keeps the quoted commas of a note inside their field', () => {
    const rows = parseDataRows(csv, 'obs.csv');
    expect(rows.ok && observedSeries(rows.value, 'output').values).toEqual([80, 100, 111]);
  });
});

describe('parseModelHistory() with statistical bases and price bases', () => {
  // GDP-like levels on two census vintages, a ratio published on both, and a growth series at each price basis.
  const basedCsv = [
    'indicator,year,value,unit,basis,prices,source_title,source_url,note',
    'level,2017,90,100m_yuan,census3,current,A,https://a,first published',
    'level,2018,95,100m_yuan,census3,current,A,https://a,first published',
    'level,2018,104,100m_yuan,census4,current,A,https://a,revised later',
    'level,2019,110,100m_yuan,census4,current,A,https://a,',
    'growth_pct,2019,5,pct,,constant,A,https://a,real',
    'nominal_growth_pct,2019,7,pct,,current,A,https://a,nominal',
    'count,2019,80,count,listA,,A,https://a,',
    'count,2019,95,count,listB,,B,https://b,',
  ].join('\n');
  const basedModel = (history: string, prices = 'current'): string => `
name: m
data: obs.csv
bases:
  census3: { until: 2018, doc: first published before the revision }
  census4: { from: 2019, doc: after it }
  listA: { doc: one list }
  listB: { doc: another }
time: { start: 2017, stop: 2020, dt: 1 }
parameters:
  rate: { value: 0.05 }
stocks:
  level: { initial: 90, inflows: [rise], prices: ${prices}, history: ${history} }
flows:
  rise: level * rate
auxiliaries:
  real_growth: { equation: rate, prices: constant, history: { series: growth_pct, scale: 0.01 } }
  count: { equation: 80, history: { series: count, basis: listA } }
`;
  const read = (text: string) => {
    const model = readModel(text, 'm.yaml');
    if (!model.ok) throw new Error(model.diagnostics.map((diagnostic) => diagnostic.message).join('\n'));
    return model.value;
  };

  it('compares a variable on several bases with each row on the basis in force in its year, and one list with its own rows', () => {
    const history = parseModelHistory(read(basedModel('{ series: level, basis: [census3, census4] }')), basedCsv);
    if (!history.ok) throw new Error(history.diagnostics.map((diagnostic) => diagnostic.message).join('\n'));
    // The revised 2018 row (census4 before census4 is in force) is left out; the first-published one is kept.
    expect(history.value.get('level')).toEqual({ series: 'level', years: [2017, 2018, 2019], values: [90, 95, 110] });
    expect(history.value.get('count')).toEqual({ series: 'count', years: [2019], values: [80] });
  });

  it('compares every row, as before, when the history names no basis', () => {
    const history = parseModelHistory(read(basedModel('level')), basedCsv);
    expect(history.ok && history.value.get('level')?.values).toEqual([90, 99.5, 110]);
  });

  it('refuses to compare a nominal variable with a real series, naming the row', () => {
    const model = read(basedModel('{ series: growth_pct, scale: 0.01 }'));
    const history = parseModelHistory(model, basedCsv, 'obs.csv');
    expect(history.ok).toBe(false);
    if (history.ok) return;
    expect(history.diagnostics).toEqual([
      {
        file: 'm.yaml',
        line: 13,
        column: expect.any(Number) as number,
        severity: 'error',
        field: 'stocks.level.history',
        ...messages.priceBasisMismatch('level', 'current', 'growth_pct', 'constant', 'obs.csv', 6),
      },
    ]);
  });

  it('refuses a real variable against a nominal series the same way', () => {
    const model = read(
      basedModel('level').replace('series: growth_pct, scale: 0.01', 'series: nominal_growth_pct, scale: 0.01'),
    );
    const history = parseModelHistory(model, basedCsv, 'obs.csv');
    expect(history.ok === false && history.diagnostics[0]!.code).toBe('price-basis-mismatch');
  });

  it('reports a row on a basis the model does not declare, and an unknown price basis, at the row and column name', () => {
    const csvText = `${basedCsv}\nlevel,2020,120,100m_yuan,census6,current,A,https://a,\nlevel,2020,121,100m_yuan,census4,nominal,A,https://a,`;
    const history = parseModelHistory(read(basedModel('level')), csvText, 'obs.csv');
    expect(history.ok).toBe(false);
    if (history.ok) return;
    expect(history.diagnostics).toEqual([
      {
        file: 'obs.csv',
        line: 10,
        column: 1,
        severity: 'error',
        field: 'basis',
        ...messages.unknownBasis('census6', ['census3', 'census4', 'listA', 'listB'], 'census3'),
      },
      {
        file: 'obs.csv',
        line: 11,
        column: 1,
        severity: 'error',
        field: 'prices',
        ...messages.unknownPriceBasis('nominal'),
      },
    ]);
  });

  it('reads a history basis the model does not declare as a model error at the basis', () => {
    const model = readModel(basedModel('{ series: level, basis: census5 }'), 'm.yaml');
    expect(model.ok).toBe(false);
    if (!model.ok)
      expect(model.diagnostics[0]).toMatchObject({
        code: 'unknown-basis',
        field: 'stocks.level.history.basis',
        line: 13,
      });
  });
});
