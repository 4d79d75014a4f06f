import { test } from 'vitest';
import { readModel } from '../../../src/model/read-model.js';
import { checkModel } from '../../../src/compile/compile-model.js';

const head = `name: m
time: { start: 0, stop: 10, dt: 1, unit: year }
`;
const cases: Record<string, string> = {
  unknownFn: head + `auxiliaries:
  a: { equation: "1 + smoth(2, 1)" }
`,
  argCount: head + `auxiliaries:
  a: { equation: "1 + exp(1, 2)" }
`,
  lookupArg: head + `lookups:
  f: [[0, 1], [1, 2]]
auxiliaries:
  a: { equation: "f(1, 2) + f" }
`,
  twice: head + `auxiliaries:
  a: { equation: foo * foo }
`,
  multiline: head + `auxiliaries:
  a:
    equation: 1 +
      foo
`,
  multilineSyntax: head + `auxiliaries:
  a:
    equation: 1 +
      * 2
`,
  literal: head + `auxiliaries:
  a:
    equation: |
      1 +
      foo
`,
  escaped: head + `auxiliaries:
  a: { equation: "1 + \\t + foo" }
`,
  cyclePlusTime: `name: m
time: { start: 0, stop: 10, dt: 0.3 }
auxiliaries:
  a: b
  b: a
`,
  refPlusTime: `name: m
time: { start: 0, stop: 10, dt: 0.3 }
auxiliaries:
  a: foo
`,
  refPlusUnits: head + `parameters:
  money: { value: 1, unit: yi_yuan }
auxiliaries:
  a: foo
  b: { equation: exp(money) }
`,
  manyRead: head + `parameters:
  rate: { value: fast }
  time: 1
lookups:
  f: [[1, 0], [0, 1]]
stocks:
  gdp: { inital: 100 }
auxiliaries:
  a: { equation: "1 + * 2" }
`,
  manyCheck: head + `parameters:
  rate: { value: 2, max: 1 }
stocks:
  gdp: { initial: 1, inflows: [growth, nothing] }
flows:
  growth: { equation: gdp * rat }
  orphan: 1
`,
  delayFixed: head + `stocks:
  s: { initial: 1, inflows: [f] }
flows:
  f: { equation: "delay_fixed(1, s, 0)" }
`,
  paramBlock: head + `parameters:
  rate:
    value: 0.5
    max: 0.1
`,
  initBlock: head + `stocks:
  gdp:
    initial: 100 + foo
`,
  lookupAsVar: head + `lookups:
  f: [[0, 1], [1, 2]]
auxiliaries:
  a: f + 1
`,
  timeUnitBad: `name: m
time: { start: 0, stop: 10, dt: 1, unit: "year +" }
`,
  clean: head + `parameters:
  rate: { value: 0.05, unit: 1/year, min: 0, max: 0.1 }
stocks:
  gdp: { initial: 100, unit: yi_yuan, inflows: [growth] }
flows:
  growth: { equation: gdp * rate, unit: yi_yuan/year }
`,
  yamlErr: head + `auxiliaries:
  a: { equation: 1
`,
  emptyFile: ``,
  stepUnits: head + `parameters:
  money: { value: 1, unit: yi_yuan }
auxiliaries:
  a: { equation: "step(1, money)" }
`,
  dmnlFlow: head + `stocks:
  s: { initial: 1, unit: dmnl, inflows: [f] }
flows:
  f: { equation: 0.1, unit: dmnl }
`,
  emptyName: head + `auxiliaries:
  2a: 1
`,
};
test('scratch', () => {
  for (const [name, text] of Object.entries(cases)) {
    const read = readModel(text, 'm.yaml');
    if (!read.ok) { console.log(name, 'READ', JSON.stringify(read.diagnostics, null, 1)); continue; }
    const checked = checkModel(read.value);
    console.log(name, 'CHECK', checked.ok ? 'OK' : JSON.stringify(checked.diagnostics, null, 1));
  }
});
