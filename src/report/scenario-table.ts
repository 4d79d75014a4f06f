import { relative } from 'node:path';
import type { ScenarioSummary, TargetSummary } from '../experiment/scenario-summary.js';
import type { ModelSpec } from '../model/model-spec.js';
import { droppedNote, fitTable, wrapText, type TableColumn } from './fit-table.js';
import { formatNumber } from './format-number.js';
import { conditionText, withinBandText } from './internal/chart-parts.js';
import { shownValues } from './internal/shown-values.js';
import { displayUnit, quantityFormat, type QuantityFormat } from './quantity-format.js';
import { variableLabel } from './variable-label.js';

const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** How `run` prints a summary. */
export interface ScenarioTableOptions {
  /** Terminal width: tables wrap or leave columns out to fit it, unless `wide`. */
  width: number;
  wide?: boolean;
  /** `--unit`: units to show variables in, where they convert. */
  units?: readonly string[];
  /** `--set name=value` as typed, said in the header. */
  set?: readonly string[];
}

/** The median first year, and the share of runs never meeting the target (at least half when the median run never does). */
function firstMetText(target: TargetSummary): string {
  const { p50, neverShare } = target.firstMet;
  if (p50 === null) return `never (${percent(neverShare)} of runs)`;
  return neverShare > 0 ? `${p50}; ${percent(neverShare)} never` : String(p50);
}

/** Plain numbers when the model is not at hand; with it, each variable in its unit (the file's, a target's or `--unit`'s). */
type FormatOf = (variable: string, stated?: string) => Pick<QuantityFormat, 'number' | 'format' | 'unitShort'>;

const plainFormat: FormatOf = () => ({ number: formatNumber, format: formatNumber, unitShort: '' });

function unitFormats(summary: ScenarioSummary, model: ModelSpec, units: readonly string[]): FormatOf {
  return (variable, stated) => {
    const unit = variableLabel(model, variable).unit;
    return quantityFormat(variable, unit, shownValues(summary, variable), { unit: displayUnit(unit, units, stated) });
  };
}

const unitCell = (format: Pick<QuantityFormat, 'unitShort'>): string => format.unitShort;

function targetTable(summary: ScenarioSummary, formatOf: FormatOf, options: ScenarioTableOptions): string {
  const after = summary.targets[0]?.firstMet.countedAfter;
  const columns: TableColumn[] = [
    { head: 'target', wrapTo: 12, wrapLast: true },
    { head: 'condition', wrapTo: 14 },
    { head: 'unit', wrapTo: 6 },
    { head: 'probability', align: 'right' },
    { head: 'P5', align: 'right', dropOrder: 3 },
    { head: 'P50', align: 'right' },
    { head: 'P95', align: 'right', dropOrder: 2 },
    {
      head: after === undefined ? 'first met (median)' : `first met after ${after} (median)`,
      wrapTo: 10,
      dropOrder: 4,
    },
  ];
  const rows = summary.targets.map((target) => {
    const format = formatOf(target.variable, target.unit);
    return [
      target.id,
      `${target.variable} ${conditionText(target, { format: format.number, number: format.number })}`,
      unitCell(format),
      percent(target.probability),
      format.number(target.p5),
      format.number(target.p50),
      format.number(target.p95),
      firstMetText(target),
    ];
  });
  const fitted = fitTable(columns, rows, options);
  return `${fitted.text}\n${droppedNote(fitted.dropped, options.width)}`;
}

/** Each output's band at the last saved time. */
function finalValueTable(summary: ScenarioSummary, formatOf: FormatOf, options: ScenarioTableOptions): string {
  const columns: TableColumn[] = [
    { head: 'output', wrapTo: 12 },
    { head: 'time', align: 'right' },
    { head: 'unit', wrapTo: 6 },
    { head: 'mean', align: 'right', dropOrder: 1 },
    { head: 'P5', align: 'right' },
    { head: 'P50', align: 'right' },
    { head: 'P95', align: 'right' },
  ];
  const rows = Object.entries(summary.series).map(([name, series]) => {
    const last = series.time.length - 1;
    const format = formatOf(name);
    return [
      name,
      String(series.time[last]),
      unitCell(format),
      ...[series.mean, series.p5, series.p50, series.p95].map((values) => format.number(values[last]!)),
    ];
  });
  const fitted = fitTable(columns, rows, options);
  return `${fitted.text}\n${droppedNote(fitted.dropped, options.width)}`;
}

/** The lines under the header: what the scenario extends, what `--set` changed, the calibration it rests on. */
function headerLines(summary: ScenarioSummary, options: ScenarioTableOptions): string[] {
  const lines: string[] = [];
  const chain = summary.provenance.scenarioChain;
  if (chain.length > 1)
    lines.push(
      `extends ${chain
        .slice(1)
        .map((file) => relative('.', file))
        .join(' → ')}`,
    );
  if (options.set !== undefined && options.set.length > 0) lines.push(`--set ${options.set.join(', ')}`);
  const { calibration } = summary;
  if (calibration !== undefined)
    lines.push(
      `calibration ${relative('.', calibration.file)}: fitted to data ${calibration.from}-${calibration.until}, written ${calibration.written}`,
    );
  return lines;
}

/**
 * What `run` prints: the experiment in one line (then what it extends, the command line's `--set` and
 * the calibration it rests on), each target's odds and band with any notes, then each output's band
 * at the last saved time. Given the model, numbers are shown in their variable's unit as the model file
 * writes it (percentages for shares), a target's stated unit, or `--unit`; one unit per row, in its own
 * column. Tables fit `options.width` unless `options.wide`.
 */
export function formatScenarioTable(
  summary: ScenarioSummary,
  model?: ModelSpec,
  options: ScenarioTableOptions = { width: 120 },
): string {
  const formatOf = model === undefined ? plainFormat : unitFormats(summary, model, options.units ?? []);
  const { engine } = summary;
  const head =
    `scenario ${summary.scenario} (model ${summary.model}): ${summary.runs.toLocaleString('en-US')} runs, seed ${summary.seed}, ` +
    `${summary.sampling === 'lhs' ? 'Latin hypercube' : 'random'} sampling, ${engine.workers} worker${engine.workers === 1 ? '' : 's'}, ${engine.wallSeconds.toFixed(2)} s`;
  const bands = summary.targets.flatMap((target) => {
    const within = withinBandText(target, formatOf(target.variable, target.unit));
    return within === undefined
      ? []
      : [`${wrapText(`about ${target.id}: the probability counts runs ${within}`, options)}\n`];
  });
  const notes = summary.targets
    .filter((target) => target.note !== undefined)
    .map((target) => `${wrapText(`note on ${target.id}: ${target.note}`, options)}\n`);
  const targets =
    summary.targets.length > 0 ? `${targetTable(summary, formatOf, options)}${bands.join('')}${notes.join('')}` : '';
  return (
    [head, ...headerLines(summary, options)].join('\n') + `\n${targets}${finalValueTable(summary, formatOf, options)}`
  );
}
