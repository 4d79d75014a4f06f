import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../../src/compile/compile-model.js';
import { formatModelYaml } from '../../../../src/model/format-model-yaml.js';
import { displayNames, type ModelSpec } from '../../../../src/model/model-spec.js';
import { readModel } from '../../../../src/model/read-model.js';
import { readXmile } from '../../../../src/model/read-xmile.js';
import { simulate } from '../../../../src/runtime/simulate.js';

const file = (variables: string): string => `<?xml version="1.0" encoding="utf-8"?>
<xmile version="1.0" xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0">
<header><vendor>isee systems, inc.</vendor></header>
<sim_specs><start>0</start><stop>2</stop><dt>1</dt></sim_specs>
<dimensions>
  <dim name="Product"><elem name="Pizza"/><elem name="Salad Bowl"/></dim>
  <dim name="Size" size="3"/>
</dimensions>
<model><variables>${variables}</variables></model>
</xmile>`;

const arrays = file(`
<aux name="Price"><dimensions><dim name="Product"/></dimensions>
  <element subscript="Pizza"><eqn>2</eqn></element>
  <element subscript="Salad Bowl"><eqn>4</eqn></element>
</aux>
<aux name="Volume"><dimensions><dim name="Product"/><dim name="Size"/></dimensions><eqn>1, 2, 3; 4, 5, 6</eqn></aux>
<flow name="Sales"><dimensions><dim name="Product"/></dimensions><eqn>Price * SUM(Volume[Product, *])</eqn></flow>
<stock name="Revenue"><dimensions><dim name="Product"/></dimensions><eqn>0</eqn><inflow>Sales</inflow></stock>
<aux name="Best"><eqn>MAX(Revenue[*]) + MIN(Price[Product]) + Volume[Salad_Bowl, 3] + Price[1]</eqn></aux>
<aux name="Effect"><dimensions><dim name="Product"/></dimensions><eqn>TIME</eqn>
  <element subscript="Pizza"><gf><xscale min="0" max="2"/><ypts>0,10</ypts></gf></element>
  <element subscript="Salad Bowl"><gf><xscale min="0" max="2"/><ypts>0,20</ypts></gf></element>
</aux>`);

const read = (text: string): ModelSpec => {
  const result = readXmile(text, 'unit.xmile');
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  return result.value;
};

const columns = (spec: ModelSpec): Map<string, number[]> => {
  const compiled = compileModel(spec);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics, null, 2));
  const result = simulate(compiled.value);
  const headers = displayNames(spec, result.outputNames);
  return new Map(
    headers.map((header, index) => [
      header,
      Array.from(result.times, (_, row) => result.values[row * headers.length + index]!),
    ]),
  );
};

describe('readXmile() arrays', () => {
  it('reads dimensions (named elements or size), element definitions, constant lists, * and positions', () => {
    const spec = read(arrays);
    expect(spec.dimensions?.map((dimension) => [dimension.name, dimension.elements])).toEqual([
      ['product', ['pizza', 'salad_bowl']],
      ['size', ['_1', '_2', '_3']],
    ]);
    const values = columns(spec);
    expect(values.get('Sales[Pizza]')).toEqual([12, 12, 12]);
    expect(values.get('Revenue[Salad Bowl]')).toEqual([0, 60, 120]);
    expect(values.get('Best')).toEqual([0 + 2 + 6 + 2, 60 + 2 + 6 + 2, 120 + 2 + 6 + 2]);
    expect(values.get('Volume[Salad Bowl,2]')).toEqual([5, 5, 5]);
    expect(values.get('Effect[Salad Bowl]')).toEqual([0, 10, 20]);
  });

  it('converts to YAML that runs to the same numbers', () => {
    const spec = read(arrays);
    const reread = readModel(formatModelYaml(spec), 'unit.yaml');
    if (!reread.ok) throw new Error(JSON.stringify(reread.diagnostics, null, 2));
    const original = columns(spec);
    for (const [header, series] of columns(reread.value)) {
      const name = [...original.keys()].find(
        (candidate) => candidate.toLowerCase().replace(/ /g, '_') === header.toLowerCase(),
      );
      if (name !== undefined) expect(series).toEqual(original.get(name));
    }
  });
});
