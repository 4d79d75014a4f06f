import { reportText, type ReportText } from '../report-text.js';
import { fontStack } from './chart-parts.js';

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => entities[character]!);
}

/** Escaped text with line-break opportunities after `-`, `_` and `/`, so that long names wrap whole rather than overflow. */
export function breakable(html: string): string {
  return html.replace(/([-_/])(?=[^\s<>])/g, '$1<wbr>');
}

/** A table with a header row; cells are HTML already escaped by the caller. `numeric` columns align right. */
export function htmlTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  numeric: readonly number[] = [],
  className = '',
): string {
  const cell = (tag: 'th' | 'td', content: string, index: number) =>
    `<${tag}${numeric.includes(index) ? ' class="num"' : ''}>${content}</${tag}>`;
  const header = `<tr>${head.map((text, index) => cell('th', breakable(escapeHtml(text)), index)).join('')}</tr>`;
  const body = rows
    .map((row) => `<tr>${row.map((content, index) => cell('td', content, index)).join('')}</tr>`)
    .join('\n');
  return `<table${className === '' ? '' : ` class="${className}"`}><thead>${header}</thead><tbody>\n${body}\n</tbody></table>`;
}

/** Likelihood bands of the target tables: the share of runs meeting a target. */
const bands = [
  { least: 0.8, name: 'likely' },
  { least: 0.5, name: 'even' },
  { least: 0, name: 'unlikely' },
] as const;

/** A probability as a colour-coded cell: `<span class="prob likely">61.3%</span>` (one decimal). */
export function probabilityHtml(probability: number): string {
  const band = bands.find((candidate) => probability >= candidate.least) ?? bands[2];
  return `<span class="prob ${band.name}" data-probability="${probability}">${(probability * 100).toFixed(1)}%</span>`;
}

/** The key to the probability colours, in the report's language. */
export function probabilityKey(text: ReportText = reportText('en')): string {
  const words = text.probabilityKey;
  const spans = bands.map((band) => `<span class="prob ${band.name}">${words[band.name]}</span>`).join(' ');
  return `<p class="key">${words.lead} ${spans} ${words.tail}</p>`;
}

const style = `
body { font-family: ${fontStack}; color: #1a1a1a; max-width: 1000px; margin: 2em auto; padding: 0 1.5em; line-height: 1.45; }
h1, h2, h3, p, li, figcaption { overflow-wrap: anywhere; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
.lead { color: #444; margin-top: 0; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.92em; }
table.targets { width: 100%; }
.scroll { max-width: 100%; overflow-x: auto; }
th, td { border-bottom: 1px solid #e3e3e3; padding: 0.35em 0.7em; text-align: left; vertical-align: top; overflow-wrap: break-word; }
section.summary { border: 2px solid #3182bd; border-radius: 6px; padding: 0.4em 1.2em 0.8em; margin: 1em 0 1.5em; }
section.summary h2 { margin-top: 0.6em; border: none; }
ul.status { list-style: none; padding: 0; margin: 0.5em 0; }
ul.status li { margin: 0.45em 0; padding-left: 0.6em; border-left: 5px solid #ccc; }
ul.status li.met { border-color: #1b5e20; } ul.status li.risk { border-color: #c78a00; } ul.status li.missed { border-color: #8e1b13; }
.badge { font-weight: 700; margin-right: 0.4em; } .met .badge { color: #1b5e20; } .risk .badge { color: #7a5200; } .missed .badge { color: #8e1b13; }
.reason { color: #444; font-size: 0.92em; }
.status { font-weight: 700; font-size: 0.85em; } .status.met { color: #1b5e20; } .status.risk { color: #7a5200; } .status.missed { color: #8e1b13; }
table.status td { text-align: center; } table.status td:first-child { text-align: left; min-width: 9em; } ul.scenarios li { margin: 0.4em 0; } ul.scenarios ul.changes { margin: 0.2em 0; }
.panels { display: flex; flex-wrap: wrap; gap: 0.5em 1.5em; }
.panels figure.chart { flex: 1 1 440px; min-width: 0; }
.delta { font-size: 0.85em; color: #555; white-space: nowrap; }
th { background: #f5f5f5; font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.zh { color: #555; }
.prob { display: inline-block; min-width: 3.6em; padding: 0.1em 0.45em; border-radius: 3px; text-align: right; font-weight: 600; font-variant-numeric: tabular-nums; }
.likely { background: #d9f0d3; color: #1b5e20; } .even { background: #fff1c7; color: #7a5200; } .unlikely { background: #fbd5d2; color: #8e1b13; }
.key { font-size: 0.85em; color: #555; } .key .prob { min-width: 0; font-weight: 400; }
figure.chart { margin: 1.5em 0; } figure.chart svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.85em; color: #555; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.9em; background: #f5f5f5; padding: 0.05em 0.3em; border-radius: 3px; }
.note { background: #eef5fb; border-left: 4px solid #3182bd; padding: 0.6em 1em; }
footer { margin-top: 3em; font-size: 0.8em; color: #777; }
`;

/** A whole self-contained page: inline style (with any embedded fonts), no scripts, nothing fetched from anywhere. */
export function htmlPage(title: string, body: string, options: { lang?: 'en' | 'zh'; fontCss?: string } = {}): string {
  return `<!DOCTYPE html>
<html lang="${options.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:">
<meta name="generator" content="kechuang">
<title>${escapeHtml(title)}</title>
<style>${options.fontCss ?? ''}${style}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
