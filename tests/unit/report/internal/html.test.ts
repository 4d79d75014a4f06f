import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  htmlPage,
  htmlTable,
  probabilityHtml,
  probabilityKey,
} from '../../../../src/report/internal/html.js';

describe('HTML parts', () => {
  it('escapeHtml() makes text safe in content and in quoted attributes', () => {
    expect(escapeHtml(`<b class="x">Tom & Jerry's</b>`)).toBe(
      '&lt;b class=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/b&gt;',
    );
  });

  it('htmlTable() escapes the header, keeps the cells as given, and aligns numeric columns right', () => {
    const html = htmlTable(['name', 'a<b'], [['<i>x</i>', '1.5']], [1], 'targets');
    const table = parse(html).querySelector('table.targets')!;
    expect(table.querySelectorAll('th').map((cell) => cell.text)).toEqual(['name', 'a<b']);
    expect(table.querySelector('td i')!.text).toBe('x');
    expect(table.querySelectorAll('.num').map((cell) => cell.text)).toEqual(['a<b', '1.5']);
  });

  it('probabilityHtml() bands a probability: likely from 80%, even from 50%, unlikely below, one decimal', () => {
    const band = (probability: number): string => parse(probabilityHtml(probability)).querySelector('span')!.classNames;
    expect([band(0.8), band(0.7999), band(0.5), band(0.4999), band(0)]).toEqual([
      'prob likely',
      'prob even',
      'prob even',
      'prob unlikely',
      'prob unlikely',
    ]);
    const cell = parse(probabilityHtml(0.6125)).querySelector('span')!;
    expect(cell.text).toBe('61.3%');
    expect(cell.getAttribute('data-probability')).toBe('0.6125');
    expect(probabilityKey()).toContain('80% or more');
  });

  it('htmlPage() is self-contained: escaped title, inline style, a policy that fetches nothing, no script', () => {
    const page = parse(htmlPage('A < B', '<p>body</p>'));
    expect(page.querySelector('title')!.text).toBe('A < B');
    expect(page.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; font-src data:",
    );
    expect(page.querySelectorAll('script, link, [src]')).toHaveLength(0);
    expect(page.querySelector('body p')!.text).toBe('body');
  });
});
