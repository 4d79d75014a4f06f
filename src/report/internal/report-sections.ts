import { version as vegaVersion } from 'vega';
import { version as vegaLiteVersion } from 'vega-lite';
import type { ScenarioSummary } from '../../experiment/scenario-summary.js';
import type { ScenarioSpec } from '../../scenario/scenario-spec.js';
import { describeDistribution } from '../describe-distribution.js';
import { formatNumber } from '../format-number.js';
import { labelText, variableLabel, type VariableLabel } from '../variable-label.js';
import { escapeHtml, htmlTable } from './html.js';

/** One chart with its caption: the variable's identifier, unit and documentation. */
export function chartFigure(name: string, svg: string, label: VariableLabel): string {
  const caption = [
    `<code>${escapeHtml(name)}</code>`,
    label.unit === undefined ? '' : ` in ${escapeHtml(label.unit)}`,
    label.doc === undefined ? '' : `: ${escapeHtml(label.doc)}`,
  ].join('');
  return `<figure class="chart" data-variable="${escapeHtml(name)}">\n${svg}\n<figcaption>${caption}</figcaption>\n</figure>`;
}

const samplingWords = { lhs: 'Latin hypercube (lhs)', random: 'random' } as const;

/** The `kechuang run` command line that redoes these numbers (every fixed value included, so command-line `--set`s are too). */
export function reproduceCommand(summary: ScenarioSummary): string {
  const sets = Object.entries(summary.provenance.set).map(([name, value]) => `--set ${name}=${value}`);
  return [
    'kechuang run',
    summary.provenance.scenarioFile,
    `--runs ${summary.runs}`,
    `--seed ${summary.seed}`,
    ...sets,
  ].join(' ');
}

const keyValue = (rows: readonly (readonly [string, string])[]): string =>
  htmlTable(
    ['setting', 'value'],
    rows.map(([key, value]) => [escapeHtml(key), value]),
    [],
    'settings',
  );

function scenarioSettings(summary: ScenarioSummary, scenario: ScenarioSpec): string {
  const { provenance, engine } = summary;
  const code = (text: string) => `<code>${escapeHtml(text)}</code>`;
  const experiment = keyValue([
    ['scenario', code(summary.scenario)],
    ['scenario file', code(provenance.scenarioFile)],
    ...(provenance.scenarioChain.length > 1
      ? [['extends', provenance.scenarioChain.slice(1).map(code).join(' → ')] as const]
      : []),
    ['scenario files sha256', code(provenance.scenarioHash)],
    ['model', `${code(summary.model)}${scenario.model.doc === undefined ? '' : `: ${escapeHtml(scenario.model.doc)}`}`],
    ['model file', code(provenance.modelFile)],
    ['model file sha256', code(provenance.modelHash)],
    ['runs', escapeHtml(summary.runs.toLocaleString('en-US'))],
    ['seed', code(String(summary.seed))],
    ['sampling', escapeHtml(samplingWords[summary.sampling])],
    [
      'time',
      escapeHtml(
        `${scenario.model.time.start} to ${scenario.model.time.stop} ${scenario.model.time.unit}, dt ${scenario.model.time.dt}, ${scenario.model.time.method}`,
      ),
    ],
    [
      'engine',
      escapeHtml(
        `Kechuang ${engine.version}, ${engine.workers} worker${engine.workers === 1 ? '' : 's'}, ${engine.wallSeconds.toFixed(2)} s`,
      ),
    ],
  ]);
  const overridden = new Set(provenance.uncertain.filter((input) => input.overridden).map((input) => input.name));
  const uncertainRows = scenario.uncertainty.parameters.map((parameter) => {
    const label = variableLabel(scenario.model, parameter.name);
    return [
      code(parameter.name),
      escapeHtml(labelText(label)),
      escapeHtml(describeDistribution(parameter.distribution)),
      escapeHtml(label.unit ?? ''),
      overridden.has(parameter.name) ? 'drawn but not used: a fixed value or a policy overrides it' : '',
    ];
  });
  const uncertain =
    uncertainRows.length === 0
      ? '<p>No uncertain parameters: every run is the same.</p>'
      : htmlTable(['parameter', 'label', 'distribution', 'unit', 'note'], uncertainRows, [], 'uncertain');
  const setRows = Object.entries(provenance.set).map(([name, value]) => [
    code(name),
    escapeHtml(labelText(variableLabel(scenario.model, name))),
    escapeHtml(formatNumber(value)),
  ]);
  const fixed =
    setRows.length === 0
      ? ''
      : `<h4>Fixed values (<code>set</code>)</h4>\n${htmlTable(['parameter', 'label', 'value'], setRows, [2])}`;
  const policyRows = scenario.policies.map((policy) => [
    code(policy.name),
    escapeHtml(policy.interpolate),
    escapeHtml(policy.points.map((point) => `${point.time}: ${formatNumber(point.value)}`).join(', ')),
  ]);
  const policies =
    policyRows.length === 0
      ? ''
      : `<h4>Policies</h4>\n${htmlTable(['parameter', 'interpolate', 'points (time: value)'], policyRows)}`;
  return `${experiment}
<h4>Uncertain parameters</h4>
${uncertain}
${fixed}
${policies}
<p>Reproduce these numbers: <code class="reproduce">${escapeHtml(reproduceCommand(summary))}</code></p>`;
}

/** The settings that reproduce each scenario's numbers: files and hashes, seed, runs, sampling, distributions, fixed values, policies. */
export function settingsSection(entries: readonly { summary: ScenarioSummary; scenario: ScenarioSpec }[]): string {
  if (entries.length === 1) return `<h2>Settings</h2>\n${scenarioSettings(entries[0]!.summary, entries[0]!.scenario)}`;
  return `<h2>Settings</h2>\n${entries.map(({ summary, scenario }) => `<h3>${escapeHtml(summary.scenario)}</h3>\n${scenarioSettings(summary, scenario)}`).join('\n')}`;
}

/** What made the page. */
export function reportFooter(engineVersion: string): string {
  return `<footer>Made by Kechuang ${escapeHtml(engineVersion)}; charts by vega-lite ${escapeHtml(vegaLiteVersion)} and vega ${escapeHtml(vegaVersion)}, rendered to SVG when the report was written. This file needs no network connection.</footer>`;
}
