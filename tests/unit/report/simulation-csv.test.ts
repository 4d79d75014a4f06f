import { describe, expect, it } from 'vitest';
import { formatSimulationCsv, quoteField } from '../../../src/report/simulation-csv.js';

describe('formatSimulationCsv()', () => {
  it('writes time and each output per saved time, numbers exactly', () => {
    const csv = formatSimulationCsv({
      outputNames: ['x', 'y'],
      times: Float64Array.from([0, 0.5]),
      values: Float64Array.from([1, 0.1 + 0.2, 2, NaN]),
    });
    expect(csv).toBe('time,x,y\n0,1,0.30000000000000004\n0.5,2,NaN\n');
  });

  it('quotes names that need it (RFC 4180): commas, quotes, line breaks', () => {
    const csv = formatSimulationCsv({
      outputNames: ['a, b', 'say "hi"', 'two\nlines'],
      times: Float64Array.from([0]),
      values: Float64Array.from([1, 2, 3]),
    });
    expect(csv.split('\n')[0]).toBe('time,"a, b","say ""hi""","two');
    expect(quoteField('plain_name')).toBe('plain_name');
    expect(quoteField('Flow w/ division, lists')).toBe('"Flow w/ division, lists"');
  });
});
