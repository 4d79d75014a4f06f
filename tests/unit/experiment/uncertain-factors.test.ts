import { describe, expect, it } from 'vitest';
import { uncertainFactors } from '../../../src/experiment/uncertain-factors.js';
import { withOverrides } from '../../../src/scenario/with-overrides.js';
import { loadBeijingScenario } from '../../helpers/beijing-model.js';
import { loadScenarioOrThrow, reportFixture } from '../../helpers/report-fixtures.js';

describe('uncertainFactors()', () => {
  it('makes each independently drawn input one factor, in sample-column order', () => {
    const scenario = loadScenarioOrThrow(reportFixture('baseline.yaml'));
    expect(uncertainFactors(scenario)).toEqual([
      { name: 'birth_rate', parameters: ['birth_rate'], columns: [0] },
      { name: 'death_rate', parameters: ['death_rate'], columns: [1] },
    ]);
  });

  it('makes a joint group of calibration refits one factor holding all its members', () => {
    const scenario = loadBeijingScenario();
    const factors = uncertainFactors(scenario);
    const group = factors.find((factor) => factor.joint === 'calibration');
    const calibrated = scenario.model.parameters
      .filter((parameter) => parameter.calibrate === true)
      .map((parameter) => parameter.name);
    expect(group?.name).toBe('joint:calibration');
    expect([...group!.parameters].sort()).toEqual([...calibrated].sort());
    expect(group!.columns.map((column) => scenario.uncertainty.parameters[column]!.name)).toEqual(group!.parameters);
    expect(factors.map((factor) => factor.name)).toEqual([
      'joint:calibration',
      'gdp_growth_shock',
      'gdp_deflator_2024',
      'gdp_deflator_shock',
      'municipal_pass_through',
      'central_growth_shock',
      'additionality',
      'government_to_enterprise_share',
      'basic_trend_change',
      'venture_climate',
      'enterprise_rd_growth_2024',
      'trend_persistence',
      'employed_persons',
      'rd_user_cost_elasticity',
    ]);
  });

  it('leaves out inputs a fixed value overrides, since they do not vary', () => {
    const scenario = withOverrides(loadBeijingScenario(), { set: new Map([['gdp_growth_shock', 0]]) });
    expect(uncertainFactors(scenario).map((factor) => factor.name)).not.toContain('gdp_growth_shock');
  });
});
