import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/diagnostics/input-error.js';
import { messages } from '../../../src/diagnostics/messages.js';
import { readOverrides } from '../../../src/scenario/read-overrides.js';
import { loadScenarioOrThrow, reportFixture } from '../../helpers/report-fixtures.js';

const model = loadScenarioOrThrow(reportFixture('baseline.yaml')).model;

function problem(overrides: string[]): InputError {
  try {
    readOverrides(model, overrides);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('no problem found');
}

describe('readOverrides()', () => {
  it('reads name=value pairs, a later one of the same name winning', () => {
    const values = readOverrides(model, ['birth_rate=0.02', ' death_rate = 0.01 ', 'birth_rate=0.03']);
    expect([...values]).toEqual([
      ['birth_rate', 0.03],
      ['death_rate', 0.01],
    ]);
  });

  it('refuses what is not name=number, naming the --set', () => {
    expect(problem(['birth_rate'])).toMatchObject({
      option: '--set birth_rate',
      detail: messages.invalidOverride('birth_rate'),
    });
    expect(problem(['birth_rate=abc']).detail.code).toBe(messages.invalidOverride('').code);
    expect(problem(['birth_rate=Infinity']).option).toBe('--set birth_rate=Infinity');
  });

  it('refuses a name that is not a parameter, with the nearest one', () => {
    expect(problem(['birth_rat=0.1']).detail.hint).toContain('birth_rate');
  });

  it("refuses a value outside the parameter's declared range", () => {
    const parameter = model.parameters.find((candidate) => candidate.max !== undefined)!;
    const above = parameter.max! + 1;
    expect(problem([`${parameter.name}=${above}`]).detail).toEqual(
      messages.parameterOutOfRange(parameter.name, above, parameter.min, parameter.max),
    );
  });
});
