import type { ScenarioSummary, TargetSummary } from '../experiment/scenario-summary.js';
import type { ModelHistory } from '../model/model-history.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { cjkFontCss, type CjkFont } from './cjk-font.js';
import { fanChartSpec } from './fan-chart-spec.js';
import { conditionText, withinBandText } from './internal/chart-parts.js';
import { escapeHtml, htmlPage, htmlTable, probabilityHtml, probabilityKey } from './internal/html.js';
import { chartFigure, reportFooter, settingsSection } from './internal/report-sections.js';
import { scenarioChanges, summaryBlock } from './internal/summary-block.js';
import { shownValues } from './internal/shown-values.js';
import { displayUnit, quantityFormat, type QuantityFormat } from './quantity-format.js';
import { renderChartSvg } from './render-chart-svg.js';
import { reportText, type ReportLanguage, type ReportText } from './report-text.js';
import { labelText, variableLabel, type VariableLabel } from './variable-label.js';

/** What `report.html` is made from: the run's summary and the scenario (with its model) it ran. */
export interface ScenarioReportInput {
  summary: ScenarioSummary;
  scenario: ScenarioSpec;
  /** Observed values of the model's variables (its data file), drawn as dots. */
  history?: ModelHistory | undefined;
  /** The scenario this one extends, for "what changes against the baseline"; undefined when it extends none. */
  baseline?: ScenarioSpec | undefined;
  /** Language of every fixed text (default English). */
  lang?: ReportLanguage;
  /** `--unit`: units to show variables in where they convert. */
  units?: readonly string[];
}

/** The number format of a variable, chosen from everything its chart and table show, in its file's (or a chosen) unit. */
export function reportFormat(
  label: VariableLabel,
  summary: ScenarioSummary,
  history: ModelHistory | undefined,
  units: readonly string[] = [],
  stated?: string,
): QuantityFormat {
  const values = [
    ...shownValues(summary, label.name),
    ...(summary.series[label.name]?.mean ?? []),
    ...(history?.get(label.name)?.values ?? []),
  ];
  return quantityFormat(label.name, label.unit, values, { unit: displayUnit(label.unit, units, stated) });
}

function firstMetHtml(target: TargetSummary, text: ReportText): string {
  const { p50, neverShare } = target.firstMet;
  const share = `${(neverShare * 100).toFixed(1)}%`;
  if (p50 === null) return escapeHtml(text.medianNever(share));
  return escapeHtml(neverShare > 0 ? `${p50}; ${text.never(share)}` : String(p50));
}

/** The probability, and for an "about" target the share of runs inside its band beneath it. */
function withinBandHtml(target: TargetSummary, format: QuantityFormat): string {
  const within = withinBandText(target, format);
  return within === undefined
    ? probabilityHtml(target.probability)
    : `${probabilityHtml(target.probability)}<br><small>${escapeHtml(within)}</small>`;
}

/** A variable's label in the report's language: Chinese first in Chinese, with the other beside it. */
export function labelHtml(label: VariableLabel, text: ReportText): string {
  if (label.chinese === undefined) return escapeHtml(label.english);
  return text.lang === 'zh'
    ? `<span lang="zh">${escapeHtml(label.chinese)}</span> <span class="zh" lang="en">${escapeHtml(label.english)}</span>`
    : `${escapeHtml(label.english)} <span class="zh" lang="zh">${escapeHtml(label.chinese)}</span>`;
}

/** A chart title in the report's language. */
export function titleText(label: VariableLabel, text: ReportText): string {
  return text.lang === 'zh' && label.chinese !== undefined ? `${label.chinese} · ${label.english}` : labelText(label);
}

function targetSection(input: ScenarioReportInput, text: ReportText): string {
  const { summary, scenario, history } = input;
  if (summary.targets.length === 0) return `<h2>${escapeHtml(text.targets)}</h2>\n<p>${escapeHtml(text.noTargets)}</p>`;
  const after = summary.targets[0]?.firstMet.countedAfter;
  const rows = summary.targets.map((target) => {
    const label = variableLabel(scenario.model, target.variable);
    const format = reportFormat(label, summary, history, input.units, target.unit);
    return [
      `<code>${escapeHtml(target.id)}</code>`,
      labelHtml(label, text),
      escapeHtml(conditionText(target, format, text)),
      withinBandHtml(target, format),
      ...[target.p5, target.p50, target.p95].map((value) => escapeHtml(format.number(value))),
      escapeHtml(format.unitShort),
      firstMetHtml(target, text),
    ];
  });
  const head = text.head;
  const table = htmlTable(
    [
      head.target,
      head.indicator,
      head.condition,
      head.probability,
      'P5',
      'P50',
      'P95',
      head.unit,
      head.firstMet(after),
    ],
    rows,
    [3, 4, 5, 6],
    'targets',
  );
  const rule = after === undefined ? '' : `\n<p class="key">${escapeHtml(text.firstMetRule(after))}</p>`;
  return `<h2>${escapeHtml(text.targets)}</h2>
<p>${escapeHtml(text.targetsExplained(text.number(summary.runs)))}</p>
<div class="scroll">${table}</div>
${probabilityKey(text)}${rule}`;
}

async function chartSection(input: ScenarioReportInput, text: ReportText): Promise<string> {
  const { summary, scenario, history } = input;
  const figures: string[] = [];
  let chartIndex = 0;
  for (const [name, series] of Object.entries(summary.series)) {
    const label = variableLabel(scenario.model, name);
    const format = reportFormat(label, summary, history, input.units);
    const targets = summary.targets.filter((target) => target.variable === name);
    const observed = history?.get(name);
    const pieces = [text.fanSubtitle(text.number(summary.runs))];
    if (targets.length > 0) pieces.push(text.targetsInRed);
    if (observed !== undefined) pieces.push(text.observed(observed.series));
    if (summary.lastDataYear !== undefined) pieces.push(text.dataEnd(summary.lastDataYear));
    const spec = fanChartSpec({
      title: titleText(label, text),
      subtitle: pieces.join(text.lang === 'zh' ? '；' : '; '),
      timeTitle: text.timeAxis(scenario.model.time.unit),
      valueTitle: format.unitText === '' ? text.valueDimensionless : text.unitText(format.unitText),
      series,
      format,
      targets,
      history: observed,
      dataEnd: summary.lastDataYear,
      text,
    });
    const svg = await renderChartSvg(spec, `chart${chartIndex}-`);
    chartIndex += 1;
    figures.push(chartFigure(name, svg, label, text));
  }
  if (figures.length === 0) return '';
  return `<h2>${escapeHtml(text.outputs)}</h2>\n${figures.join('\n')}`;
}

/** The page with its Chinese glyphs embedded (or the font it needs named in the footer). */
export async function withCjkFont(
  title: string,
  parts: (neededFont: string | undefined) => string,
  lang: ReportLanguage,
): Promise<string> {
  const draft = parts(undefined);
  const font: CjkFont = await cjkFontCss(`${title}${draft}`);
  if ('needed' in font) return htmlPage(title, parts(font.needed), { lang });
  return htmlPage(title, draft, { lang, fontCss: font.css });
}

/**
 * `report.html` for one scenario: a self-contained page (inline CSS, SVG and font, no script, nothing
 * fetched), in English or Chinese. First a summary a director reads in a minute: each target likely
 * met, at risk or likely missed with its probability and the reason the scenario gives, the
 * scenario's description, and what it changes against the scenario it extends. Then a fan chart per
 * output (rendered to SVG here, from vega-lite) with the end of the data marked; then the details:
 * the target table and the settings that reproduce the numbers.
 */
export async function formatScenarioReportHtml(input: ScenarioReportInput): Promise<string> {
  const { summary, scenario } = input;
  const text = reportText(input.lang ?? 'en');
  const title = text.scenarioTitle(summary.scenario);
  const lead = text.scenarioLead(
    escapeHtml(summary.scenario),
    escapeHtml(summary.model),
    text.number(summary.runs),
    summary.seed,
    text.sampling[summary.sampling],
  );
  const changes = scenarioChanges(scenario, input.baseline, text);
  const statusFormat = (target: TargetSummary): QuantityFormat =>
    reportFormat(variableLabel(scenario.model, target.variable), summary, input.history, input.units, target.unit);
  const summaryHtml = summaryBlock(summary, scenario, statusFormat, changes, text);
  const charts = await chartSection(input, text);
  const parts = (neededFont: string | undefined): string =>
    [
      `<h1>${escapeHtml(title)}</h1>`,
      `<p class="lead">${lead}</p>`,
      summaryHtml,
      charts,
      targetSection(input, text),
      settingsSection([{ summary, scenario }], text),
      reportFooter(summary.engine.version, text, neededFont),
    ].join('\n');
  return withCjkFont(title, parts, text.lang);
}
