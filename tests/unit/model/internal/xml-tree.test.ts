import { describe, expect, it } from 'vitest';
import {
  attributeOf,
  childNamed,
  childrenNamed,
  localName,
  parseXmlTree,
  type XmlElement,
} from '../../../../src/model/internal/xml-tree.js';

const parsed = (text: string): XmlElement => {
  const result = parseXmlTree(text, 'm.xmile');
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.value.root;
};

const text = [
  '<?xml version="1.0" encoding="utf-8"?>',
  '<xmile xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0" xmlns:isee="http://iseesystems.com/XMILE">',
  '  <!-- a comment with <fake> tags -->',
  '  <isee:prefs show_module_prefix="true"/>',
  '  <Sim_Specs Method="RK4" time_units="Years"><start>0</start><stop>10</stop></Sim_Specs>',
  '  <model>',
  '    <variables>',
  '      <aux name="A &amp; B"><eqn>1 &lt; 2</eqn></aux>',
  '      <aux name="c"><eqn><![CDATA[x<y]]></eqn></aux>',
  '    </variables>',
  '  </model>',
  '</xmile>',
].join('\n');

describe('parseXmlTree()', () => {
  it('reads elements with their attributes, children and own text, entities resolved', () => {
    const root = parsed(text);
    expect(root.name).toBe('xmile');
    const aux = childNamed(childNamed(childNamed(root, 'model')!, 'variables')!, 'aux')!;
    expect(aux.attributes['name']).toBe('A & B');
    expect(childNamed(aux, 'eqn')!.text).toBe('1 < 2');
  });

  it('locates each element at its start tag and its content just after, past comments and declarations', () => {
    const root = parsed(text);
    expect(root.location).toEqual({ file: 'm.xmile', line: 2, column: 1 });
    const specs = childNamed(root, 'sim_specs')!;
    expect(specs.location).toEqual({ file: 'm.xmile', line: 5, column: 3 });
    expect(childNamed(specs, 'stop')!.contentLocation).toEqual({ file: 'm.xmile', line: 5, column: 68 });
    const auxes = childrenNamed(childNamed(childNamed(root, 'model')!, 'variables')!, 'aux');
    expect(auxes.map((aux) => aux.location.line)).toEqual([8, 9]);
  });

  it('matches names and attributes with prefix and case ignored', () => {
    const root = parsed(text);
    const prefs = root.children[0]!;
    expect(prefs.name).toBe('isee:prefs');
    expect(localName(prefs)).toBe('prefs');
    expect(attributeOf(childNamed(root, 'sim_specs')!, 'method')).toBe('RK4');
    expect(attributeOf(prefs, 'show_module_prefix')).toBe('true');
    expect(attributeOf(prefs, 'missing')).toBeUndefined();
  });

  it('supplies a missing end tag where the parent ends, as lxml recovers, with a warning at the open tag', () => {
    const result = parseXmlTree('<xmile>\n  <model>\n</xmile>\n', 'bad.xmile');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.root.children.map((child) => child.name)).toEqual(['model']);
    expect(result.value.warnings).toHaveLength(1);
    expect(result.value.warnings[0]).toMatchObject({ file: 'bad.xmile', line: 2, column: 3, severity: 'warning' });
    expect(result.value.warnings[0]!.message).toBe(
      '<model> has no end tag; read as if it ended at line 3, where its parent ends',
    );
  });

  it('reports other malformed XML at the line and column the validator gives', () => {
    const result = parseXmlTree('<xmile>\n  <model name=unquoted>\n  </model>\n</xmile>\n', 'bad.xmile');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics[0]).toMatchObject({
      file: 'bad.xmile',
      line: 2,
      code: 'syntax-error',
      severity: 'error',
    });
    expect(result.diagnostics[0]!.message).toMatch(/^XML syntax error: /);
  });

  it('reports a file without any element', () => {
    const result = parseXmlTree('<?xml version="1.0"?>\n', 'empty.xmile');
    expect(result.ok).toBe(false);
  });
});
