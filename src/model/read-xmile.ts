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
import { collectXmileVariables, type XmileVariableElement } from './internal/xmile-modules.js';
import { canonicalName, createIdentifierAllocator } from './internal/xmile-names.js';
import { translateXmileEquation, type XmileMacro, type XmileNameScope } from './internal/translate-xmile-equation.js';
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
interface XmileVariable extends XmileVariableElement {
  kind: 'stock' | 'flow' | 'aux' | 'gf';
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
  const model = mainModel(reader, root);
  const macros = readMacros(reader, root);
  const time = readXmileTime(reader, root, model);
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
    const embedded = tag !== 'gf' && childNamed(element, 'gf') !== undefined;
    const id = allocate(canonical);
    const variable: XmileVariable = {
      ...entry,
      kind: tag,
      id,
      lookupId: tag === 'gf' ? id : embedded ? allocate(`${canonical} lookup`) : undefined,
    };
    variables.push(variable);
    byCanonical.set(canonical, variable);
  }

  const written = variables.map((variable) => variable.written);
  const vensimSemantics = writtenByVensim(root);
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
  });

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
      const equation: Equation = {
        text: source.id,
        expression: parsed.expression,
        location: element.location,
        segments: [],
      };
      reader.locations.set(field, element.location);
      if (section === 'flows') flows.push({ kind: 'flow', ...documented, equation });
      else auxiliaries.push({ kind: 'aux', ...documented, equation });
      continue;
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
    const translated = translateXmileEquation(eqnText, scopeOf(variable.prefix));
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
          return [target.id];
        });
      stocks.push({
        kind: 'stock',
        ...documented,
        initial: equation,
        inflows: links('inflow'),
        outflows: links('outflow'),
        ...(isNonNegative(variable) ? { nonNegative: true } : {}),
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
