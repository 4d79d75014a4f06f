import Table from 'cli-table3';
import type { ScenarioSummary, TargetSummary } from '../experiment/scenario-summary.js';
import type { ModelSpec } from '../model/model-spec.js';
import { formatNumber } from './format-number.js';
import { conditionText, withinBandText } from './internal/chart-parts.js';
import { shownValues } from './internal/shown-values.js';
import { quantityFormat, type QuantityFormat } from './quantity-format.js';
import { variableLabel } from './variable-label.js';
import { compactRows } from './simulation-table.js';

const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** The median first year, and the share of runs never meeting the target (at least half when the median run never does). */
function firstMetText(target: TargetSummary): string {
  const { p50, neverShare } = target.firstMet;
  if (p50 === null) return `never (${percent(neverShare)} of runs)`;
  return neverShare > 0 ? `${p50}; ${percent(neverShare)} never` : String(p50);
}

/** Plain numbers when the model is not at hand; with it, each variable in its unit (亿元 or 万亿元, percentages). */
type FormatOf = (variable: string) => Pick<QuantityFormat, 'number' | 'format' | 'unitShort'>;

const plainFormat: FormatOf = () => ({ number: formatNumber, format: formatNumber, unitShort: '' });

function unitFormats(summary: ScenarioSummary, model: ModelSpec): FormatOf {
  return (variable) => quantityFormat(variable, variableLabel(model, variable).unit, shownValues(summary, variable));
}

function targetTable(summary: ScenarioSummary, formatOf: FormatOf): string {
  const table = new Table({
    head: ['target', 'condition', 'probability', 'P5', 'P50', 'P95', 'first met (median)'],
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'left'],
    style: { head: [], border: [] },
    chars: compactRows,
  });
  for (const target of summary.targets) {
    const format = formatOf(target.variable);
    table.push([
      target.id,
      `${target.variable} ${conditionText(target, format)}`,
      percent(target.probability),
      format.number(target.p5),
      format.number(target.p50),
      format.number(target.p95),
      firstMetText(target),
    ]);
  }
  return table.toString();
}

/** Each output's band at the last saved time. */
function finalValueTable(summary: ScenarioSummary, formatOf: FormatOf): string {
  const table = new Table({
    head: ['output', 'time', 'mean', 'P5', 'P50', 'P95', 'unit'],
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'left'],
    style: { head: [], border: [] },
    chars: compactRows,
  });
  for (const [name, series] of Object.entries(summary.series)) {
    const last = series.time.length - 1;
    const format = formatOf(name);
    table.push([
      name,
      String(series.time[last]),
      ...[series.mean, series.p5, series.p50, series.p95].map((values) => format.number(values[last]!)),
      format.unitShort,
    ]);
  }
  return table.toString();
}

/**
 * What `run` prints: the experiment in one line, each target's odds and band with any notes, then each
 * output's band at the last saved time. Given the model, numbers are shown in their units (亿元 or
 * 万亿元, percentages with one decimal; see `quantityFormat`), else as plain numbers.
 */
export function formatScenarioTable(summary: ScenarioSummary, model?: ModelSpec): string {
  const formatOf = model === undefined ? plainFormat : unitFormats(summary, model);
  const { engine } = summary;
  const head =
    `scenario ${summary.scenario} (model ${summary.model}): ${summary.runs.toLocaleString('en-US')} runs, seed ${summary.seed}, ` +
    `${summary.sampling === 'lhs' ? 'Latin hypercube' : 'random'} sampling, ${engine.workers} worker${engine.workers === 1 ? '' : 's'}, ${engine.wallSeconds.toFixed(2)} s`;
  const bands = summary.targets.flatMap((target) => {
    const within = withinBandText(target, formatOf(target.variable));
    return within === undefined ? [] : [`about ${target.id}: the probability counts runs ${within}\n`];
  });
  const notes = summary.targets
    .filter((target) => target.note !== undefined)
    .map((target) => `note on ${target.id}: ${target.note}\n`);
  const targets =
    summary.targets.length > 0 ? `${targetTable(summary, formatOf)}\n${bands.join('')}${notes.join('')}` : '';
  return `${head}\n${targets}${finalValueTable(summary, formatOf)}\n`;
}
