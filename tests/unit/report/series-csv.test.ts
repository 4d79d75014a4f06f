import { describe, expect, it } from 'vitest';
import type { ScenarioSummary } from '../../../src/experiment/scenario-summary.js';
import { formatSeriesCsv } from '../../../src/report/series-csv.js';

describe('formatSeriesCsv()', () => {
  it('writes one row per output and saved time, in the order of the summary, exact numbers', () => {
    const summary = {
      series: {
        gdp: { time: [2020, 2021], mean: [1, 0.1 + 0.2], p5: [0.5, 0.6], p50: [1, 1.1], p95: [2, 2.2] },
        'a "quoted", name': { time: [2020], mean: [3], p5: [3], p50: [3], p95: [3] },
      },
    } as unknown as ScenarioSummary;
    expect(formatSeriesCsv(summary)).toBe(
      [
        'variable,time,mean,p5,p50,p95',
        'gdp,2020,1,0.5,1,2',
        'gdp,2021,0.30000000000000004,0.6,1.1,2.2',
        '"a ""quoted"", name",2020,3,3,3,3',
        '',
      ].join('\n'),
    );
  });

  it('writes only the header for a summary without series', () => {
    expect(formatSeriesCsv({ series: {} } as unknown as ScenarioSummary)).toBe('variable,time,mean,p5,p50,p95\n');
  });
});
