import { describe, expect, it } from 'vitest';
import { observedSeries, parseDataRows, parseModelHistory } from '../../../src/model/model-history.js';
import { readModel } from '../../../src/model/read-model.js';

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
