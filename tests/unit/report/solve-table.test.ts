import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { LeverSolution } from '../../../src/analysis/solve-lever.js';
import { formatSolveTable } from '../../../src/report/solve-table.js';
import { loadScenarioOrThrow } from '../../helpers/report-fixtures.js';

const scenario = loadScenarioOrThrow(fileURLToPath(new URL('../../fixtures/solve/at-least.yaml', import.meta.url)));

const base: LeverSolution = {
  scenario: 'at-least',
  lever: 'lever',
  value: 7.578125,
  probability: 0.9015,
  required: 0.9,
  targets: ['x_high'],
  runs: 8000,
  reachable: true,
  direction: 'rising',
  range: [-10, 20],
  tolerance: 0.03,
  iterations: 2,
  seed: 11,
  runsPerTrial: 2000,
  sampling: 'lhs',
  monotone: true,
  violations: [],
  trials: [
    { value: -10, probability: 0 },
    { value: 20, probability: 1 },
    { value: 5, probability: 0.5 },
    { value: 7.578125, probability: 0.9015 },
  ],
  wallSeconds: 0.42,
};

const lines = (solution: LeverSolution, source: Parameters<typeof formatSolveTable>[2] = 'declared'): string[] =>
  formatSolveTable(solution, scenario, source).split('\n');

const withPolicy = loadScenarioOrThrow(
  fileURLToPath(new URL('../../fixtures/solve/with-policy.yaml', import.meta.url)),
);

describe('formatSolveTable()', () => {
  // Issue 20, problem 9: a policy scale of 2.29 was reported with no translation into the policy's units.
  it("translates a policy scale into the policy's own points", () => {
    const text = formatSolveTable({ ...base, lever: 'policy:rate', value: 1.890625 }, withPolicy, 'policy-default');
    expect(text).toContain(
      "in rate's own terms (every point x 1.89063, step): 0: 4 widget per year → 7.563 widget per year, 1: 4 widget per year → 7.563 widget per year",
    );
  });

  it('states the question, the answer with its direction and tolerance, the runs spent, and the trials in lever order', () => {
    const text = lines(base);
    expect(text.slice(0, 8)).toEqual([
      'solve lever in at-least: x_high with probability ≥ 90%',
      '  target x_high: x ≥ 15 widget in 1',
      "  range -10 to 20 (the parameter's declared min and max), tolerance 0.03",
      '  common random numbers: seed 11, the same 2,000 runs at every value (Latin hypercube sampling)',
      '',
      'lever = 7.57813: probability 90.15%',
      '  the smallest value meeting 90% (the probability rises with the lever), to within 0.03',
      '  4 trials x 2,000 runs = 8,000 model runs in 0.4 s',
    ]);
    const rows = text.filter((line) => line.startsWith('│')).slice(1);
    expect(rows.map((row) => row.split('│')[1]!.trim())).toEqual(['-10', '5', '7.57813', '20']);
    expect(rows[2]).toContain('90.15%');
    expect(rows[2]).toContain('yes');
  });

  it('says "largest" when the probability falls, and where a default policy range came from', () => {
    const text = lines({ ...base, lever: 'policy:rate', direction: 'falling', range: [0, 3] }, 'policy-default');
    expect(text[2]).toBe(
      '  range 0 to 3 (the default for a policy scale: off to three times the policy), tolerance 0.03',
    );
    expect(text[6]).toBe('  the largest value meeting 90% (the probability falls with the lever), to within 0.03');
  });

  it('names the end of the range that meets it when both ends do', () => {
    const text = lines({
      ...base,
      value: -10,
      iterations: 0,
      trials: [
        { value: -10, probability: 0.95 },
        { value: 20, probability: 1 },
      ],
    });
    expect(text[6]).toBe(
      '  the smallest value meeting 90% (the probability rises with the lever); met already at the lower end of the range',
    );
  });

  it('says when the probability is reached at neither end, with the better end, or that the lever does not move it', () => {
    const unreachable = {
      ...base,
      value: null,
      reachable: false,
      probability: 0.16,
      bestAt: 20,
      iterations: 0,
      runs: 4000,
      trials: [
        { value: -10, probability: 0 },
        { value: 20, probability: 0.16 },
      ],
    };
    expect(lines(unreachable)[5]).toBe(
      'not reachable in the range: the best probability is 16.00%, at the upper end (lever = 20), below 90%',
    );
    // Issue 20, problem 9: "widen --range" was advised, then the wider range refused as outside the declared one.
    expect(lines(unreachable)[6]).not.toContain('widen --range');
    expect(lines(unreachable)[6]).toContain("the range already reaches lever's declared max (20)");
    expect(lines({ ...unreachable, range: [-10, 12], bestAt: 12 }, 'given')[6]).toContain(
      'widen --range at its upper end (up to the declared max, 20)',
    );
    const flat = {
      ...unreachable,
      probability: 0.5,
      bestAt: -10,
      trials: [
        { value: -10, probability: 0.5 },
        { value: 20, probability: 0.5 },
      ],
    };
    expect(lines(flat).slice(5, 7)).toEqual([
      'not reachable in the range: the probability is 50.00% at both ends, below 90%',
      '  lever may not move this target: try another lever, a wider --range or a lower --probability',
    ]);
  });
});
