import { fontStack } from './chart-parts.js';

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => entities[character]!);
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
  const header = `<tr>${head.map((text, index) => cell('th', escapeHtml(text), index)).join('')}</tr>`;
  const body = rows
    .map((row) => `<tr>${row.map((content, index) => cell('td', content, index)).join('')}</tr>`)
    .join('\n');
  return `<table${className === '' ? '' : ` class="${className}"`}><thead>${header}</thead><tbody>\n${body}\n</tbody></table>`;
}

/** Likelihood bands of the target tables: the share of runs meeting a target. */
const bands = [
  { least: 0.8, name: 'likely', words: '80% or more' },
  { least: 0.5, name: 'even', words: '50% to 80%' },
  { least: 0, name: 'unlikely', words: 'under 50%' },
] as const;

/** A probability as a colour-coded cell: `<span class="prob likely">61.3%</span>` (one decimal). */
export function probabilityHtml(probability: number): string {
  const band = bands.find((candidate) => probability >= candidate.least) ?? bands[2];
  return `<span class="prob ${band.name}" data-probability="${probability}">${(probability * 100).toFixed(1)}%</span>`;
}

/** The key to the probability colours. */
export const probabilityKey = `<p class="key">Probability of being met: ${bands.map((band) => `<span class="prob ${band.name}">${band.words}</span>`).join(' ')} of runs.</p>`;

const style = `
body { font-family: ${fontStack}; color: #1a1a1a; max-width: 1000px; margin: 2em auto; padding: 0 1.5em; line-height: 1.45; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
.lead { color: #444; margin-top: 0; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.92em; }
table.targets { width: 100%; }
th, td { border-bottom: 1px solid #e3e3e3; padding: 0.35em 0.7em; text-align: left; vertical-align: top; }
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

/** A whole self-contained page: inline style, no scripts, nothing fetched from anywhere. */
export function htmlPage(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="kechuang">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
