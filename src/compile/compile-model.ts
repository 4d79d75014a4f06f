import type { Result } from '../diagnostics/diagnostic.js';
import { failure, hasErrors, success } from '../diagnostics/diagnostic.js';
import { messages } from '../diagnostics/messages.js';
import { checkReferences } from '../model/check-references.js';
import { checkUnits } from '../model/check-units.js';
import type { ModelSpec } from '../model/model-spec.js';
import type { EvaluationPlan } from './evaluation-plan.js';
import { saveTimes } from './evaluation-plan.js';
import { generateRunSource, type GenerateOptions } from './generate-run-source.js';
import { createInterpreter } from './interpret-plan.js';
import { planModel, type PlanOptions } from './plan-model.js';
import { compileRunSource, type RunFunction } from './run-function.js';

/** Options for `compileModel`: how to run (`PlanOptions`) and how to generate code. */
export interface CompileOptions extends PlanOptions {
  /** Default true; see `GenerateOptions.hoistReciprocals`. */
  hoistReciprocals?: boolean;
  /** See `GenerateOptions.loops`. */
  loops?: GenerateOptions['loops'];
  /** Use the slow reference interpreter instead of generated code (for tests). */
  interpret?: boolean;
}

/** A model ready to run many times. */
export interface CompiledModel {
  plan: EvaluationPlan;
  run: RunFunction;
  /** The generated JavaScript, for inspection; empty when interpreted. */
  source: string;
  parameterNames: readonly string[];
  outputNames: readonly string[];
  saveCount: number;
  saveTimes: Float64Array;
  /** A fresh copy of the model's parameter values. */
  defaultParameters(): Float64Array;
  /** Index of a parameter in the parameter vector, or -1. */
  parameterIndex(name: string): number;
}

/** Check everything `compileModel` would reject, without generating code: references, units, dependency loops, clock. */
export function checkModel(model: ModelSpec, options: PlanOptions = {}): Result<EvaluationPlan> {
  const diagnostics = [...checkReferences(model), ...checkUnits(model)];
  const planned = planModel(model, options);
  if (!planned.ok) return failure([...diagnostics, ...planned.diagnostics]);
  return hasErrors(diagnostics) ? failure(diagnostics) : planned;
}

/** Wrap a plan into a runnable model, by generated code or by the reference interpreter. */
export function instantiatePlan(
  plan: EvaluationPlan,
  options: Omit<CompileOptions, keyof PlanOptions> = {},
): CompiledModel {
  if (options.interpret === true) return runnableModel(plan, createInterpreter(plan), '');
  const generate: GenerateOptions = {
    hoistReciprocals: options.hoistReciprocals ?? true,
    ...(options.loops === undefined ? {} : { loops: options.loops }),
  };
  return instantiateSource(plan, generateRunSource(plan, generate));
}

/** A plan with the source generated for it (`generateRunSource`), compiled in this thread. */
export function instantiateSource(plan: EvaluationPlan, source: string): CompiledModel {
  return runnableModel(plan, compileRunSource(source), source);
}

function runnableModel(plan: EvaluationPlan, run: RunFunction, source: string): CompiledModel {
  const parameterIndex = new Map(plan.parameterNames.map((name, index) => [name, index]));
  return {
    plan,
    run,
    source,
    parameterNames: plan.parameterNames,
    outputNames: plan.outputNames,
    saveCount: plan.saveCount,
    saveTimes: saveTimes(plan),
    defaultParameters: () => Float64Array.from(plan.defaultParameters),
    parameterIndex: (name) => parameterIndex.get(name) ?? -1,
  };
}

/**
 * Compile a model: check it, plan it and generate one JavaScript run function for it
 * (`new Function` over the generator's own output only).
 */
export function compileModel(model: ModelSpec, options: CompileOptions = {}): Result<CompiledModel> {
  const planned = checkModel(model, options);
  if (!planned.ok) return planned;
  try {
    return success(instantiatePlan(planned.value, options));
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return failure([
      {
        file: model.file,
        line: 1,
        column: 1,
        severity: 'error',
        field: '',
        ...messages.tooLarge(`the model is too large for one JavaScript function: ${error.message}`),
      },
    ]);
  }
}
