import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../../src/compile/compile-model.js';
import { messages } from '../../../../src/diagnostics/messages.js';
import { findVariableName } from '../../../../src/model/model-spec.js';
import { readXmile } from '../../../../src/model/read-xmile.js';
import { simulate } from '../../../../src/runtime/simulate.js';

const file = (models: string, extra = ''): string => `<?xml version="1.0" encoding="utf-8"?>
<xmile version="1.0" xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0">
<header><vendor>isee systems, inc.</vendor></header>
<sim_specs><start>0</start><stop>2</stop><dt>1</dt></sim_specs>
${extra}
${models}
</xmile>`;

const twoModules = file(`
<model><variables>
  <module name="tank"><connect to="tank.inflow rate" from=".supply"/></module>
  <module name="meter"><connect to="level" from="tank.level"/></module>
  <aux name="supply"><eqn>3</eqn></aux>
  <aux name="doubled"><eqn>meter.reading * 2</eqn></aux>
</variables></model>
<model name="tank"><variables>
  <stock name="level"><eqn>1</eqn><inflow>fill</inflow></stock>
  <flow name="fill"><eqn>inflow_rate</eqn></flow>
  <aux name="inflow rate" access="input"><eqn>{placeholder}</eqn></aux>
</variables></model>
<model name="meter"><variables>
  <stock name="level" access="input"><eqn>0</eqn></stock>
  <aux name="reading"><eqn>level + 0.5</eqn></aux>
</variables></model>`);

describe('collectXmileVariables() through readXmile()', () => {
  it('flattens module instances into qualified names and feeds their inputs from <connect>', () => {
    const read = readXmile(twoModules, 'unit.xmile');
    if (!read.ok) throw new Error(JSON.stringify(read.diagnostics, null, 2));
    const model = read.value;
    expect(model.stocks.map((stock) => stock.displayName)).toEqual(['tank.level']);
    const compiled = compileModel(model);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics, null, 2));
    const result = simulate(compiled.value);
    const column = (written: string): number[] => {
      const index = result.outputNames.indexOf(findVariableName(model, written) ?? written);
      return Array.from(result.times, (_, row) => result.values[row * result.outputNames.length + index]!);
    };
    expect(column('tank.level')).toEqual([1, 4, 7]);
    expect(column('meter.reading')).toEqual([1.5, 4.5, 7.5]);
    expect(column('doubled')).toEqual([3, 9, 15]);
  });

  it('reports a module whose model the file lacks, a module inside itself, and a connection to nothing', () => {
    const problems = (text: string): string[] => {
      const read = readXmile(text, 'unit.xmile');
      return read.ok ? [] : read.diagnostics.map((diagnostic) => diagnostic.message);
    };
    expect(problems(file('<model><variables><module name="nowhere"/></variables></model>'))).toContain(
      messages.xmileUnknownModule('nowhere').message,
    );
    expect(
      problems(
        file(
          '<model><variables><module name="loop"/></variables></model><model name="loop"><variables><module name="loop"/><aux name="a"><eqn>1</eqn></aux></variables></model>',
        ),
      ),
    ).toContain(messages.xmileRecursiveModule('loop').message);
    expect(
      problems(
        file(
          '<model><variables><module name="m"><connect to="missing" from="a"/></module><aux name="a"><eqn>1</eqn></aux></variables></model><model name="m"><variables><aux name="b"><eqn>1</eqn></aux></variables></model>',
        ),
      ),
    ).toContain(messages.xmileBadConnection('m', 'missing', 'a').message);
  });
});

describe('XMILE expression macros', () => {
  const macro =
    '<macro name="scaled"><parm>x</parm><parm>factor</parm><eqn>x * factor + offset(x)</eqn></macro><macro name="offset"><parm>v</parm><eqn>v / 10</eqn></macro>';

  it('expand at each call, parameters standing for the arguments, macros calling macros', () => {
    const read = readXmile(
      file('<model><variables><aux name="a"><eqn>scaled(TIME + 1, 2) - 1</eqn></aux></variables></model>', macro),
      'unit.xmile',
    );
    if (!read.ok) throw new Error(JSON.stringify(read.diagnostics, null, 2));
    const compiled = compileModel(read.value);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics, null, 2));
    const values = Array.from(simulate(compiled.value).values);
    expect(values.map((value) => Number(value.toFixed(12)))).toEqual([1.1, 3.2, 5.3]);
  });

  it('refuse a macro that calls itself, a wrong argument count, and a macro with variables of its own', () => {
    const problems = (macros: string, equation: string): string[] => {
      const read = readXmile(
        file(`<model><variables><aux name="a"><eqn>${equation}</eqn></aux></variables></model>`, macros),
        'unit.xmile',
      );
      return read.ok ? [] : read.diagnostics.map((diagnostic) => diagnostic.message);
    };
    const self = '<macro name="again"><parm>x</parm><eqn>again(x)</eqn></macro>';
    expect(problems(self, 'again(1)')[0]).toBe(messages.macroTooDeep('again', 20).message);
    expect(problems(macro, 'scaled(1)')[0]).toBe(messages.wrongArgumentCount('scaled', '2 arguments', 1).message);
    const withStock =
      '<macro name="acc"><parm>x</parm><eqn>s</eqn><variables><stock name="s"><eqn>0</eqn></stock></variables></macro>';
    expect(problems(withStock, '1')[0]).toBe(
      messages.xmileUnsupported("macro 'acc'", 'variables inside a macro (use a module)').message,
    );
  });
});
