import { describe, expect, it } from 'vitest';
import { formatModelDescription } from '../../../src/report/model-description.js';
import { readInlineModel } from '../../helpers/inline-model.js';

const model = readInlineModel(
  [
    'name: demo',
    'doc: a small model',
    'time: { start: 2020, stop: 2030, dt: 0.5, save_every: 1, method: rk4, unit: year }',
    'parameters:',
    '  k: { value: 12345.678, unit: 1/year, min: 0, doc: growth, source: NBS }',
    '  open: { value: 2, max: 3, assumption: "no series" }',
    '  free: 1',
    'lookups:',
    '  f: { points: [[0, 1], [2, 3.5]] }',
    'stocks:',
    '  s: { initial: 100, unit: person, inflows: [g], label: People, label_zh: 人 }',
    'flows:',
    '  g: { equation: s * k, unit: person/year }',
  ],
  'models/demo.yaml',
);

const rowOf = (text: string, name: string): string[] =>
  text
    .split('\n')
    .find((line) => line.startsWith(`│ ${name} `))!
    .split('│')
    .slice(1, -1)
    .map((cell) => cell.trim());

describe('formatModelDescription()', () => {
  const text = formatModelDescription(model, { width: 160 });

  it('opens with the model, its file and its clock', () => {
    expect(text.split('\n').slice(0, 2)).toEqual([
      'demo: a small model',
      'file models/demo.yaml; time 2020 to 2030 year, dt 0.5, rk4, saved every 1',
    ]);
  });

  it('lists parameters with value, unit, range, doc and source or assumption', () => {
    expect(text).toContain('Parameters (3)');
    expect(rowOf(text, 'k')).toEqual(['k', '12,345.7', '1/year', '[0, inf]', 'growth', 'NBS']);
    expect(rowOf(text, 'open')).toEqual(['open', '2', '', '[-inf, 3]', '', 'assumption: no series']);
    expect(rowOf(text, 'free')).toEqual(['free', '1', '', '', '', '']);
  });

  it('lists stocks with initial value and flows, labels in both languages, and says none for an empty section', () => {
    expect(rowOf(text, 's')).toEqual(['s', '100', 'person', 'g', '', 'People / 人']);
    expect(rowOf(text, 'g')).toEqual(['g', 's * k', 'person/year', '']);
    expect(text).toContain('Auxiliaries: none');
    expect(rowOf(text, 'f')).toEqual(['f', '(0, 1) (2, 3.5)', '', '']);
  });
});
