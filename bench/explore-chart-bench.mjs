// Which chart library can redraw the explore page's fan charts as fast as the runs arrive? Ten fan charts
// (band, median, mean over 19 years), each redrawn 20 times with new numbers, in Debian's headless
// Chromium: vega-lite (compiled once, data changed through the view, SVG and canvas renderers) against
// uPlot (setData). Each round's time runs until the next animation frame has painted. Prints medians.
// Usage: node bench/explore-chart-bench.mjs [--rounds 3]   (needs /usr/bin/chromium)
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const roundsArgument = process.argv.indexOf('--rounds');
const rounds = roundsArgument < 0 ? 3 : Number(process.argv[roundsArgument + 1]);
const page = `
import * as vega from 'vega';
import { compile } from 'vega-lite';
import uPlot from 'uplot';
const times = Array.from({ length: 19 }, (_, i) => 2012 + i);
const rows = (shift) => times.map((time, i) => ({ time, p5: i + shift, p50: i * 1.2 + shift, p95: i * 1.5 + shift, mean: i * 1.1 + shift }));
const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
const x = { field: 'time', type: 'quantitative' };
async function vegaCharts(renderer) {
  const views = [];
  for (let chart = 0; chart < 10; chart++) {
    const container = document.body.appendChild(document.createElement('div'));
    const spec = { width: 380, height: 220, data: { name: 'band', values: rows(0) }, layer: [
      { mark: { type: 'area', opacity: 0.35 }, encoding: { x, y: { field: 'p5', type: 'quantitative' }, y2: { field: 'p95' } } },
      { mark: 'line', encoding: { x, y: { field: 'p50', type: 'quantitative' } } },
      { mark: { type: 'line', strokeDash: [6, 4] }, encoding: { x, y: { field: 'mean', type: 'quantitative' } } } ] };
    const view = new vega.View(vega.parse(compile(spec).spec), { renderer, container, hover: false });
    await view.runAsync();
    views.push(view);
  }
  const durations = [];
  for (let round = 1; round <= 20; round++) {
    const start = performance.now();
    for (const view of views) view.data('band', rows(round));
    await Promise.all(views.map((view) => view.runAsync()));
    await frame();
    durations.push(performance.now() - start);
  }
  return median(durations);
}
async function uplotCharts() {
  const data = (shift) => [times, times.map((_, i) => i + shift), times.map((_, i) => i * 1.5 + shift), times.map((_, i) => i * 1.2 + shift), times.map((_, i) => i * 1.1 + shift)];
  const plots = [];
  for (let chart = 0; chart < 10; chart++) {
    const container = document.body.appendChild(document.createElement('div'));
    plots.push(new uPlot({ width: 380, height: 220, scales: { x: { time: false } },
      series: [{}, { stroke: 'blue' }, { stroke: 'blue' }, { stroke: 'black' }, { stroke: 'gray', dash: [6, 4] }],
      bands: [{ series: [2, 1], fill: 'rgba(0,0,255,0.3)' }] }, data(0), container));
  }
  const durations = [];
  for (let round = 1; round <= 20; round++) {
    const start = performance.now();
    for (const plot of plots) plot.setData(data(round));
    await frame();
    durations.push(performance.now() - start);
  }
  return median(durations);
}
(async () => {
  const idle = [];
  for (let round = 0; round < 20; round++) { const start = performance.now(); await frame(); idle.push(performance.now() - start); }
  window.result = { frameOnly: median(idle), vegaSvg: await vegaCharts('svg'), vegaCanvas: await vegaCharts('canvas'), uplot: await uplotCharts() };
})();
`;
const folder = mkdtempSync(join(tmpdir(), 'kechuang-chart-bench-'));
await build({
  stdin: { contents: page, resolveDir: process.cwd(), loader: 'js' },
  bundle: true,
  format: 'iife',
  outfile: join(folder, 'bench.js'),
  logLevel: 'warning',
});
writeFileSync(join(folder, 'index.html'), '<!doctype html><body><script src="bench.js"></script></body>');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const results = [];
for (let round = 0; round < rounds; round++) {
  const tab = await browser.newPage();
  tab.on('pageerror', (error) => console.error(error.message));
  await tab.goto(`file://${join(folder, 'index.html')}`);
  await tab.waitForFunction(() => globalThis.result !== undefined, undefined, { timeout: 300_000 });
  results.push(await tab.evaluate(() => globalThis.result));
  await tab.close();
}
await browser.close();
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
for (const key of ['frameOnly', 'vegaSvg', 'vegaCanvas', 'uplot'])
  console.log(
    `${key.padEnd(11)} median ${median(results.map((result) => result[key])).toFixed(1)} ms per redraw of 10 charts (rounds: ${results.map((result) => result[key].toFixed(1)).join(', ')})`,
  );
