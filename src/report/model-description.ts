import { droppedNote, fitTable, wrapText, type TableColumn, type TableFit } from './fit-table.js';
import type { ModelSpec, ParameterSpec } from '../model/model-spec.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { describeDistribution } from './describe-distribution.js';
import { formatNumber } from './format-number.js';

const text = (value: string | undefined): string => value ?? '';
const range = (min: number | undefined, max: number | undefined): string =>
  min === undefined && max === undefined
    ? ''
    : `[${min === undefined ? '-inf' : formatNumber(min)}, ${max === undefined ? 'inf' : formatNumber(max)}]`;

/** Columns that wrap, and how narrow each may get; `source` is left out first, then `doc`. */
const columnFits: Record<string, Pick<TableColumn, 'wrapTo' | 'dropOrder'>> = {
  name: { wrapTo: 14 },
  value: { wrapTo: 10 },
  unit: { wrapTo: 8 },
  range: { wrapTo: 10 },
  doc: { wrapTo: 20, dropOrder: 1 },
  source: { wrapTo: 16, dropOrder: 2 },
  initial: { wrapTo: 12 },
  inflows: { wrapTo: 10 },
  outflows: { wrapTo: 10 },
  equation: { wrapTo: 16 },
  points: { wrapTo: 16 },
  distribution: { wrapTo: 16 },
  policy: { wrapTo: 16 },
};

function section(title: string, head: string[], rows: string[][], fit: TableFit): string {
  if (rows.length === 0) return `${title}: none`;
  const columns = head.map((name): TableColumn => ({ head: name, ...columnFits[name] }));
  const fitted = fitTable(columns, rows, fit);
  return `${title} (${rows.length})\n${fitted.text}\n${droppedNote(fitted.dropped, fit.width)}`.trimEnd();
}

/** A parameter's value: a calendar year as a year (2023), every other number grouped (12,000). */
function parameterValue(parameter: ParameterSpec, value: number): string {
  return parameter.unit === 'year' && Number.isInteger(value) ? String(value) : formatNumber(value);
}

/** A parameter's value in a scenario: its fixed value, its policy's points, its distribution, or the model's value. */
function scenarioValue(parameter: ParameterSpec, scenario: ScenarioSpec): string {
  const fixed = scenario.set.get(parameter.name);
  if (fixed !== undefined)
    return `${parameterValue(parameter, fixed)} (set${fixed === parameter.value ? '' : `; model ${parameterValue(parameter, parameter.value)}`})`;
  const policy = scenario.policies.find((candidate) => candidate.name === parameter.name);
  if (policy !== undefined)
    return `policy, ${policy.interpolate}: ${policy.points.map((point) => `${point.time}: ${formatNumber(point.value)}`).join(', ')}`;
  const uncertain = scenario.uncertainty.parameters.find((candidate) => candidate.name === parameter.name);
  if (uncertain !== undefined) return describeDistribution(uncertain.distribution);
  return parameterValue(parameter, parameter.value);
}

/**
 * The model's elements as tables for `kechuang describe`: what there is, in which unit, and what can be
 * tuned; given a scenario, each parameter's value is the scenario's (fixed, a policy or a distribution),
 * under a header naming the scenario, what it extends and its targets. Tables fit `fit.width`.
 */
export function formatModelDescription(model: ModelSpec, fit: TableFit, scenario?: ScenarioSpec): string {
  const label = (element: { label: string | undefined; labelZh: string | undefined }): string =>
    [element.label, element.labelZh].filter((part) => part !== undefined).join(' / ');
  const describe = (element: {
    label: string | undefined;
    labelZh: string | undefined;
    doc: string | undefined;
  }): string => [label(element), text(element.doc)].filter((part) => part !== '').join(': ');
  const time = model.time;
  const scenarioLines =
    scenario === undefined
      ? []
      : [
          `scenario ${scenario.name} (${scenario.file})${scenario.chain.length > 1 ? `, extends ${scenario.chain.slice(1).join(' → ')}` : ''}`,
          ...(scenario.description === undefined ? [] : [scenario.description]),
          `${scenario.uncertainty.runCount.toLocaleString('en-US')} runs, seed ${scenario.uncertainty.seed}; targets: ${
            scenario.targets.length === 0
              ? 'none'
              : scenario.targets
                  .map(
                    (target) =>
                      `${target.id} (${target.variable} ${target.op} ${formatNumber(target.threshold)} in ${target.year})`,
                  )
                  .join(', ')
          }`,
          "parameter values below are the scenario's: fixed (set), policies and distributions over the model's",
          '',
        ];
  const lines = [
    ...scenarioLines.map((line) => wrapText(line, fit)),
    wrapText(`${model.name}${model.doc === undefined ? '' : `: ${model.doc}`}`, fit),
    `file ${model.file}; time ${time.start} to ${time.stop} ${time.unit}, dt ${time.dt}, ${time.method}, saved every ${time.saveEvery}`,
    '',
    section(
      'Parameters',
      ['name', 'value', 'unit', 'range', 'doc', 'source'],
      model.parameters.map((parameter) => [
        parameter.name,
        scenario === undefined ? parameterValue(parameter, parameter.value) : scenarioValue(parameter, scenario),
        text(parameter.unit),
        range(parameter.min, parameter.max),
        describe(parameter),
        parameter.source ??
          (parameter.assumption === undefined
            ? ''
            : `assumption${typeof parameter.assumption === 'string' ? `: ${parameter.assumption}` : ''}`),
      ]),
      fit,
    ),
    '',
    section(
      'Stocks',
      ['name', 'initial', 'unit', 'inflows', 'outflows', 'doc'],
      model.stocks.map((stock) => [
        stock.name,
        stock.initial.text,
        text(stock.unit),
        stock.inflows.join(', '),
        stock.outflows.join(', '),
        describe(stock),
      ]),
      fit,
    ),
    '',
    ...(['flows', 'auxiliaries'] as const).flatMap((kind) => [
      section(
        kind === 'flows' ? 'Flows' : 'Auxiliaries',
        ['name', 'equation', 'unit', 'doc'],
        model[kind].map((element) => [element.name, element.equation.text, text(element.unit), describe(element)]),
        fit,
      ),
      '',
    ]),
    section(
      'Lookups',
      ['name', 'points', 'unit', 'doc'],
      model.lookups.map((lookup) => [
        lookup.name,
        lookup.xs.map((x, index) => `(${formatNumber(x)}, ${formatNumber(lookup.ys[index]!)})`).join(' '),
        text(lookup.unit),
        text(lookup.doc),
      ]),
      fit,
    ),
  ];
  return lines.join('\n');
}
