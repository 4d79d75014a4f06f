import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Diagnostic, Result, SourceLocation } from '../../diagnostics/diagnostic.js';
import { failure, success } from '../../diagnostics/diagnostic.js';
import { messages } from '../../diagnostics/messages.js';

/** An XML element with its source position; `name` keeps any prefix as written (`isee:prefs`). */
export interface XmlElement {
  name: string;
  attributes: Readonly<Record<string, string>>;
  children: readonly XmlElement[];
  /** The element's own text, entities resolved, child elements' text excluded. */
  text: string;
  /** Where the start tag `<` is. */
  location: SourceLocation;
  /** Where the element's content starts (just after the start tag). */
  contentLocation: SourceLocation;
}

/** The name without its namespace prefix, lowercased: XMILE files differ in both. */
export const localName = (element: XmlElement): string => element.name.replace(/^.*:/, '').toLowerCase();

/** The children called `name` (prefix and case ignored). */
export const childrenNamed = (element: XmlElement, name: string): XmlElement[] =>
  element.children.filter((child) => localName(child) === name);

/** The first child called `name`, if any. */
export const childNamed = (element: XmlElement, name: string): XmlElement | undefined =>
  element.children.find((child) => localName(child) === name);

/** An attribute by local name, prefix and case ignored. */
export function attributeOf(element: XmlElement, name: string): string | undefined {
  for (const [key, value] of Object.entries(element.attributes))
    if (key.replace(/^.*:/, '').toLowerCase() === name) return value;
  return undefined;
}

type OrderedNode = Record<string, unknown>;

/** Offsets of every start tag in document order; comments, CDATA, declarations and end tags are not start tags. */
function startTagOffsets(text: string): { tag: number; content: number }[] {
  const offsets: { tag: number; content: number }[] = [];
  const pattern =
    /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<![^>]*>|<\/[^>]*>|<[A-Za-z_:][^\s/>]*(?:"[^"]*"|'[^']*'|[^'">])*>/g;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const head = match[0].slice(0, 2);
    if (head === '<!' || head === '<?' || head === '</') continue;
    offsets.push({ tag: match.index, content: match.index + match[0].length });
  }
  return offsets;
}

/** Maps character offsets to 1-based lines and columns. */
function createLocator(text: string, file: string): (offset: number) => SourceLocation {
  const lineStarts = [0];
  for (let index = 0; index < text.length; index++) if (text[index] === '\n') lineStarts.push(index + 1);
  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { file, line: low + 1, column: offset - lineStarts[low]! + 1 };
  };
}

/** How many end tags a file may be missing before it is refused rather than repaired. */
const maximumRepairs = 20;

/** The validator's words for an element closed by its parent's end tag: `Expected closing tag 'flow' (opened in line 34, col 13) instead of closing tag 'variables'.` */
const unclosedTag =
  /^Expected closing tag '([^']+)' \(opened in line (\d+), col (\d+)\) instead of closing tag '[^']+'/;

/**
 * Close elements whose end tag is missing where their parent's end tag shows they must end, as lxml's
 * recover mode (which PySD reads XMILE with) does; each repair is a warning. Other damage is an error.
 */
function repairUnclosedTags(
  original: string,
  file: string,
): { ok: true; text: string; warnings: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] } {
  let text = original;
  const warnings: Diagnostic[] = [];
  for (let repair = 0; ; repair++) {
    const valid = XMLValidator.validate(text);
    if (valid === true) return { ok: true, text, warnings };
    const { line, col, msg } = valid.err;
    const unclosed = unclosedTag.exec(msg);
    if (unclosed === null || repair === maximumRepairs)
      return {
        ok: false,
        diagnostics: [{ file, line, column: col, severity: 'error', field: '', ...messages.syntaxError('XML', msg) }],
      };
    const lineStart =
      text
        .split('\n')
        .slice(0, line - 1)
        .join('\n').length + (line > 1 ? 1 : 0);
    const offset = lineStart + col - 1;
    text = `${text.slice(0, offset)}</${unclosed[1]}>${text.slice(offset)}`;
    warnings.push({
      file,
      line: Number(unclosed[2]),
      column: Number(unclosed[3]),
      severity: 'warning',
      field: '',
      ...messages.xmlUnclosedTag(unclosed[1] ?? '', line),
    });
  }
}

/** A parsed XML file: its root element, and a warning for each missing end tag that was supplied. */
export interface XmlTree {
  root: XmlElement;
  warnings: Diagnostic[];
}

/**
 * Parse XML text into located elements; missing end tags are supplied as lxml's recover mode does (see
 * `repairUnclosedTags`). Namespaces are not resolved, so an undeclared prefix such as
 * `isee:` (which most XMILE files carry) is read as part of the name rather than rejected. The parser
 * gives no positions, so the n-th element in document order is matched with the n-th start tag in the text.
 */
export function parseXmlTree(original: string, file: string): Result<XmlTree> {
  const repaired = repairUnclosedTags(original, file);
  if (!repaired.ok) return failure(repaired.diagnostics);
  const text = repaired.text;
  const locate = createLocator(text, file);
  const problem = (offset: number, detail: string): Result<XmlTree> =>
    failure([
      { ...locate(offset), severity: 'error', field: '', ...messages.syntaxError('XML', detail) } satisfies Diagnostic,
    ]);
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    htmlEntities: true,
  });
  let ordered: OrderedNode[];
  try {
    ordered = parser.parse(text) as OrderedNode[];
  } catch (error) {
    // The validator passed something the parser refuses (e.g. a damaged declaration); it gives no position.
    return problem(0, error instanceof Error ? error.message : String(error));
  }
  const tags = startTagOffsets(text);
  let tagIndex = 0;
  const convert = (node: OrderedNode): XmlElement | undefined => {
    const name = Object.keys(node).find(
      (key) => key !== ':@' && !key.startsWith('#') && !key.startsWith('?') && !key.startsWith('!'),
    );
    if (name === undefined) return undefined;
    const tag = tags[tagIndex++] ?? { tag: text.length, content: text.length };
    const rawAttributes = (node[':@'] ?? {}) as Record<string, unknown>;
    const attributes: Record<string, string> = {};
    for (const [key, value] of Object.entries(rawAttributes))
      attributes[key] = typeof value === 'string' ? value : String(value);
    const children: XmlElement[] = [];
    let ownText = '';
    for (const child of (node[name] ?? []) as OrderedNode[]) {
      if ('#text' in child) ownText += String(child['#text']);
      else {
        const element = convert(child);
        if (element !== undefined) children.push(element);
      }
    }
    return {
      name,
      attributes,
      children,
      text: ownText,
      location: locate(tag.tag),
      contentLocation: locate(tag.content),
    };
  };
  const roots = ordered.map(convert).filter((element): element is XmlElement => element !== undefined);
  const root = roots[0];
  if (root === undefined) return problem(0, 'the file holds no XML element');
  return success({ root, warnings: repaired.warnings });
}
