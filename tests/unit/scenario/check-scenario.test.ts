import { describe, expect, test } from 'vitest';
import type { TimeSpec } from '../../../src/model/model-spec.js';
import { isSavedTime, lastSavedTime } from '../../../src/scenario/check-scenario.js';
import { success } from '../../../src/diagnostics/diagnostic.js';
import { messages } from '../../../src/diagnostics/messages.js';
import { loadScenario } from '../../../src/scenario/load-scenario.js';

const clock = (start: number, stop: number, saveEvery: number): TimeSpec => ({
  start,
  stop,
  dt: saveEvery,
  method: 'euler',
  saveEvery,
  saveEveryDeclared: true,
  unit: 'year',
});

describe('isSavedTime()', () => {
  test('isSavedTime() accepts start + k * save_every up to stop, despite rounding in the sum', () => {
    const time = clock(0, 1, 0.1);
    expect([0, 0.1, 0.3, 0.7, 1].map((year) => isSavedTime(time, year))).toEqual([true, true, true, true, true]);
    expect(isSavedTime(time, 0.1 * 3)).toBe(true);
  });

  test('isSavedTime() rejects times between saves, before start and after stop', () => {
    const time = clock(2015, 2035, 1);
    expect([2025.5, 2014, 2036, 2035.0001].map((year) => isSavedTime(time, year))).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  test('isSavedTime() compares with a relative tolerance of 1e-9', () => {
    const time = clock(2015, 2035, 1);
    expect(isSavedTime(time, 2030 * (1 + 5e-10))).toBe(true);
    expect(isSavedTime(time, 2030 * (1 + 5e-9))).toBe(false);
  });
});

describe('lastSavedTime()', () => {
  test('lastSavedTime() is the last whole save step within stop', () => {
    expect(lastSavedTime(clock(2020, 2030, 2))).toBe(2030);
    expect(lastSavedTime(clock(2020, 2029, 2))).toBe(2028);
    expect(lastSavedTime(clock(0, 1, 0.1))).toBeCloseTo(1, 12);
  });
});

describe('loadScenario() on joint empirical groups (issue 21, problem 8)', () => {
  test('refuses members of one group that list different numbers of values, at the member', () => {
    const files = new Map([
      [
        'model.yaml',
        'name: m\ntime: { start: 0, stop: 1, dt: 1 }\nparameters:\n  a: { value: 1 }\n  b: { value: 1 }\n  c: { value: 1 }\nstocks:\n  s: { initial: a + b + c }\n',
      ],
      [
        'joint.yaml',
        [
          'model: model.yaml',
          'uncertainty:',
          '  parameters:',
          '    a: { dist: empirical, values: [1, 2, 3], joint: fit }',
          '    b: { dist: empirical, values: [4, 5], joint: fit }',
          '    c: { dist: empirical, values: [6, 7, 8], joint: fit }',
          '',
        ].join('\n'),
      ],
    ]);
    const loaded = loadScenario('joint.yaml', {
      readText: (path) => success(files.get(path.replace(/^.*\//, ''))!),
    });
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.diagnostics).toEqual([
      expect.objectContaining({
        line: 5,
        field: 'uncertainty.parameters.b',
        ...messages.jointLengths('fit', 'b', 2, 'a', 3),
      }),
    ]);
  });
});
