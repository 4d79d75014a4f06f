import { existsSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKechuang } from '../helpers/run-cli.js';

/** Debian's Chromium; .ci/run installs it with apt when missing. */
const executablePath = '/usr/bin/chromium';
const flags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
const available = existsSync(executablePath);
/** Under CI (.ci/run installs Chromium) a missing browser is a failure, not a skip. */
const inCi = process.env['CI'] !== undefined && process.env['CI'] !== '' && process.env['CI'] !== 'false';
/** Screenshots land here (ignored by git), for a person to look at. */
const outputFolder = fileURLToPath(new URL('../../test-output/browser/', import.meta.url));

if (!available)
  console.warn(
    `report browser test skipped: ${executablePath} not found (install Debian's chromium package: apt-get install -y chromium)`,
  );

/** The DOM the page-side check uses (the project compiles without the DOM library). */
interface Box {
  width: number;
  height: number;
}
interface PageNode {
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageNode | null;
  querySelectorAll(selector: string): Iterable<PageNode>;
  getBoundingClientRect(): Box;
  getBBox(): Box;
}

interface ChartCheck {
  variable: string;
  width: number;
  height: number;
  marks: number;
  markWidth: number;
  markHeight: number;
}

it('has Chromium to test with under CI', () => {
  if (inCi) expect(available, `${executablePath} is missing; .ci/run installs Debian's chromium`).toBe(true);
});

describe.skipIf(!available && !inCi)('report.html and compare.html in headless Chromium', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'kechuang-browser-'));
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(outputFolder, { recursive: true });
    const run = runKechuang([
      'run',
      'tests/fixtures/report/baseline.yaml',
      '--workers',
      '1',
      '--out',
      join(scratch, 'run'),
      '--quiet',
    ]);
    expect(run.status, run.stderr).toBe(0);
    const compare = runKechuang([
      'compare',
      'tests/fixtures/report/baseline.yaml',
      'tests/fixtures/report/boost.yaml',
      '--workers',
      '1',
      '--out',
      join(scratch, 'compare'),
      '--quiet',
    ]);
    expect(compare.status, compare.stderr).toBe(0);
    browser = await chromium.launch({ executablePath, headless: true, args: flags });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it.each([
    ['report.html', join('run', 'report.html'), 2],
    ['compare.html', join('compare', 'compare.html'), 2],
  ])(
    '%s opens from disk with every chart rendered, no console error and no network request',
    async (name, file, chartCount) => {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const url = pathToFileURL(join(scratch, file)).href;
      const requests: string[] = [];
      const errors: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(url, { waitUntil: 'load' });

      const charts = await page.$$eval('figure.chart', (figures: PageNode[]): ChartCheck[] =>
        figures.map((figure) => {
          const svg = figure.querySelector('svg.marks');
          const box = svg?.getBoundingClientRect();
          const marks = svg === null ? [] : [...svg.querySelectorAll('g.role-mark path, g.role-mark line')];
          const markBoxes = marks.map((mark) => mark.getBBox());
          return {
            variable: figure.getAttribute('data-variable') ?? '',
            width: box?.width ?? 0,
            height: box?.height ?? 0,
            marks: marks.length,
            markWidth: Math.max(0, ...markBoxes.map((markBox) => markBox.width)),
            markHeight: Math.max(0, ...markBoxes.map((markBox) => markBox.height)),
          };
        }),
      );
      expect(charts.map((chart) => chart.variable)).toEqual(['population', 'net_growth_rate']);
      expect(charts).toHaveLength(chartCount);
      for (const chart of charts) {
        expect(chart.width, chart.variable).toBeGreaterThan(300);
        expect(chart.height, chart.variable).toBeGreaterThan(150);
        expect(chart.marks, chart.variable).toBeGreaterThan(3);
        expect(chart.markWidth, chart.variable).toBeGreaterThan(100);
        expect(chart.markHeight, chart.variable).toBeGreaterThan(10);
      }
      expect(await page.locator('table.targets .prob').count()).toBeGreaterThan(0);

      const screenshot = join(outputFolder, name.replace('.html', '.png'));
      await page.screenshot({ path: screenshot, fullPage: true });
      expect(statSync(screenshot).size).toBeGreaterThan(10_000);
      expect(errors).toEqual([]);
      expect(requests).toEqual([url]);
      await page.close();
    },
  );
});
