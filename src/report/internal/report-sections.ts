import { version as vegaVersion } from 'vega';
import { version as vegaLiteVersion } from 'vega-lite';
import type { ScenarioSummary } from '../../experiment/scenario-summary.js';
import type { ScenarioSpec } from '../../scenario/scenario-spec.js';
import { kechuangCommand } from '../../diagnostics/shell-command.js';
import { describeDistribution } from '../describe-distribution.js';
import { formatNumber } from '../format-number.js';
import { labelText, variableLabel, type VariableLabel } from '../variable-label.js';
import { reportText, type ReportText } from '../report-text.js';
import { escapeHtml, htmlTable } from './html.js';

/** One chart with its caption: the variable's identifier, unit and documentation. */
export function chartFigure(
  name: string,
  svg: string,
  label: VariableLabel,
  text: ReportText = reportText('en'),
): string {
  const caption = [
    `<code>${escapeHtml(name)}</code>`,
    label.unit === undefined
      ? ''
      : text.lang === 'zh'
        ? `（${escapeHtml(label.unit)}）`
        : ` in ${escapeHtml(label.unit)}`,
    label.doc === undefined ? '' : `${text.lang === 'zh' ? '：' : ': '}${escapeHtml(label.doc)}`,
  ].join('');
  return `<figure class="chart" data-variable="${escapeHtml(name)}">\n${svg}\n<figcaption>${caption}</figcaption>\n</figure>`;
}

/** The `kechuang run` command line that redoes these numbers (every fixed value included, so command-line `--set`s are too). */
export function reproduceCommand(summary: ScenarioSummary): string {
  const sets = Object.entries(summary.provenance.set).flatMap(([name, value]) => ['--set', `${name}=${value}`]);
  return kechuangCommand([
    'run',
    summary.provenance.scenarioFile,
    '--runs',
    String(summary.runs),
    '--seed',
    String(summary.seed),
    ...sets,
  ]);
}

function scenarioSettings(summary: ScenarioSummary, scenario: ScenarioSpec, text: ReportText): string {
  const { provenance, engine } = summary;
  const names = text.settingNames;
  const code = (value: string) => `<code>${escapeHtml(value)}</code>`;
  const time = scenario.model.time;
  const rows: [string, string][] = [
    [names.scenario, code(summary.scenario)],
    [names.scenarioFile, code(provenance.scenarioFile)],
    ...(provenance.scenarioChain.length > 1
      ? [[names.extends, provenance.scenarioChain.slice(1).map(code).join(' → ')] as [string, string]]
      : []),
    [names.hash, code(provenance.scenarioHash)],
    [
      names.model,
      `${code(summary.model)}${scenario.model.doc === undefined ? '' : `: ${escapeHtml(scenario.model.doc)}`}`,
    ],
    [names.modelFile, code(provenance.modelFile)],
    [names.modelHash, code(provenance.modelHash)],
    ...(summary.calibration === undefined
      ? []
      : [
          [
            names.calibration,
            escapeHtml(
              text.calibration(
                summary.calibration.file,
                summary.calibration.from,
                summary.calibration.until,
                summary.calibration.written,
              ),
            ),
          ] as [string, string],
        ]),
    [names.runs, escapeHtml(text.number(summary.runs))],
    [names.seed, code(String(summary.seed))],
    [names.sampling, escapeHtml(`${text.sampling[summary.sampling]} (${summary.sampling})`)],
    [names.time, escapeHtml(text.timeSpan(time.start, time.stop, time.unit, time.dt, time.method))],
    [names.engine, escapeHtml(text.engine(engine.version, engine.workers, engine.wallSeconds.toFixed(2)))],
  ];
  const experiment = htmlTable(
    [text.setting.key, text.setting.value],
    rows.map(([key, value]) => [escapeHtml(key), value]),
    [],
    'settings',
  );
  const overridden = new Set(provenance.uncertain.filter((input) => input.overridden).map((input) => input.name));
  const uncertainRows = scenario.uncertainty.parameters.map((parameter) => {
    const label = variableLabel(scenario.model, parameter.name);
    return [
      code(parameter.name),
      escapeHtml(labelText(label)),
      escapeHtml(describeDistribution(parameter.distribution)),
      escapeHtml(label.unit ?? ''),
      overridden.has(parameter.name) ? escapeHtml(text.overridden) : '',
    ];
  });
  const head = text.uncertainHead;
  const uncertain =
    uncertainRows.length === 0
      ? `<p>${escapeHtml(text.noUncertain)}</p>`
      : htmlTable(
          [head.parameter, head.label, head.distribution, head.unit, head.note],
          uncertainRows,
          [],
          'uncertain',
        );
  const setRows = Object.entries(provenance.set).map(([name, value]) => [
    code(name),
    escapeHtml(labelText(variableLabel(scenario.model, name))),
    escapeHtml(formatNumber(value)),
  ]);
  const fixed =
    setRows.length === 0
      ? ''
      : `<h4>${text.fixed}</h4>\n${htmlTable([text.fixedHead.parameter, text.fixedHead.label, text.fixedHead.value], setRows, [2])}`;
  const policyRows = scenario.policies.map((policy) => [
    code(policy.name),
    escapeHtml(policy.interpolate),
    escapeHtml(policy.points.map((point) => `${point.time}: ${formatNumber(point.value)}`).join(', ')),
  ]);
  const policies =
    policyRows.length === 0
      ? ''
      : `<h4>${escapeHtml(text.policies)}</h4>\n${htmlTable([text.policyHead.parameter, text.policyHead.interpolate, text.policyHead.points], policyRows)}`;
  return `<div class="scroll">${experiment}</div>
<h4>${escapeHtml(text.uncertain)}</h4>
<div class="scroll">${uncertain}</div>
<div class="scroll">${fixed}</div>
<div class="scroll">${policies}</div>
<p>${escapeHtml(text.reproduce)} <code class="reproduce">${escapeHtml(reproduceCommand(summary))}</code></p>`;
}

/** The settings that reproduce each scenario's numbers: files and hashes, seed, runs, sampling, distributions, fixed values, policies. */
export function settingsSection(
  entries: readonly { summary: ScenarioSummary; scenario: ScenarioSpec }[],
  text: ReportText = reportText('en'),
): string {
  const heading = `<h2>${escapeHtml(text.settings)}</h2>`;
  if (entries.length === 1) return `${heading}\n${scenarioSettings(entries[0]!.summary, entries[0]!.scenario, text)}`;
  return `${heading}\n${entries.map(({ summary, scenario }) => `<h3>${escapeHtml(summary.scenario)}</h3>\n${scenarioSettings(summary, scenario, text)}`).join('\n')}`;
}

/** What made the page, and the font its Chinese text needs when none is embedded. */
export function reportFooter(engineVersion: string, text: ReportText = reportText('en'), neededFont?: string): string {
  const font = neededFont === undefined ? '' : ` ${escapeHtml(text.fontNote(neededFont))}`;
  return `<footer>${escapeHtml(text.footer(engineVersion, vegaLiteVersion, vegaVersion))}${font}</footer>`;
}
