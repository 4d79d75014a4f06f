import { describe, expect, it } from 'vitest';
import {
  chartPalette,
  conditionText,
  layeredChart,
  legendEncoding,
  timeAxis,
  valueAxis,
} from '../../../../src/report/internal/chart-parts.js';
import { quantityFormat } from '../../../../src/report/quantity-format.js';

describe('chart parts', () => {
  it('conditionText() writes a target in the report number format, ≥ or ≤', () => {
    const percent = quantityFormat('rd_intensity', 'dmnl', [0.05, 0.07]);
    expect(conditionText({ op: '>=', threshold: 0.06, year: 2025 }, percent)).toBe('≥ 6.0% in 2025');
    const persons = quantityFormat('population', 'million_person', [9, 11]);
    expect(conditionText({ op: '<=', threshold: 10.3, year: 2035 }, persons)).toBe('≤ 10.3 million persons in 2035');
  });

  it('legendEncoding() puts a layer under its own name with every entry of the chart in one scale', () => {
    const entries = [chartPalette.band, chartPalette.median];
    expect(legendEncoding(chartPalette.median, entries)).toEqual({
      datum: 'median (P50)',
      scale: { domain: ['P5–P95 band', 'median (P50)'], range: ['#9ecae1', '#08519c'] },
      legend: { title: null },
    });
  });

  it('timeAxis() shows whole years without separators; valueAxis() uses the format axis specifier when it has one', () => {
    expect(timeAxis('year')).toMatchObject({ field: 'time', axis: { title: 'year', format: 'd', tickMinStep: 1 } });
    const percent = quantityFormat('rd_intensity', 'dmnl', [0.05]);
    expect(valueAxis('percent', percent)).toMatchObject({ axis: { title: 'percent', format: percent.axisFormat } });
    const plain = { ...percent, axisFormat: undefined };
    expect(valueAxis('value', plain)).toEqual({
      type: 'quantitative',
      scale: { zero: false },
      axis: { title: 'value' },
    });
  });

  it('layeredChart() is a vega-lite v6 spec with the title, the page width and the height given', () => {
    expect(layeredChart({ title: 'T', subtitle: 'S' }, 200, [])).toMatchObject({
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: { text: 'T', subtitle: 'S' },
      width: 720,
      height: 200,
      layer: [],
    });
  });
});
