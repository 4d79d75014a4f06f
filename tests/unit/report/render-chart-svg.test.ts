import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { describeDistribution } from '../../../src/report/describe-distribution.js';
import type { TopLevelSpec } from 'vega-lite';
import { renderChartSvg } from '../../../src/report/render-chart-svg.js';

/** A clipped line: vega defines a clip path (`id="clip1"` in every chart it renders) and points the marks at it. */
const spec: TopLevelSpec = {
  data: {
    values: [
      { x: 1, y: 2 },
      { x: 2, y: 5 },
    ],
  },
  mark: { type: 'line', clip: true },
  encoding: {
    x: { field: 'x', type: 'quantitative' },
    y: { field: 'y', type: 'quantitative', scale: { domain: [0, 3] } },
  },
};

describe('renderChartSvg()', () => {
  it('renders a vega-lite spec to SVG in Node, prefixing its ids so that two charts in one page keep their own clip paths', async () => {
    const page = parse(`<body>${await renderChartSvg(spec, 'first-')}${await renderChartSvg(spec, 'second-')}</body>`);
    const svgs = page.querySelectorAll('svg');
    expect(svgs).toHaveLength(2);
    const ids = page.querySelectorAll('[id]').map((element) => element.id);
    expect(new Set(ids).size).toBe(ids.length);
    svgs.forEach((svg, index) => {
      const prefix = index === 0 ? 'first-' : 'second-';
      const own = new Set(svg.querySelectorAll('[id]').map((element) => element.id));
      expect(own.size).toBeGreaterThan(0);
      const references = [...svg.toString().matchAll(/url\(#([^)]+)\)/g)].map((match) => match[1]!);
      expect(references.length).toBeGreaterThan(0);
      for (const reference of references) {
        expect(reference.startsWith(prefix)).toBe(true);
        expect(own.has(reference)).toBe(true);
      }
    });
  });
});

describe('describeDistribution()', () => {
  it('writes each distribution with its parameters as a scenario file names them', () => {
    expect(describeDistribution({ dist: 'normal', mean: 0.05, sd: 0.01 })).toBe('normal(mean 0.05, sd 0.01)');
    expect(describeDistribution({ dist: 'pert', min: 1, mode: 2, max: 4, lambda: 4 })).toBe(
      'pert(min 1, mode 2, max 4, lambda 4)',
    );
    expect(
      describeDistribution({ dist: 'truncated_normal', mean: 1, sd: 2, min: 0, max: Number.POSITIVE_INFINITY }),
    ).toBe('truncated normal(mean 1, sd 2, on [0, Infinity])');
    expect(describeDistribution({ dist: 'empirical', values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] })).toBe(
      'empirical(10 values: 1, 2, 3, 4, 5, 6, 7, 8, …)',
    );
    expect(describeDistribution({ dist: 'discrete', values: [1, 2], weights: [3, 1] })).toBe(
      'discrete(values 1, 2; weights 3, 1)',
    );
  });
});
