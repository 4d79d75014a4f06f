import { describe, expect, it } from 'vitest';
import { messages } from '../../../src/diagnostics/messages.js';
import { readScenarioFile, resolveScenarioPath } from '../../../src/scenario/read-scenario-file.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

describe('resolveScenarioPath()', () => {
  it('joins a relative path to the folder of the file that wrote it, and keeps an absolute one', () => {
    expect(resolveScenarioPath('scenarios/sub/a.yaml', '../base.yaml')).toBe('scenarios/base.yaml');
    expect(resolveScenarioPath('scenarios/a.yaml', '../models/m.yaml')).toBe('models/m.yaml');
    expect(resolveScenarioPath('scenarios/a.yaml', '/abs/m.yaml')).toBe('/abs/m.yaml');
    expect(resolveScenarioPath('a.yaml', './b/../c.yaml')).toBe('c.yaml');
  });
});

describe('readScenarioFile()', () => {
  const text = lines(
    'name: boost',
    'model: ../models/m.yaml',
    'extends: base.yaml',
    'time: { start: 2023 }',
    'set: { growth: 0.06 }',
    'policies:',
    '  share: { interpolate: linear, points: { 2020: 0.1, 2030: 0.2 } }',
    'uncertainty:',
    '  runs: 500',
    '  seed: 7',
    '  parameters:',
    '    rate: { dist: uniform, min: 0, max: 1 }',
    'targets:',
    '  - { id: gdp_2030, variable: gdp, year: 2030, at_least: 5 }',
    'outputs: [gdp]',
  );

  it('reads each field with the place it was written, paths joined to the file folder', () => {
    const { scenario, diagnostics } = readScenarioFile(text, 'scenarios/boost.yaml');
    expect(diagnostics).toEqual([]);
    expect(scenario!.name?.value).toBe('boost');
    expect(scenario!.model).toMatchObject({
      value: 'models/m.yaml',
      place: { field: 'model', location: { line: 2, column: 8 } },
    });
    expect(scenario!.extends?.value).toBe('scenarios/base.yaml');
    expect(scenario!.start?.value).toBe(2023);
    expect(scenario!.set.get('growth')).toMatchObject({ value: 0.06, valuePlace: { field: 'set.growth' } });
    expect(scenario!.policies.get('share')!.spec).toMatchObject({
      interpolate: 'linear',
      points: [
        { time: 2020, value: 0.1 },
        { time: 2030, value: 0.2 },
      ],
    });
    expect([scenario!.runCount?.value, scenario!.seed?.value, scenario!.sampling]).toEqual([500, 7, undefined]);
    expect([...scenario!.parameters.keys()]).toEqual(['rate']);
    expect(scenario!.targets[0]!.spec).toMatchObject({ id: 'gdp_2030', op: '>=', threshold: 5 });
    expect(scenario!.targets[0]!.year.field).toBe('targets[0].year');
    expect(scenario!.outputs!.names.map((name) => name.value)).toEqual(['gdp']);
  });

  it('reports a parameter both set and given a policy, at the policy, and keeps the set value', () => {
    const { scenario, diagnostics } = readScenarioFile(
      lines(
        'model: m.yaml',
        'set: { share: 0.1 }',
        'policies:',
        '  share: { interpolate: step, points: { 2020: 0.2 } }',
      ),
      'a.yaml',
    );
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      line: 4,
      column: 3,
      field: 'policies.share',
      ...messages.setAndPolicy('share'),
    });
    expect(scenario!.policies.size).toBe(0);
    expect(scenario!.set.get('share')?.value).toBe(0.1);
  });

  it('keeps the names and years of entries it cannot read whole, so the model can still check them', () => {
    const { scenario, diagnostics } = readScenarioFile(
      lines('model: m.yaml', 'set: { typo_name: fast }', 'targets:', '  - { id: t, variable: gpd, year: 2030 }'),
      'a.yaml',
    );
    expect(diagnostics.map((diagnostic) => diagnostic.field)).toEqual(['set.typo_name', 'targets[0]']);
    expect(scenario!.partial.parameterNames.map((name) => name.value)).toEqual(['typo_name']);
    expect(scenario!.partial.variables.map((name) => name.value)).toEqual(['gpd']);
    expect(scenario!.partial.years.map((year) => year.value)).toEqual([2030]);
    expect(scenario!.targets).toEqual([]);
  });

  it('gives no scenario for text that is not a mapping, saying what it found', () => {
    const { scenario, diagnostics } = readScenarioFile('- a\n', 'list.yaml');
    expect(scenario).toBeUndefined();
    expect(diagnostics[0]!.message).toBe(
      messages.wrongType('a mapping with model, set, policies, uncertainty, targets, ...', 'a list').message,
    );
  });
});
