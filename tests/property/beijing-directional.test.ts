import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/compile/compile-model.js';
import { simulate } from '../../src/runtime/simulate.js';
import { loadBeijingScenario } from '../helpers/beijing-model.js';
import { propertyRuns, propertySeed } from './property-config.js';

// Directional laws of the Beijing model, over parameter draws anywhere in every parameter's declared
// range (calibrated or not): raising one lever never lowers the indicators it should raise, at any
// saved year. Equal values are allowed (a lever acts only after 2023).
const scenario = loadBeijingScenario();
const compiled = compileModel(scenario.model, {
  outputs: [
    'rd_expenditure',
    'rd_personnel',
    'basic_research_share',
    'digital_economy_va',
    'tech_contract_turnover',
    'high_tech_va',
    'enterprise_rd_funds',
    'enterprise_rd_room',
    'enterprise_funds_share',
  ],
});
if (!compiled.ok) throw new Error('the Beijing model does not compile');
const model = compiled.value;
const ranged = scenario.model.parameters.filter(
  (parameter) => parameter.min !== undefined && parameter.max !== undefined,
);

const parameterDraw = fc.tuple(
  ...ranged.map((parameter) => fc.double({ min: parameter.min!, max: parameter.max!, noNaN: true })),
);

function run(values: readonly number[], lever: string, leverValue: number): (variable: string) => number[] {
  const parameters = model.defaultParameters();
  ranged.forEach((parameter, index) => {
    parameters[model.parameterIndex(parameter.name)] = values[index]!;
  });
  parameters[model.parameterIndex(lever)] = leverValue;
  const result = simulate(model, parameters);
  return (variable) => {
    const outputIndex = result.outputNames.indexOf(variable);
    return Array.from(
      { length: result.times.length },
      (_, saveIndex) => result.values[saveIndex * result.outputNames.length + outputIndex]!,
    );
  };
}

/** Every saved value of `higher` at least that of `lower`, allowing rounding in the last bits. */
function neverLower(lower: readonly number[], higher: readonly number[]): boolean {
  return lower.every((value, index) => higher[index]! >= value - 1e-12 * Math.abs(value));
}

function lawFor(lever: string, variables: readonly string[]) {
  const spec = ranged.find((parameter) => parameter.name === lever)!;
  return fc.property(
    parameterDraw,
    fc.double({ min: spec.min!, max: spec.max!, noNaN: true }),
    fc.double({ min: spec.min!, max: spec.max!, noNaN: true }),
    (values, first, second) => {
      const [low, high] = first <= second ? [first, second] : [second, first];
      const lowRun = run(values, lever, low);
      const highRun = run(values, lever, high);
      return variables.every((variable) => neverLower(lowRun(variable), highRun(variable)));
    },
  );
}

describe(`Beijing model directional laws (seed ${propertySeed})`, () => {
  it('more fiscal S&T funding growth never lowers R&D spending or R&D personnel', () => {
    fc.assert(lawFor('fiscal_st_growth', ['rd_expenditure', 'rd_personnel']), {
      seed: propertySeed,
      numRuns: propertyRuns(150),
    });
  });

  it('the municipal pass-through only splits government R&D funds up to 2023: their total, and R&D spending, do not move', () => {
    const spec = ranged.find((parameter) => parameter.name === 'municipal_pass_through')!;
    const law = fc.property(
      parameterDraw,
      fc.double({ min: spec.min!, max: spec.max!, noNaN: true }),
      fc.double({ min: spec.min!, max: spec.max!, noNaN: true }),
      (values, first, second) => {
        const firstRun = run(values, 'municipal_pass_through', first)('rd_expenditure');
        const secondRun = run(values, 'municipal_pass_through', second)('rd_expenditure');
        // Saved years 2012-2023 are the first 12.
        return firstRun
          .slice(0, 12)
          .every((value, index) => Math.abs(value - secondRun[index]!) <= 1e-9 * Math.abs(value));
      },
    );
    fc.assert(law, { seed: propertySeed, numRuns: propertyRuns(100) });
  });

  it('more crowding-in (additionality) never lowers enterprise R&D, nor R&D spending', () => {
    fc.assert(lawFor('additionality', ['enterprise_rd_funds', 'rd_expenditure']), {
      seed: propertySeed,
      numRuns: propertyRuns(150),
    });
  });

  it('a larger share of government money reaching enterprises never lowers enterprise R&D when government money crowds in', () => {
    const spec = ranged.find((parameter) => parameter.name === 'government_to_enterprise_share')!;
    const law = fc.property(
      parameterDraw,
      fc.double({ min: 0, max: 0.4, noNaN: true }),
      fc.double({ min: spec.min!, max: spec.max!, noNaN: true }),
      fc.double({ min: spec.min!, max: spec.max!, noNaN: true }),
      (values, additionality, first, second) => {
        const [low, high] = first <= second ? [first, second] : [second, first];
        const withAdditionality = ranged.map((parameter, index) =>
          parameter.name === 'additionality' ? additionality : values[index]!,
        );
        return neverLower(
          run(withAdditionality, 'government_to_enterprise_share', low)('enterprise_rd_funds'),
          run(withAdditionality, 'government_to_enterprise_share', high)('enterprise_rd_funds'),
        );
      },
    );
    fc.assert(law, { seed: propertySeed, numRuns: propertyRuns(100) });
  });

  it('a higher super-deduction never lowers enterprise R&D', () => {
    fc.assert(lawFor('super_deduction_rate', ['enterprise_rd_funds', 'rd_expenditure']), {
      seed: propertySeed,
      numRuns: propertyRuns(100),
    });
  });

  it('enterprise R&D stays below the room the R&D intensity ceiling leaves it, wherever the parameters are in their ranges', () => {
    const law = fc.property(parameterDraw, (values) => {
      const first = values[0]!;
      const series = run(values, ranged[0]!.name, first);
      const room = series('enterprise_rd_room');
      return series('enterprise_rd_funds').every((funds, index) => funds < room[index]!);
    });
    fc.assert(law, { seed: propertySeed, numRuns: propertyRuns(100) });
  });

  it('a larger basic-research allocation never lowers the basic-research share', () => {
    fc.assert(lawFor('basic_allocation_increase', ['basic_research_share']), {
      seed: propertySeed,
      numRuns: propertyRuns(150),
    });
  });

  it('a higher digital growth base never lowers digital-economy value added', () => {
    fc.assert(lawFor('digital_growth_base', ['digital_economy_va']), {
      seed: propertySeed,
      numRuns: propertyRuns(150),
    });
  });

  it('the check can fail: faster municipal funding growth does lower the enterprise share of R&D', () => {
    expect(() =>
      fc.assert(lawFor('fiscal_st_growth', ['enterprise_funds_share']), { seed: propertySeed, numRuns: 50 }),
    ).toThrow();
  });

  it('the R&D depreciation rate sets the pace of the knowledge stock, not the level the fit pins: contracts and high-tech output at the start do not depend on it', () => {
    const law = fc.property(
      parameterDraw,
      fc.double({ min: 0.1, max: 0.4, noNaN: true }),
      fc.double({ min: 0.1, max: 0.4, noNaN: true }),
      (values, first, second) => {
        const firstRun = run(values, 'rd_depreciation_rate', first);
        const secondRun = run(values, 'rd_depreciation_rate', second);
        return ['tech_contract_turnover', 'high_tech_va'].every(
          (variable) =>
            Math.abs(firstRun(variable)[0]! - secondRun(variable)[0]!) <= 1e-12 * Math.abs(firstRun(variable)[0]!),
        );
      },
    );
    fc.assert(law, { seed: propertySeed, numRuns: propertyRuns(100) });
  });
});
