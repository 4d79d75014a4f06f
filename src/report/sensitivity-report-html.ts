import type { SensitivityOutput, SensitivityResult } from '../analysis/sensitivity-analysis.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { escapeHtml, htmlPage, htmlTable } from './internal/html.js';
import { reportFooter } from './internal/report-sections.js';
import { renderChartSvg } from './render-chart-svg.js';
import { sensitivityHeadline } from './sensitivity-table.js';
import { tornadoChartSpec, type TornadoBar } from './tornado-chart-spec.js';
import { labelText, variableLabel } from './variable-label.js';

/** What `report.html` of a sensitivity analysis is made from. */
export interface SensitivityReportInput {
  result: SensitivityResult;
  scenario: ScenarioSpec;
  /** The command line that redoes the numbers. */
  command: string;
  engineVersion: string;
}

const colours = { light: '#9ecae1', dark: '#08519c', up: '#2171b5', down: '#cb181d' } as const;

const methodNotes = {
  prcc: "PRCC is the correlation between an input's ranks and the output's ranks once the other inputs' ranks are accounted for: its sign says whether the output rises or falls with the input, its size how closely (it finds monotone effects, not their size in output units). The p-value is the chance of a correlation this far from 0 if the input had no monotone effect.",
  sobol:
    "A factor's first-order index S1 is the share of the output's variance it explains alone; its total index ST the share it takes part in, alone or through interactions. ST - S1 measures its interactions; a factor with ST near 0 can be fixed anywhere in its range. Bars show ST (light) and S1 (dark) with their 95% intervals.",
  morris:
    "An elementary effect is the change in the output when one factor moves one step across its grid, the others held. mu* (the mean absolute effect) ranks factors by importance; sigma (their spread) is large when the effect depends on where the other factors are (interactions or curvature). Bars show mu* (dark) and sigma (light), in the output's units per whole grid.",
} as const;

function barsOf(
  result: SensitivityResult,
  outputIndex: number,
): { bars: TornadoBar[]; series: { label: string; colour: string }[]; valueTitle: string; parameters: string[] } {
  if (result.method === 'prcc') {
    const output = result.outputs[outputIndex]!;
    const series = [
      { label: 'output rises with the input', colour: colours.up },
      { label: 'output falls as the input rises', colour: colours.down },
    ];
    // One series per sign keeps the legend honest; each parameter has one bar, in its sign's colour.
    return {
      series,
      valueTitle: 'partial rank correlation (PRCC)',
      parameters: output.parameters.map((entry) => entry.name),
      bars: output.parameters.map((entry) => ({
        parameter: entry.name,
        series: series[entry.prcc >= 0 ? 0 : 1]!.label,
        value: entry.prcc,
      })),
    };
  }
  if (result.method === 'sobol') {
    const output = result.outputs[outputIndex]!;
    const total = 'total (ST)';
    const first = 'first order (S1)';
    return {
      series: [
        { label: total, colour: colours.light },
        { label: first, colour: colours.dark },
      ],
      valueTitle: 'Sobol index (share of variance)',
      parameters: output.parameters.map((entry) => entry.name),
      bars: output.parameters.flatMap((entry) => [
        {
          parameter: entry.name,
          series: total,
          value: entry.ST,
          low: entry.ST - entry.ST_conf,
          high: entry.ST + entry.ST_conf,
        },
        {
          parameter: entry.name,
          series: first,
          value: entry.S1,
          low: entry.S1 - entry.S1_conf,
          high: entry.S1 + entry.S1_conf,
        },
      ]),
    };
  }
  const output = result.outputs[outputIndex]!;
  return {
    series: [
      { label: 'mu* (importance)', colour: colours.dark },
      { label: 'sigma (interaction, curvature)', colour: colours.light },
    ],
    valueTitle: 'elementary effect (output units per whole grid)',
    parameters: output.parameters.map((entry) => entry.name),
    bars: output.parameters.flatMap((entry) => [
      { parameter: entry.name, series: 'mu* (importance)', value: entry.mu_star },
      { parameter: entry.name, series: 'sigma (interaction, curvature)', value: entry.sigma },
    ]),
  };
}

async function outputSection(
  input: SensitivityReportInput,
  output: SensitivityOutput<unknown>,
  outputIndex: number,
): Promise<string> {
  const label = variableLabel(input.scenario.model, output.variable);
  const targets = output.targets.length === 0 ? '' : `; target ${output.targets.join(', ')}`;
  const title = `${labelText(label)} in ${output.year}`;
  if (output.constant === true)
    return `<h3>${escapeHtml(title)}</h3>\n<p>The same in every run: no uncertain input moves it.</p>`;
  const chart = barsOf(input.result, outputIndex);
  const spec = tornadoChartSpec({
    title,
    subtitle: `${output.variable}${targets}; most important first`,
    valueTitle: chart.valueTitle,
    parameters: chart.parameters,
    series: chart.series,
    bars: chart.bars,
  });
  const svg = await renderChartSvg(spec, `chart${outputIndex}-`);
  return `<figure class="chart" data-variable="${escapeHtml(output.variable)}" data-year="${output.year}">\n${svg}\n<figcaption><code>${escapeHtml(output.variable)}</code> in ${output.year}${escapeHtml(targets)}</figcaption>\n</figure>`;
}

/**
 * `report.html` of a sensitivity analysis: a self-contained page (inline CSS and SVG, no script,
 * nothing fetched) with what the method measures, a tornado chart per output (most important input
 * at the top), the factors varied, and the command that redoes the numbers.
 */
export async function formatSensitivityReportHtml(input: SensitivityReportInput): Promise<string> {
  const { result, scenario } = input;
  const title = `${result.scenario}: which uncertain inputs matter`;
  const sections: string[] = [];
  for (const [index, output] of result.outputs.entries()) sections.push(await outputSection(input, output, index));
  const factorRows = result.factors.map((factor) => [
    `<code>${escapeHtml(factor.name)}</code>`,
    escapeHtml(
      factor.parameters.length === 1
        ? 'one parameter'
        : `${factor.parameters.length} parameters drawn together: ${factor.parameters.join(', ')}`,
    ),
  ]);
  const leftOut =
    result.method === 'prcc' && result.leftOut.length > 0
      ? `<p class="note">${escapeHtml(result.leftOut.map((factor) => factor.name).join(', '))} varies in the runs but is not rank-correlated: its members do not rise with its shared draw. Sobol and Morris rank it as one factor.</p>`
      : '';
  const body = [
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="lead">${escapeHtml(sensitivityHeadline(result))}.</p>`,
    `<p>${escapeHtml(methodNotes[result.method])}</p>`,
    leftOut,
    '<h2>Outputs</h2>',
    ...sections,
    '<h2>Factors varied</h2>',
    htmlTable(['factor', 'what it sets'], factorRows, [], 'settings'),
    '<h2>Settings</h2>',
    htmlTable(
      ['setting', 'value'],
      [
        ['scenario file', `<code>${escapeHtml(scenario.file)}</code>`],
        ['model', `<code>${escapeHtml(scenario.model.name)}</code>`],
        ['scenario files sha256', `<code>${escapeHtml(scenario.scenarioHash)}</code>`],
        ['command', `<code>${escapeHtml(input.command)}</code>`],
      ],
      [],
      'settings',
    ),
    reportFooter(input.engineVersion),
  ].join('\n');
  return htmlPage(title, body);
}
