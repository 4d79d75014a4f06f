import { describe, expect, it } from 'vitest';
import { compareChartSpec } from '../../../src/report/compare-chart-spec.js';
import { fanChartSpec } from '../../../src/report/fan-chart-spec.js';
import { quantityFormat } from '../../../src/report/quantity-format.js';
import { renderChartSvg } from '../../../src/report/render-chart-svg.js';
import { tornadoChartSpec } from '../../../src/report/tornado-chart-spec.js';

/**
 * Vega's expression parser reads a string literal equal to a key of Object.prototype as a name, so a
 * chart whose title, axis title or row order held such a name threw "Operator not defined" (issue 21,
 * problem 6). Every such key, in every place a chart puts a name.
 */
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype);
const series = { time: [0, 1, 2], mean: [1, 2, 3], p5: [0.5, 1, 2], p50: [1, 2, 3], p95: [2, 3, 4] };

describe('charts of things named like Object.prototype keys', () => {
  it('draws a fan chart titled, and with axes titled, by each key', async () => {
    for (const key of prototypeKeys) {
      const spec = fanChartSpec({
        title: key,
        subtitle: 'band',
        timeTitle: key,
        valueTitle: key,
        series,
        format: quantityFormat(key, undefined, [0.5, 4]),
        targets: [],
      });
      const svg = await renderChartSvg(spec, 'c-');
      expect(svg.split(`>${key}<`).length - 1, key).toBeGreaterThanOrEqual(3);
    }
  });

  it('draws a comparison of scenarios named by the keys, and a tornado of parameters named by them, in order', async () => {
    const compare = compareChartSpec({
      title: 'constructor',
      subtitle: 'scenarios',
      timeTitle: 'year',
      valueTitle: 'toString',
      scenarios: prototypeKeys.map((name) => ({ name, series })),
      format: quantityFormat('x', undefined, [0.5, 4]),
      targets: [],
    });
    const compared = await renderChartSvg(compare, 'c-');
    // Legend labels are cut at 160 px (propertyIsEnumera…).
    for (const key of prototypeKeys) expect(compared, key).toContain(`>${key.slice(0, 12)}`);

    const tornado = tornadoChartSpec({
      title: 'valueOf',
      subtitle: 'most important first',
      valueTitle: 'effect',
      parameters: prototypeKeys,
      series: [{ label: 'PRCC', colour: '#08519c' }],
      bars: prototypeKeys.map((parameter, index) => ({ parameter, series: 'PRCC', value: 1 - index / 20 })),
    });
    const svg = await renderChartSvg(tornado, 't-');
    const rows = prototypeKeys.map((key) => svg.indexOf(`>${key}<`));
    expect(rows.every((position) => position > 0)).toBe(true);
    expect([...rows].sort((a, b) => a - b)).toEqual(rows);
  });
});
