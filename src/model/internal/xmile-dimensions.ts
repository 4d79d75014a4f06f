import { messages } from '../../diagnostics/messages.js';
import type { DimensionSpec } from '../model-spec.js';
import { attributeOf, childNamed, childrenNamed, type XmlElement } from './xml-tree.js';
import { canonicalName, createIdentifierAllocator, displayName } from './xmile-names.js';
import type { XmileReader } from './xmile-reader.js';

/** The file's dimensions, and how names written in equations and attributes find them and their elements. */
export interface XmileDimensions {
  specs: DimensionSpec[];
  /** A dimension's identifier by canonical name. */
  dimension: (canonical: string) => string | undefined;
  /** An element's identifier in a dimension (by identifier), by canonical name or 1-based position. */
  element: (dimension: string, canonicalOrPosition: string) => string | undefined;
}

/**
 * Read `<dimensions>`: each `<dim name="...">` with `<elem name="..."/>` children, or `size="n"` for
 * elements 1 to n. Names become identifiers (as variable names do); elements keep their written
 * names for output headers (`Stock A[Entry 1]`).
 */
export function readXmileDimensions(reader: XmileReader, root: XmlElement): XmileDimensions {
  const allocateDimension = createIdentifierAllocator();
  const specs: DimensionSpec[] = [];
  const byCanonical = new Map<string, string>();
  const elementIds = new Map<string, Map<string, string>>();
  const container = childNamed(root, 'dimensions');
  for (const dim of container === undefined ? [] : childrenNamed(container, 'dim')) {
    const written = displayName(attributeOf(dim, 'name') ?? '');
    if (written === '') {
      reader.report(dim.location, 'dimensions', messages.missingField('name', 'the name of this <dim>'));
      continue;
    }
    const size = attributeOf(dim, 'size');
    const names = childrenNamed(dim, 'elem').map((elem) => displayName(attributeOf(elem, 'name') ?? ''));
    const elementNames =
      names.length > 0
        ? names
        : size !== undefined && /^\d+$/.test(size.trim())
          ? Array.from({ length: Number(size) }, (_, index) => String(index + 1))
          : [];
    if (elementNames.length === 0 || elementNames.some((name) => name === '')) {
      reader.report(
        dim.location,
        'dimensions',
        messages.missingField('elem', `the elements of dimension '${written}'`),
      );
      continue;
    }
    const id = allocateDimension(canonicalName(written));
    const allocateElement = createIdentifierAllocator();
    const ids = new Map<string, string>();
    const elements = elementNames.map((name, index) => {
      const elementId = allocateElement(canonicalName(name));
      ids.set(canonicalName(name), elementId);
      ids.set(`#${index + 1}`, elementId);
      return elementId;
    });
    byCanonical.set(canonicalName(written), id);
    elementIds.set(id, ids);
    specs.push({
      name: id,
      ...(written === id ? {} : { displayName: written }),
      elements,
      ...(elementNames.every((name, index) => name === elements[index]) ? {} : { elementDisplayNames: elementNames }),
      location: dim.location,
    });
  }
  return {
    specs,
    dimension: (canonical) => byCanonical.get(canonical),
    element: (dimension, written) => {
      const ids = elementIds.get(dimension);
      return ids?.get(written) ?? (/^\d+$/.test(written) ? ids?.get(`#${written}`) : undefined);
    },
  };
}
