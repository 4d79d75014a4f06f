// One test per validation problem a model file can have, from `readModel` (structure) and
// `checkModel` (references, units, planning). Each model is written inline; each test pins the
// diagnostic's code, file, line, column and field path, and takes its words from the catalogue.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { checkModel } from '../../../src/compile/compile-model.js';
import type { PlanOptions } from '../../../src/compile/plan-model.js';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.js';
import { messages, type Message } from '../../../src/diagnostics/messages.js';
import { renderDiagnostics } from '../../../src/diagnostics/render-diagnostic.js';
import { builtinSignatures } from '../../../src/model/builtin-signatures.js';
import type { ModelSpec } from '../../../src/model/model-spec.js';
import { readModel } from '../../../src/model/read-model.js';
import { columnOf } from '../../helpers/text-position.js';

const file = 'models/under-test.yaml';

/** Model text from lines, so that line N of the file is argument N. */
const model = (...lines: string[]): string => `${lines.join('\n')}\n`;

const header = ['name: under_test', 'time: { start: 0, stop: 10, dt: 1, unit: year }'] as const;

/** The diagnostics `readModel` gives; the model must not read cleanly. */
function readProblems(text: string): Diagnostic[] {
  const result = readModel(text, file);
  if (result.ok) throw new Error('expected readModel() to report problems, but the model read cleanly');
  return result.diagnostics;
}

/** The model `readModel` gives; the model must read cleanly. */
function readCleanly(text: string): ModelSpec {
  const result = readModel(text, file);
  if (!result.ok) throw new Error(`expected the model to read cleanly:\n${renderDiagnostics(result.diagnostics)}`);
  return result.value;
}

/** The diagnostics `checkModel` gives for a model that reads cleanly; it must report something. */
function checkProblems(text: string, options: PlanOptions = {}): Diagnostic[] {
  const result = checkModel(readCleanly(text), options);
  if (result.ok) throw new Error('expected checkModel() to report problems, but the model checked cleanly');
  return result.diagnostics;
}

/** An error diagnostic in the file under test, with its words from the catalogue. */
function error(line: number, column: number, field: string, message: Message): Diagnostic {
  return { file, line, column, severity: 'error', field, ...message };
}

describe('readModel()', () => {
  test('readModel() reads a clean model and checkModel() finds nothing wrong with it', () => {
    const text = model(
      ...header,
      'parameters:',
      '  growth_rate: { value: 0.05, unit: 1/year, min: 0, max: 0.12 }',
      '  gdp_ref: { value: 100, unit: yi_yuan }',
      'lookups:',
      '  response: { points: [[0, 0.5], [1, 1], [2, 1.2]], unit: dmnl }',
      'stocks:',
      '  gdp: { initial: 100, unit: yi_yuan, inflows: [gdp_growth] }',
      'flows:',
      '  gdp_growth: { equation: gdp * growth_rate * response(ratio), unit: yi_yuan/year }',
      'auxiliaries:',
      "  ratio: { equation: 'smooth(gdp / gdp_ref, 2)', unit: dmnl }",
    );
    const result = readModel(text, file);
    expect(result).toMatchObject({ ok: true });
    expect(checkModel(readCleanly(text))).toMatchObject({ ok: true });
  });

  test('readModel() and checkModel() accept models/reference.yaml without diagnostics', () => {
    const text = readFileSync(new URL('../../../models/reference.yaml', import.meta.url), 'utf8');
    const checked = checkModel(readCleanly(text));
    expect(checked.ok ? [] : checked.diagnostics).toEqual([]);
  });

  test('readModel() reports a YAML syntax error at the line where the parser stops', () => {
    const text = model(...header, 'auxiliaries:', '  a: { equation: 1');
    expect(readProblems(text)).toEqual([
      error(
        5,
        1,
        '',
        messages.syntaxError('YAML', 'Flow map in block collection must be sufficiently indented and end with a }'),
      ),
    ]);
  });

  test('readModel() reports a key written twice in one section at the second key', () => {
    const text = model(...header, 'auxiliaries:', '  a: { equation: 1 }', '  a: { equation: 2 }');
    expect(readProblems(text)).toEqual([error(5, 3, 'auxiliaries.a', messages.duplicateKey('a'))]);
  });

  test('readModel() reports a stock without an initial value at the stock', () => {
    const text = model(...header, 'stocks:', '  gdp:', '    unit: yi_yuan', '    inflows: [gdp_growth]');
    expect(readProblems(text)).toEqual([error(4, 3, 'stocks.gdp', messages.missingInitial('gdp'))]);
  });

  test('readModel() reports a lookup whose x values do not increase at the offending point', () => {
    const text = model(...header, 'lookups:', '  response: { points: [[0, 1], [2, 3], [1, 4]] }');
    expect(readProblems(text)).toEqual([
      error(4, columnOf(text, 4, '[1, 4]'), 'lookups.response.points[2]', messages.lookupNotIncreasing(2, 2, 1)),
    ]);
  });

  test('readModel() reports a repeated x value in a lookup as not increasing', () => {
    const text = model(...header, 'lookups:', '  response: [[0, 1], [0, 3]]');
    expect(readProblems(text)).toEqual([
      error(4, columnOf(text, 4, '[0, 3]'), 'lookups.response[1]', messages.lookupNotIncreasing(1, 0, 0)),
    ]);
  });

  test('readModel() reports an equation that does not parse at the column of the offending character', () => {
    const text = model(...header, 'auxiliaries:', '  a: { equation: "1 + * 2" }');
    expect(readProblems(text)).toEqual([
      error(4, columnOf(text, 4, '*'), 'auxiliaries.a.equation', messages.equationSyntax('Value expected')),
    ]);
  });

  test('readModel() reports an unclosed parenthesis just after the end of a quoted equation', () => {
    const text = model(...header, 'auxiliaries:', '  a: { equation: "1 + (2" }');
    expect(readProblems(text)).toEqual([
      error(
        4,
        columnOf(text, 4, '(2') + 2,
        'auxiliaries.a.equation',
        messages.equationSyntax('Parenthesis ) expected'),
      ),
    ]);
  });

  test('readModel() rejects implicit multiplication (gdp growth) in the equation that has it', () => {
    const text = model(
      ...header,
      'parameters:',
      '  gdp: 1',
      '  growth: 2',
      'auxiliaries:',
      '  a: { equation: gdp growth }',
    );
    expect(readProblems(text)).toEqual([
      error(
        7,
        columnOf(text, 7, 'growth'),
        'auxiliaries.a.equation',
        messages.unsupportedSyntax('implicit multiplication (two terms side by side)'),
      ),
    ]);
  });

  test('readModel() reports an unknown field (inital) with a did-you-mean hint, and the initial value it leaves missing', () => {
    const text = model(...header, 'stocks:', '  gdp: { inital: 100, unit: yi_yuan }');
    expect(readProblems(text)).toEqual([
      error(
        4,
        columnOf(text, 4, 'inital'),
        'stocks.gdp.inital',
        messages.unknownField(
          'inital',
          [
            'initial',
            'inflows',
            'outflows',
            'non_negative',
            'unit',
            'doc',
            'label',
            'label_zh',
            'source',
            'assumption',
            'history',
            'prices',
          ],
          'initial',
        ),
      ),
      error(4, 3, 'stocks.gdp', messages.missingInitial('gdp')),
    ]);
  });

  test('readModel() reports an unknown top-level section, suggesting the close one (auxiliaries)', () => {
    const text = model(...header, 'auxilliaries:', '  a: 1');
    expect(readProblems(text)).toEqual([
      error(
        3,
        1,
        'auxilliaries',
        messages.unknownField(
          'auxilliaries',
          [
            'name',
            'dimensions',
            'doc',
            'label',
            'label_zh',
            'data',
            'bases',
            'time',
            'parameters',
            'lookups',
            'stocks',
            'flows',
            'auxiliaries',
          ],
          'auxiliaries',
        ),
      ),
    ]);
  });

  test('readModel() gives no did-you-mean hint for an unknown field that is close to no allowed field', () => {
    const text = model(...header, 'stocks:', '  gdp: { initial: 100, colour: red }');
    expect(readProblems(text)).toEqual([
      error(
        4,
        columnOf(text, 4, 'colour'),
        'stocks.gdp.colour',
        messages.unknownField(
          'colour',
          [
            'initial',
            'inflows',
            'outflows',
            'non_negative',
            'unit',
            'doc',
            'label',
            'label_zh',
            'source',
            'assumption',
            'history',
            'prices',
          ],
          undefined,
        ),
      ),
    ]);
  });

  test('readModel() reports a parameter whose min is above its max at the min', () => {
    const text = model(...header, 'parameters:', '  rate:', '    value: 0.5', '    min: 1', '    max: 0');
    expect(readProblems(text)).toEqual([
      error(6, columnOf(text, 6, '1'), 'parameters.rate.min', messages.minAboveMax('rate', 1, 0)),
    ]);
  });

  test('readModel() reports a parameter whose min is above its max in a one-line mapping', () => {
    const text = model(...header, 'parameters:', '  rate: { value: 0.5, min: 1, max: 0 }');
    expect(readProblems(text)).toEqual([
      error(4, columnOf(text, 4, 'min: 1') + 'min: '.length, 'parameters.rate.min', messages.minAboveMax('rate', 1, 0)),
    ]);
  });

  test('readModel() accepts a parameter whose min equals its max', () => {
    const text = model(...header, 'parameters:', '  rate: { value: 1, min: 1, max: 1 }');
    expect(readCleanly(text).parameters).toMatchObject([{ name: 'rate', value: 1, min: 1, max: 1 }]);
  });

  test('readModel() reports text where a number is expected at the value', () => {
    const text = model(...header, 'parameters:', '  rate: { value: fast, unit: 1/year }');
    expect(readProblems(text)).toEqual([
      error(4, columnOf(text, 4, 'fast'), 'parameters.rate.value', messages.wrongType('a number', "the text 'fast'")),
    ]);
  });

  test('readModel() reports a non-positive dt in the time block', () => {
    const text = model('name: under_test', 'time: { start: 0, stop: 10, dt: 0 }');
    expect(readProblems(text)).toEqual([
      error(2, columnOf(text, 2, '0 }'), 'time.dt', messages.invalidTime('dt must be positive, found 0')),
    ]);
  });

  test('readModel() reports a stop that is not after start', () => {
    const text = model('name: under_test', 'time: { start: 10, stop: 5, dt: 1 }');
    expect(readProblems(text)).toEqual([
      error(2, columnOf(text, 2, '5,'), 'time.stop', messages.invalidTime('stop (5) must be after start (10)')),
    ]);
  });

  test('readModel() reports a model without a time block', () => {
    const text = model('name: under_test', 'auxiliaries:', '  a: 1');
    expect(readProblems(text)).toEqual([error(1, 1, 'time', messages.missingField('time', '{ start, stop, dt }'))]);
  });

  test('readModel() reports the reserved name time at its key', () => {
    const text = model(...header, 'auxiliaries:', '  time: 1');
    expect(readProblems(text)).toEqual([error(4, 3, 'auxiliaries.time', messages.reservedName('time'))]);
  });

  test('readModel() reports a built-in function name used as a variable name', () => {
    const text = model(...header, 'parameters:', '  exp: 1');
    expect(readProblems(text)).toEqual([error(4, 3, 'parameters.exp', messages.reservedName('exp'))]);
  });

  test('readModel() reports a name that is not letters, digits and underscores', () => {
    const text = model(...header, 'auxiliaries:', '  2nd_rate: 1');
    expect(readProblems(text)).toEqual([error(4, 3, 'auxiliaries.2nd_rate', messages.invalidName('2nd_rate'))]);
  });

  test('readModel() reports every structural problem in a file, not just the first', () => {
    const text = model(
      ...header,
      'parameters:',
      '  rate: { value: fast }',
      '  time: 1',
      'lookups:',
      '  response: [[1, 0], [0, 1]]',
      'stocks:',
      '  gdp: { inital: 100 }',
      'auxiliaries:',
      '  a: { equation: "1 + * 2" }',
    );
    const problems = readProblems(text);
    expect(problems.map((problem) => [problem.code, problem.line, problem.field])).toEqual([
      ['invalid-name', 5, 'parameters.time'],
      ['wrong-type', 4, 'parameters.rate.value'],
      ['lookup-not-increasing', 7, 'lookups.response[1]'],
      ['unknown-field', 9, 'stocks.gdp.inital'],
      ['missing-initial', 9, 'stocks.gdp'],
      ['equation-syntax', 11, 'auxiliaries.a.equation'],
    ]);
    expect(problems.every((problem) => problem.file === file)).toBe(true);
  });
});

describe('checkModel()', () => {
  test('checkModel() reports an unknown variable where its name starts, with a did-you-mean hint', () => {
    const text = model(
      ...header,
      'parameters:',
      '  growth_rate: { value: 0.1, unit: 1/year }',
      'stocks:',
      '  gdp: { initial: 100, unit: yi_yuan, inflows: [gdp_growth] }',
      'flows:',
      '  gdp_growth: { equation: gdp * growth_rat, unit: yi_yuan/year }',
    );
    expect(checkProblems(text)).toEqual([
      error(
        8,
        columnOf(text, 8, 'growth_rat,'),
        'flows.gdp_growth.equation',
        messages.unknownVariable('growth_rat', 'growth_rate'),
      ),
    ]);
  });

  test('checkModel() suggests a name that differs only in case', () => {
    const text = model(...header, 'stocks:', '  GDP: { initial: gdp * 2 }');
    expect(checkProblems(text)).toEqual([
      error(4, columnOf(text, 4, 'gdp'), 'stocks.GDP.initial', messages.unknownVariable('gdp', 'GDP')),
    ]);
  });

  test('checkModel() gives the define-it hint when no name is close to an unknown one', () => {
    const text = model(...header, 'auxiliaries:', '  a: { equation: 2 * unemployment_insurance_rate }');
    expect(checkProblems(text)).toEqual([
      error(
        4,
        columnOf(text, 4, 'unemployment'),
        'auxiliaries.a.equation',
        messages.unknownVariable('unemployment_insurance_rate', undefined),
      ),
    ]);
  });

  test('checkModel() reports an unknown variable in a block-style stock initial value on its own line', () => {
    const text = model(...header, 'stocks:', '  gdp:', '    initial: 100 + base_gdp_value');
    expect(checkProblems(text)).toEqual([
      error(
        5,
        columnOf(text, 5, 'base_gdp_value'),
        'stocks.gdp.initial',
        messages.unknownVariable('base_gdp_value', undefined),
      ),
    ]);
  });

  test('checkModel() reports a name used by a stock and an aux at the second, naming the first', () => {
    const text = model(
      ...header,
      'stocks:',
      '  gdp: { initial: 100, unit: yi_yuan }',
      'auxiliaries:',
      '  gdp: { equation: 1, unit: dmnl }',
    );
    expect(checkProblems(text)).toEqual([error(6, 3, 'auxiliaries.gdp', messages.duplicateName('gdp', 'stock', 4))]);
  });

  test('checkModel() reports a flow that is not attached to any stock', () => {
    const text = model(...header, 'stocks:', '  gdp: { initial: 100 }', 'flows:', '  orphan: { equation: 1 }');
    expect(checkProblems(text)).toEqual([error(6, 3, 'flows.orphan', messages.flowNotAttached('orphan'))]);
  });

  test('checkModel() reports an inflow that names an aux, not a flow', () => {
    const text = model(
      ...header,
      'stocks:',
      '  gdp: { initial: 100, inflows: [growth] }',
      'auxiliaries:',
      '  growth: { equation: 1 }',
    );
    expect(checkProblems(text)).toEqual([
      error(4, columnOf(text, 4, 'growth'), 'stocks.gdp.inflows', messages.notAFlow('growth', 'auxiliary')),
    ]);
  });

  test('checkModel() reports an outflow that names nothing', () => {
    const text = model(...header, 'stocks:', '  gdp: { initial: 100, outflows: [depreciation] }');
    expect(checkProblems(text)).toEqual([
      error(4, columnOf(text, 4, 'depreciation'), 'stocks.gdp.outflows', messages.notAFlow('depreciation', undefined)),
    ]);
  });

  test('checkModel() reports a flow listed twice on one stock', () => {
    const text = model(
      ...header,
      'stocks:',
      '  gdp: { initial: 100, inflows: [growth], outflows: [growth] }',
      'flows:',
      '  growth: 1',
    );
    // Reported at the second listing, the outflows entry.
    expect(checkProblems(text)).toEqual([
      error(4, columnOf(text, 4, 'growth', 2), 'stocks.gdp.outflows', messages.flowAttachedTwice('growth', 'gdp')),
    ]);
  });

  test('checkModel() reports an unknown function where its name starts, listing built-ins and lookups', () => {
    const text = model(
      ...header,
      'lookups:',
      '  response: [[0, 1], [1, 2]]',
      'auxiliaries:',
      '  a: { equation: "1 + smoth(2, 1)" }',
    );
    expect(checkProblems(text)).toEqual([
      error(
        6,
        columnOf(text, 6, 'smoth'),
        'auxiliaries.a.equation',
        messages.unknownFunction('smoth', [...builtinSignatures.keys(), 'response']),
      ),
    ]);
  });

  test('checkModel() reports a built-in called with the wrong number of arguments', () => {
    const text = model(...header, 'auxiliaries:', '  a: { equation: "1 + exp(1, 2)" }');
    expect(checkProblems(text)).toEqual([
      error(4, columnOf(text, 4, 'exp'), 'auxiliaries.a.equation', messages.wrongArgumentCount('exp', '1 argument', 2)),
    ]);
  });

  test('checkModel() reports a built-in with a range of arguments called with too few', () => {
    const text = model(...header, 'auxiliaries:', '  a: { equation: "smooth(1)" }');
    expect(checkProblems(text)).toEqual([
      error(
        4,
        columnOf(text, 4, 'smooth'),
        'auxiliaries.a.equation',
        messages.wrongArgumentCount('smooth', '2 to 3 arguments', 1),
      ),
    ]);
  });

  test('checkModel() reports a lookup called with two arguments', () => {
    const text = model(
      ...header,
      'lookups:',
      '  response: [[0, 1], [1, 2]]',
      'auxiliaries:',
      "  a: { equation: 'response(1, 2)' }",
    );
    expect(checkProblems(text)).toEqual([
      error(
        6,
        columnOf(text, 6, 'response'),
        'auxiliaries.a.equation',
        messages.wrongArgumentCount('response', '1 argument', 2),
      ),
    ]);
  });

  test('checkModel() reports a lookup read as a variable instead of called', () => {
    const text = model(...header, 'lookups:', '  response: [[0, 1], [1, 2]]', 'auxiliaries:', '  a: 2 * response');
    expect(checkProblems(text)).toEqual([
      error(
        6,
        columnOf(text, 6, 'response'),
        // A shorthand equation has no equation key; its field is still named `.equation`.
        'auxiliaries.a.equation',
        messages.invalidValue("lookup 'response' must be called: response(x)"),
      ),
    ]);
  });

  test('checkModel() reports a parameter outside its declared min/max', () => {
    const text = model(...header, 'parameters:', '  rate: { value: 0.5, unit: 1/year, min: 0, max: 0.12 }');
    expect(checkProblems(text)).toEqual([
      error(4, columnOf(text, 4, '0.5'), 'parameters.rate.value', messages.parameterOutOfRange('rate', 0.5, 0, 0.12)),
    ]);
  });

  test('checkModel() reports a parameter below a min with no max', () => {
    const text = model(...header, 'parameters:', '  rate: { value: -1, min: 0 }');
    expect(checkProblems(text)).toEqual([
      error(
        4,
        columnOf(text, 4, '-1'),
        'parameters.rate.value',
        messages.parameterOutOfRange('rate', -1, 0, undefined),
      ),
    ]);
  });

  test('checkModel() reports every reference problem in a file, not just the first', () => {
    const text = model(
      ...header,
      'parameters:',
      '  rate: { value: 2, max: 1 }',
      'stocks:',
      '  gdp: { initial: 1, inflows: [growth, nothing] }',
      'flows:',
      '  growth: { equation: gdp * rate_of_growth }',
      '  orphan: 1',
      'auxiliaries:',
      '  a: { equation: "smoth(gdp, 1)" }',
    );
    const problems = checkProblems(text);
    expect(problems.map((problem) => [problem.code, problem.line, problem.field])).toEqual([
      ['unknown-variable', 8, 'flows.growth.equation'],
      ['unknown-function', 11, 'auxiliaries.a.equation'],
      ['not-a-flow', 6, 'stocks.gdp.inflows'],
      ['flow-not-attached', 9, 'flows.orphan'],
      ['parameter-out-of-range', 4, 'parameters.rate.value'],
    ]);
  });

  test('checkModel() reports a cycle with the variables in loop order', () => {
    const text = model(
      ...header,
      'auxiliaries:',
      '  a: { equation: b + 1 }',
      '  b: { equation: c + 1 }',
      '  c: { equation: a + 1 }',
    );
    expect(checkProblems(text)).toEqual([
      error(4, columnOf(text, 4, 'b + 1'), 'auxiliaries.a.equation', messages.circularDependency(['a', 'b', 'c', 'a'])),
    ]);
  });

  test('checkModel() names only the loop, not a variable that merely reads it', () => {
    const text = model(
      ...header,
      'stocks:',
      '  s: { initial: 0, inflows: [inflow] }',
      'flows:',
      '  inflow: { equation: x }',
      'auxiliaries:',
      '  x: { equation: y * 2 }',
      '  y: { equation: inflow + z }',
      '  z: { equation: 1 }',
    );
    expect(checkProblems(text)).toEqual([
      error(
        6,
        columnOf(text, 6, 'x }'),
        'flows.inflow.equation',
        messages.circularDependency(['inflow', 'x', 'y', 'inflow']),
      ),
    ]);
  });

  test('checkModel() accepts a loop that passes through a stock or a smooth', () => {
    const text = model(
      ...header,
      'stocks:',
      '  s: { initial: 1, inflows: [f] }',
      'flows:',
      '  f: { equation: a }',
      'auxiliaries:',
      '  a: { equation: s * 0.1 + b }',
      "  b: { equation: 'smooth(a, 2, 0)' }",
    );
    expect(checkModel(readCleanly(text))).toMatchObject({ ok: true });
  });

  test('checkModel() reports stock initial values that depend on each other', () => {
    const text = model(
      ...header,
      'stocks:',
      '  x: { initial: y, inflows: [fx] }',
      '  y: { initial: x, inflows: [fy] }',
      'flows:',
      '  fx: 1',
      '  fy: 1',
    );
    expect(checkProblems(text)).toEqual([
      error(4, columnOf(text, 4, 'y,'), 'stocks.x.initial', messages.circularInitialization(['x', 'y', 'x'])),
    ]);
  });

  test('checkModel() reports a smooth() without an initial value inside a loop of auxes', () => {
    const text = model(...header, 'auxiliaries:', '  a: { equation: b + 1 }', "  b: { equation: 'smooth(a, 2)' }");
    // At the text of b's equation (inside the quotes), naming the loop without repeating b.
    expect(checkProblems(text)).toEqual([
      error(5, columnOf(text, 5, 'smooth'), 'auxiliaries.b.equation', messages.circularInitialization(['b', 'a', 'b'])),
    ]);
  });

  test('checkModel() reports an initial value that depends on its own stock through an aux', () => {
    const text = model(...header, 'stocks:', '  x: { initial: half }', 'auxiliaries:', '  half: { equation: x / 2 }');
    expect(checkProblems(text)).toEqual([
      error(4, columnOf(text, 4, 'half'), 'stocks.x.initial', messages.circularInitialization(['x', 'half', 'x'])),
    ]);
  });

  test('checkModel() reports a flow whose declared unit is not its stock unit per time unit at that unit', () => {
    const text = model(
      ...header,
      'stocks:',
      '  gdp: { initial: 100, unit: yi_yuan, inflows: [growth] }',
      'flows:',
      '  growth: { equation: 1, unit: yi_yuan }',
    );
    expect(checkProblems(text)).toEqual([
      error(
        6,
        columnOf(text, 6, 'yi_yuan'),
        'flows.growth.unit',
        messages.unitMismatch('flow growth of stock gdp', 'yi_yuan/year', 'yi_yuan'),
      ),
    ]);
  });

  test('checkModel() reports a flow without a declared unit whose equation has the wrong unit at the equation', () => {
    const text = model(
      ...header,
      'parameters:',
      '  staff: { value: 1, unit: person }',
      'stocks:',
      '  gdp: { initial: 100, unit: yi_yuan, inflows: [growth] }',
      'flows:',
      '  growth: { equation: staff }',
    );
    expect(checkProblems(text)).toEqual([
      error(
        8,
        columnOf(text, 8, 'staff'),
        'flows.growth.equation',
        messages.unitMismatch('flow growth of stock gdp', 'yi_yuan/year', 'person'),
      ),
    ]);
  });

  test('checkModel() reports adding yi_yuan to person at the start of the equation', () => {
    const text = model(
      ...header,
      'parameters:',
      '  money: { value: 1, unit: yi_yuan }',
      '  people: { value: 1, unit: person }',
      'auxiliaries:',
      '  total: { equation: money + people }',
    );
    expect(checkProblems(text)).toEqual([
      error(
        7,
        columnOf(text, 7, 'money'),
        'auxiliaries.total.equation',
        messages.unitConflict('terms of a sum differ: yi_yuan and person'),
      ),
    ]);
  });

  test('checkModel() reports exp() of a quantity with a unit', () => {
    const text = model(
      ...header,
      'parameters:',
      '  money: { value: 1, unit: yi_yuan }',
      'auxiliaries:',
      '  g: { equation: exp(money), unit: dmnl }',
    );
    expect(checkProblems(text)).toEqual([
      error(
        6,
        columnOf(text, 6, 'exp'),
        'auxiliaries.g.equation',
        messages.unitConflict('exp() needs a dimensionless argument, found yi_yuan'),
      ),
    ]);
  });

  test('checkModel() reports an equation whose unit is not the declared one', () => {
    const text = model(
      ...header,
      'parameters:',
      '  headcount: { value: 10, unit: person }',
      'auxiliaries:',
      '  budget: { equation: headcount * 2, unit: yi_yuan }',
    );
    expect(checkProblems(text)).toEqual([
      error(
        6,
        columnOf(text, 6, 'headcount'),
        'auxiliaries.budget.equation',
        messages.unitMismatch('the equation of budget', 'yi_yuan', 'person'),
      ),
    ]);
  });

  test('checkModel() reports a step() start that is not a time', () => {
    const text = model(
      ...header,
      'parameters:',
      '  money: { value: 1, unit: yi_yuan }',
      'auxiliaries:',
      "  a: { equation: 'step(1, money)' }",
    );
    expect(checkProblems(text)).toEqual([
      error(
        6,
        columnOf(text, 6, 'step'),
        'auxiliaries.a.equation',
        messages.unitConflict('step() start needs a time in year, found yi_yuan'),
      ),
    ]);
  });

  test('checkModel() reports a unit text that is not a unit', () => {
    const text = model(...header, 'parameters:', '  money: { value: 1, unit: "yi_yuan + person" }');
    expect(checkProblems(text)).toEqual([
      // At the unit's value, which starts with its opening quote.
      error(
        4,
        columnOf(text, 4, '"yi_yuan + person"'),
        'parameters.money.unit',
        messages.invalidUnit('yi_yuan + person', "'+' cannot appear in a unit"),
      ),
    ]);
  });

  test('checkModel() reports a time unit that is not a unit', () => {
    const text = model('name: under_test', 'time: { start: 0, stop: 10, dt: 1, unit: "year + day" }');
    expect(checkProblems(text)).toEqual([
      error(
        2,
        columnOf(text, 2, '"year + day"'),
        'time.unit',
        messages.invalidUnit('year + day', "'+' cannot appear in a unit"),
      ),
    ]);
  });

  test('checkModel() reports a dt that does not divide stop - start at the dt value', () => {
    const text = model('name: under_test', 'time: { start: 0, stop: 10, dt: 0.3 }');
    // save_every is not written, so it follows dt: only the dt problem is reported.
    expect(checkProblems(text)).toEqual([
      error(2, columnOf(text, 2, '0.3'), 'time.dt', messages.stepsNotWhole('stop - start', 10, 0.3, 'dt')),
    ]);
  });

  test('checkModel() reports a dt given as an option under --dt, at the dt it replaces', () => {
    const text = model(...header);
    // save_every is not written, so it follows the new dt: only the dt problem is reported.
    expect(checkProblems(text, { dt: 0.3 })).toEqual([
      error(
        2,
        columnOf(text, 2, 'dt: 1') + 'dt: '.length,
        '--dt',
        messages.stepsNotWhole('stop - start', 10, 0.3, 'dt'),
      ),
    ]);
  });

  test('checkModel() reports a written save_every that the --dt option does not divide', () => {
    const text = model('name: under_test', 'time: { start: 0, stop: 10, dt: 1, save_every: 1 }');
    expect(checkProblems(text, { dt: 0.3 })).toEqual([
      error(
        2,
        columnOf(text, 2, 'dt: 1') + 'dt: '.length,
        '--dt',
        messages.stepsNotWhole('stop - start', 10, 0.3, 'dt'),
      ),
      error(
        2,
        columnOf(text, 2, 'save_every: 1') + 'save_every: '.length,
        'time.save_every',
        messages.stepsNotWhole('save_every', 1, 0.3, 'dt'),
      ),
    ]);
  });

  test('checkModel() accepts a --dt that divides both stop - start and the default save_every', () => {
    const text = model(...header, 'auxiliaries:', '  a: 1');
    expect(checkModel(readCleanly(text), { dt: 0.25 })).toMatchObject({ ok: true });
  });

  test('checkModel() reports a save_every that is not a whole multiple of dt at the save_every value', () => {
    const text = model('name: under_test', 'time: { start: 0, stop: 10, dt: 0.5, save_every: 0.75 }');
    expect(checkProblems(text)).toEqual([
      error(2, columnOf(text, 2, '0.75'), 'time.save_every', messages.stepsNotWhole('save_every', 0.75, 0.5, 'dt')),
    ]);
  });

  test('checkModel() reports a save_every smaller than dt', () => {
    const text = model('name: under_test', 'time: { start: 0, stop: 10, dt: 1, save_every: 0.25 }');
    expect(checkProblems(text)).toEqual([
      error(2, columnOf(text, 2, '0.25'), 'time.save_every', messages.stepsNotWhole('save_every', 0.25, 1, 'dt')),
    ]);
  });

  test('checkModel() reports a stop - start that is not a whole multiple of save_every', () => {
    const text = model('name: under_test', 'time: { start: 0, stop: 10, dt: 1, save_every: 3 }');
    expect(checkProblems(text)).toEqual([
      error(
        2,
        columnOf(text, 2, 'save_every: 3') + 'save_every: '.length,
        'time.save_every',
        messages.stepsNotWhole('stop - start', 10, 3, 'save_every'),
      ),
    ]);
  });

  test('checkModel() reports a stop - start not a multiple of save_every on its own line in a block time', () => {
    const text = model('name: under_test', 'time:', '  start: 0', '  stop: 10', '  dt: 0.5', '  save_every: 4');
    expect(checkProblems(text)).toEqual([
      error(6, columnOf(text, 6, '4'), 'time.save_every', messages.stepsNotWhole('stop - start', 10, 4, 'save_every')),
    ]);
  });

  test('checkModel() accepts a save_every that is a whole multiple of dt and divides stop - start', () => {
    const text = model(
      'name: under_test',
      'time: { start: 0, stop: 10, dt: 0.5, save_every: 2.5 }',
      'auxiliaries:',
      '  a: 1',
    );
    expect(checkModel(readCleanly(text))).toMatchObject({ ok: true });
  });

  test('checkModel() reports both clock problems at once', () => {
    const text = model('name: under_test', 'time: { start: 0, stop: 10, dt: 0.3, save_every: 0.5 }');
    expect(checkProblems(text)).toEqual([
      error(2, columnOf(text, 2, '0.3'), 'time.dt', messages.stepsNotWhole('stop - start', 10, 0.3, 'dt')),
      error(2, columnOf(text, 2, '0.5'), 'time.save_every', messages.stepsNotWhole('save_every', 0.5, 0.3, 'dt')),
    ]);
  });

  test('checkModel() reports a delay_fixed() whose delay time changes during a run', () => {
    const text = model(
      ...header,
      'stocks:',
      '  s: { initial: 1, inflows: [f] }',
      'flows:',
      "  f: { equation: 'delay_fixed(1, s, 0)' }",
    );
    expect(checkProblems(text)).toEqual([
      error(
        6,
        columnOf(text, 6, 'delay_fixed'),
        'flows.f.equation',
        messages.notRunConstant('the delay time of delay_fixed()'),
      ),
    ]);
  });

  test('checkModel() reports an output that is not a variable of the model', () => {
    const text = model(...header, 'auxiliaries:', '  a: 1');
    expect(checkProblems(text, { outputs: ['a', 'b'] })).toEqual([error(1, 1, 'outputs', messages.unknownOutput('b'))]);
  });
});

// Problems found while writing these tests, now fixed; each pins the corrected behaviour.
describe('precise locations and complete reports', () => {
  test('checkModel() does not suggest an unrelated name of similar length (foo is not gdp)', () => {
    const text = model(...header, 'stocks:', '  gdp: { initial: foo }');
    expect(checkProblems(text)).toEqual([
      error(4, columnOf(text, 4, 'foo'), 'stocks.gdp.initial', messages.unknownVariable('foo', undefined)),
    ]);
  });

  test('checkModel() points a repeated unknown name at each place it is written', () => {
    const text = model(...header, 'auxiliaries:', '  a: { equation: foo_rate * 2 + foo_rate }');
    expect(checkProblems(text).map((problem) => problem.column)).toEqual([
      columnOf(text, 4, 'foo_rate', 1),
      columnOf(text, 4, 'foo_rate', 2),
    ]);
  });

  test('checkModel() points a bare lookup name at that name, not at an earlier call of the lookup', () => {
    const text = model(...header, 'lookups:', '  f: [[0, 1], [1, 2]]', 'auxiliaries:', "  a: { equation: 'f(1) + f' }");
    expect(checkProblems(text).map((problem) => problem.column)).toEqual([columnOf(text, 6, 'f', 2)]);
  });

  test('checkModel() locates a name on the continuation line of a multi-line equation', () => {
    const text = model(...header, 'auxiliaries:', '  a:', '    equation: 1 +', '      unknown_rate');
    expect(checkProblems(text)).toMatchObject([{ line: 6, column: columnOf(text, 6, 'unknown_rate') }]);
  });

  test('readModel() locates a syntax error on the continuation line of a multi-line equation', () => {
    const text = model(...header, 'auxiliaries:', '  a:', '    equation: 1 +', '      * 2');
    expect(readProblems(text)).toMatchObject([{ line: 6, column: columnOf(text, 6, '*') }]);
  });

  test('readModel() points implicit multiplication at the second term', () => {
    const text = model(
      ...header,
      'parameters:',
      '  gdp: 1',
      '  growth: 2',
      'auxiliaries:',
      '  a: { equation: gdp growth }',
    );
    expect(readProblems(text)).toMatchObject([{ line: 7, column: columnOf(text, 7, 'growth') }]);
  });

  test('readModel() gives a key written twice its full field path', () => {
    const text = model(...header, 'auxiliaries:', '  a: { equation: 1 }', '  a: { equation: 2 }');
    expect(readProblems(text)).toMatchObject([{ line: 5, field: 'auxiliaries.a' }]);
  });

  test('readModel() reports other problems alongside a key written twice', () => {
    const text = model(...header, 'auxiliaries:', '  a: { equation: 1 }', '  a: { equation: 2 }', '  time: 3');
    expect(readProblems(text).map((problem) => problem.code)).toEqual(['duplicate-name', 'invalid-name']);
  });

  test('checkModel() points an inflow that is not a flow at the inflows entry', () => {
    const text = model(
      ...header,
      'stocks:',
      '  gdp:',
      '    initial: 100',
      '    inflows: [growth]',
      'auxiliaries:',
      '  growth: 1',
    );
    expect(checkProblems(text)).toMatchObject([
      { line: 6, column: columnOf(text, 6, 'growth'), field: 'stocks.gdp.inflows' },
    ]);
  });

  test('checkModel() points a parameter outside its range at the value', () => {
    const text = model(...header, 'parameters:', '  rate:', '    value: 0.5', '    max: 0.1');
    expect(checkProblems(text)).toMatchObject([
      { line: 5, column: columnOf(text, 5, '0.5'), field: 'parameters.rate.value' },
    ]);
  });

  test('checkModel() points a dt that does not divide stop - start at dt', () => {
    const text = model('name: under_test', 'time:', '  start: 0', '  stop: 10', '  dt: 0.3');
    expect(checkProblems(text)).toEqual([
      error(5, columnOf(text, 5, '0.3'), 'time.dt', messages.stepsNotWhole('stop - start', 10, 0.3, 'dt')),
    ]);
  });

  test('checkModel() names a loop through a smooth() without repeating the last name', () => {
    const text = model(...header, 'auxiliaries:', '  a: { equation: b + 1 }', "  b: { equation: 'smooth(a, 2)' }");
    expect(checkProblems(text)).toMatchObject([{ message: messages.circularInitialization(['b', 'a', 'b']).message }]);
  });

  test('checkModel() reports a bad dt alongside an unknown variable', () => {
    const text = model('name: under_test', 'time: { start: 0, stop: 10, dt: 0.3 }', 'auxiliaries:', '  a: some_rate');
    expect(checkProblems(text).map((problem) => problem.code)).toEqual(['unknown-variable', 'invalid-time']);
  });

  test('checkModel() reports a unit problem alongside an unknown variable', () => {
    const text = model(
      ...header,
      'parameters:',
      '  money: { value: 1, unit: yi_yuan }',
      'auxiliaries:',
      '  a: some_rate',
      '  b: { equation: exp(money) }',
    );
    expect(checkProblems(text).map((problem) => problem.code)).toEqual(['unknown-variable', 'unit-mismatch']);
  });

  test('checkModel() reports a bad dt alongside a circular dependency', () => {
    const text = model('name: under_test', 'time: { start: 0, stop: 10, dt: 0.3 }', 'auxiliaries:', '  a: b', '  b: a');
    // Clock problems come before a cycle, as they come first in the file.
    expect(checkProblems(text).map((problem) => problem.code)).toEqual(['invalid-time', 'circular-dependency']);
  });

  test('checkModel() reports reference, unit and clock/cycle problems in one list, in that order', () => {
    const text = model(
      'name: under_test',
      'time: { start: 0, stop: 10, dt: 0.3, unit: year }',
      'parameters:',
      '  money: { value: 1, unit: yi_yuan }',
      'auxiliaries:',
      '  a: b',
      '  b: a',
      '  c: { equation: exp(money) }',
      '  d: some_rate',
    );
    expect(checkProblems(text).map((problem) => [problem.code, problem.line, problem.field])).toEqual([
      ['unknown-variable', 9, 'auxiliaries.d.equation'],
      ['unit-mismatch', 8, 'auxiliaries.c.equation'],
      ['invalid-time', 2, 'time.dt'],
      ['circular-dependency', 6, 'auxiliaries.a.equation'],
    ]);
  });
});
