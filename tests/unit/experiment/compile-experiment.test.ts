import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  compileExperiment,
  instantiateExperiment,
  storedVariables,
  withParameterValues,
  type CompiledExperiment,
} from '../../../src/experiment/compile-experiment.js';
import { decodeRunSource } from '../../../src/parallel/run-source.js';
import { simulate } from '../../../src/runtime/simulate.js';
import { applyPolicies } from '../../../src/scenario/apply-policies.js';
import type { ScenarioSpec } from '../../../src/scenario/scenario-spec.js';
import { compileModel } from '../../../src/compile/compile-model.js';
import { loadScenarioOrThrow, reportFixture } from '../../helpers/report-fixtures.js';

const solveFixture = (name: string): string => fileURLToPath(new URL(`../../fixtures/solve/${name}`, import.meta.url));

function compiledOrThrow(
  scenario: ScenarioSpec,
  options: Parameters<typeof compileExperiment>[1] = {},
): CompiledExperiment {
  const compiled = compileExperiment(scenario, options);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  return compiled.value;
}

describe('compileExperiment()', () => {
  const scenario = loadScenarioOrThrow(reportFixture('baseline.yaml'));

  it("stores the scenario's outputs, then its targets' variables, and resolves each target to a stored column", () => {
    const experiment = compiledOrThrow(scenario);
    expect(experiment.outputNames).toEqual(storedVariables(scenario));
    expect(experiment.targets).toHaveLength(scenario.targets.length);
    scenario.targets.forEach((target, index) => {
      const query = experiment.targets[index]!;
      expect(experiment.outputNames[query.variableIndex]).toBe(target.variable);
      expect(experiment.saveTimes[query.saveIndex]).toBe(target.year);
      expect(query).toMatchObject({ op: target.op, threshold: target.threshold });
    });
  });

  it('holds the generated source as text and as shared bytes under its sha256, and compiles nothing itself', () => {
    const experiment = compiledOrThrow(scenario);
    expect(decodeRunSource(experiment.runSource)).toBe(experiment.source);
    expect(experiment.runSource.bytes).toBeInstanceOf(SharedArrayBuffer);
    expect(experiment.runSource.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stores only the variables asked for, and then resolves no targets', () => {
    const experiment = compiledOrThrow(scenario, { variables: ['population', 'population'] });
    expect(experiment.outputNames).toEqual(['population']);
    expect(experiment.targets).toEqual([]);
  });

  it("applies the scenario's fixed values to the base parameters and leaves their sample columns unused", () => {
    const fixed = { ...scenario, set: new Map([['birth_rate', 0.02]]) };
    const experiment = compiledOrThrow(fixed);
    expect(experiment.baseParameters[experiment.parameterNames.indexOf('birth_rate')]).toBe(0.02);
    const column = scenario.uncertainty.parameters.findIndex((parameter) => parameter.name === 'birth_rate');
    expect(experiment.sampleColumns[column]).toBe(-1);
  });

  it('returns the diagnostics of a model that does not compile with the scenario', () => {
    const broken: ScenarioSpec = { ...scenario, outputs: ['no_such_variable'], targets: [] };
    const compiled = compileExperiment(broken);
    expect(compiled.ok).toBe(false);
  });

  it('refuses to scale a policy the scenario does not have', () => {
    expect(() => compileExperiment(scenario, { scaledPolicies: ['nope'] })).toThrow(/not a policy of scenario/);
  });
});

describe('withParameterValues()', () => {
  it('fixes a parameter in every run without touching the source, the other columns or the original', () => {
    const scenario = loadScenarioOrThrow(solveFixture('at-least.yaml'));
    const experiment = compiledOrThrow(scenario);
    const lever = experiment.parameterNames.indexOf('lever');
    const leverColumn = scenario.uncertainty.parameters.findIndex((parameter) => parameter.name === 'lever');
    const fixed = withParameterValues(experiment, new Map([['lever', 3]]));
    expect(fixed.baseParameters[lever]).toBe(3);
    expect(fixed.sampleColumns[leverColumn]).toBe(-1);
    expect(experiment.sampleColumns[leverColumn]).toBe(lever);
    expect(fixed.runSource).toBe(experiment.runSource);
    expect(() => withParameterValues(experiment, new Map([['nope', 1]]))).toThrow(/not a parameter/);
  });

  it("scales a policy through its scale parameter as scaling the policy's points does, to the last bit here", () => {
    const scenario = loadScenarioOrThrow(solveFixture('with-policy.yaml'));
    const experiment = compiledOrThrow(scenario, { scaledPolicies: ['rate'], variables: ['x'] });
    const scale = experiment.policyScales.get('rate')!;
    expect(experiment.parameterNames).toContain(scale);
    for (const factor of [0, 0.5, 1.8907, 3]) {
      const scaled = withParameterValues(experiment, new Map([[scale, factor]]));
      const viaScale = simulate(instantiateExperiment(scaled), scaled.baseParameters).values;
      const points = scenario.policies[0]!.points.map((point) => ({ time: point.time, value: point.value * factor }));
      const model = applyPolicies(scenario.model, [{ ...scenario.policies[0]!, points }]);
      const direct = compileModel(model, { outputs: ['x'] });
      if (!direct.ok) throw new Error('the scaled model did not compile');
      const parameters = direct.value.defaultParameters();
      for (const [name, value] of scenario.set) parameters[direct.value.parameterIndex(name)] = value;
      expect(Array.from(viaScale)).toEqual(Array.from(simulate(direct.value, parameters).values));
    }
  });
});
