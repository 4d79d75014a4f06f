import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/compile/compile-model.js';
import { readModel } from '../../../src/model/read-model.js';
import { simulate } from '../../../src/runtime/simulate.js';

/** Run a model given as YAML lines; return each output's saved series and the saved times. */
function run(
  lines: string[],
  options: { method?: 'euler' | 'rk4' } = {},
): { times: number[]; series: Record<string, number[]> } {
  const read = readModel(lines.join('\n'), 'inline.yaml');
  if (!read.ok) throw new Error(JSON.stringify(read.diagnostics));
  const compiled = compileModel(read.value, options);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  const result = simulate(compiled.value);
  const outputCount = result.outputNames.length;
  const series: Record<string, number[]> = {};
  result.outputNames.forEach((name, outputIndex) => {
    series[name] = Array.from(result.times, (_, saveIndex) => result.values[saveIndex * outputCount + outputIndex]!);
  });
  return { times: Array.from(result.times), series };
}

const clock = (dt: number, stop = 10): string => `time: { start: 0, stop: ${stop}, dt: ${dt}, save_every: 0.5 }`;

describe('step, ramp and pulse', () => {
  it('step(height, t0) switches at t0 exactly when t0 is on the dt grid', () => {
    const { times, series } = run([clock(0.25), 'auxiliaries:', '  s: "step(3, 2)"']);
    times.forEach((time, index) => expect(series['s']![index]).toBe(time >= 2 ? 3 : 0));
  });

  it('step(height, t0) switches at the step nearest t0 when t0 is between steps', () => {
    const early = run([clock(0.5), 'auxiliaries:', '  s: "step(1, 2.2)"']);
    early.times.forEach((time, index) => expect(early.series['s']![index]).toBe(time >= 2 ? 1 : 0));
    const late = run([clock(0.5), 'auxiliaries:', '  s: "step(1, 2.3)"']);
    late.times.forEach((time, index) => expect(late.series['s']![index]).toBe(time >= 2.5 ? 1 : 0));
  });

  it('ramp(slope, t0, t1) is 0, then rises with slope, then holds', () => {
    const { times, series } = run([clock(0.25), 'auxiliaries:', '  r: "ramp(2, 1, 4)"']);
    times.forEach((time, index) =>
      expect(series['r']![index]).toBeCloseTo(time < 1 ? 0 : time < 4 ? 2 * (time - 1) : 6, 12),
    );
  });

  it('pulse(t0, width) is 1 for width time units from t0, and one dt when width is 0', () => {
    const wide = run([clock(0.5), 'auxiliaries:', '  p: "pulse(2, 1.5)"']);
    wide.times.forEach((time, index) => expect(wide.series['p']![index]).toBe(time >= 2 && time < 3.5 ? 1 : 0));
    const instant = run(['time: { start: 0, stop: 4, dt: 0.5 }', 'auxiliaries:', '  p: "pulse(2, 0)"']);
    expect(instant.series['p']).toEqual(instant.times.map((time) => (time === 2 ? 1 : 0)));
  });
});

describe('smooth and delays against closed forms', () => {
  const constantInput = ['parameters:', '  T: 2', 'auxiliaries:', '  x: 10'];

  it('delay_fixed(x, T, init) returns x exactly T earlier, and init before', () => {
    const { times, series } = run([
      clock(0.125),
      'parameters:',
      '  T: 1.5',
      'auxiliaries:',
      '  x: time * time',
      '  d: "delay_fixed(x, T, -1)"',
    ]);
    times.forEach((time, index) => expect(series['d']![index]).toBe(time < 1.5 ? -1 : (time - 1.5) * (time - 1.5)));
  });

  it('smooth(x, T, 0) of a constant x follows x (1 - exp(-t/T)) (RK4)', () => {
    const { times, series } = run([clock(1 / 16), ...constantInput, '  s: "smooth(x, T, 0)"'], { method: 'rk4' });
    times.forEach((time, index) =>
      expect(Math.abs(series['s']![index]! - 10 * (1 - Math.exp(-time / 2)))).toBeLessThan(1e-7),
    );
  });

  it('smooth3(x, T, 0) and delay3(x, T, 0) follow the Erlang-3 response 1 - exp(-u)(1 + u + u^2/2), u = 3t/T (RK4)', () => {
    const { times, series } = run(
      [clock(1 / 32), ...constantInput, '  s3: "smooth3(x, T, 0)"', '  d3: "delay3(x, T, 0)"'],
      { method: 'rk4' },
    );
    times.forEach((time, index) => {
      const u = (3 * time) / 2;
      const expected = 10 * (1 - Math.exp(-u) * (1 + u + (u * u) / 2));
      expect(Math.abs(series['s3']![index]! - expected)).toBeLessThan(1e-6);
      expect(Math.abs(series['d3']![index]! - expected)).toBeLessThan(1e-6);
    });
  });

  it('delay1(x, T) starts in equilibrium at its input and equals smooth for a constant T', () => {
    const { series } = run([
      clock(0.25),
      'parameters:',
      '  T: 3',
      'auxiliaries:',
      '  x: "5 + step(2, 4)"',
      '  d1: delay1(x, T)',
      '  s: smooth(x, T)',
    ]);
    expect(series['d1']![0]).toBe(5);
    series['d1']!.forEach((value, index) => expect(value).toBeCloseTo(series['s']![index]!, 12));
  });

  it('delay3 conserves material: what went in has come out or is still in transit, and the transit shrinks to zero', () => {
    const { series } = run([
      'time: { start: 0, stop: 40, dt: 0.125, save_every: 1 }',
      'parameters:',
      '  T: 3',
      'stocks:',
      '  sent: { initial: 0, inflows: [sending] }',
      '  received: { initial: 0, inflows: [receiving] }',
      'flows:',
      '  sending: "pulse(1, 2) * 4"',
      '  receiving: delay3(sending, T)',
    ]);
    const last = series['sent']!.length - 1;
    expect(series['sent']![last]).toBeCloseTo(8, 12);
    expect(series['received']![last]).toBeCloseTo(8, 3);
    series['received']!.forEach((value, index) => expect(value).toBeLessThanOrEqual(series['sent']![index]! + 1e-12));
  });

  it('smooth(x, T, init) starts at init', () => {
    const { series } = run([clock(0.25), 'auxiliaries:', '  x: 4', '  s: smooth(x, 1, 0)']);
    expect(series['s']![0]).toBe(0);
    expect(series['s']!.at(-1)).toBeGreaterThan(3.99);
  });
});

describe('Euler and RK4 integration', () => {
  it('Euler gives x0 (1 + k dt)^n for dx/dt = k x', () => {
    const { series } = run([
      'time: { start: 0, stop: 2, dt: 0.25, save_every: 2 }',
      'stocks:',
      '  x: { initial: 3, inflows: [growth] }',
      'flows:',
      '  growth: 0.5 * x',
    ]);
    expect(series['x']![1]).toBeCloseTo(3 * Math.pow(1.125, 8), 12);
  });

  it('RK4 gives x0 (1 + h + h^2/2 + h^3/6 + h^4/24)^n for dx/dt = k x with h = k dt', () => {
    const { series } = run(
      [
        'time: { start: 0, stop: 2, dt: 0.25, save_every: 2 }',
        'stocks:',
        '  x: { initial: 3, inflows: [growth] }',
        'flows:',
        '  growth: 0.5 * x',
      ],
      { method: 'rk4' },
    );
    const h = 0.125;
    expect(series['x']![1]).toBeCloseTo(
      3 * Math.pow(1 + h + (h * h) / 2 + (h * h * h) / 6 + (h * h * h * h) / 24, 8),
      12,
    );
  });

  it('RK4 evaluates time-dependent inputs at the stage times', () => {
    const { series } = run(
      [
        'time: { start: 0, stop: 1, dt: 0.5, save_every: 1 }',
        'stocks:',
        '  x: { initial: 0, inflows: [f] }',
        'flows:',
        '  f: time * time',
      ],
      { method: 'rk4' },
    );
    expect(series['x']![1]).toBeCloseTo(1 / 3, 14);
  });
});
