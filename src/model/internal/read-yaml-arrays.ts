import type { FieldReader } from '../../diagnostics/field-reader.js';
import { describeValue, isRecord } from '../../diagnostics/field-reader.js';
import { messages } from '../../diagnostics/messages.js';
import type { FieldPath } from '../../diagnostics/yaml-document.js';
import { formatFieldPath } from '../../diagnostics/yaml-document.js';
import { arrayDimensions, inferSubranges } from '../array-layout.js';
import { bindingsFor, elementName, elementTuples, instantiateExpression, type ArrayScope } from '../expand-arrays.js';
import type { ArraySpec, DimensionMapping, DimensionSpec, ElementSpec, Equation, StockSpec } from '../model-spec.js';
import { locateInEquation } from '../model-spec.js';

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;
const dimensionFields = ['elements', 'of', 'maps_to', 'labels'];

/**
 * `dimensions:`: each a list of element names, or `{ elements, of, maps_to, labels }` where `of` names
 * the dimension a subrange's elements come from, `maps_to` a dimension (or `{ dimension: [elements] }`)
 * this one stands for element by element, and `labels` the elements as they should print. A dimension
 * whose elements all belong to another is a subrange of it even without `of`.
 */
export function readDimensions(reader: FieldReader, value: unknown): DimensionSpec[] {
  const record = reader.record(value, ['dimensions'], 'a mapping of dimension names to element lists');
  if (record === undefined) return [];
  const dimensions: DimensionSpec[] = [];
  for (const [name, entry] of Object.entries(record)) {
    const path: FieldPath = ['dimensions', name];
    reader.remember(path, 'key');
    if (!identifier.test(name)) reader.report(path, messages.invalidName(name), 'key');
    const fields = Array.isArray(entry) ? { elements: entry } : reader.record(entry, path, 'a list of element names');
    if (fields === undefined) continue;
    if (!Array.isArray(entry)) reader.checkKeys(fields, path, dimensionFields);
    const elementsPath = Array.isArray(entry) ? path : [...path, 'elements'];
    const elements = reader.stringList(fields['elements'], elementsPath);
    if (elements.length === 0) {
      reader.report(elementsPath, messages.missingField('elements', 'a list of element names'));
      continue;
    }
    elements.forEach((element, index) => {
      if (!identifier.test(element)) reader.report([...elementsPath, index], messages.invalidName(element));
    });
    const labels = reader.stringList(fields['labels'], [...path, 'labels']);
    const parent = reader.string(fields['of'], [...path, 'of']);
    dimensions.push({
      name,
      elements,
      ...(labels.length === 0 ? {} : { elementDisplayNames: labels }),
      ...(parent === undefined ? {} : { parent }),
      ...readMappings(reader, fields['maps_to'], [...path, 'maps_to']),
      location: reader.source.locate(path, 'key'),
    });
  }
  for (const dimension of dimensions) {
    if (dimension.parent !== undefined && !dimensions.some((other) => other.name === dimension.parent))
      reader.report(['dimensions', dimension.name, 'of'], messages.unknownDimension(dimension.parent));
  }
  return inferSubranges(dimensions);
}

function readMappings(reader: FieldReader, value: unknown, path: FieldPath): { mappings?: DimensionMapping[] } {
  if (value === undefined || value === null) return {};
  if (typeof value === 'string') return { mappings: [{ to: value }] };
  if (Array.isArray(value)) return { mappings: reader.stringList(value, path).map((to) => ({ to })) };
  if (isRecord(value))
    return {
      mappings: Object.entries(value).map(([to, elements]) => ({
        to,
        elements: reader.stringList(elements, [...path, to]),
      })),
    };
  reader.report(path, messages.wrongType('a dimension name, or { dimension: [elements] }', describeValue(value)));
  return {};
}

/** A section entry in file order: an element, or a definition of an array. */
export type YamlEntry = { scalar: ElementSpec } | { definition: YamlArrayDefinition };

/** One definition read from a key such as `capacity[district]`: the element read with the base name, and its subscripts. */
export interface YamlArrayDefinition {
  element: ElementSpec;
  subscripts: string[];
  path: FieldPath;
  /** For a parameter: its value for each element, when the file gives a list. */
  values?: number[];
}

/**
 * Flatten a parameter's `value` written as a list (a list of lists for two dimensions, ...), one number
 * per element in the order of the definition's elements; a single number applies to all of them.
 */
export function readParameterValues(
  reader: FieldReader,
  value: unknown,
  path: FieldPath,
  count: number,
): number[] | undefined {
  const raw = isRecord(value) ? value['value'] : value;
  if (!Array.isArray(raw)) return undefined;
  const valuePath = isRecord(value) ? [...path, 'value'] : path;
  const flat = (raw as unknown[]).flat(Infinity);
  const bad = flat.findIndex((item) => typeof item !== 'number' || !Number.isFinite(item));
  if (bad >= 0) {
    reader.report(valuePath, messages.wrongType('a list of numbers', describeValue(flat[bad])));
    return undefined;
  }
  if (flat.length !== count) {
    reader.report(valuePath, messages.invalidValue(`expected ${count} values, one per element, found ${flat.length}`));
    return undefined;
  }
  return flat as number[];
}

/** The arrays and scalar elements of a YAML model once each definition is expanded into its elements. */
export interface ExpandedYamlArrays {
  elements: ElementSpec[];
  arrays: ArraySpec[];
}

/**
 * Expand each array definition into one element per element of its subscripts (`capacity[haidian]`),
 * instantiating its equations, and resolve subscripts in the equations of scalar elements (`sum(x[d!])`).
 * Stock inflows and outflows that name arrays take the element in step with the stock's.
 */
export function expandYamlArrays(
  reader: FieldReader,
  dimensions: readonly DimensionSpec[],
  sequence: readonly YamlEntry[],
): ExpandedYamlArrays {
  const definitions = sequence.flatMap((entry) => ('definition' in entry ? [entry.definition] : []));
  const byName = new Map(dimensions.map((dimension) => [dimension.name, dimension]));
  for (const definition of definitions)
    for (const subscript of definition.subscripts)
      if (!byName.has(subscript) && !dimensions.some((dimension) => dimension.elements.includes(subscript)))
        reader.report(definition.path, messages.unknownDimension(subscript), 'key');
  const arrayDims = arrayDimensions(
    dimensions,
    definitions.map((definition) => ({
      name: definition.element.name,
      subscripts: definition.subscripts,
      report: (message) => reader.report(definition.path, message, 'key'),
    })),
  );
  const scope: ArrayScope = { dimensions: byName, dimensionsOf: (name) => arrayDims.get(name) };

  const instantiateEquation = (
    equation: Equation,
    field: string,
    bindings: ReadonlyMap<string, string>,
  ): Equation | undefined => {
    const result = instantiateExpression(equation.expression, bindings, scope);
    if (result.ok) return { ...equation, expression: result.expression };
    reader.diagnostics.push({
      ...locateInEquation(equation, result.problem.offset),
      severity: 'error',
      field,
      ...result.problem.message,
    });
    return undefined;
  };
  const linkName = (name: string, bindings: ReadonlyMap<string, string>, field: string): string => {
    if (scope.dimensionsOf(name) === undefined) return name;
    const result = instantiateExpression({ kind: 'reference', name, offset: 0 }, bindings, scope);
    if (result.ok && result.expression.kind === 'reference') return result.expression.name;
    if (!result.ok)
      reader.diagnostics.push({ ...reader.source.locate([]), severity: 'error', field, ...result.problem.message });
    return name;
  };
  const withEquations = (
    element: ElementSpec,
    path: string,
    bindings: ReadonlyMap<string, string>,
  ): ElementSpec | undefined => {
    switch (element.kind) {
      case 'stock': {
        const initial = instantiateEquation(element.initial, `${path}.initial`, bindings);
        if (initial === undefined) return undefined;
        const stock: StockSpec = {
          ...element,
          initial,
          inflows: element.inflows.map((name) => linkName(name, bindings, `${path}.inflows`)),
          outflows: element.outflows.map((name) => linkName(name, bindings, `${path}.outflows`)),
        };
        return stock;
      }
      case 'flow':
      case 'aux': {
        const equation = instantiateEquation(element.equation, `${path}.equation`, bindings);
        return equation === undefined ? undefined : { ...element, equation };
      }
      case 'parameter':
      case 'lookup':
        return element;
    }
  };

  const elements: ElementSpec[] = [];
  const arrays = new Map<string, ArraySpec>();
  const seen = new Set<string>();
  for (const entry of sequence) {
    if ('scalar' in entry) {
      const { scalar } = entry;
      const expanded = withEquations(scalar, formatFieldPath([sectionOf(scalar), scalar.name]), new Map());
      if (expanded !== undefined) elements.push(expanded);
      continue;
    }
    const { definition } = entry;
    const dims = arrayDims.get(definition.element.name);
    if (dims === undefined) continue;
    const tuples = elementTuples(scope, definition.subscripts);
    const array = arrays.get(definition.element.name) ?? {
      name: definition.element.name,
      ...(definition.element.label === undefined ? {} : { displayName: definition.element.label }),
      dimensions: dims,
      definitions: [],
    };
    arrays.set(definition.element.name, {
      ...array,
      definitions: [
        ...array.definitions,
        {
          subscripts: definition.subscripts,
          kind: definition.element.kind,
          text: definitionText(definition),
          location: definition.element.location,
        },
      ],
    });
    tuples.forEach((tuple, index) => {
      const name = elementName(definition.element.name, tuple);
      if (seen.has(name)) {
        reader.report(definition.path, messages.elementDefinedTwice(name), 'key');
        return;
      }
      seen.add(name);
      const bindings = bindingsFor(scope, definition.subscripts, tuple);
      const base: ElementSpec = {
        ...definition.element,
        name,
        array: { name: definition.element.name, elements: tuple },
        ...(definition.element.kind === 'parameter' && definition.values !== undefined
          ? { value: definition.values[index]! }
          : {}),
      };
      const expanded = withEquations(base, formatFieldPath(definition.path), bindings);
      if (expanded !== undefined) elements.push(expanded);
    });
  }
  for (const [name, dims] of arrayDims) {
    const missing = elementTuples(scope, dims)
      .map((tuple) => elementName(name, tuple))
      .filter((element) => !seen.has(element));
    const definition = definitions.find((candidate) => candidate.element.name === name);
    if (missing.length > 0 && definition !== undefined)
      reader.report(definition.path, messages.elementsUndefined(name, missing), 'key');
  }
  return { elements, arrays: [...arrays.values()] };
}

function sectionOf(element: ElementSpec): string {
  return { parameter: 'parameters', lookup: 'lookups', stock: 'stocks', flow: 'flows', aux: 'auxiliaries' }[
    element.kind
  ];
}

/** The definition as a YAML writer would write it back: the equation, or the value(s). */
function definitionText(definition: YamlArrayDefinition): string {
  const { element } = definition;
  switch (element.kind) {
    case 'parameter':
      return definition.values === undefined ? String(element.value) : `[${definition.values.join(', ')}]`;
    case 'stock':
      return element.initial.text;
    case 'flow':
    case 'aux':
      return element.equation.text;
    case 'lookup':
      return '';
  }
}
