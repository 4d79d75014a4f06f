import { Document, isScalar, visit } from 'yaml';
import { checkUnits } from './check-units.js';
import { bindingsFor, elementName, elementTuples, type ArrayScope } from './expand-arrays.js';
import { formatExpression } from './expression.js';
import type { DimensionSpec, Documented, ElementSpec, Equation, ModelSpec } from './model-spec.js';
import { modelElements } from './model-spec.js';

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
/** Whether the model passes the unit check with its clock's unit and no other (`sin(time)` in months does not). */
function timeUnitPasses(model: ModelSpec): boolean {
  const bare = <T extends ElementSpec>(element: T): T => ({ ...element, unit: undefined });
  const stripped: ModelSpec = {
    ...model,
    unitsChecked: true,
    parameters: model.parameters.map(bare),
    lookups: model.lookups.map(bare),
    stocks: model.stocks.map(bare),
    flows: model.flows.map(bare),
    auxiliaries: model.auxiliaries.map(bare),
  };
  return !checkUnits(stripped).some((diagnostic) => diagnostic.severity === 'error');
}

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
  // Without the elements' units, a clock in months makes `sin(time)` fail the check: the clock is then unitless.
  if (keepUnits || unitName.test(model.time.unit))
    time['unit'] = keepUnits || timeUnitPasses(model) ? model.time.unit : '1';
  const fieldsOf = (element: ElementSpec): Record<string, unknown> => {
    switch (element.kind) {
      case 'parameter':
        return {
          value: element.value,
          ...(element.min === undefined ? {} : { min: element.min }),
          ...(element.max === undefined ? {} : { max: element.max }),
        };
      case 'lookup':
        return { points: element.xs.map((x, index) => [x, element.ys[index]]) };
      case 'stock':
        return {
          initial: equationValue(element.initial),
          ...(element.inflows.length === 0 ? {} : { inflows: [...element.inflows] }),
          ...(element.outflows.length === 0 ? {} : { outflows: [...element.outflows] }),
          ...(element.nonNegative === true ? { non_negative: true } : {}),
        };
      case 'flow':
      case 'aux':
        return { equation: equationValue(element.equation) };
    }
  };
  const arrayEntries = arrayDefinitionEntries(model, fieldsOf);
  const sections: Record<string, Record<string, unknown>> = {};
  for (const element of modelElements(model)) {
    if (element.array === undefined) {
      (sections[sectionNames[element.kind]] ??= {})[element.name] = {
        ...fieldsOf(element),
        ...describedFields(element, keepUnits),
      };
      continue;
    }
    for (const entry of arrayEntries.get(element.name) ?? [])
      (sections[sectionNames[entry.kind]] ??= {})[entry.key] = {
        ...entry.fields,
        ...describedFields(entry.described, keepUnits),
      };
  }
  const content: Record<string, unknown> = { name: model.name };
  if (model.doc !== undefined) content['doc'] = model.doc;
  content['time'] = time;
  if (model.dimensions !== undefined && model.dimensions.length > 0)
    content['dimensions'] = Object.fromEntries(
      model.dimensions.map((dimension) => [dimension.name, dimensionValue(dimension)]),
    );
  for (const name of ['parameters', 'lookups', 'stocks', 'flows', 'auxiliaries'])
    if (sections[name] !== undefined) content[name] = sections[name];
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

const sectionNames: Record<ElementSpec['kind'], string> = {
  parameter: 'parameters',
  lookup: 'lookups',
  stock: 'stocks',
  flow: 'flows',
  aux: 'auxiliaries',
};

/** A dimension as `dimensions:` writes it: the element list, or `{ elements, of, maps_to, labels }`. */
function dimensionValue(dimension: DimensionSpec): unknown {
  const labels = dimension.elementDisplayNames;
  const plain =
    dimension.parent === undefined &&
    (dimension.mappings === undefined || dimension.mappings.length === 0) &&
    (labels === undefined || labels.every((label, index) => label === dimension.elements[index]));
  if (plain) return [...dimension.elements];
  return {
    elements: [...dimension.elements],
    ...(dimension.parent === undefined ? {} : { of: dimension.parent }),
    ...(dimension.mappings === undefined || dimension.mappings.length === 0
      ? {}
      : {
          maps_to: dimension.mappings.every((mapping) => mapping.elements === undefined)
            ? dimension.mappings.map((mapping) => mapping.to)
            : Object.fromEntries(dimension.mappings.map((mapping) => [mapping.to, [...(mapping.elements ?? [])]])),
        }),
    ...(labels === undefined ? {} : { labels: [...labels] }),
  };
}

/** One key of a section written for an array: `capacity[district]` with its fields. */
interface ArrayEntry {
  key: string;
  kind: ElementSpec['kind'];
  fields: Record<string, unknown>;
  described: Documented;
}

/**
 * The keys each array is written as, filed under the name of its first element. A definition whose
 * elements are all of one kind (and, for stocks, take the same flows) is written as it was defined
 * (`capacity[district]` with one equation, or the values of its elements as a list); otherwise each
 * element gets a key of its own with its equation as expanded.
 */
function arrayDefinitionEntries(
  model: ModelSpec,
  fieldsOf: (element: ElementSpec) => Record<string, unknown>,
): Map<string, ArrayEntry[]> {
  const byName = new Map(modelElements(model).map((element) => [element.name, element]));
  const dimensions = new Map((model.dimensions ?? []).map((dimension) => [dimension.name, dimension]));
  const arrayDims = new Map((model.arrays ?? []).map((array) => [array.name, array.dimensions]));
  const scope: ArrayScope = { dimensions, dimensionsOf: (name) => arrayDims.get(name) };
  const result = new Map<string, ArrayEntry[]>();
  for (const array of model.arrays ?? []) {
    const entries: ArrayEntry[] = [];
    let first: string | undefined;
    const named = (element: ElementSpec): Documented => ({
      ...element,
      label: array.displayName === undefined || array.displayName === array.name ? undefined : array.displayName,
    });
    // An array of constants is written as one list over its dimensions, however its elements were defined.
    const all = elementTuples(scope, array.dimensions).map((tuple) => byName.get(elementName(array.name, tuple)));
    const head = all[0];
    if (head !== undefined && all.every((element) => element?.kind === 'parameter')) {
      const values = all.map((element) => (element?.kind === 'parameter' ? element.value : NaN));
      const fields = fieldsOf(head);
      fields['value'] = values.every((value) => value === values[0]) ? values[0] : values;
      result.set(head.name, [
        { key: `${array.name}[${array.dimensions.join(', ')}]`, kind: 'parameter', fields, described: named(head) },
      ]);
      continue;
    }
    for (const definition of array.definitions) {
      const members = elementTuples(scope, definition.subscripts).flatMap((tuple) => {
        const element = byName.get(elementName(array.name, tuple));
        return element === undefined ? [] : [{ element, tuple }];
      });
      const lead = members[0]?.element;
      if (lead === undefined) continue;
      first ??= lead.name;
      const key = `${array.name}[${definition.subscripts.join(', ')}]`;
      const sameKind = members.every(({ element }) => element.kind === lead.kind);
      const flowsInStep = (role: 'inflows' | 'outflows'): string[] | undefined => {
        if (lead.kind !== 'stock') return [];
        const bases = lead[role].map((flow) => byName.get(flow)?.array?.name ?? flow);
        const inStep = members.every(({ element, tuple }) => {
          if (element.kind !== 'stock') return false;
          const bindings = bindingsFor(scope, definition.subscripts, tuple);
          return element[role].every((flow, index) => {
            const base = bases[index]!;
            const dims = arrayDims.get(base);
            if (dims === undefined) return flow === base;
            return (
              flow ===
              elementName(
                base,
                dims.map((dimension) => bindings.get(dimension) ?? ''),
              )
            );
          });
        });
        return inStep ? bases : undefined;
      };
      const inflows = flowsInStep('inflows');
      const outflows = flowsInStep('outflows');
      if (sameKind && inflows !== undefined && outflows !== undefined) {
        const fields = fieldsOf(lead);
        if (lead.kind === 'parameter') {
          const values = members.map(({ element }) => (element.kind === 'parameter' ? element.value : NaN));
          fields['value'] = values.every((value) => value === values[0]) ? values[0] : values;
        } else if (lead.kind === 'stock') {
          fields['initial'] = textValue(definition.text);
          if (inflows.length > 0) fields['inflows'] = inflows;
          if (outflows.length > 0) fields['outflows'] = outflows;
        } else if (lead.kind === 'flow' || lead.kind === 'aux') {
          fields['equation'] = textValue(definition.text);
        }
        entries.push({ key, kind: lead.kind, fields, described: named(lead) });
        continue;
      }
      for (const { element } of members) {
        const fields = fieldsOf(element);
        if (element.kind === 'stock') fields['initial'] = textValue(formatExpression(element.initial.expression));
        if (element.kind === 'flow' || element.kind === 'aux')
          fields['equation'] = textValue(formatExpression(element.equation.expression));
        entries.push({ key: element.name, kind: element.kind, fields, described: element });
      }
    }
    if (first !== undefined) result.set(first, entries);
  }
  return result;
}

const textValue = (text: string): string | number => (plainNumber.test(text.trim()) ? Number(text) : text);
