import { describe, expect, it } from 'vitest';
import { formatModelYaml } from '../../../src/model/format-model-yaml.js';
import { readModel } from '../../../src/model/read-model.js';
import { readXmile } from '../../../src/model/read-xmile.js';

const xmile = (variables: string): string =>
  `<xmile><sim_specs time_units="year"><start>0</start><stop>2</stop><dt>0.5</dt></sim_specs><model><variables>${variables}</variables></model></xmile>`;

const convert = (variables: string): string => {
  const read = readXmile(xmile(variables), 'dir/model.xmile');
  if (!read.ok) throw new Error(JSON.stringify(read.diagnostics));
  return formatModelYaml(read.value);
};

describe('formatModelYaml()', () => {
  it('writes a YAML model that reads back with the same elements, labels and units when they check', () => {
    const yaml = convert(`
<stock name="Cash Stock"><eqn>10</eqn><inflow>income</inflow><units>yuan</units></stock>
<flow name="Income"><eqn>Cash_Stock * rate</eqn><units>yuan/year</units></flow>
<aux name="rate"><eqn>0.1</eqn><units>1/year</units><doc>growth</doc></aux>
<gf name="curve"><xpts>0,1</xpts><ypts>2,3</ypts></gf>`);
    expect(yaml).toContain('# Converted from model.xmile by kechuang convert.\n');
    expect(yaml).toContain('    points:\n      - [ 0, 2 ]\n      - [ 1, 3 ]\n');
    const read = readModel(yaml, 'model.yaml');
    if (!read.ok) throw new Error(JSON.stringify(read.diagnostics));
    expect(read.value.stocks.map((stock) => [stock.name, stock.label, stock.unit, stock.inflows])).toEqual([
      ['cash_stock', 'Cash Stock', 'yuan', ['income']],
    ]);
    expect(
      read.value.parameters.map((parameter) => [parameter.name, parameter.value, parameter.unit, parameter.doc]),
    ).toEqual([['rate', 0.1, '1/year', 'growth']]);
    expect(read.value.flows.map((flow) => flow.equation.text)).toEqual(['cash_stock * rate']);
    expect(read.value.time).toMatchObject({ start: 0, stop: 2, dt: 0.5, method: 'euler', unit: 'year' });
  });

  it("leaves out units that fail Kechuang's unit check, and says why in a comment", () => {
    const yaml = convert(`
<stock name="people"><eqn>10</eqn><inflow>births</inflow><units>people</units></stock>
<flow name="births"><eqn>1</eqn><units>person/year</units></flow>`);
    expect(yaml).toMatch(
      /^# Converted from model\.xmile by kechuang convert\. The units of model\.xmile were left out: they do not pass Kechuang's unit check \(line 3: units do not agree in flow births of stock people/,
    );
    expect(yaml).not.toContain('unit: people');
    expect(readModel(yaml, 'model.yaml').ok).toBe(true);
  });
});
