import { describe, expect, it } from 'vitest';
import { exploreControls, sliderStep } from '../../../src/explore/explore-controls.js';
import { loadScenarioOrThrow } from '../../helpers/report-fixtures.js';

describe('exploreControls()', () => {
  it("gives each policy a scale slider, then every other parameter grouped by where the scenario's value comes from", () => {
    const controls = exploreControls(loadScenarioOrThrow('tests/fixtures/run/population-mc.yaml'));
    expect(controls.map((control) => [control.name, control.group, control.kind])).toEqual([
      ['policy_boost', 'policy', 'policy-scale'],
      ['birth_rate', 'sampled', 'parameter'],
      ['death_rate', 'sampled', 'parameter'],
      ['initial_population', 'model', 'parameter'],
      ['policy_year', 'model', 'parameter'],
    ]);
    const birth = controls.find((control) => control.name === 'birth_rate')!;
    expect(birth).toMatchObject({ min: 0, max: 0.05, step: 0.0001, rangeDeclared: true, value: 0.006 });
    expect(birth.distribution).toBe('triangular(min 0.004, mode 0.006, max 0.009)');
    expect(controls[0]).toMatchObject({ min: 0, max: 3, value: 1 });
    const year = controls.find((control) => control.name === 'policy_year')!;
    expect(year).toMatchObject({ rangeDeclared: false, min: 1015, max: 4060, value: 2030 });
  });

  it('marks calibrated inputs and labels them in English and Chinese as the model does', () => {
    const controls = exploreControls(loadScenarioOrThrow('scenarios/baseline.yaml'));
    const deflator = controls.find((control) => control.name === 'gdp_deflator_growth')!;
    expect(deflator).toMatchObject({ group: 'sampled', calibrated: true });
    expect(deflator.distribution).toMatch(/^empirical\(100 values/);
    expect(controls.find((control) => control.name === 'fiscal_st_growth')).toMatchObject({
      group: 'set',
      value: 0.042,
    });
  });
});

describe('sliderStep()', () => {
  it('is a power of ten near a hundredth of the range', () => {
    expect(sliderStep(-0.1, 0.25)).toBe(0.001);
    expect(sliderStep(500, 1300)).toBe(1);
    expect(sliderStep(1, 1)).toBe(1);
  });
});
