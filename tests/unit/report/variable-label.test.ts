import { describe, expect, it } from 'vitest';
import { labelText, variableLabel } from '../../../src/report/variable-label.js';
import { readInlineModel } from '../../helpers/inline-model.js';

const model = readInlineModel([
  'time: { start: 0, stop: 1, dt: 1 }',
  'parameters:',
  '  k: { value: 1, unit: 1/year, label: Rate, doc: a rate }',
  'stocks:',
  '  pop: { initial: 1, unit: person, label: Population, label_zh: 人口, doc: people }',
  'auxiliaries:',
  '  a: 2',
]);

describe('variableLabel()', () => {
  it('takes the English and Chinese labels, unit and doc of a variable', () => {
    expect(variableLabel(model, 'pop')).toEqual({
      name: 'pop',
      english: 'Population',
      chinese: '人口',
      unit: 'person',
      doc: 'people',
    });
  });

  it('falls back to the identifier, and labels parameters too', () => {
    expect(variableLabel(model, 'a')).toMatchObject({ english: 'a', chinese: undefined, unit: undefined });
    expect(variableLabel(model, 'k')).toMatchObject({ english: 'Rate', unit: '1/year', doc: 'a rate' });
  });

  it('labels a name the model lacks by itself', () => {
    expect(variableLabel(model, 'nope')).toEqual({
      name: 'nope',
      english: 'nope',
      chinese: undefined,
      unit: undefined,
      doc: undefined,
    });
  });

  it('labelText() joins English and Chinese with a middle dot, or gives the English alone', () => {
    expect(labelText(variableLabel(model, 'pop'))).toBe('Population · 人口');
    expect(labelText(variableLabel(model, 'k'))).toBe('Rate');
  });
});
