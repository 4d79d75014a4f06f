import { describe, expect, it } from 'vitest';
import { messages } from '../../../src/diagnostics/messages.js';
import { readModel } from '../../../src/model/read-model.js';
import { readInlineModel } from '../../helpers/inline-model.js';

/** readModel() on what a clean file gives; its diagnostics for broken files are in validation.test.ts. */

describe('readModel() defaults and shorthands', () => {
  it('names the model after its file when it has no name, and fills the clock defaults', () => {
    const model = readInlineModel(
      ['time: { start: 0, stop: 4, dt: 0.5 }', 'auxiliaries:', '  a: 1'],
      'models/my-model.yaml',
    );
    expect(model.name).toBe('my-model');
    expect(model.time).toEqual({
      start: 0,
      stop: 4,
      dt: 0.5,
      method: 'euler',
      saveEvery: 0.5,
      saveEveryDeclared: false,
      unit: 'year',
    });
  });

  it('reads a number as a parameter, a list as lookup points, text or a number as an equation', () => {
    const model = readInlineModel([
      'time: { start: 0, stop: 1, dt: 1 }',
      'parameters:',
      '  k: 0.5',
      'lookups:',
      '  f: [[0, 1], [2, 3]]',
      'stocks:',
      '  s: { initial: 7 }',
      'flows: {}',
      'auxiliaries:',
      '  a: k * 2',
      '  b: 3',
    ]);
    expect(model.parameters[0]).toMatchObject({
      name: 'k',
      value: 0.5,
      min: undefined,
      max: undefined,
      unit: undefined,
    });
    expect(model.lookups[0]).toMatchObject({ name: 'f', xs: [0, 2], ys: [1, 3] });
    expect(model.stocks[0]).toMatchObject({ name: 's', inflows: [], outflows: [] });
    expect(model.stocks[0]!.initial.text).toBe('7');
    expect(model.auxiliaries.map((aux) => [aux.name, aux.equation.text])).toEqual([
      ['a', 'k * 2'],
      ['b', '3'],
    ]);
  });

  it('keeps the documentation, labels, source, assumption, history and bounds of an element', () => {
    const model = readInlineModel([
      'time: { start: 0, stop: 1, dt: 1 }',
      'parameters:',
      '  g: { value: 0.05, unit: 1/year, min: 0, max: 0.1, calibrate: true, doc: growth, label: Growth, label_zh: 增长,',
      '       source: "NBS 2023", assumption: "no series exists" }',
      'stocks:',
      '  gdp: { initial: 1, unit: yi_yuan, history: { series: gdp_nominal, scale: 0.1, from: 2010 } }',
      'auxiliaries:',
      '  share: { equation: 0.2, history: share_series }',
    ]);
    expect(model.parameters[0]).toMatchObject({
      value: 0.05,
      unit: '1/year',
      min: 0,
      max: 0.1,
      calibrate: true,
      doc: 'growth',
      label: 'Growth',
      labelZh: '增长',
      source: 'NBS 2023',
      assumption: 'no series exists',
    });
    expect(model.stocks[0]!.history).toEqual({ series: 'gdp_nominal', scale: 0.1, from: 2010 });
    expect(model.auxiliaries[0]!.history).toEqual({ series: 'share_series', scale: 1 });
  });

  it('resolves the data file relative to the model file', () => {
    const model = readInlineModel(
      ['data: data/history.csv', 'time: { start: 0, stop: 1, dt: 1 }'],
      '/work/models/m.yaml',
    );
    expect(model.dataFile).toBe('/work/models/data/history.csv');
  });

  it('places each element at its key, and an equation at its first character', () => {
    const model = readInlineModel(['time: { start: 0, stop: 1, dt: 1 }', 'auxiliaries:', '  a: { equation: "1 + 2" }']);
    expect(model.auxiliaries[0]!.location).toMatchObject({ line: 3, column: 3 });
    expect(model.auxiliaries[0]!.equation.location).toMatchObject({ line: 3, column: 19 });
  });

  it('reports calibrate: true on a parameter without both bounds', () => {
    const read = readModel(
      'time: { start: 0, stop: 1, dt: 1 }\nparameters:\n  g: { value: 1, min: 0, calibrate: true }\n',
      'm.yaml',
    );
    expect(read.ok).toBe(false);
    if (!read.ok)
      expect(read.diagnostics[0]).toMatchObject({
        field: 'parameters.g.calibrate',
        ...messages.calibrateNeedsBounds('g'),
      });
  });
});
