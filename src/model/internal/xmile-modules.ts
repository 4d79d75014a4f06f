import { messages } from '../../diagnostics/messages.js';
import { attributeOf, childrenNamed, localName, type XmlElement } from './xml-tree.js';
import { canonicalName, displayName } from './xmile-names.js';
import type { XmileReader } from './xmile-reader.js';

/** A variable element of the file, found in the main model or in a module instance, with its qualified name. */
export interface XmileVariableElement {
  element: XmlElement;
  /** The qualified canonical name: `hares.hare density` for hare_density in module instance hares. */
  canonical: string;
  /** The qualified written name: `hares.hare density`. */
  written: string;
  /** The canonical prefix of the module instance it is in (`hares.`), empty in the main model. */
  prefix: string;
  /** The `<model>` it is written in. */
  model: XmlElement;
  /** For a module input that a `<connect>` feeds: the qualified canonical name of its source. */
  source?: string;
}

/**
 * The variables of the main model and, for each `<module>` (recursively), those of the model it
 * instantiates, named by the module instance (`hares.births`), so that modules flatten into one
 * model. A `<connect to="x" from="y">` inside a module element makes the instance's `x` take the value
 * of `y`, named in the scope that holds the module (`.y` and `y` alike; `m.y` is y of module m there).
 * A module whose model the file does not hold, or a module inside itself, is an error.
 */
export function collectXmileVariables(
  reader: XmileReader,
  main: XmlElement,
  models: readonly XmlElement[],
  variableElements: (model: XmlElement) => XmlElement[],
): XmileVariableElement[] {
  const byName = new Map(
    models
      .filter((model) => attributeOf(model, 'name') !== undefined)
      .map((model) => [canonicalName(attributeOf(model, 'name') ?? ''), model]),
  );
  const found: XmileVariableElement[] = [];
  const visit = (model: XmlElement, prefix: string, writtenPrefix: string, open: readonly XmlElement[]): void => {
    for (const element of variableElements(model)) {
      if (localName(element) !== 'module') {
        const written = displayName(attributeOf(element, 'name') ?? '');
        found.push({
          element,
          canonical: written === '' ? '' : `${prefix}${canonicalName(written)}`,
          written: written === '' ? '' : `${writtenPrefix}${written}`,
          prefix,
          model,
        });
        continue;
      }
      const moduleWritten = displayName(attributeOf(element, 'name') ?? '');
      const moduleName = canonicalName(moduleWritten);
      const definition = byName.get(canonicalName(attributeOf(element, 'model') ?? moduleWritten));
      if (definition === undefined || open.includes(definition)) {
        reader.report(
          element.location,
          'model.variables',
          definition === undefined
            ? messages.xmileUnknownModule(moduleWritten)
            : messages.xmileRecursiveModule(moduleWritten),
        );
        continue;
      }
      const innerPrefix = `${prefix}${moduleName}.`;
      const start = found.length;
      visit(definition, innerPrefix, `${writtenPrefix}${moduleWritten}.`, [...open, definition]);
      const inner = found.slice(start);
      for (const connect of childrenNamed(element, 'connect')) {
        const to = canonicalName(attributeOf(connect, 'to') ?? '');
        const from = canonicalName(attributeOf(connect, 'from') ?? '').replace(/^\./, '');
        const local = to.startsWith(`${moduleName}.`) ? to.slice(moduleName.length + 1) : to;
        const target = inner.find((variable) => variable.canonical === `${innerPrefix}${local}`);
        if (target === undefined || from === '') {
          reader.report(connect.location, 'model.variables', messages.xmileBadConnection(moduleWritten, to, from));
          continue;
        }
        target.source = `${prefix}${from}`;
      }
    }
  };
  visit(main, '', '', [main]);
  return found;
}
