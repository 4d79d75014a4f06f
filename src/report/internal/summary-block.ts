import type { ScenarioSummary, TargetSummary } from '../../experiment/scenario-summary.js';
import type { ScenarioSpec } from '../../scenario/scenario-spec.js';
import { describeDistribution } from '../describe-distribution.js';
import type { QuantityFormat } from '../quantity-format.js';
import { quantityFormat } from '../quantity-format.js';
import { targetStatus, type ReportText } from '../report-text.js';
import { variableLabel } from '../variable-label.js';
import { conditionText } from './chart-parts.js';
import { escapeHtml } from './html.js';

/** The first clause of a note or doc: what a reader takes in at a glance. */
function oneLine(text: string): string {
  const cut = text.search(/; | - |\. /);
  return cut > 0 && text.length > 140 ? `${text.slice(0, cut)}…` : text;
}

/** A parameter's value in a scenario, as people read it: fixed, a policy's points, a distribution, or the model's. */
function parameterValue(scenario: ScenarioSpec, name: string, format: QuantityFormat): string {
  const fixed = scenario.set.get(name);
  if (fixed !== undefined) return format.format(fixed);
  const policy = scenario.policies.find((candidate) => candidate.name === name);
  if (policy !== undefined)
    return policy.points.map((point) => `${point.time}: ${format.format(point.value)}`).join(', ');
  const uncertain = scenario.uncertainty.parameters.find((candidate) => candidate.name === name);
  if (uncertain !== undefined) return describeDistribution(uncertain.distribution);
  const parameter = scenario.model.parameters.find((candidate) => candidate.name === name);
  return parameter === undefined ? '—' : format.format(parameter.value);
}

/**
 * What a scenario changes against the one it extends, as list items: each fixed value and policy
 * whose value differs, before → after. A scenario that extends none (or only a calibration, which sets
 * no targets) is the baseline.
 */
export function scenarioChanges(scenario: ScenarioSpec, baseline: ScenarioSpec | undefined, text: ReportText): string {
  if (baseline === undefined || baseline.targets.length === 0) return `<p>${escapeHtml(text.isBaseline)}</p>`;
  const names = [...new Set([...scenario.set.keys(), ...scenario.policies.map((policy) => policy.name)])];
  const rows = names.flatMap((name) => {
    const unit = variableLabel(scenario.model, name).unit;
    const values = [scenario.set.get(name), baseline.set.get(name)].filter((value) => value !== undefined);
    const format = quantityFormat(name, unit, values);
    const before = parameterValue(baseline, name, format);
    const after = parameterValue(scenario, name, format);
    return before === after
      ? []
      : [`<li>${text.changeRow(escapeHtml(name), escapeHtml(before), escapeHtml(after))}</li>`];
  });
  return rows.length === 0
    ? `<p>${escapeHtml(text.noChanges(baseline.name))}</p>`
    : `<ul class="changes">${rows.join('')}</ul>`;
}

/** One target's line of the summary: its status, probability, median against the threshold, and reason. */
function statusItem(target: TargetSummary, scenario: ScenarioSpec, format: QuantityFormat, text: ReportText): string {
  const status = targetStatus(target.probability);
  const label = variableLabel(scenario.model, target.variable);
  const name = text.lang === 'zh' && label.chinese !== undefined ? label.chinese : label.english;
  const probability = `${(target.probability * 100).toFixed(1)}%`;
  const line = text.targetLine(probability, format.format(target.p50), conditionText(target, format, text));
  const reason = target.note ?? label.doc;
  return `<li class="${status}" data-target="${escapeHtml(target.id)}" data-status="${status}"><span class="badge">${escapeHtml(text.status[status])}</span> <strong>${escapeHtml(name)}</strong> <code>${escapeHtml(target.id)}</code>: ${escapeHtml(line)}${reason === undefined ? '' : `<div class="reason">${escapeHtml(oneLine(reason))}</div>`}</li>`;
}

/** The summary a director reads first: each target's status, the scenario's description, what it changes. */
export function summaryBlock(
  summary: ScenarioSummary,
  scenario: ScenarioSpec,
  formatOf: (target: TargetSummary) => QuantityFormat,
  changes: string,
  text: ReportText,
): string {
  const items = summary.targets.map((target) => statusItem(target, scenario, formatOf(target), text));
  const targets =
    items.length === 0
      ? `<p>${escapeHtml(text.noTargets)}</p>`
      : `<ul class="status">${items.join('\n')}</ul>\n<p class="key">${escapeHtml(text.statusKey)}</p>`;
  const baselineName = scenario.chain.length > 1 ? (scenario.chain[1] ?? '') : '';
  return `<section class="summary" id="summary">
<h2>${escapeHtml(text.summary)}</h2>
${targets}
<h3>${escapeHtml(text.description)}</h3>
<p class="description">${escapeHtml(scenario.description ?? text.noDescription)}</p>
<h3>${escapeHtml(text.changes(baselineName.replace(/^.*\//, '').replace(/\.ya?ml$/, '')))}</h3>
${changes}
</section>`;
}
