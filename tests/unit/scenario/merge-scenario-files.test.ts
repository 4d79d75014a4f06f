import { describe, expect, it } from 'vitest';
import { mergeScenarioFiles } from '../../../src/scenario/merge-scenario-files.js';
import { readScenarioFile } from '../../../src/scenario/read-scenario-file.js';
import type { ScenarioFile } from '../../../src/scenario/scenario-file.js';

const file = (path: string, ...text: string[]): ScenarioFile => {
  const { scenario, diagnostics } = readScenarioFile(`${text.join('\n')}\n`, path);
  if (scenario === undefined || diagnostics.length > 0) throw new Error(JSON.stringify(diagnostics));
  return scenario;
};

const root = file(
  'root.yaml',
  'name: root',
  'model: m.yaml',
  'set: { a: 1, b: 2 }',
  'policies:',
  '  p: { interpolate: step, points: { 2020: 0 } }',
  '  q: { interpolate: step, points: { 2020: 0 } }',
  'uncertainty:',
  '  runs: 100',
  '  seed: 1',
  '  sampling: lhs',
  '  parameters:',
  '    u: { dist: uniform, min: 0, max: 1 }',
  '    v: { dist: uniform, min: 0, max: 1 }',
  'targets:',
  '  - { id: t1, variable: x, year: 2030, at_least: 1 }',
  '  - { id: t2, variable: x, year: 2030, at_least: 2 }',
  'outputs: [x]',
);

describe('mergeScenarioFiles()', () => {
  it('takes a single file as it is', () => {
    const merged = mergeScenarioFiles([root]);
    expect(merged.model?.value).toBe('m.yaml');
    expect([...merged.set.keys()]).toEqual(['a', 'b']);
    expect([merged.runCount?.value, merged.seed?.value, merged.sampling?.value]).toEqual([100, 1, 'lhs']);
    expect([...merged.targets.keys()]).toEqual(['t1', 't2']);
  });

  it('lets the nearest file that writes a field win, field by field, and keeps where it was written', () => {
    const child = file('child.yaml', 'name: child', 'extends: root.yaml', 'uncertainty: { seed: 9 }');
    const merged = mergeScenarioFiles([child, root]);
    expect([merged.runCount?.value, merged.seed?.value]).toEqual([100, 9]);
    expect(merged.seed?.place.location.file).toBe('child.yaml');
    expect(merged.runCount?.place.location.file).toBe('root.yaml');
    expect(merged.outputs?.names.map((name) => name.value)).toEqual(['x']);
  });

  it('merges set, policies and parameters by name: a redeclared name keeps its place, a new one is appended', () => {
    const child = file(
      'child.yaml',
      'extends: root.yaml',
      'set: { a: 10, c: 3 }',
      'uncertainty:',
      '  parameters:',
      '    u: { dist: uniform, min: 0, max: 2 }',
      '    w: { dist: uniform, min: 0, max: 1 }',
    );
    const merged = mergeScenarioFiles([child, root]);
    expect([...merged.set].map(([name, setting]) => [name, setting.value])).toEqual([
      ['a', 10],
      ['b', 2],
      ['c', 3],
    ]);
    expect([...merged.parameters.keys()]).toEqual(['u', 'v', 'w']);
    expect(merged.parameters.get('u')!.spec.distribution).toMatchObject({ max: 2 });
  });

  it("lets a child's set drop an inherited policy and a child's policy drop an inherited set", () => {
    const child = file(
      'child.yaml',
      'extends: root.yaml',
      'set: { p: 5 }',
      'policies:',
      '  a: { interpolate: linear, points: { 2020: 0, 2030: 1 } }',
    );
    const merged = mergeScenarioFiles([child, root]);
    expect([...merged.set.keys()]).toEqual(['b', 'p']);
    expect([...merged.policies.keys()]).toEqual(['q', 'a']);
  });

  it('merges targets by id: a replaced target keeps its place, new ones come after', () => {
    const child = file(
      'child.yaml',
      'extends: root.yaml',
      'targets:',
      '  - { id: t3, variable: x, year: 2030, at_most: 9 }',
      '  - { id: t1, variable: x, year: 2025, at_least: 7 }',
    );
    const merged = mergeScenarioFiles([child, root]);
    expect(
      [...merged.targets.values()].map((target) => [target.spec.id, target.spec.year, target.spec.threshold]),
    ).toEqual([
      ['t1', 2025, 7],
      ['t2', 2030, 2],
      ['t3', 2030, 9],
    ]);
  });
});
