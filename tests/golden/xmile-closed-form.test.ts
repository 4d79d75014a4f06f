import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/compile/compile-model.js';
import { findVariableName, type ModelSpec } from '../../src/model/model-spec.js';
import { readModelText } from '../../src/model/read-model-text.js';
import { simulate } from '../../src/runtime/simulate.js';

/**
 * STEP, RAMP, PULSE, DELAY1, DELAY3, SMTH3 and TREND have no XMILE reference upstream, so each has a
 * small model in tests/fixtures/xmile/ and values derived by hand or in closed form for Euler's method.
 * Each model runs both as generated code and through the reference interpreter.
 */

const fixture = (name: string): ModelSpec => {
  const path = new URL(`../fixtures/xmile/${name}.xmile`, import.meta.url).pathname;
  const read = readModelText(readFileSync(path, 'utf8'), path);
  if (!read.ok) throw new Error(JSON.stringify(read.diagnostics, null, 2));
  return read.value;
};

/** Each saved series of a fixture by its written name, from generated code and from the interpreter. */
function runBoth(model: ModelSpec): { times: number[]; series: (written: string) => number[] }[] {
  return [false, true].map((interpret) => {
    const compiled = compileModel(model, { interpret });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics, null, 2));
    const result = simulate(compiled.value);
    const outputCount = result.outputNames.length;
    return {
      times: Array.from(result.times),
      series: (written: string) => {
        const index = result.outputNames.indexOf(findVariableName(model, written) ?? written);
        if (index < 0) throw new Error(`no saved variable '${written}'`);
        return Array.from(result.times, (_, saveIndex) => result.values[saveIndex * outputCount + index]!);
      },
    };
  });
}

const expectClose = (actual: readonly number[], expected: readonly number[]): void => {
  expect(actual.length).toBe(expected.length);
  actual.forEach((value, index) => {
    expect(Math.abs(value - expected[index]!), `index ${index}: ${value} vs ${expected[index]}`).toBeLessThanOrEqual(
      1e-12 * Math.max(1, Math.abs(expected[index]!)),
    );
  });
};

const binomial = (m: number, j: number): number => {
  let value = 1;
  for (let index = 1; index <= j; index++) value = (value * (m - index + 1)) / index;
  return value;
};

describe('XMILE built-ins against closed forms (tests/fixtures/xmile)', () => {
  it('STEP(10, 3) is 10 from t = 3 on, and a stock integrating it holds 10 * (t - 3)', () => {
    for (const run of runBoth(fixture('step'))) {
      expectClose(
        run.series('Step Up'),
        run.times.map((t) => (t >= 3 ? 10 : 0)),
      );
      // Euler adds dt * 10 for each step at or after 3 and before t: exactly 10 * (t - 3).
      expectClose(
        run.series('Area'),
        run.times.map((t) => Math.max(0, 10 * (t - 3))),
      );
    }
  });

  it('RAMP(2, 4) grows by 2 per time unit after t = 4; RAMP(2, 4, 6) stops at 2 * (6 - 4)', () => {
    for (const run of runBoth(fixture('ramp'))) {
      expectClose(
        run.series('Ramp Up'),
        run.times.map((t) => (t > 4 ? 2 * (t - 4) : 0)),
      );
      expectClose(
        run.series('Ramp Window'),
        run.times.map((t) => (t > 4 ? 2 * (Math.min(t, 6) - 4) : 0)),
      );
    }
  });

  it('PULSE(volume, first, interval) is volume / dt for one step at first (and every interval after), so a stock gains the volume', () => {
    const dt = 0.25;
    for (const run of runBoth(fixture('pulse'))) {
      expectClose(
        run.series('Single'),
        run.times.map((t) => (t === 2 ? 5 / dt : 0)),
      );
      const pulseTimes = [1, 5, 9];
      expectClose(
        run.series('Train'),
        run.times.map((t) => (pulseTimes.includes(t) ? 3 / dt : 0)),
      );
      // The pulse at step t enters the stock at t + dt: 3 for each pulse time before t.
      expectClose(
        run.series('Collected'),
        run.times.map((t) => 3 * pulseTimes.filter((at) => at < t).length),
      );
    }
  });

  // Input steps from 0 to 10 at t = 1 (step index 4 with dt = 0.25). One Euler stage of a first-order
  // lag with time constant tau is y[k+1] = (1 - a) y[k] + a x[k] with a = dt / tau, so m steps after
  // the input steps, n stages in cascade give 10 * P(at least n successes in m Bernoulli(a) trials):
  // 10 * (1 - sum_{j<n} C(m, j) a^j (1 - a)^(m - j)). One stage: 10 * (1 - (1 - a)^m).
  const cascade = (times: readonly number[], stages: number, a: number): number[] =>
    times.map((t) => {
      const m = Math.round((t - 1) / 0.25);
      if (m < 0) return 0;
      let below = 0;
      for (let j = 0; j < stages; j++) below += binomial(m, j) * a ** j * (1 - a) ** (m - j);
      return 10 * (1 - below);
    });

  it('DELAY1(Input, 2) follows 10 * (1 - (1 - dt/2)^m) after the input steps to 10', () => {
    for (const run of runBoth(fixture('delay1'))) expectClose(run.series('Delayed'), cascade(run.times, 1, 0.25 / 2));
  });

  it('DELAY3(Input, 3) is three stages of time 1: the negative binomial step response', () => {
    for (const run of runBoth(fixture('delay3'))) expectClose(run.series('Delayed'), cascade(run.times, 3, 0.25 / 1));
  });

  it('SMTH3(Input, 3) has the same step response as DELAY3 with three stages of time 1', () => {
    for (const run of runBoth(fixture('smth3'))) expectClose(run.series('Smoothed'), cascade(run.times, 3, 0.25 / 1));
  });

  it('TREND(Sales, 4, 0.05) of sales growing 5% per time unit is exactly 0.05; from initial trend 0 it follows the closed form', () => {
    const g = 0.05;
    const T = 4;
    const dt = 0.5;
    for (const run of runBoth(fixture('trend'))) {
      // Sales[k] = 100 r^k with r = 1 + g dt. The average S[k+1] = S[k] + (dt/T)(Sales[k] - S[k]) starts at
      // Sales[0] / (1 + g T) and then stays Sales[k] / (1 + g T), so (Sales - S) / (S T) = g at every step.
      expectClose(
        run.series('Sales Trend'),
        run.times.map(() => g),
      );
      // From initial trend 0, S[0] = Sales[0]: S[k] = 100 (c r^k + (1 - c)(1 - dt/T)^k) with c = 1 / (1 + g T).
      const c = 1 / (1 + g * T);
      expectClose(
        run.series('Trend From Zero'),
        run.times.map((t) => {
          const k = Math.round(t / dt);
          const sales = 100 * (1 + g * dt) ** k;
          const average = 100 * (c * (1 + g * dt) ** k + (1 - c) * (1 - dt / T) ** k);
          return (sales - average) / (average * T);
        }),
      );
    }
  });
});
