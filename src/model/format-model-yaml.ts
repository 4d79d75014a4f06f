import { Document, isScalar, visit } from 'yaml';
import { checkUnits } from './check-units.js';
import type { Documented, Equation, ModelSpec } from './model-spec.js';

const plainNumber = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const unitName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Optional descriptive fields, only those the element has. */
function describedFields(element: Documented, withUnit: boolean): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (withUnit && element.unit !== undefined) fields['unit'] = element.unit;
  if (element.doc !== undefined) fields['doc'] = element.doc;
  if (element.label !== undefined) fields['label'] = element.label;
  if (element.labelZh !== undefined) fields['label_zh'] = element.labelZh;
  if (element.source !== undefined) fields['source'] = element.source;
  if (element.assumption !== undefined) fields['assumption'] = element.assumption;
  return fields;
}

const equationValue = (equation: Equation): string | number =>
  plainNumber.test(equation.text.trim()) ? Number(equation.text) : equation.text;

/**
 * Write a model as a Kechuang YAML model file that reads back to the same run (`kechuang convert`).
 * Units a file declared without checking them (XMILE) are kept only if they pass Kechuang's unit
 * check; otherwise they are left out and a comment at the top says why.
 */
export function formatModelYaml(model: ModelSpec): string {
  const fileName = model.file.replace(/^.*[\\/]/, '');
  let keepUnits = true;
  let unitNote: string | undefined;
  if (model.unitsChecked === false) {
    const problems = checkUnits({ ...model, unitsChecked: true }).filter(
      (diagnostic) => diagnostic.severity === 'error',
    );
    if (problems.length > 0) {
      keepUnits = false;
      const first = problems[0]!;
      unitNote = ` The units of ${fileName} were left out: they do not pass Kechuang's unit check (line ${first.line}: ${first.message}).`;
    }
  }
  const time: Record<string, unknown> = {
    start: model.time.start,
    stop: model.time.stop,
    dt: model.time.dt,
    method: model.time.method,
  };
  if (model.time.saveEveryDeclared) time['save_every'] = model.time.saveEvery;
  if (keepUnits || unitName.test(model.time.unit)) time['unit'] = model.time.unit;
  const section = <T extends Documented>(
    elements: readonly T[],
    fields: (element: T) => Record<string, unknown>,
  ): Record<string, unknown> | undefined =>
    elements.length === 0
      ? undefined
      : Object.fromEntries(
          elements.map((element) => [element.name, { ...fields(element), ...describedFields(element, keepUnits) }]),
        );
  const content: Record<string, unknown> = { name: model.name };
  if (model.doc !== undefined) content['doc'] = model.doc;
  content['time'] = time;
  const sections: Record<string, Record<string, unknown> | undefined> = {
    parameters: section(model.parameters, (parameter) => ({
      value: parameter.value,
      ...(parameter.min === undefined ? {} : { min: parameter.min }),
      ...(parameter.max === undefined ? {} : { max: parameter.max }),
    })),
    lookups: section(model.lookups, (lookup) => ({ points: lookup.xs.map((x, index) => [x, lookup.ys[index]]) })),
    stocks: section(model.stocks, (stock) => ({
      initial: equationValue(stock.initial),
      ...(stock.inflows.length === 0 ? {} : { inflows: [...stock.inflows] }),
      ...(stock.outflows.length === 0 ? {} : { outflows: [...stock.outflows] }),
      ...(stock.nonNegative === true ? { non_negative: true } : {}),
    })),
    flows: section(model.flows, (flow) => ({ equation: equationValue(flow.equation) })),
    auxiliaries: section(model.auxiliaries, (aux) => ({ equation: equationValue(aux.equation) })),
  };
  for (const [name, value] of Object.entries(sections)) if (value !== undefined) content[name] = value;
  const document = new Document(content);
  // Points and flow lists read best on one line: [0, 1], [births, imports].
  visit(document, {
    Seq: (_, node) => {
      if (node.items.every((item) => isScalar(item))) node.flow = true;
    },
  });
  document.commentBefore = ` Converted from ${fileName} by kechuang convert.${unitNote ?? ''}`;
  return document.toString({ lineWidth: 0 });
}
