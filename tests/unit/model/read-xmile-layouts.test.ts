import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/compile/compile-model.js';
import { messages } from '../../../src/diagnostics/messages.js';
import { findVariableName, type ModelSpec } from '../../../src/model/model-spec.js';
import { readXmile } from '../../../src/model/read-xmile.js';
import { simulate } from '../../../src/runtime/simulate.js';

const header = (vendor: string): string => `<header><vendor>${vendor}</vendor><name>unit</name></header>`;

/** An XMILE file with `body` as the content of its one <model>. */
const xmile = (body: string, options: { vendor?: string; modelAttributes?: string } = {}): string =>
  `<?xml version="1.0" encoding="utf-8"?>
<xmile version="1.0" xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0">
${header(options.vendor ?? 'isee systems, inc.')}
<sim_specs method="Euler"><start>0</start><stop>3</stop><dt>1</dt></sim_specs>
<model${options.modelAttributes ?? ''}>
${body}
</model>
</xmile>
`;

const read = (text: string): ModelSpec => {
  const result = readXmile(text, 'unit.xmile');
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  return result.value;
};

const run = (text: string): ((written: string) => number[]) => {
  const model = read(text);
  const compiled = compileModel(model);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics, null, 2));
  const result = simulate(compiled.value);
  const outputCount = result.outputNames.length;
  return (written) => {
    const index = result.outputNames.indexOf(findVariableName(model, written) ?? written);
    if (index < 0) throw new Error(`no saved '${written}'`);
    return Array.from(result.times, (_, saveIndex) => result.values[saveIndex * outputCount + index]!);
  };
};

const problems = (text: string): { message: string; line: number; severity: string }[] => {
  const result = readXmile(text, 'unit.xmile');
  if (result.ok) throw new Error('expected a problem');
  return result.diagnostics;
};

describe('readXmile() layouts and repairs', () => {
  it('reads variables written straight in <model>, as older Stella files (*_legacy.stmx) do', () => {
    const values = run(
      xmile(`<stock name="s"><eqn>1</eqn><inflow>f</inflow></stock>
<flow name="f"><eqn>2</eqn><display x="1" y="2"/></flow>
<display page_width="0"/><interface page_width="788"/>`),
    );
    expect(values('s')).toEqual([1, 3, 5, 7]);
  });

  it('reads a file whose one model has a name (<model name="default">)', () => {
    const values = run(
      xmile('<variables><aux name="a"><eqn>TIME</eqn></aux></variables>', { modelAttributes: ' name="default"' }),
    );
    expect(values('a')).toEqual([0, 1, 2, 3]);
  });

  it('refuses a model from which no variable could be read, rather than print only time', () => {
    const found = problems(xmile('<display/><interface/>'));
    expect(found[0]?.message).toBe(messages.xmileNoVariables().message);
  });

  it('supplies a missing end tag where the parent ends, and reads what it swallowed as siblings, with warnings', () => {
    const text = xmile(`<variables>
<flow name="f"><eqn>1</eqn>
<stock name="s"><eqn>0</eqn><inflow>f</inflow></stock>
</variables>`);
    const model = read(text);
    expect(model.warnings?.map((warning) => [warning.severity, warning.line])).toEqual([
      ['warning', 7],
      ['warning', 8],
    ]);
    expect(run(text)('s')).toEqual([0, 1, 2, 3]);
  });

  it('makes an aux that a stock lists as its inflow or outflow a flow, even when its equation is a number', () => {
    const model = read(
      xmile(`<variables><stock name="s"><eqn>0</eqn><outflow>drain</outflow></stock>
<aux name="drain"><eqn>.1</eqn></aux></variables>`),
    );
    expect(model.flows.map((flow) => [flow.name, flow.equation.text])).toEqual([['drain', '.1']]);
    expect(model.parameters).toEqual([]);
  });

  it("calls a graphical function through Stella's LOOKUP(table, x)", () => {
    const values = run(
      xmile(`<variables><gf name="table"><xpts>0,3</xpts><ypts>0,30</ypts></gf>
<aux name="a"><eqn>LOOKUP(table, TIME) + 1</eqn></aux></variables>`),
    );
    expect(values('a')).toEqual([1, 11, 21, 31]);
  });

  it("reads xmutil's postfix NOT (`x not`) as NOT x", () => {
    const values = run(
      xmile(`<variables><aux name="f"><eqn>0</eqn></aux>
<aux name="a"><eqn>( IF f not THEN 1 ELSE 0 )</eqn></aux></variables>`),
    );
    expect(values('a')).toEqual([1, 1, 1, 1]);
    const found = problems(
      xmile('<variables><aux name="f"><eqn>0</eqn></aux><aux name="a"><eqn>1 + f not 2</eqn></aux></variables>'),
    );
    expect(found[0]?.message).toBe(messages.equationSyntax("'not' must come before what it negates").message);
  });

  it('gives INT and MOD their Vensim meaning in files Vensim wrote, and their XMILE meaning otherwise', () => {
    const body = `<variables><aux name="x"><eqn>-10 + TIME/10</eqn></aux>
<aux name="i"><eqn>INT(x)</eqn></aux><aux name="m"><eqn>x MOD 3 + 1</eqn></aux></variables>`;
    const vensim = run(xmile(body, { vendor: 'Ventana Systems, xmutil' }));
    expect(vensim('i')).toEqual([-10, -9, -9, -9]);
    expect(vensim('m')[0]).toBe(0);
    expect(vensim('m')[1]).toBeCloseTo(0.1, 12);
    const stella = run(xmile(body));
    expect(stella('i')).toEqual([-10, -10, -10, -10]);
    expect(stella('m')[0]).toBe(3);
  });

  it("names xmutil's ??? placeholder and a call of a macro the file does not define", () => {
    const lost = problems(xmile('<variables><aux name="a"><eqn> ??? </eqn></aux></variables>'));
    expect(lost[0]?.message).toBe(messages.xmileLostEquation().message);
    const macro = problems(
      xmile(
        '<variables><aux name="b"><eqn>1</eqn></aux><aux name="a"><eqn>EXPRESSION MACRO(b, 2)</eqn></aux></variables>',
      ),
    );
    expect(macro[0]?.message).toBe(messages.xmileUndefinedMacro('EXPRESSION MACRO').message);
  });
});
