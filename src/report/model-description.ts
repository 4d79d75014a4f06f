import Table from 'cli-table3';
import type { ModelSpec } from '../model/model-spec.js';
import { formatNumber } from './format-number.js';

const text = (value: string | undefined): string => value ?? '';
const range = (min: number | undefined, max: number | undefined): string =>
  min === undefined && max === undefined
    ? ''
    : `[${min === undefined ? '-inf' : formatNumber(min)}, ${max === undefined ? 'inf' : formatNumber(max)}]`;

function section(title: string, head: string[], rows: string[][], width: number): string {
  if (rows.length === 0) return `${title}: none`;
  const docWidth = Math.max(20, Math.min(60, width - 80));
  const table = new Table({
    head,
    style: { head: [], border: [] },
    colWidths: head.map((name) => (name === 'doc' ? docWidth : null)),
    wordWrap: true,
  });
  for (const row of rows) table.push(row);
  return `${title} (${rows.length})\n${table.toString()}`;
}

/** The model's elements as tables for `kechuang describe`: what there is, in which unit, and what can be tuned. */
export function formatModelDescription(model: ModelSpec, width: number): string {
  const label = (element: { label: string | undefined; labelZh: string | undefined }): string =>
    [element.label, element.labelZh].filter((part) => part !== undefined).join(' / ');
  const describe = (element: {
    label: string | undefined;
    labelZh: string | undefined;
    doc: string | undefined;
  }): string => [label(element), text(element.doc)].filter((part) => part !== '').join(': ');
  const time = model.time;
  const lines = [
    `${model.name}${model.doc === undefined ? '' : `: ${model.doc}`}`,
    `file ${model.file}; time ${time.start} to ${time.stop} ${time.unit}, dt ${time.dt}, ${time.method}, saved every ${time.saveEvery}`,
    '',
    section(
      'Parameters',
      ['name', 'value', 'unit', 'range', 'doc', 'source'],
      model.parameters.map((parameter) => [
        parameter.name,
        formatNumber(parameter.value),
        text(parameter.unit),
        range(parameter.min, parameter.max),
        describe(parameter),
        parameter.source ??
          (parameter.assumption === undefined
            ? ''
            : `assumption${typeof parameter.assumption === 'string' ? `: ${parameter.assumption}` : ''}`),
      ]),
      width,
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
      width,
    ),
    '',
    ...(['flows', 'auxiliaries'] as const).flatMap((kind) => [
      section(
        kind === 'flows' ? 'Flows' : 'Auxiliaries',
        ['name', 'equation', 'unit', 'doc'],
        model[kind].map((element) => [element.name, element.equation.text, text(element.unit), describe(element)]),
        width,
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
      width,
    ),
  ];
  return lines.join('\n');
}
