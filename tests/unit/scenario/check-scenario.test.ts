import { describe, expect, test } from 'vitest';
import type { TimeSpec } from '../../../src/model/model-spec.js';
import { isSavedTime, lastSavedTime } from '../../../src/scenario/check-scenario.js';

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
