import type { ScenarioComparison } from '../analysis/compare-scenarios.js';
import type { ModelHistory } from '../model/model-history.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { compareChartSpec, comparePanels } from './compare-chart-spec.js';
import { conditionText } from './internal/chart-parts.js';
import { comparedTargets, comparedValues } from './internal/compare-parts.js';
import { breakable, escapeHtml, htmlTable, probabilityHtml, probabilityKey } from './internal/html.js';
import { chartFigure, reportFooter, settingsSection } from './internal/report-sections.js';
import { scenarioChanges } from './internal/summary-block.js';
import { displayUnit, quantityFormat, type QuantityFormat } from './quantity-format.js';
import { renderChartSvg } from './render-chart-svg.js';
import { reportText, targetStatus, type ReportLanguage, type ReportText } from './report-text.js';
import { labelHtml, titleText, withCjkFont } from './scenario-report-html.js';
import { variableLabel } from './variable-label.js';

/** What `compare.html` is made from: the comparison and the scenarios (with their models) it ran, in the same order. */
export interface CompareReportInput {
  comparison: ScenarioComparison;
  scenarios: readonly ScenarioSpec[];
  /** Observed values of each scenario's model (same order; undefined where its model has no data file). */
  histories?: readonly (ModelHistory | undefined)[];
  lang?: ReportLanguage;
  /** `--unit`: units to show variables in where they convert. */
  units?: readonly string[];
}

function formatOf(input: CompareReportInput, variable: string, stated?: string): QuantityFormat {
  const label = variableLabel(input.scenarios[0]!.model, variable);
  const observed = input.histories?.map((history) => history?.get(variable)).find((series) => series !== undefined);
  return quantityFormat(
    variable,
    label.unit,
    [...comparedValues(input.comparison, variable), ...(observed?.values ?? [])],
    {
      unit: displayUnit(label.unit, input.units ?? [], stated),
    },
  );
}

function crnNote(comparison: ScenarioComparison, text: ReportText): string {
  const shared =
    comparison.sharedParameters.length === 0
      ? escapeHtml(text.crnNone)
      : comparison.sharedParameters.map((name) => `<code>${escapeHtml(name)}</code>`).join(', ');
  const declared = comparison.declared.map(
    (entry) =>
      `<li>${text.declared(escapeHtml(entry.scenario), entry.seed, text.number(entry.runCount), text.sampling[entry.sampling])}</li>`,
  );
  return `<div class="note crn"><p>${text.crn(comparison.seed, text.number(comparison.runs), text.sampling[comparison.sampling], shared)}</p>
${declared.length === 0 ? '' : `<p>${escapeHtml(text.aligned)}</p><ul>${declared.join('')}</ul>`}</div>`;
}

/** A probability's change against the baseline, in percentage points. */
function deltaHtml(probability: number, baseline: number | undefined, text: ReportText): string {
  if (baseline === undefined) return '';
  const points = (probability - baseline) * 100;
  const shown = `${points > 0.05 ? '+' : points < -0.05 ? '−' : '±'}${Math.abs(points).toFixed(1)}`;
  return `<br><span class="delta">${escapeHtml(text.points(shown))}</span>`;
}

function targetSection(input: CompareReportInput, text: ReportText): string {
  const { comparison, scenarios } = input;
  const targets = comparedTargets(comparison);
  if (targets.length === 0)
    return `<h2>${escapeHtml(text.compareTargets)}</h2>\n<p>${escapeHtml(text.noCompareTargets)}</p>`;
  const names = comparison.scenarios.map((summary) => summary.scenario);
  const rows = targets.map(({ id, first, byScenario }) => {
    const format = formatOf(input, first.variable, first.unit);
    const label = variableLabel(scenarios[0]!.model, first.variable);
    const baseline = byScenario[0]?.probability;
    const cells = byScenario.map((target, index) =>
      target === undefined
        ? '—'
        : `${probabilityHtml(target.probability)}<br><span class="p50">P50 ${escapeHtml(format.format(target.p50))}</span>${index === 0 ? '' : deltaHtml(target.probability, baseline, text)}`,
    );
    return [
      `<code>${escapeHtml(id)}</code>`,
      labelHtml(label, text),
      escapeHtml(conditionText(first, format, text)),
      ...cells,
    ];
  });
  const numeric = names.map((_, index) => index + 3);
  const head = text.head;
  return `<h2>${escapeHtml(text.compareTargets)}</h2>
<p>${escapeHtml(text.compareExplained(names[0] ?? ''))}</p>
<div class="scroll">${htmlTable([head.target, head.indicator, head.condition, ...names], rows, numeric, 'targets compare')}</div>
${probabilityKey(text)}`;
}

/** The summary, one screen: each target's status and probability in every scenario with its change against the first, then what each scenario assumes and changes. */
function compareSummary(input: CompareReportInput, text: ReportText): string {
  const { comparison, scenarios } = input;
  const baseline = scenarios[0];
  const names = comparison.scenarios.map((summary) => summary.scenario);
  const rows = comparedTargets(comparison).map(({ id, first, byScenario }) => {
    const label = variableLabel(scenarios[0]!.model, first.variable);
    const base = byScenario[0]?.probability;
    const cells = byScenario.map((target, index) => {
      if (target === undefined) return '—';
      const status = targetStatus(target.probability);
      return `<span class="status ${status}" data-status="${status}">${escapeHtml(text.status[status])}</span><br>${probabilityHtml(target.probability)}${index === 0 ? '' : deltaHtml(target.probability, base, text)}`;
    });
    return [`${labelHtml(label, text)}<br><code>${breakable(escapeHtml(id))}</code>`, ...cells];
  });
  const matrix =
    rows.length === 0
      ? `<p>${escapeHtml(text.noCompareTargets)}</p>`
      : `<div class="scroll">${htmlTable(
          [text.head.target, ...names],
          rows,
          names.map((_, index) => index + 1),
          'targets status',
        )}</div>\n<p class="key">${escapeHtml(text.statusKey)}</p>`;
  const items = comparison.scenarios.map((summary, index) => {
    const scenario = scenarios[index]!;
    const changes = index === 0 ? '' : scenarioChanges(scenario, baseline, text);
    const description = scenario.description === undefined ? '' : ` ${escapeHtml(scenario.description)}`;
    return `<li><strong>${escapeHtml(summary.scenario)}</strong>:${description}${changes}</li>`;
  });
  return `<section class="summary" id="summary">
<h2>${escapeHtml(text.summary)}</h2>
${matrix}
<h3>${escapeHtml(text.description)}</h3>
<ul class="scenarios">${items.join('\n')}</ul>
</section>`;
}

async function chartSection(input: CompareReportInput, text: ReportText): Promise<string> {
  const { comparison, scenarios } = input;
  const variables = [...new Set(comparison.scenarios.flatMap((summary) => Object.keys(summary.series)))];
  const dataEnd = comparison.scenarios[0]?.lastDataYear;
  const figures: string[] = [];
  let chartIndex = 0;
  for (const name of variables) {
    const label = variableLabel(scenarios[0]!.model, name);
    const observed = input.histories?.map((history) => history?.get(name)).find((series) => series !== undefined);
    const format = formatOf(input, name);
    const withSeries = comparison.scenarios.flatMap((summary, index) =>
      summary.series[name] === undefined ? [] : [{ name: summary.scenario, series: summary.series[name], index }],
    );
    const targets = comparedTargets(comparison)
      .filter(({ first }) => first.variable === name)
      .map(({ first }) => first);
    const panels = comparePanels(withSeries);
    const panelFigures: string[] = [];
    for (const panel of panels) {
      const spec = compareChartSpec(
        {
          title: titleText(label, text),
          subtitle: text.compareSubtitle(text.number(comparison.runs), withSeries[0]?.name ?? ''),
          timeTitle: text.timeAxis(scenarios[0]!.model.time.unit),
          valueTitle: format.unitText === '' ? text.valueDimensionless : text.unitText(format.unitText),
          scenarios: panel,
          format,
          targets,
          history: observed,
          dataEnd,
          text,
          width: panels.length > 1 ? 400 : 720,
        },
        panel.map((entry) => entry.index),
      );
      panelFigures.push(chartFigure(name, await renderChartSvg(spec, `chart${chartIndex}-`), label, text));
      chartIndex += 1;
    }
    figures.push(panels.length > 1 ? `<div class="panels">${panelFigures.join('\n')}</div>` : panelFigures.join('\n'));
  }
  return figures.length === 0 ? '' : `<h2>${escapeHtml(text.outputs)}</h2>\n${figures.join('\n')}`;
}

/**
 * `compare.html`: a self-contained page setting scenarios side by side, in English or Chinese. First
 * the summary: each scenario's targets likely met, at risk or likely missed, and what it changes
 * against the first scenario (the baseline); then per output panels of at most four bands (the
 * baseline grey in each) with the end of the data marked; then the details: the note on common random
 * numbers, each target's probability per scenario with its change against the baseline, and every
 * scenario's settings.
 */
export async function formatCompareReportHtml(input: CompareReportInput): Promise<string> {
  const { comparison, scenarios } = input;
  const text = reportText(input.lang ?? 'en');
  const names = comparison.scenarios.map((summary) => summary.scenario);
  const title = text.compareTitle(names);
  const summary = compareSummary(input, text);
  const charts = await chartSection(input, text);
  const parts = (neededFont: string | undefined): string =>
    [
      `<h1>${escapeHtml(title)}</h1>`,
      `<p class="lead">${escapeHtml(text.compareLead(names.length, text.number(comparison.runs), comparison.seed))}</p>`,
      summary,
      charts,
      targetSection(input, text),
      crnNote(comparison, text),
      settingsSection(
        comparison.scenarios.map((entry, index) => ({ summary: entry, scenario: scenarios[index]! })),
        text,
      ),
      reportFooter(comparison.scenarios[0]?.engine.version ?? '', text, neededFont),
    ].join('\n');
  return withCjkFont(title, parts, text.lang);
}
