import type { Result } from '../diagnostics/diagnostic.js';
import { failure, success } from '../diagnostics/diagnostic.js';
import { messages } from '../diagnostics/messages.js';
import { suggestName } from '../diagnostics/suggest-name.js';
import { readGraphicalFunction } from './internal/read-graphical-function.js';
import { readXmileTime } from './internal/read-xmile-time.js';
import {
  attributeOf,
  childNamed,
  childrenNamed,
  localName,
  parseXmlTree,
  type XmlElement,
} from './internal/xml-tree.js';
import { canonicalName, createIdentifierAllocator, displayName } from './internal/xmile-names.js';
import { translateXmileEquation, type XmileNameScope } from './internal/translate-xmile-equation.js';
import { plainNumber, XmileReader } from './internal/xmile-reader.js';
import type {
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
interface XmileVariable {
  element: XmlElement;
  kind: 'stock' | 'flow' | 'aux' | 'gf';
  written: string;
  id: string;
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

/** Refuse what Kechuang cannot run yet rather than run it wrongly. */
function checkSupported(reader: XmileReader, root: XmlElement): XmlElement | undefined {
  for (const child of root.children) {
    const name = localName(child);
    if (name === 'macro')
      reader.report(
        child.location,
        'macro',
        messages.xmileUnsupported(`macro '${attributeOf(child, 'name') ?? ''}'`, 'macros'),
      );
  }
  const models = childrenNamed(root, 'model');
  const named = models.filter((model) => attributeOf(model, 'name') !== undefined);
  for (const extra of models.length === 1 ? [] : named) {
    reader.report(
      extra.location,
      'model',
      messages.xmileUnsupported(`model '${attributeOf(extra, 'name') ?? ''}'`, 'modules (more than one model)'),
    );
  }
  const main = models.find((model) => attributeOf(model, 'name') === undefined) ?? models[0];
  // A file of one model may name it (`<model name="default">`); only a second model makes modules.
  if (main === undefined)
    reader.report(root.location, 'model', messages.missingField('model', '<model> with <variables>'));
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

/**
 * Read an XMILE model (OASIS XMILE 1.0, as Stella, Vensim's xmutil and others write it) into the same
 * `ModelSpec` as YAML models. Names become identifiers (case ignored, `_` equal to a space, other
 * characters `_`) and keep their written form as `displayName`; auxes whose equation is a plain number
 * become parameters; graphical functions become lookups. Arrays, macros, modules, conveyors and queues
 * are reported, with the element's line, rather than run wrongly. Units are kept but not checked.
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
  const model = checkSupported(reader, root);
  const time = readXmileTime(reader, root, model);
  const allocate = createIdentifierAllocator();
  const variables: XmileVariable[] = [];
  const byCanonical = new Map<string, XmileVariable>();
  for (const element of model === undefined ? [] : variableElements(reader, model)) {
    const tag = localName(element);
    if (tag === 'module') {
      reader.report(
        element.location,
        'model.variables',
        messages.xmileUnsupported(`module '${attributeOf(element, 'name') ?? ''}'`, 'modules'),
      );
      continue;
    }
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
    const written = displayName(attributeOf(element, 'name') ?? '');
    if (written === '') {
      reader.report(
        element.location,
        'model.variables',
        messages.missingField('name', `the name of this <${element.name}>`),
      );
      continue;
    }
    const canonical = canonicalName(written);
    const previous = byCanonical.get(canonical);
    if (previous !== undefined) {
      reader.report(
        element.location,
        'model.variables',
        messages.duplicateName(written, kindWords[previous.kind], previous.element.location.line),
      );
      continue;
    }
    const embedded = tag !== 'gf' && childNamed(element, 'gf') !== undefined;
    const id = allocate(canonical);
    const variable: XmileVariable = {
      element,
      kind: tag,
      written,
      id,
      lookupId: tag === 'gf' ? id : embedded ? allocate(`${canonical} lookup`) : undefined,
    };
    variables.push(variable);
    byCanonical.set(canonical, variable);
  }

  const written = variables.map((variable) => variable.written);
  const scope: XmileNameScope = {
    canonical: canonicalName,
    variable: (canonical) => {
      const found = byCanonical.get(canonical);
      return found === undefined || found.kind === 'gf' ? undefined : found.id;
    },
    lookup: (canonical) => byCanonical.get(canonical)?.lookupId,
    suggest: (name) => suggestName(name, written),
    start: time?.start ?? 0,
    stop: time?.stop ?? 0,
    vensimSemantics: writtenByVensim(root),
  };

  const attached = new Set<string>();
  for (const variable of variables) {
    if (variable.kind !== 'stock') continue;
    for (const link of [...childrenNamed(variable.element, 'inflow'), ...childrenNamed(variable.element, 'outflow')]) {
      const target = byCanonical.get(linkName(link));
      if (target !== undefined) attached.add(target.id);
    }
  }

  // A non-negative stock is only safe to run unconstrained when nothing can take from it: no outflows, only uniflow inflows.
  const defaults = nonNegativeDefaults(root, model);
  const isNonNegative = (variable: XmileVariable): boolean => {
    const own = childNamed(variable.element, 'non_negative');
    if (own !== undefined) return own.text.trim().toLowerCase() !== 'false';
    return variable.kind === 'stock' ? defaults.stock : variable.kind === 'flow' ? defaults.flow : false;
  };
  const onlyGrows = (stock: XmileVariable): boolean =>
    childNamed(stock.element, 'outflow') === undefined &&
    childrenNamed(stock.element, 'inflow').every((link) => {
      const flow = byCanonical.get(linkName(link));
      return flow !== undefined && isNonNegative(flow);
    });

  const parameters: ParameterSpec[] = [];
  const lookups: LookupSpec[] = [];
  const stocks: StockSpec[] = [];
  const flows: FlowSpec[] = [];
  const auxiliaries: AuxiliarySpec[] = [];

  for (const variable of variables) {
    const { element, id } = variable;
    const described = describeElement(variable);
    // An aux a stock lists as its inflow or outflow is a flow (xmutil writes Vensim's rates as auxes).
    const section =
      variable.kind === 'stock'
        ? 'stocks'
        : variable.kind === 'gf'
          ? 'lookups'
          : attached.has(id)
            ? 'flows'
            : 'auxiliaries';
    const path = `${section}.${id}`;
    reader.locations.set(path, element.location);
    let supported = true;
    for (const child of element.children) {
      const tag = localName(child);
      const unsupported =
        tag === 'dimensions' || tag === 'element'
          ? 'arrays (dimensions)'
          : tag === 'conveyor'
            ? 'conveyors'
            : tag === 'queue'
              ? 'queues'
              : undefined;
      if (unsupported !== undefined) {
        reader.report(child.location, path, messages.xmileUnsupported(described, unsupported));
        supported = false;
      } else if (!variableChildren.has(tag) && !child.name.includes(':')) {
        // An element this reader does not know may change the meaning; say so rather than ignore it.
        reader.report(child.location, path, messages.xmileUnsupported(described, `<${child.name}>`));
        supported = false;
      }
    }
    if (variable.kind === 'stock' && isNonNegative(variable) && !onlyGrows(variable)) {
      const marker = childNamed(element, 'non_negative');
      reader.report(
        marker?.location ?? element.location,
        path,
        messages.xmileUnsupported(described, 'a non-negative stock with outflows or with inflows that can be negative'),
      );
      supported = false;
    }
    if (!supported) continue;
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

    const gf = variable.kind === 'gf' ? element : childNamed(element, 'gf');
    if (gf !== undefined && variable.lookupId !== undefined) {
      const points = readGraphicalFunction(
        reader,
        gf,
        described,
        variable.kind === 'gf' ? path : `lookups.${variable.lookupId}`,
      );
      if (points === undefined) continue;
      reader.locations.set(`lookups.${variable.lookupId}`, gf.location);
      lookups.push({
        kind: 'lookup',
        ...documented,
        ...(variable.kind === 'gf'
          ? {}
          : {
              name: variable.lookupId,
              displayName: undefined,
              label: undefined,
              doc: `graphical function of ${described}`,
              unit: undefined,
            }),
        xs: points.xs,
        ys: points.ys,
      });
      if (variable.kind === 'gf') continue;
    }

    const eqnElement = childNamed(element, 'eqn');
    const field = `${path}.${variable.kind === 'stock' ? 'initial' : 'equation'}`;
    const eqnText = eqnElement?.text.trim() ?? '';
    if (eqnElement === undefined || eqnText === '') {
      if (variable.kind === 'stock') reader.report(element.location, field, messages.missingInitial(variable.written));
      else reader.report(eqnElement?.contentLocation ?? element.location, field, messages.emptyEquation());
      continue;
    }
    const location = eqnElement.contentLocation;
    reader.locations.set(field, location);
    if (variable.kind === 'aux' && section === 'auxiliaries' && gf === undefined && plainNumber.test(eqnText)) {
      reader.locations.set(`parameters.${id}`, element.location);
      reader.locations.set(`parameters.${id}.value`, location);
      parameters.push({
        kind: 'parameter',
        ...documented,
        value: Number(eqnText),
        min: undefined,
        max: undefined,
        saved: true,
      });
      continue;
    }
    const translated = translateXmileEquation(eqnText, scope);
    if (!translated.ok) {
      reader.report(location, field, translated.message);
      continue;
    }
    let equationText = gf === undefined ? translated.text : `${variable.lookupId}(${translated.text})`;
    if (variable.kind === 'flow' && isNonNegative(variable)) equationText = `max(0, ${equationText})`;
    const parsed = parseEquation(equationText);
    if (!parsed.ok) {
      reader.report(location, field, parsed.problem.message);
      continue;
    }
    const equation: Equation = { text: equationText, expression: parsed.expression, location, segments: [] };
    if (variable.kind === 'stock') {
      const links = (role: 'inflow' | 'outflow'): string[] =>
        childrenNamed(element, role).flatMap((link, index) => {
          const target = byCanonical.get(linkName(link));
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
          return [target.id];
        });
      stocks.push({
        kind: 'stock',
        ...documented,
        initial: equation,
        inflows: links('inflow'),
        outflows: links('outflow'),
      });
    } else if (section === 'flows') {
      flows.push({ kind: 'flow', ...documented, equation });
    } else {
      auxiliaries.push({ kind: 'aux', ...documented, equation });
    }
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
  });
}
