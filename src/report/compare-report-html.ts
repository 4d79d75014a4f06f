import type { ScenarioComparison } from '../analysis/compare-scenarios.js';
import type { ModelHistory } from '../model/model-history.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { compareChartSpec } from './compare-chart-spec.js';
import { conditionText } from './internal/chart-parts.js';
import { comparedTargets, comparedValues, targetFormat } from './internal/compare-parts.js';
import { escapeHtml, htmlPage, htmlTable, probabilityHtml, probabilityKey } from './internal/html.js';
import { chartFigure, reportFooter, settingsSection } from './internal/report-sections.js';
import { quantityFormat } from './quantity-format.js';
import { renderChartSvg } from './render-chart-svg.js';
import { labelText, variableLabel } from './variable-label.js';

/** What `compare.html` is made from: the comparison and the scenarios (with their models) it ran, in the same order. */
export interface CompareReportInput {
  comparison: ScenarioComparison;
  scenarios: readonly ScenarioSpec[];
  /** Observed values of each scenario's model (same order; undefined where its model has no data file). */
  histories?: readonly (ModelHistory | undefined)[];
}

const samplingWords = { lhs: 'Latin hypercube', random: 'random' } as const;

function crnNote(comparison: ScenarioComparison): string {
  const shared =
    comparison.sharedParameters.length === 0
      ? 'none'
      : comparison.sharedParameters.map((name) => `<code>${escapeHtml(name)}</code>`).join(', ');
  const declared = comparison.declared.map(
    (entry) =>
      `<li><code>${escapeHtml(entry.scenario)}</code> declared seed ${entry.seed}, ${entry.runCount.toLocaleString('en-US')} runs, ${samplingWords[entry.sampling]} sampling</li>`,
  );
  return `<div class="note crn"><p><strong>Common random numbers.</strong> Every scenario ran with the same seed (${comparison.seed}), the same
${comparison.runs.toLocaleString('en-US')} runs and ${samplingWords[comparison.sampling]} sampling, and each uncertain parameter's draws depend only on
the seed and the parameter's name: run <em>k</em> of every scenario uses the same sampled value of each parameter the scenarios share
(shared here: ${shared}). So the differences below come from the scenarios' policies and settings, not from sampling noise.</p>
${declared.length === 0 ? '' : `<p>Aligned for this comparison (the scenario files say otherwise):</p><ul>${declared.join('')}</ul>`}</div>`;
}

function targetSection(input: CompareReportInput): string {
  const { comparison, scenarios } = input;
  const targets = comparedTargets(comparison);
  if (targets.length === 0) return '<h2>Targets</h2>\n<p>No scenario states a target.</p>';
  const names = comparison.scenarios.map((summary) => summary.scenario);
  const rows = targets.map(({ id, first, byScenario }) => {
    const format = targetFormat(first, comparison, scenarios);
    const label = variableLabel(scenarios[0]!.model, first.variable);
    const cells = byScenario.map((target) =>
      target === undefined
        ? '—'
        : `${probabilityHtml(target.probability)}<br><span class="p50">P50 ${escapeHtml(format.format(target.p50))}</span>`,
    );
    return [
      `<code>${escapeHtml(id)}</code>`,
      `${escapeHtml(labelText(label))}`,
      escapeHtml(conditionText(first, format)),
      ...cells,
    ];
  });
  const numeric = names.map((_, index) => index + 3);
  return `<h2>Targets: probability of being met</h2>
<p>Each target (matched by id across scenarios), the share of runs meeting it in its year in each scenario, and the indicator's median (P50) in that year.</p>
${htmlTable(['target', 'indicator', 'condition', ...names], rows, numeric, 'targets compare')}
${probabilityKey}`;
}

async function chartSection(input: CompareReportInput): Promise<string> {
  const { comparison, scenarios } = input;
  const variables = [...new Set(comparison.scenarios.flatMap((summary) => Object.keys(summary.series)))];
  const figures: string[] = [];
  for (const [chartIndex, name] of variables.entries()) {
    const label = variableLabel(scenarios[0]!.model, name);
    const observed = input.histories?.map((history) => history?.get(name)).find((series) => series !== undefined);
    const format = quantityFormat(name, label.unit, [...comparedValues(comparison, name), ...(observed?.values ?? [])]);
    const withSeries = comparison.scenarios.flatMap((summary) =>
      summary.series[name] === undefined ? [] : [{ name: summary.scenario, series: summary.series[name] }],
    );
    const targets = comparedTargets(comparison)
      .filter(({ first }) => first.variable === name)
      .map(({ first }) => first);
    const title = labelText(label);
    const spec = compareChartSpec({
      title,
      subtitle: `median (P50) line and P5–P95 band per scenario, ${comparison.runs.toLocaleString('en-US')} runs each on common random numbers${observed === undefined ? '' : `; dots: observed (${observed.series})`}`,
      timeTitle: scenarios[0]!.model.time.unit,
      valueTitle: format.unitText === '' ? 'value (dimensionless)' : format.unitText,
      scenarios: withSeries,
      format,
      targets,
      history: observed,
    });
    figures.push(chartFigure(name, await renderChartSvg(spec, `chart${chartIndex}-`), label));
  }
  return figures.length === 0 ? '' : `<h2>Outputs over time</h2>\n${figures.join('\n')}`;
}

/**
 * `compare.html`: a self-contained page setting scenarios side by side: a note on the common random
 * numbers they share, each target's probability per scenario (colour-coded), an overlay chart per
 * output (each scenario's median and band), and every scenario's settings.
 */
export async function formatCompareReportHtml(input: CompareReportInput): Promise<string> {
  const { comparison, scenarios } = input;
  const names = comparison.scenarios.map((summary) => summary.scenario);
  const title = `Comparing ${names.join(', ')}`;
  const body = [
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="lead">${names.length} scenarios, ${comparison.runs.toLocaleString('en-US')} Monte Carlo runs each, seed ${comparison.seed}.</p>`,
    crnNote(comparison),
    targetSection(input),
    await chartSection(input),
    settingsSection(comparison.scenarios.map((summary, index) => ({ summary, scenario: scenarios[index]! }))),
    reportFooter(comparison.scenarios[0]?.engine.version ?? ''),
  ].join('\n');
  return htmlPage(title, body);
}
