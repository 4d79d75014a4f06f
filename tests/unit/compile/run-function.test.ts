import { describe, expect, it } from 'vitest';
import { generateRunSource } from '../../../src/compile/generate-run-source.js';
import { planModel } from '../../../src/compile/plan-model.js';
import { compileRunSource } from '../../../src/compile/run-function.js';
import { readInlineModel } from '../../helpers/inline-model.js';

/** A fixed delay of a ramp: its buffer is the run's only state beyond the stock. */
const delayed = [
  'time: { start: 0, stop: 3, dt: 0.5, save_every: 1 }',
  'parameters:',
  '  slope: 2',
  'stocks:',
  '  total: { initial: 0, inflows: [inflow] }',
  'flows:',
  '  inflow: delay_fixed(slope * time, 1, -1)',
];

function source(): { text: string; outputCount: number; saveCount: number } {
  const planned = planModel(readInlineModel(delayed));
  if (!planned.ok) throw new Error(JSON.stringify(planned.diagnostics));
  const { outputNames, saveCount } = planned.value;
  return {
    text: generateRunSource(planned.value, { hoistReciprocals: true }),
    outputCount: outputNames.length,
    saveCount,
  };
}

describe('compileRunSource()', () => {
  it('gives the run function the generated source defines: a fixed delay returns its initial value, then the input one delay later', () => {
    const { text, outputCount, saveCount } = source();
    const run = compileRunSource(text);
    const out = new Float64Array(saveCount * outputCount);
    run(Float64Array.of(2), out, 0, outputCount, 1);
    // outputs: total, inflow; inflow(t) = -1 for t < 1, else 2 (t - 1).
    const inflow = Array.from({ length: saveCount }, (_, saveIndex) => out[saveIndex * outputCount + 1]);
    expect(inflow).toEqual([-1, 0, 2, 4]);
    // total: Euler over dt = 0.5 of -1, -1, 0, 1, 2, 3
    expect(out[3 * outputCount]).toBe(0.5 * (-1 - 1 + 0 + 1 + 2 + 3));
  });

  it('keeps no state between runs: a second run, or a second compiled copy, gives the same numbers', () => {
    const { text, outputCount, saveCount } = source();
    const run = compileRunSource(text);
    const first = new Float64Array(saveCount * outputCount);
    const again = new Float64Array(saveCount * outputCount);
    const other = new Float64Array(saveCount * outputCount);
    run(Float64Array.of(3), first, 0, outputCount, 1);
    run(Float64Array.of(3), again, 0, outputCount, 1);
    compileRunSource(text)(Float64Array.of(3), other, 0, outputCount, 1);
    expect(again).toEqual(first);
    expect(other).toEqual(first);
    expect(first[3 * outputCount + 1]).toBe(6);
  });
});
