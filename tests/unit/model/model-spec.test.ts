import { describe, expect, it } from 'vitest';
import {
  displayNames,
  elementPath,
  findVariableName,
  locateField,
  locateInEquation,
  modelElements,
  modelVariables,
  savedElements,
} from '../../../src/model/model-spec.js';
import { readXmile } from '../../../src/model/read-xmile.js';
import { readInlineModel } from '../../helpers/inline-model.js';

const model = readInlineModel([
  'name: m',
  'time: { start: 0, stop: 1, dt: 1 }',
  'parameters:',
  '  k: 0.5',
  'lookups:',
  '  f: { points: [[0, 0], [1, 1]] }',
  'stocks:',
  '  s: { initial: 1, inflows: [g] }',
  'flows:',
  '  g: "k *',
  '    f(s)"',
  'auxiliaries:',
  '  a: s + 1',
]);

describe('model elements', () => {
  it('modelElements() lists every element by section in file order; modelVariables() what a run can save', () => {
    expect(modelElements(model).map((element) => element.name)).toEqual(['k', 'f', 's', 'g', 'a']);
    expect(modelVariables(model).map((element) => element.name)).toEqual(['s', 'g', 'a']);
    expect(savedElements(model).map((element) => element.name)).toEqual(['s', 'g', 'a']);
  });

  it('elementPath() is the field path of an element', () => {
    expect(modelElements(model).map(elementPath)).toEqual([
      'parameters.k',
      'lookups.f',
      'stocks.s',
      'flows.g',
      'auxiliaries.a',
    ]);
  });
});

describe('locations', () => {
  it('locateField() finds a field where it was written, else its nearest enclosing field, else the file start', () => {
    expect(locateField(model, 'time.dt')).toMatchObject({ line: 2, column: 32 });
    expect(locateField(model, 'stocks.s.inflows[0]')).toMatchObject({ line: 8 });
    expect(locateField(model, 'stocks.s.nothing.deeper')).toEqual(locateField(model, 'stocks.s'));
    expect(locateField(model, 'nowhere')).toEqual({ file: 'inline.yaml', line: 1, column: 1 });
  });

  it('locateInEquation() follows an equation folded over two lines', () => {
    const equation = model.flows[0]!.equation;
    expect(equation.text).toBe('k * f(s)');
    expect(locateInEquation(equation, 0)).toMatchObject({ line: 10, column: 7 });
    expect(locateInEquation(equation, 4)).toMatchObject({ line: 11, column: 5 });
  });
});

describe('names as written', () => {
  const xmile = readXmile(
    [
      '<xmile xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0">',
      '<sim_specs><start>0</start><stop>1</stop><dt>1</dt></sim_specs>',
      '<model><variables>',
      '<stock name="Total Population"><eqn>100</eqn></stock>',
      '<aux name="Birth_Rate"><eqn>0.1</eqn></aux>',
      '</variables></model></xmile>',
    ].join('\n'),
    'm.xmile',
  );
  if (!xmile.ok) throw new Error(JSON.stringify(xmile.diagnostics));

  it('findVariableName() takes the identifier, or the written name with case, _ and spacing ignored', () => {
    expect(findVariableName(xmile.value, 'total_population')).toBe('total_population');
    expect(findVariableName(xmile.value, 'Total Population')).toBe('total_population');
    expect(findVariableName(xmile.value, 'TOTAL   population')).toBe('total_population');
    expect(findVariableName(xmile.value, 'birth rate')).toBe('birth_rate');
    expect(findVariableName(xmile.value, 'population')).toBeUndefined();
    expect(findVariableName(model, 'S')).toBeUndefined();
  });

  it('displayNames() gives the written names for headers, the identifier where there is none', () => {
    expect(displayNames(xmile.value, ['total_population', 'birth_rate', 'unknown'])).toEqual([
      'Total Population',
      'Birth_Rate',
      'unknown',
    ]);
    expect(displayNames(model, ['s', 'a'])).toEqual(['s', 'a']);
  });
});
