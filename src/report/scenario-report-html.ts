import type { ScenarioSummary, TargetSummary } from '../experiment/scenario-summary.js';
import type { ModelHistory } from '../model/model-history.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { fanChartSpec } from './fan-chart-spec.js';
import { chartFigure, reportFooter, settingsSection } from './internal/report-sections.js';
import { conditionText, withinBandText } from './internal/chart-parts.js';
import { escapeHtml, htmlPage, htmlTable, probabilityHtml, probabilityKey } from './internal/html.js';
import { shownValues } from './internal/shown-values.js';
import { quantityFormat, type QuantityFormat } from './quantity-format.js';
import { renderChartSvg } from './render-chart-svg.js';
import { labelText, variableLabel, type VariableLabel } from './variable-label.js';

/** What `report.html` is made from: the run's summary and the scenario (with its model) it ran. */
export interface ScenarioReportInput {
  summary: ScenarioSummary;
  scenario: ScenarioSpec;
  /** Observed values of the model's variables (its data file), drawn as dots. */
  history?: ModelHistory | undefined;
}

const samplingWords = { lhs: 'Latin hypercube', random: 'random' } as const;

/** The number format of a variable, chosen from everything its chart and table show. */
function formatOf(label: VariableLabel, summary: ScenarioSummary, history: ModelHistory | undefined): QuantityFormat {
  const values = [
    ...shownValues(summary, label.name),
    ...(summary.series[label.name]?.mean ?? []),
    ...(history?.get(label.name)?.values ?? []),
  ];
  return quantityFormat(label.name, label.unit, values);
}

function firstMetHtml(target: TargetSummary): string {
  const { p50, neverShare } = target.firstMet;
  const never = `${(neverShare * 100).toFixed(1)}% of runs never`;
  if (p50 === null) return escapeHtml(`median run never; ${never}`);
  return escapeHtml(neverShare > 0 ? `${p50}; ${never}` : String(p50));
}

/** The probability, and for an "about" target the share of runs inside its band beneath it. */
function withinBandHtml(target: TargetSummary, format: QuantityFormat): string {
  const within = withinBandText(target, format);
  return within === undefined
    ? probabilityHtml(target.probability)
    : `${probabilityHtml(target.probability)}<br><small>${escapeHtml(within)}</small>`;
}

function labelHtml(label: VariableLabel): string {
  return `${escapeHtml(label.english)}${label.chinese === undefined ? '' : ` <span class="zh" lang="zh">${escapeHtml(label.chinese)}</span>`}`;
}

function targetSection(input: ScenarioReportInput): string {
  const { summary, scenario, history } = input;
  if (summary.targets.length === 0) return '<h2>Targets</h2>\n<p>This scenario states no targets.</p>';
  const rows = summary.targets.map((target) => {
    const label = variableLabel(scenario.model, target.variable);
    const format = formatOf(label, summary, history);
    return [
      `<code>${escapeHtml(target.id)}</code>`,
      labelHtml(label),
      escapeHtml(conditionText(target, format)),
      withinBandHtml(target, format),
      ...[target.p5, target.p50, target.p95].map((value) => escapeHtml(format.number(value))),
      escapeHtml(format.percent ? '' : format.unitShort),
      firstMetHtml(target),
    ];
  });
  const table = htmlTable(
    ['target', 'indicator', 'condition', 'probability met', 'P5', 'P50', 'P95', 'unit', 'first met (median year)'],
    rows,
    [3, 4, 5, 6],
    'targets',
  );
  return `<h2>Targets</h2>
<p>The share of the ${summary.runs.toLocaleString('en-US')} runs in which each target is met in its year, and the indicator's P5, P50 (median) and P95 in that year.</p>
${table}
${probabilityKey}`;
}

async function chartSection(input: ScenarioReportInput): Promise<string> {
  const { summary, scenario, history } = input;
  const figures: string[] = [];
  let chartIndex = 0;
  for (const [name, series] of Object.entries(summary.series)) {
    const label = variableLabel(scenario.model, name);
    const format = formatOf(label, summary, history);
    const targets = summary.targets.filter((target) => target.variable === name);
    const observed = history?.get(name);
    const title = labelText(label);
    const pieces = [`P5–P95 band, median (P50) and mean (dashed) of ${summary.runs.toLocaleString('en-US')} runs`];
    if (targets.length > 0) pieces.push(`target${targets.length > 1 ? 's' : ''} in red`);
    if (observed !== undefined) pieces.push(`dots: observed (${observed.series})`);
    const spec = fanChartSpec({
      title,
      subtitle: pieces.join('; '),
      timeTitle: scenario.model.time.unit,
      valueTitle: format.unitText === '' ? 'value (dimensionless)' : format.unitText,
      series,
      format,
      targets,
      history: observed,
    });
    const svg = await renderChartSvg(spec, `chart${chartIndex}-`);
    chartIndex += 1;
    figures.push(chartFigure(name, svg, label));
  }
  if (figures.length === 0) return '';
  return `<h2>Outputs over time</h2>\n${figures.join('\n')}`;
}

/**
 * `report.html` for one scenario: a self-contained page (inline CSS and SVG, no script, nothing
 * fetched) with the targets and their probability of being met, colour-coded; a fan chart per
 * output (rendered to SVG here, in Node, from vega-lite); and the settings that reproduce the numbers.
 */
export async function formatScenarioReportHtml(input: ScenarioReportInput): Promise<string> {
  const { summary } = input;
  const title = `${summary.scenario}: how likely the targets are`;
  const lead = `Scenario <code>${escapeHtml(summary.scenario)}</code> on model <code>${escapeHtml(summary.model)}</code>: ${summary.runs.toLocaleString('en-US')} Monte Carlo runs, seed ${summary.seed}, ${samplingWords[summary.sampling]} sampling.`;
  const body = [
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="lead">${lead}</p>`,
    targetSection(input),
    await chartSection(input),
    settingsSection([{ summary, scenario: input.scenario }]),
    reportFooter(summary.engine.version),
  ].join('\n');
  return htmlPage(title, body);
}
