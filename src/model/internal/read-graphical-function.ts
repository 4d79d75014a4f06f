import { messages } from '../../diagnostics/messages.js';
import { attributeOf, childNamed, type XmlElement } from './xml-tree.js';
import { plainNumber, type XmileReader } from './xmile-reader.js';

/** Read the points of a gf element (embedded or standalone) into increasing xs and their ys. */
export function readGraphicalFunction(
  reader: XmileReader,
  gf: XmlElement,
  owner: string,
  field: string,
): { xs: number[]; ys: number[] } | undefined {
  const type = (attributeOf(gf, 'type') ?? 'continuous').toLowerCase();
  if (type !== 'continuous' || attributeOf(gf, 'discrete')?.toLowerCase() === 'true') {
    reader.report(
      gf.location,
      field,
      messages.xmileUnsupported(
        owner,
        `a graphical function of type '${type === 'continuous' ? 'discrete' : type}' (only continuous ones are)`,
      ),
    );
    return undefined;
  }
  const list = (element: XmlElement | undefined): number[] | undefined => {
    if (element === undefined) return undefined;
    const separator = attributeOf(element, 'sep') ?? ',';
    const parts = element.text.split(separator).map((part) => part.trim());
    const values = parts.map((part) => (plainNumber.test(part) ? Number(part) : NaN));
    const bad = parts.find((_, index) => !Number.isFinite(values[index]));
    if (bad !== undefined) {
      reader.report(
        element.contentLocation,
        field,
        messages.wrongType(`numbers separated by '${separator}' in <${element.name}>`, `'${bad}'`),
      );
      return undefined;
    }
    return values;
  };
  const ypts = childNamed(gf, 'ypts');
  const ys = list(ypts);
  if (ys === undefined) {
    if (ypts === undefined)
      reader.report(gf.location, field, messages.missingField('ypts', 'the y values of the graphical function'));
    return undefined;
  }
  const xptsElement = childNamed(gf, 'xpts');
  let xs = list(xptsElement);
  if (xptsElement === undefined) {
    const xscale = childNamed(gf, 'xscale');
    const min = Number(xscale === undefined ? NaN : attributeOf(xscale, 'min'));
    const max = Number(xscale === undefined ? NaN : attributeOf(xscale, 'max'));
    if (!Number.isFinite(min) || !Number.isFinite(max)) {
      reader.report(
        gf.location,
        field,
        messages.missingField('xpts', 'the x values of the graphical function, or <xscale min=".." max=".."/>'),
      );
      return undefined;
    }
    xs = ys.map((_, index) => (ys.length === 1 ? min : min + ((max - min) * index) / (ys.length - 1)));
  }
  if (xs === undefined) return undefined;
  if (xs.length !== ys.length || ys.length === 0) {
    reader.report(
      gf.location,
      field,
      messages.invalidValue(`the graphical function has ${xs.length} x values and ${ys.length} y values`),
    );
    return undefined;
  }
  for (let index = 1; index < xs.length; index++) {
    if (!(xs[index]! > xs[index - 1]!)) {
      reader.report(gf.location, field, messages.lookupNotIncreasing(index, xs[index - 1]!, xs[index]!));
      return undefined;
    }
  }
  return { xs, ys };
}
