import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/compile/compile-model.js';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.js';
import { messages } from '../../../src/diagnostics/messages.js';
import { findVariableName, type ModelSpec } from '../../../src/model/model-spec.js';
import { readModelText } from '../../../src/model/read-model-text.js';
import { readXmile } from '../../../src/model/read-xmile.js';
import { simulate } from '../../../src/runtime/simulate.js';

/** An XMILE file around `variables`, with the `isee:` prefix used but not declared, as most real files do. */
const xmile = (
  variables: string,
  simSpecs = '<start>0</start><stop>4</stop><dt>1</dt>',
  extra = '',
): string => `<?xml version="1.0" encoding="utf-8"?>
<xmile version="1.0" xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0">
<header><name>unit</name></header>
<sim_specs isee:simulation_delay="0" method="Euler" time_units="Months">${simSpecs}</sim_specs>
<isee:prefs show_module_prefix="true"/>
${extra}
<model>
<variables>
${variables}
</variables>
</model>
</xmile>
`;

const read = (text: string): ModelSpec => {
  const result = readXmile(text, 'unit.xmile');
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  return result.value;
};

const problems = (text: string): Diagnostic[] => {
  const result = readXmile(text, 'unit.xmile');
  if (result.ok) {
    const compiled = compileModel(result.value);
    if (compiled.ok) throw new Error('expected a problem');
    return compiled.diagnostics;
  }
  return result.diagnostics;
};

/** The value of each written name at each saved step. */
const run = (text: string, method?: 'euler' | 'rk4'): ((written: string) => number[]) => {
  const model = read(text);
  const compiled = compileModel(model, method === undefined ? {} : { method });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics, null, 2));
  const result = simulate(compiled.value);
  const outputCount = result.outputNames.length;
  return (written) => {
    const index = result.outputNames.indexOf(findVariableName(model, written) ?? written);
    if (index < 0) throw new Error(`no saved '${written}'`);
    return Array.from(result.times, (_, saveIndex) => result.values[saveIndex * outputCount + index]!);
  };
};

const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('readXmile()', () => {
  it('reads stocks, flows and auxes; names match ignoring case, with _ equal to a space; constants become saved parameters', () => {
    const text = xmile(`
<stock name="Total Population"><eqn>INITIAL_population</eqn><inflow>births</inflow><units>people</units></stock>
<flow name="Births"><eqn>total_population * Birth_Rate</eqn></flow>
<aux name="Birth Rate"><eqn>0.1</eqn><doc>per month</doc></aux>
<aux name="Initial Population"><eqn>100</eqn></aux>`);
    const model = read(text);
    expect(model.stocks.map((stock) => [stock.name, stock.displayName, stock.inflows, stock.unit])).toEqual([
      ['total_population', 'Total Population', ['births'], 'people'],
    ]);
    expect(
      model.parameters.map((parameter) => [parameter.name, parameter.value, parameter.saved, parameter.doc]),
    ).toEqual([
      ['birth_rate', 0.1, true, 'per month'],
      ['initial_population', 100, true, undefined],
    ]);
    expect(model.unitsChecked).toBe(false);
    expect(run(text)('Total Population')).toEqual([100, 110, 121, 133.1, 146.41]);
    expect(run(text)('Birth Rate')).toEqual([0.1, 0.1, 0.1, 0.1, 0.1]);
  });

  it('reads quoted names, names with \\n and special characters, and gives each an identifier', () => {
    const model = read(
      xmile(`
<aux name="Aux with $peC!@| characters"><eqn>21</eqn></aux>
<aux name="Stock with \\n Newline"><eqn>"Aux_with_$peC!@|_characters" * 2</eqn></aux>
<aux name="2nd stage"><eqn>"stock with newline" + 1</eqn></aux>
<aux name="time"><eqn>"2nd stage"</eqn></aux>
<aux name="科创 投入"><eqn>time</eqn></aux>`),
    );
    expect(model.auxiliaries.map((aux) => [aux.name, aux.displayName, aux.equation.text])).toEqual([
      ['stock_with_newline', 'Stock with Newline', 'aux_with_pec_characters * 2'],
      ['_2nd_stage', '2nd stage', 'stock_with_newline + 1'],
      ['time_2', 'time', '_2nd_stage'],
      ['u79d1_u521b_u6295_u5165', '科创 投入', 'time'],
    ]);
    const chinese = run(
      xmile('<aux name="科创 投入"><eqn>2</eqn></aux><aux name="产出"><eqn>科创_投入 * 3</eqn></aux>'),
    );
    expect(chinese('产出')).toEqual([6, 6, 6, 6, 6]);
  });

  it('takes dt="reciprocal", save step and RK4 from sim_specs', () => {
    const model = read(
      xmile(
        '<aux name="a"><eqn>TIME</eqn></aux>',
        '<start>1</start><stop>3</stop><dt reciprocal="true">4</dt><savestep>0.5</savestep>',
      ).replace('method="Euler"', 'method="RK4"'),
    );
    expect(model.time).toMatchObject({
      start: 1,
      stop: 3,
      dt: 0.25,
      method: 'rk4',
      saveEvery: 0.5,
      saveEveryDeclared: true,
      unit: 'Months',
    });
  });

  it('translates IF THEN ELSE (nested), = and <>, AND, OR, NOT and MOD in any case, with Vensim precedence (-2^2 = -4)', () => {
    const values = run(
      xmile(`
<aux name="power"><eqn>-2^2</eqn></aux>
<aux name="chain"><eqn>IF TIME &lt; 1 THEN 10 ELSE IF time = 2 THEN 20 ELSE 30</eqn></aux>
<aux name="logic"><eqn>IF (Time &lt;&gt; 1) AnD nOt (Time &gt;= 3) oR TIME = 3 THEN 1 ELSE 0</eqn></aux>
<aux name="modulo"><eqn>time MOD 3</eqn></aux>
<aux name="inside"><eqn>MAX(IF time &gt; 2 THEN 5 ELSE 1, 2) + 1</eqn></aux>`),
    );
    expect(values('power')).toEqual([-4, -4, -4, -4, -4]);
    expect(values('chain')).toEqual([10, 30, 20, 30, 30]);
    expect(values('logic')).toEqual([1, 0, 1, 1, 0]);
    expect(values('modulo')).toEqual([0, 1, 2, 0, 1]);
    expect(values('inside')).toEqual([3, 3, 3, 6, 6]);
  });

  it('maps XMILE built-ins: INT, SAFEDIV, INIT, trig, PI, STARTTIME, LOG10, DELAY with and without an initial value', () => {
    const values = run(
      xmile(`
<stock name="s"><eqn>1</eqn><inflow>f</inflow></stock>
<flow name="f"><eqn>1</eqn></flow>
<aux name="int"><eqn>INT(-s / 2)</eqn></aux>
<aux name="safe"><eqn>SAFEDIV(s, s - 2) + SAFEDIV(1, s - 3, 7)</eqn></aux>
<aux name="first"><eqn>INIT(s * 10)</eqn></aux>
<aux name="circle"><eqn>ARCTAN(TAN(PI / 4)) * 4 + PI() - 2 * pi + STARTTIME + log10(100)</eqn></aux>
<aux name="late"><eqn>DELAY(s, 2)</eqn></aux>
<aux name="late0"><eqn>DELAY(s, 2, -1)</eqn></aux>`),
    );
    expect(values('int')).toEqual([-1, -1, -2, -2, -3]);
    expect(values('safe')).toEqual([-1 + -0.5, 0 + -1, 3 + 7, 2 + 1, 5 / 3 + 0.5]);
    expect(values('first')).toEqual([10, 10, 10, 10, 10]);
    values('circle').forEach((value) => expect(value).toBeCloseTo(2, 12));
    expect(values('late')).toEqual([1, 1, 1, 2, 3]);
    expect(values('late0')).toEqual([-1, -1, 1, 2, 3]);
  });

  it('reads graphical functions: standalone, embedded, xscale, and sep', () => {
    const text = xmile(`
<gf name="table"><xpts sep=";">0;2;4</xpts><ypts>0,10,0</ypts></gf>
<aux name="called"><eqn>TABLE(time)</eqn></aux>
<aux name="embedded"><eqn>time</eqn><gf><xscale min="0" max="4"/><ypts sep=" ">1 3</ypts></gf></aux>
<aux name="applied"><eqn>embedded(time / 2)</eqn></aux>`);
    const model = read(text);
    expect(model.lookups.map((lookup) => [lookup.name, lookup.xs, lookup.ys])).toEqual([
      ['table', [0, 2, 4], [0, 10, 0]],
      ['embedded_lookup', [0, 4], [1, 3]],
    ]);
    const values = run(text);
    expect(values('called')).toEqual([0, 5, 10, 5, 0]);
    expect(values('embedded')).toEqual([1, 1.5, 2, 2.5, 3]);
    expect(values('applied')).toEqual([1, 1.25, 1.5, 1.75, 2]);
  });

  it('makes a flow no stock lists an aux, and a non-negative flow max(0, ...)', () => {
    const model = read(
      xmile(`
<stock name="s"><eqn>1</eqn><outflow>drain</outflow></stock>
<flow name="drain"><eqn>time - 2</eqn><non_negative/></flow>
<flow name="loose"><eqn>3</eqn></flow>`),
    );
    expect(model.flows.map((flow) => [flow.name, flow.equation.text])).toEqual([['drain', 'max(0, time - 2)']]);
    expect(model.auxiliaries.map((aux) => aux.name)).toEqual(['loose']);
  });

  it('takes non-negative defaults from <behavior>, and lets an element say <non_negative>false</non_negative>', () => {
    const behavior = '<behavior><flow><non_negative/></flow></behavior>';
    const text = xmile(
      `
<stock name="s"><eqn>1</eqn><inflow>up</inflow><non_negative/></stock>
<flow name="up"><eqn>time - 2</eqn></flow>
<stock name="t"><eqn>1</eqn><inflow>both</inflow></stock>
<flow name="both"><eqn>time - 2</eqn><non_negative>false</non_negative></flow>`,
      undefined,
      behavior,
    );
    expect(read(text).flows.map((flow) => flow.equation.text)).toEqual(['max(0, time - 2)', 'time - 2']);
    const stocks = xmile(
      '<stock name="s"><eqn>1</eqn><outflow>down</outflow></stock><flow name="down"><eqn>1</eqn></flow>',
      undefined,
      '<behavior><non_negative/></behavior>',
    );
    expect(read(stocks).stocks[0]?.nonNegative).toBe(true);
    expect(run(stocks)('s')).toEqual([1, 0, 0, 0, 0]);
  });

  it('is chosen by readModelText() for .xmile, .xml and .stmx files', () => {
    const text = xmile('<aux name="a"><eqn>1</eqn></aux>');
    for (const file of ['m.xmile', 'm.XML', 'm.stmx']) expect(readModelText(text, file).ok).toBe(true);
    expect(readModelText(text, 'm.yaml').ok).toBe(false);
  });
});

describe('readXmile() problems', () => {
  const unsupported = [
    [
      'conveyors',
      '<stock name="Pipe"><eqn>0</eqn><conveyor><len>2</len></conveyor></stock>',
      '<conveyor>',
      'conveyors',
    ],
    ['unknown elements', '<aux name="Odd"><eqn>1</eqn><mystery/></aux>', '<mystery/>', '<mystery>'],
    [
      'unknown variable kinds',
      '<group name="Sector"><entity name="a"/></group><isee:note/><array name="A"/>',
      '<array',
      '<array>',
    ],
  ] as const;
  for (const [what, variables, marker, phrase] of unsupported) {
    it(`reports ${what} with the element's line instead of running them`, () => {
      const text = xmile(variables);
      const [first] = problems(text);
      expect(first).toMatchObject({ code: 'unsupported-xmile', line: lineOf(text, marker), file: 'unit.xmile' });
      expect(first?.message).toContain(phrase);
    });
  }

  it('reports a file whose models all have names, so that none is the model to run', () => {
    const text = xmile(
      '<aux name="a"><eqn>1</eqn></aux>',
      undefined,
      '<model name="inner"><variables/></model>',
    ).replace('<model>', '<model name="outer">');
    expect(problems(text).map((problem) => [problem.code, problem.line, problem.message])).toEqual([
      ['missing-field', lineOf(text, '<model name="inner"'), messages.xmileNoMainModel().message],
    ]);
  });

  it('reports an array over a dimension the file does not declare', () => {
    const text = xmile('<aux name="Prices"><dimensions><dim name="Region"/></dimensions><eqn>1</eqn></aux>');
    expect(problems(text)[0]).toMatchObject({
      line: lineOf(text, '<dim name="Region"'),
      message: messages.unknownDimension('Region').message,
    });
  });

  it('reports an unsupported function, subscripts and an unknown name on the line of the equation', () => {
    const text = xmile(`
<aux name="a"><eqn>1</eqn></aux>
<aux name="smoothed">
  <eqn>DELAYN(a, 3, 2)</eqn>
</aux>
<aux name="indexed"><eqn>a[1]</eqn></aux>
<aux name="typo"><eqn>aa + 1</eqn></aux>
<aux name="method"><eqn>RANDOM(0, 1)</eqn></aux>`);
    const found = problems(text);
    expect(found.map((problem) => [problem.code, problem.line, problem.field])).toEqual([
      ['unsupported-xmile', lineOf(text, '<eqn>DELAYN'), 'auxiliaries.smoothed.equation'],
      ['invalid-value', lineOf(text, '<eqn>a[1]'), 'auxiliaries.indexed.equation'],
      ['unknown-variable', lineOf(text, '<eqn>aa'), 'auxiliaries.typo.equation'],
      ['unsupported-xmile', lineOf(text, '<eqn>RANDOM'), 'auxiliaries.method.equation'],
    ]);
    expect(found[0]?.message).toBe(messages.xmileUnsupportedFunction('DELAYN', []).message);
    expect(found[2]?.hint).toBe("did you mean 'a'?");
  });

  it('reports invalid XML with its line, a missing sim_specs, and an unsupported integration method', () => {
    const broken = problems('<xmile>\n<model>\n<variables>\n</model\n</xmile>');
    expect(broken[0]).toMatchObject({ code: 'syntax-error', line: 4 });
    // A missing end tag is supplied where the parent ends, as lxml's recover mode does, with a warning.
    const unclosed = problems('<xmile>\n<model>\n<variables>\n</model>\n</xmile>');
    expect(unclosed).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        line: 3,
        message: messages.xmlUnclosedTag('variables', 4).message,
      }),
    );
    expect(problems('<xmile><model><variables/></model></xmile>')[0]).toMatchObject({
      code: 'missing-field',
      field: 'time',
    });
    const gear = xmile('<aux name="a"><eqn>1</eqn></aux>').replace('method="Euler"', 'method="Gear"');
    expect(problems(gear)[0]).toMatchObject({ code: 'unsupported-xmile', line: lineOf(gear, '<sim_specs') });
  });

  it('reports sim_specs without start or stop, with dt not positive, or with stop before start', () => {
    const at = (simSpecs: string): Diagnostic[] => problems(xmile('<aux name="a"><eqn>1</eqn></aux>', simSpecs));
    expect(at('<stop>4</stop>')).toMatchObject([
      {
        code: 'invalid-time',
        field: 'time.start',
        message: messages.xmileTimeSpec('sim_specs has no <start>').message,
      },
    ]);
    expect(at('<start>0</start>')).toMatchObject([{ code: 'invalid-time', field: 'time.stop' }]);
    expect(at('<start>0</start><stop>4</stop><dt>-1</dt>')).toMatchObject([
      { code: 'invalid-time', field: 'time.dt', message: 'dt must be positive, found -1' },
    ]);
    expect(at('<start>5</start><stop>4</stop>')).toMatchObject([
      { code: 'invalid-time', field: 'time.stop', message: 'stop (4) must be after start (5)' },
    ]);
    expect(at('<start>0</start><stop>four</stop>')).toMatchObject([{ code: 'wrong-type', field: 'time.stop' }]);
    expect(read(xmile('<aux name="a"><eqn>1</eqn></aux>', '<start>0</start><stop>4</stop>')).time.dt).toBe(1);
  });

  it("reads the sim_specs of the model in place of the file's", () => {
    const text = xmile('<aux name="a"><eqn>1</eqn></aux>').replace(
      '<model>',
      '<model><sim_specs><start>10</start><stop>12</stop><dt>0.5</dt></sim_specs>',
    );
    expect(read(text).time).toMatchObject({ start: 10, stop: 12, dt: 0.5 });
  });

  it('reports graphical functions whose x values do not increase, and duplicate names', () => {
    const text = xmile(`
<gf name="t"><xpts>0,2,1</xpts><ypts>0,1,2</ypts></gf>
<aux name="A b"><eqn>1</eqn></aux>
<aux name="a_B"><eqn>2</eqn></aux>`);
    expect(problems(text).map((problem) => [problem.code, problem.line])).toEqual([
      ['duplicate-name', lineOf(text, '<aux name="a_B"')],
      ['lookup-not-increasing', lineOf(text, '<gf name="t"')],
    ]);
  });

  it('checks references between stocks and flows', () => {
    const text = xmile('<stock name="s"><eqn>1</eqn><inflow>nowhere</inflow></stock>');
    expect(problems(text)[0]).toMatchObject({ code: 'not-a-flow', line: lineOf(text, 'nowhere') });
  });
});
