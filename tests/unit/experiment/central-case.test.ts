import { describe, expect, it } from 'vitest';
import { centralCaseValues } from '../../../src/experiment/central-case.js';
import { loadScenarioOrThrow, reportFixture } from '../../helpers/report-fixtures.js';

const baseline = loadScenarioOrThrow(reportFixture('baseline.yaml'));

describe('centralCaseValues()', () => {
  it("puts each uncertain parameter at its distribution's median", () => {
    const values = centralCaseValues(baseline);
    expect([...values.keys()]).toEqual(['birth_rate', 'death_rate']);
    // triangular(a 0.004, c 0.006, b 0.009): F(c) = 0.4 < 0.5, so the median is b - sqrt((b - a)(b - c) / 2).
    expect(values.get('birth_rate')).toBeCloseTo(0.009 - Math.sqrt((0.005 * 0.003) / 2), 12);
    expect(values.get('death_rate')).toBeCloseTo(0.0055, 12);
  });

  it("gives the scenario's fixed values over the medians, and fixed values of parameters not sampled", () => {
    const values = centralCaseValues({
      ...baseline,
      set: new Map([
        ['death_rate', 0.01],
        ['policy_boost', 0.004],
      ]),
    });
    expect(values.get('death_rate')).toBe(0.01);
    expect(values.get('policy_boost')).toBe(0.004);
    expect(values.get('birth_rate')).toBeCloseTo(0.0062613872, 9);
  });

  it('leaves a parameter that a policy drives to the policy', () => {
    const values = centralCaseValues({
      ...baseline,
      policies: [
        {
          name: 'birth_rate',
          interpolate: 'step',
          points: [{ time: 2020, value: 0.01 }],
          location: { file: baseline.file, line: 1, column: 1 },
        },
      ],
    });
    expect(values.has('birth_rate')).toBe(false);
    expect(values.get('death_rate')).toBeCloseTo(0.0055, 12);
  });
});
