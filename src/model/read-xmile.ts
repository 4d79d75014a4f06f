import type { Result } from '../diagnostics/diagnostic.js';
import { failure, success } from '../diagnostics/diagnostic.js';
import { messages } from '../diagnostics/messages.js';
import { suggestName } from '../diagnostics/suggest-name.js';
import { readGraphicalFunction } from './internal/read-graphical-function.js';
import { readXmileTime } from './internal/read-xmile-time.js';
import { readXmileDimensions, type XmileDimensions } from './internal/xmile-dimensions.js';
import {
  attributeOf,
  childNamed,
  childrenNamed,
  localName,
  parseXmlTree,
  type XmlElement,
} from './internal/xml-tree.js';
import { collectXmileVariables, type XmileVariableElement } from './internal/xmile-modules.js';
import { canonicalName, createIdentifierAllocator } from './internal/xmile-names.js';
import { translateXmileEquation, type XmileMacro, type XmileNameScope } from './internal/translate-xmile-equation.js';
import { plainNumber, XmileReader } from './internal/xmile-reader.js';
import { bindingsFor, elementName, elementTuples, instantiateExpression, type ArrayScope } from './expand-arrays.js';
import type {
  ArrayDefinition,
  ArraySpec,
  AuxiliarySpec,
  Documented,
  Equation,
  FlowSpec,
  LookupSpec,
  ModelSpec,
  ParameterSpec,
  StockSpec,
} from './model-spec.js';
import { parseEquation } from './parse-equation.js';

/** A stock, flow, aux or standalone gf of the file, with the identifier it gets. */
interface XmileVariable extends XmileVariableElement {
  kind: 'stock' | 'flow' | 'aux' | 'gf';
  id: string;
  /** The identifiers of its dimensions; none for a scalar. */
  dimensions: string[];
  /** The lookup an embedded or standalone gf becomes. */
  lookupId: string | undefined;
}

/** The flow an `<inflow>` or `<outflow>` names; it may be quoted as in an equation. */
const linkName = (link: XmlElement): string => canonicalName(link.text.trim().replace(/^"(.*)"$/s, '$1'));

const kindWords: Record<XmileVariable['kind'], string> = { stock: 'stock', flow: 'flow', aux: 'aux', gf: 'gf' };

/** Children of a variable that carry no meaning for a run (display, vendor extensions) or are read elsewhere. */
const variableChildren = new Set([
  'eqn',
  'inflow',
  'outflow',
  'units',
  'doc',
  'gf',
  'non_negative',
  'scale',
  'range',
  'format',
  'xpts',
  'ypts',
  'xscale',
  'yscale',
  'display',
  'event_poster',
  'summing',
  'dimensions',
  'element',
]);

/**
 * Whether stocks and flows are non-negative unless they say otherwise: `<behavior>` under `<xmile>`
 * or the model sets this for every stock or flow (`<behavior><flow><non_negative/></flow></behavior>`).
 */
function nonNegativeDefaults(root: XmlElement, model: XmlElement | undefined): { stock: boolean; flow: boolean } {
  const defaults = { stock: false, flow: false };
  for (const behavior of [
    ...childrenNamed(root, 'behavior'),
    ...(model === undefined ? [] : childrenNamed(model, 'behavior')),
  ]) {
    for (const kind of ['stock', 'flow'] as const) {
      const marker =
        childNamed(behavior, kind) === undefined ? undefined : childNamed(childNamed(behavior, kind)!, 'non_negative');
      if (marker !== undefined) defaults[kind] = marker.text.trim().toLowerCase() !== 'false';
    }
    const all = childNamed(behavior, 'non_negative');
    if (all !== undefined) defaults.stock = defaults.flow = all.text.trim().toLowerCase() !== 'false';
  }
  return defaults;
}

/**
 * The file's expression macros by canonical name: `<macro name="f"><parm>a</parm><eqn>a * 2</eqn></macro>`.
 * A macro with variables of its own (a stock inside) is refused: a module does that job.
 */
function readMacros(reader: XmileReader, root: XmlElement): Map<string, XmileMacro> {
  const macros = new Map<string, XmileMacro>();
  for (const macro of childrenNamed(root, 'macro')) {
    const name = attributeOf(macro, 'name') ?? '';
    const equation = reader.text(childNamed(macro, 'eqn'));
    const variables = childNamed(macro, 'variables');
    if (variables !== undefined && variables.children.length > 0) {
      reader.report(
        macro.location,
        'macro',
        messages.xmileUnsupported(`macro '${name}'`, 'variables inside a macro (use a module)'),
      );
      continue;
    }
    if (equation === undefined) {
      reader.report(macro.location, 'macro', messages.missingField('eqn', `the equation of macro '${name}'`));
      continue;
    }
    macros.set(canonicalName(name), {
      name,
      parameters: childrenNamed(macro, 'parm').map((parm) => canonicalName(parm.text)),
      equation,
    });
  }
  return macros;
}

/** The model a run starts from: the one without a name, or the file's only model. */
function mainModel(reader: XmileReader, root: XmlElement): XmlElement | undefined {
  const models = childrenNamed(root, 'model');
  const main =
    models.find((model) => attributeOf(model, 'name') === undefined) ?? (models.length === 1 ? models[0] : undefined);
  if (main === undefined)
    reader.report(
      models[0]?.location ?? root.location,
      'model',
      models.length === 0 ? messages.missingField('model', '<model> with <variables>') : messages.xmileNoMainModel(),
    );
  return main;
}

/** Vendor extensions inside <variables> that carry nothing a run needs (Stella's cache of dependencies). */
const harmlessExtensions = new Set(['isee:dependencies']);

/** What <model> may hold beside its variables: layout, which a run does not need. */
const layoutElements = new Set(['views', 'display', 'interface', 'sim_specs', 'behavior', 'variables']);

/**
 * The stock, flow, aux, gf, group and module elements of a model: in <variables>, or straight in
 * <model> as older Stella files (`*_legacy.stmx`) write them. Variables that a repaired end tag put
 * inside another variable (see `parseXmlTree`) are read as its siblings, with a warning.
 */
function variableElements(reader: XmileReader, model: XmlElement): XmlElement[] {
  const container = childNamed(model, 'variables');
  const elements =
    container?.children ??
    model.children.filter((child) => !layoutElements.has(localName(child)) && !child.name.includes(':'));
  return elements.flatMap((element) => {
    const nested = element.children.filter((child) => ['stock', 'flow', 'aux'].includes(localName(child)));
    for (const child of nested)
      reader.warn(
        child.location,
        'model.variables',
        messages.xmileSkipped(
          `the nesting of <${child.name}> inside <${element.name}>`,
          'read as the next variable of the model',
        ),
      );
    return nested.length === 0
      ? [element]
      : [{ ...element, children: element.children.filter((child) => !nested.includes(child)) }, ...nested];
  });
}

/** True for files Vensim wrote, through xmutil or its own XMILE export (see `XmileNameScope.vensimSemantics`). */
function writtenByVensim(root: XmlElement): boolean {
  const header = childNamed(root, 'header');
  if (header === undefined) return false;
  const words = [childNamed(header, 'vendor')?.text ?? '', childNamed(header, 'product')?.text ?? ''].join(' ');
  return /ventana|vensim|xmutil/i.test(words);
}

function describeElement(variable: { kind: XmileVariable['kind']; written: string }): string {
  return `${kindWords[variable.kind]} '${variable.written}'`;
}

/** One definition of a variable: the subscripts it covers (none for a scalar), its equation and graphical function. */
interface XmileDefinition {
  subscripts: string[];
  eqn: XmlElement | undefined;
  /** An equation given as a number, from a list of constants (`<eqn>1, 2, 3</eqn>`) or one `<eqn>` per element. */
  value?: number;
  gf: XmlElement | undefined;
  location: XmlElement['location'];
}

/** Numbers separated by commas or semicolons: Vensim's XMILE export of a list of constants for an array. */
const constantList =
  /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?(?:\s*[,;]\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)+\s*[,;]?\s*$/;

/**
 * Read an XMILE model (OASIS XMILE 1.0, as Stella, Vensim's xmutil and others write it) into the same
 * `ModelSpec` as YAML models. Names become identifiers (case ignored, `_` equal to a space, other
 * characters `_`) and keep their written form as `displayName`; auxes whose equation is a plain number
 * become parameters; graphical functions become lookups; modules flatten into qualified names
 * (`hares.births`); arrays become one element per element of their dimensions (`stock_a[entry_1]`,
 * written `Stock A[Entry 1]`). Conveyors, queues and what else this reader does not know are
 * reported, with the element's line, rather than run wrongly. Units are kept but not checked.
 */
export function readXmile(text: string, file: string): Result<ModelSpec> {
  const tree = parseXmlTree(text, file);
  if (!tree.ok) return tree;
  const root = tree.value.root;
  const reader = new XmileReader(file);
  reader.warnings.push(...tree.value.warnings);
  if (localName(root) !== 'xmile') {
    reader.report(root.location, '', messages.wrongType('an XMILE file (root element <xmile>)', `<${root.name}>`));
    return failure([...reader.diagnostics, ...reader.warnings]);
  }
  const model = mainModel(reader, root);
  const macros = readMacros(reader, root);
  const time = readXmileTime(reader, root, model);
  const dims = readXmileDimensions(reader, root);
  const allocate = createIdentifierAllocator();
  const variables: XmileVariable[] = [];
  const byCanonical = new Map<string, XmileVariable>();
  const found =
    model === undefined
      ? []
      : collectXmileVariables(reader, model, childrenNamed(root, 'model'), (inner) => variableElements(reader, inner));
  for (const entry of found) {
    const { element } = entry;
    const tag = localName(element);
    if (tag !== 'stock' && tag !== 'flow' && tag !== 'aux' && tag !== 'gf') {
      // Groups only collect names for display. Anything else may hold equations.
      if (element.name.includes(':')) {
        if (!harmlessExtensions.has(element.name.toLowerCase()))
          reader.warn(
            element.location,
            'model.variables',
            messages.xmileSkipped(`<${element.name}>`, 'a vendor extension'),
          );
      } else if (tag !== 'group')
        reader.report(element.location, 'model.variables', messages.xmileUnsupported('model', `<${element.name}>`));
      continue;
    }
    if (entry.written === '') {
      reader.report(
        element.location,
        'model.variables',
        messages.missingField('name', `the name of this <${element.name}>`),
      );
      continue;
    }
    const { canonical } = entry;
    const previous = byCanonical.get(canonical);
    if (previous !== undefined) {
      reader.report(
        element.location,
        'model.variables',
        messages.duplicateName(entry.written, kindWords[previous.kind], previous.element.location.line),
      );
      continue;
    }
    const dimensions = variableDimensions(reader, element, dims);
    if (dimensions === undefined) continue;
    const embedded = tag !== 'gf' && gfElements(element).length > 0;
    const id = allocate(canonical);
    const variable: XmileVariable = {
      ...entry,
      kind: tag,
      id,
      dimensions,
      lookupId: tag === 'gf' ? id : embedded ? allocate(`${canonical} lookup`) : undefined,
    };
    variables.push(variable);
    byCanonical.set(canonical, variable);
  }

  const written = variables.map((variable) => variable.written);
  const vensimSemantics = writtenByVensim(root);
  const byId = new Map(variables.map((variable) => [variable.id, variable]));
  /** An array's dimensions; a per-element graphical function makes an array of lookups, one shared by all a scalar one. */
  const dimensionsOf = (id: string): readonly string[] | undefined => {
    const variable = byId.get(id);
    if (variable !== undefined) return variable.dimensions.length === 0 ? undefined : variable.dimensions;
    const owner = variables.find((candidate) => candidate.lookupId === id);
    return owner !== undefined && perElementGraphs(owner) ? owner.dimensions : undefined;
  };
  /** Names in an equation of a module's model mean that module instance's variables. */
  const scopeOf = (prefix: string): XmileNameScope => ({
    canonical: canonicalName,
    variable: (canonical) => {
      const target = byCanonical.get(`${prefix}${canonical}`);
      return target === undefined || target.kind === 'gf' ? undefined : target.id;
    },
    lookup: (canonical) => byCanonical.get(`${prefix}${canonical}`)?.lookupId,
    suggest: (name) => suggestName(name, written),
    start: time?.start ?? 0,
    stop: time?.stop ?? 0,
    vensimSemantics,
    macro: (canonical) => macros.get(canonical),
    dimensionsOf,
    dimension: dims.dimension,
    element: dims.element,
  });
  const arrayScope: ArrayScope = {
    dimensions: new Map(dims.specs.map((dimension) => [dimension.name, dimension])),
    dimensionsOf,
  };

  const attached = new Set<string>();
  for (const variable of variables) {
    if (variable.kind !== 'stock' || variable.source !== undefined) continue;
    for (const link of [...childrenNamed(variable.element, 'inflow'), ...childrenNamed(variable.element, 'outflow')]) {
      const target = byCanonical.get(`${variable.prefix}${linkName(link)}`);
      if (target !== undefined) attached.add(target.id);
    }
  }

  const defaultsByModel = new Map<XmlElement, { stock: boolean; flow: boolean }>();
  const isNonNegative = (variable: XmileVariable): boolean => {
    const own = childNamed(variable.element, 'non_negative');
    if (own !== undefined) return own.text.trim().toLowerCase() !== 'false';
    let defaults = defaultsByModel.get(variable.model);
    if (defaults === undefined) {
      defaults = nonNegativeDefaults(root, variable.model);
      defaultsByModel.set(variable.model, defaults);
    }
    return variable.kind === 'stock' ? defaults.stock : variable.kind === 'flow' ? defaults.flow : false;
  };

  const parameters: ParameterSpec[] = [];
  const lookups: LookupSpec[] = [];
  const stocks: StockSpec[] = [];
  const flows: FlowSpec[] = [];
  const auxiliaries: AuxiliarySpec[] = [];
  const arrays: ArraySpec[] = [];

  for (const variable of variables) {
    const { element, id } = variable;
    const described = describeElement(variable);
    // An aux a stock lists as its inflow or outflow is a flow (xmutil writes Vensim's rates as auxes).
    const section = attached.has(id)
      ? 'flows'
      : variable.source !== undefined
        ? 'auxiliaries'
        : variable.kind === 'stock'
          ? 'stocks'
          : variable.kind === 'gf'
            ? 'lookups'
            : 'auxiliaries';
    const path = `${section}.${id}`;
    reader.locations.set(path, element.location);
    if (!supportedChildren(reader, variable, described, path)) continue;
    const units = reader.text(childNamed(element, 'units'));
    if (units !== undefined) reader.locations.set(`${path}.unit`, childNamed(element, 'units')!.contentLocation);
    const documented: Documented = {
      name: id,
      displayName: variable.written,
      unit: units,
      doc: reader.text(childNamed(element, 'doc')),
      label: variable.written === id ? undefined : variable.written,
      labelZh: undefined,
      source: undefined,
      assumption: undefined,
      location: element.location,
    };
    const definitions = variableDefinitions(reader, variable, dims, path);
    if (definitions === undefined) continue;
    const arrayDefinitions: ArrayDefinition[] = [];
    const lookupDefinitions: ArrayDefinition[] = [];

    /** The element of this variable for `tuple`: its name, written name, and where it sits in its array. */
    const elementOf = (tuple: readonly string[]): Documented => {
      if (variable.dimensions.length === 0) return documented;
      const name = elementName(id, tuple);
      const display = `${variable.written}[${tuple.map((elementId, position) => elementLabel(arrayScope, variable.dimensions[position]!, elementId)).join(',')}]`;
      reader.locations.set(`${section}.${name}`, element.location);
      return {
        ...documented,
        name,
        displayName: display,
        label: display,
        array: { name: id, elements: tuple },
      };
    };
    const instantiate = (
      equation: Equation,
      tuple: readonly string[],
      subscripts: readonly string[],
      field: string,
    ): Equation | undefined => {
      const result = instantiateExpression(equation.expression, bindingsFor(arrayScope, subscripts, tuple), arrayScope);
      if (result.ok) return { ...equation, expression: result.expression };
      reader.report(equation.location, field, result.problem.message);
      return undefined;
    };

    for (const definition of definitions) {
      const tuples = variable.dimensions.length === 0 ? [[]] : elementTuples(arrayScope, definition.subscripts);
      const gf = definition.gf;
      const ownGraphs = perElementGraphs(variable);
      if (gf !== undefined && variable.lookupId !== undefined) {
        const lookupTuples = ownGraphs ? tuples : [[]];
        const points = readGraphicalFunction(
          reader,
          gf,
          described,
          variable.kind === 'gf' ? path : `lookups.${variable.lookupId}`,
        );
        if (points === undefined) continue;
        if (ownGraphs && variable.kind !== 'gf')
          lookupDefinitions.push({
            subscripts: definition.subscripts,
            kind: 'lookup',
            text: '',
            location: gf.location,
          });
        if (!ownGraphs && lookups.some((lookup) => lookup.name === variable.lookupId)) {
          // One graphical function shared by every element: already read.
        } else
          for (const tuple of lookupTuples) {
            const name = tuple.length === 0 ? variable.lookupId : elementName(variable.lookupId, tuple);
            reader.locations.set(`lookups.${name}`, gf.location);
            lookups.push({
              kind: 'lookup',
              ...(variable.kind === 'gf'
                ? { ...elementOf(tuple), name }
                : {
                    ...documented,
                    name,
                    displayName: undefined,
                    label: undefined,
                    doc: `graphical function of ${described}`,
                    unit: undefined,
                    ...(tuple.length === 0 ? {} : { array: { name: variable.lookupId, elements: tuple } }),
                  }),
              xs: points.xs,
              ys: points.ys,
            });
          }
        if (variable.kind === 'gf') continue;
      }

      if (variable.source !== undefined) {
        // A module input fed by a <connect>: whatever it was written as, it is the connected value.
        const source = byCanonical.get(variable.source);
        const field = `${path}.equation`;
        if (source === undefined || source.kind === 'gf') {
          reader.report(
            element.location,
            field,
            messages.unknownVariable(variable.source, suggestName(variable.source, written)),
          );
          continue;
        }
        const parsed = parseEquation(source.id);
        if (!parsed.ok) throw new Error(`readXmile: the identifier '${source.id}' does not parse`);
        const template: Equation = {
          text: source.id,
          expression: parsed.expression,
          location: element.location,
          segments: [],
        };
        reader.locations.set(field, element.location);
        for (const tuple of tuples) {
          const equation = instantiate(template, tuple, definition.subscripts, field);
          if (equation === undefined) continue;
          if (section === 'flows') flows.push({ kind: 'flow', ...elementOf(tuple), equation });
          else auxiliaries.push({ kind: 'aux', ...elementOf(tuple), equation });
        }
        continue;
      }

      const eqnElement = definition.eqn;
      const field = `${path}.${variable.kind === 'stock' ? 'initial' : 'equation'}`;
      const eqnText = definition.value === undefined ? (eqnElement?.text.trim() ?? '') : String(definition.value);
      const location = eqnElement?.contentLocation ?? definition.location;
      if (eqnText === '') {
        if (variable.kind === 'stock')
          reader.report(element.location, field, messages.missingInitial(variable.written));
        else reader.report(location, field, messages.emptyEquation());
        continue;
      }
      reader.locations.set(field, location);
      if (variable.kind === 'aux' && section === 'auxiliaries' && gf === undefined && plainNumber.test(eqnText)) {
        for (const tuple of tuples) {
          const documentedElement = elementOf(tuple);
          reader.locations.set(`parameters.${documentedElement.name}`, element.location);
          reader.locations.set(`parameters.${documentedElement.name}.value`, location);
          parameters.push({
            kind: 'parameter',
            ...documentedElement,
            value: Number(eqnText),
            min: undefined,
            max: undefined,
            saved: true,
          });
        }
        arrayDefinitions.push({ subscripts: definition.subscripts, kind: 'parameter', text: eqnText, location });
        continue;
      }
      const translated = translateXmileEquation(eqnText, scopeOf(variable.prefix));
      if (!translated.ok) {
        reader.report(location, field, translated.message);
        continue;
      }
      const lookupCall =
        variable.lookupId === undefined
          ? undefined
          : ownGraphs
            ? `${variable.lookupId}[${definition.subscripts.join(', ')}]`
            : variable.lookupId;
      let equationText =
        gf === undefined || lookupCall === undefined ? translated.text : `${lookupCall}(${translated.text})`;
      if (variable.kind === 'flow' && isNonNegative(variable)) equationText = `max(0, ${equationText})`;
      const parsed = parseEquation(equationText);
      if (!parsed.ok) {
        reader.report(location, field, parsed.problem.message);
        continue;
      }
      const template: Equation = { text: equationText, expression: parsed.expression, location, segments: [] };
      const kind = section === 'stocks' ? 'stock' : section === 'flows' ? 'flow' : 'aux';
      arrayDefinitions.push({ subscripts: definition.subscripts, kind, text: equationText, location });
      for (const tuple of tuples) {
        const equation = instantiate(template, tuple, definition.subscripts, field);
        if (equation === undefined) continue;
        const documentedElement = elementOf(tuple);
        if (kind === 'stock') {
          const bindings = bindingsFor(arrayScope, definition.subscripts, tuple);
          const links = (role: 'inflow' | 'outflow'): string[] =>
            childrenNamed(element, role).flatMap((link, index) => {
              const target = byCanonical.get(`${variable.prefix}${linkName(link)}`);
              const linkField = `${path}.${role}s[${index}]`;
              reader.locations.set(linkField, link.contentLocation);
              if (target?.kind !== 'flow' && target?.kind !== 'aux') {
                reader.report(
                  link.contentLocation,
                  `${path}.${role}s`,
                  messages.notAFlow(link.text.trim(), target === undefined ? undefined : kindWords[target.kind]),
                );
                return [];
              }
              if (target.dimensions.length === 0) return [target.id];
              const inStep = instantiateExpression(
                { kind: 'reference', name: target.id, offset: 0 },
                bindings,
                arrayScope,
              );
              if (inStep.ok && inStep.expression.kind === 'reference') return [inStep.expression.name];
              if (!inStep.ok) reader.report(link.contentLocation, `${path}.${role}s`, inStep.problem.message);
              return [];
            });
          stocks.push({
            kind: 'stock',
            ...documentedElement,
            initial: equation,
            inflows: links('inflow'),
            outflows: links('outflow'),
            ...(isNonNegative(variable) ? { nonNegative: true } : {}),
          });
        } else if (kind === 'flow') {
          flows.push({ kind: 'flow', ...documentedElement, equation });
        } else {
          auxiliaries.push({ kind: 'aux', ...documentedElement, equation });
        }
      }
    }
    if (variable.lookupId !== undefined && lookupDefinitions.length > 0)
      arrays.push({ name: variable.lookupId, dimensions: variable.dimensions, definitions: lookupDefinitions });
    if (variable.kind === 'gf' && variable.dimensions.length > 0)
      arrays.push({
        name: id,
        displayName: variable.written,
        dimensions: variable.dimensions,
        definitions: definitions.map((definition) => ({
          subscripts: definition.subscripts,
          kind: 'lookup',
          text: '',
          location: definition.location,
        })),
      });
    if (variable.dimensions.length > 0 && arrayDefinitions.length > 0)
      arrays.push({
        name: id,
        displayName: variable.written,
        dimensions: variable.dimensions,
        definitions: arrayDefinitions,
      });
  }

  if (model !== undefined && variables.length === 0)
    reader.report(model.location, 'model.variables', messages.xmileNoVariables());
  if (reader.diagnostics.length > 0 || time === undefined) return failure([...reader.diagnostics, ...reader.warnings]);
  const header = childNamed(root, 'header');
  const modelName =
    reader.text(header === undefined ? undefined : childNamed(header, 'name')) ??
    file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  return success({
    name: modelName,
    file,
    doc: undefined,
    time,
    parameters,
    lookups,
    stocks,
    flows,
    auxiliaries,
    locations: reader.locations,
    unitsChecked: false,
    ...(reader.warnings.length === 0 ? {} : { warnings: reader.warnings }),
    ...(dims.specs.length === 0 ? {} : { dimensions: dims.specs }),
    ...(arrays.length === 0 ? {} : { arrays }),
  });
}

/** The graphical functions of a variable: its own `<gf>`, or one in each `<element>`. */
function gfElements(element: XmlElement): XmlElement[] {
  const own = childNamed(element, 'gf');
  return own !== undefined ? [own] : childrenNamed(element, 'element').flatMap((child) => childrenNamed(child, 'gf'));
}

/** True when each element of an array has a graphical function of its own, making an array of lookups. */
function perElementGraphs(variable: XmileVariable): boolean {
  return (
    variable.dimensions.length > 0 &&
    childrenNamed(variable.element, 'element').some((child) => childNamed(child, 'gf') !== undefined)
  );
}

/** An element as an output header writes it: its written name. */
function elementLabel(scope: ArrayScope, dimension: string, element: string): string {
  const spec = scope.dimensions.get(dimension);
  const index = spec?.elements.indexOf(element) ?? -1;
  return (index >= 0 ? spec?.elementDisplayNames?.[index] : undefined) ?? element;
}

/** The dimension identifiers of a variable's `<dimensions>`, or undefined (reported) when one is not declared. */
function variableDimensions(reader: XmileReader, element: XmlElement, dims: XmileDimensions): string[] | undefined {
  const container = childNamed(element, 'dimensions');
  if (container === undefined) return [];
  const ids: string[] = [];
  for (const dim of childrenNamed(container, 'dim')) {
    const name = attributeOf(dim, 'name') ?? '';
    const id = dims.dimension(canonicalName(name));
    if (id === undefined) {
      reader.report(dim.location, 'model.variables', messages.unknownDimension(name));
      return undefined;
    }
    ids.push(id);
  }
  return ids;
}

/**
 * The definitions of a variable: one over its whole dimensions (apply-to-all, or `1, 2, 3`, a
 * constant per element), one per `<element subscript="a, b">`, or one per element in order when an
 * array has one `<eqn>` per element (as Vensim's XMILE export writes element-wise equations).
 */
function variableDefinitions(
  reader: XmileReader,
  variable: XmileVariable,
  dims: XmileDimensions,
  path: string,
): XmileDefinition[] | undefined {
  const { element } = variable;
  const eqns = childrenNamed(element, 'eqn');
  const ownGf = variable.kind === 'gf' ? element : childNamed(element, 'gf');
  const whole: XmileDefinition = {
    subscripts: variable.dimensions,
    eqn: eqns[0],
    gf: ownGf,
    location: element.location,
  };
  if (variable.dimensions.length === 0) return [whole];
  const tuples = dimensionTuples(variable.dimensions, dims);
  const elements = childrenNamed(element, 'element');
  if (elements.length > 0) {
    const definitions: XmileDefinition[] = [];
    for (const child of elements) {
      const written = (attributeOf(child, 'subscript') ?? '').split(',').map((part) => canonicalName(part));
      const subscripts = written.map((name, position) => {
        const dimension = variable.dimensions[position];
        return dimension === undefined ? undefined : dims.element(dimension, name);
      });
      if (written.length !== variable.dimensions.length || subscripts.some((subscript) => subscript === undefined)) {
        reader.report(
          child.location,
          path,
          messages.unknownSubscript(
            variable.written,
            attributeOf(child, 'subscript') ?? '',
            variable.dimensions.join(', '),
          ),
        );
        return undefined;
      }
      definitions.push({
        subscripts: subscripts as string[],
        eqn: childNamed(child, 'eqn') ?? eqns[0],
        gf: childNamed(child, 'gf') ?? ownGf,
        location: child.location,
      });
    }
    return definitions;
  }
  if (eqns.length > 1) {
    if (eqns.length !== tuples.length) {
      reader.report(
        eqns[0]!.location,
        path,
        messages.invalidValue(`${eqns.length} <eqn> elements for ${tuples.length} array elements`),
      );
      return undefined;
    }
    return eqns.map((eqn, index) => ({ subscripts: tuples[index]!, eqn, gf: ownGf, location: eqn.location }));
  }
  const text = eqns[0]?.text ?? '';
  if (constantList.test(text)) {
    const values = text
      .split(/[,;]/)
      .filter((part) => part.trim() !== '')
      .map((part) => Number(part.trim()));
    if (values.length !== tuples.length) {
      reader.report(
        eqns[0]!.contentLocation,
        path,
        messages.invalidValue(`${values.length} values for ${tuples.length} array elements`),
      );
      return undefined;
    }
    return values.map((value, index) => ({
      subscripts: tuples[index]!,
      eqn: eqns[0],
      value,
      gf: ownGf,
      location: eqns[0]!.location,
    }));
  }
  return [whole];
}

/** Every element tuple of a list of dimensions, the first varying slowest. */
function dimensionTuples(dimensions: readonly string[], dims: XmileDimensions): string[][] {
  const byName = new Map(dims.specs.map((dimension) => [dimension.name, dimension]));
  return elementTuples({ dimensions: byName, dimensionsOf: () => undefined }, dimensions);
}

/** Report children of a variable that this reader does not know; false when any was found. */
function supportedChildren(reader: XmileReader, variable: XmileVariable, described: string, path: string): boolean {
  let supported = true;
  for (const child of variable.element.children) {
    const tag = localName(child);
    const unsupported = tag === 'conveyor' ? 'conveyors' : tag === 'queue' ? 'queues' : undefined;
    if (unsupported !== undefined) {
      reader.report(child.location, path, messages.xmileUnsupported(described, unsupported));
      supported = false;
    } else if (!variableChildren.has(tag) && !child.name.includes(':')) {
      // An element this reader does not know may change the meaning; say so rather than ignore it.
      reader.report(child.location, path, messages.xmileUnsupported(described, `<${child.name}>`));
      supported = false;
    }
  }
  return supported;
}
