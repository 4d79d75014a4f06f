import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/runtime/simulate.js';
import { applyPolicies } from '../../../src/scenario/apply-policies.js';
import type { PolicySpec } from '../../../src/scenario/scenario-spec.js';
import { compileOrThrow, emptyModelFile, readModelFile } from '../../helpers/model-builders.js';

/** A model whose aux `shown` is parameter `lever`, and whose stock integrates it, over 2020..2030. */
function leverModel(method: 'euler' | 'rk4' = 'euler') {
  const file = emptyModelFile('lever', { start: 2020, stop: 2030, dt: 0.25, save_every: 0.5, method });
  file.parameters['lever'] = { value: 1 };
  file.auxiliaries['shown'] = { equation: 'lever' };
  file.stocks['total'] = { initial: '0', inflows: ['adding'], outflows: [] };
  file.flows['adding'] = { equation: 'lever' };
  return readModelFile(file);
}

const location = { file: 'scenario.yaml', line: 3, column: 5 };
const policy = (interpolate: PolicySpec['interpolate'], points: [number, number][]): PolicySpec => ({
  name: 'lever',
  interpolate,
  points: points.map(([time, value]) => ({ time, value })),
  location,
});

function shownOver(policies: PolicySpec[], method: 'euler' | 'rk4' = 'euler'): Map<number, number> {
  const compiled = compileOrThrow(applyPolicies(leverModel(method), policies), { outputs: ['shown'] });
  const result = simulate(compiled);
  return new Map(Array.from(result.times, (time, index) => [time, result.values[index]!]));
}

describe('applyPolicies()', () => {
  it('holds the first value before the first point, interpolates between points, and holds the last after', () => {
    const shown = shownOver([
      policy('linear', [
        [2022, 0.3],
        [2025, 0.6],
        [2027, 0.2],
      ]),
    ]);
    expect(shown.get(2020)).toBe(0.3);
    expect(shown.get(2022)).toBe(0.3);
    expect(shown.get(2023.5)).toBeCloseTo(0.45, 14);
    expect(shown.get(2025)).toBeCloseTo(0.6, 15);
    expect(shown.get(2026)).toBeCloseTo(0.4, 14);
    expect(shown.get(2027)).toBeCloseTo(0.2, 15);
    expect(shown.get(2030)).toBe(0.2);
  });

  it('switches a step policy at each point, like step()', () => {
    const shown = shownOver([
      policy('step', [
        [2020, 1],
        [2023, 2],
        [2026.5, 5],
      ]),
    ]);
    expect([2022.5, 2023, 2026, 2026.5, 2030].map((time) => shown.get(time))).toEqual([1, 2, 2, 5, 5]);
  });

  it("holds an annual policy's value for year Y over the year that ends at Y, from Y - 1, so a stock gains it within that year", () => {
    const yearly = policy('annual', [
      [2022, 1],
      [2023, 2],
      [2024, 4],
    ]);
    const shown = shownOver([yearly]);
    expect([2020, 2021, 2021.5, 2022, 2022.5, 2023, 2023.5, 2030].map((time) => shown.get(time))).toEqual([
      1, 1, 1, 2, 2, 4, 4, 4,
    ]);
    const compiled = compileOrThrow(applyPolicies(leverModel(), [yearly]), { outputs: ['total'] });
    const result = simulate(compiled);
    const totalAt = (year: number): number => result.values[result.times.indexOf(year)]!;
    // The stock integrates 2 over 2022-2023 and 4 over 2023-2024: each year's gain is that year's value.
    expect(totalAt(2023) - totalAt(2022)).toBeCloseTo(2, 12);
    expect(totalAt(2024) - totalAt(2023)).toBeCloseTo(4, 12);
  });

  it('turns the parameter into an auxiliary that stocks integrate over time', () => {
    const model = applyPolicies(leverModel(), [
      policy('step', [
        [2020, 1],
        [2025, 3],
      ]),
    ]);
    expect(model.parameters.map((parameter) => parameter.name)).not.toContain('lever');
    expect(model.auxiliaries.find((aux) => aux.name === 'lever')?.location).toEqual(location);
    const result = simulate(compileOrThrow(model, { outputs: ['total'] }));
    // 5 years at 1, then 5 years at 3 (Euler integrates a step on the dt grid exactly).
    expect(result.values[result.values.length - 1]).toBeCloseTo(20, 12);
  });

  it('returns the model unchanged when there are no policies', () => {
    const model = leverModel();
    expect(applyPolicies(model, [])).toBe(model);
  });

  it('throws a RangeError for a policy naming no parameter (the loader reports it first)', () => {
    expect(() => applyPolicies(leverModel(), [{ ...policy('linear', [[2020, 1]]), name: 'nothing' }])).toThrow(
      RangeError,
    );
  });
});
