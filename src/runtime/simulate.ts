import type { CompiledModel } from '../compile/compile-model.js';

/** The saved points of one run: `values[saveIndex * outputNames.length + outputIndex]`. */
export interface SimulationResult {
  outputNames: readonly string[];
  times: Float64Array;
  values: Float64Array;
}

/** The first non-finite value in a run, for a message that names the variable and time. */
export interface NonFiniteValue {
  variable: string;
  time: number;
  value: number;
}

/** Run a compiled model once, row-major, into `into` if given (so a caller can reuse one buffer). */
export function simulate(
  model: CompiledModel,
  parameters: Float64Array = model.defaultParameters(),
  into?: Float64Array,
): SimulationResult {
  const outputCount = model.outputNames.length;
  const values = into ?? new Float64Array(model.saveCount * outputCount);
  if (values.length < model.saveCount * outputCount)
    throw new RangeError(`simulate(): buffer holds ${values.length} values, needs ${model.saveCount * outputCount}`);
  if (parameters.length !== model.parameterNames.length)
    throw new RangeError(
      `simulate(): parameters has ${parameters.length} values, the model has ${model.parameterNames.length} parameters`,
    );
  model.run(parameters, values, 0, outputCount, 1);
  return { outputNames: model.outputNames, times: model.saveTimes, values };
}

/** Scan a run's saved points for the first NaN or infinity, in time order. */
export function findNonFinite(result: SimulationResult): NonFiniteValue | undefined {
  const outputCount = result.outputNames.length;
  for (let saveIndex = 0; saveIndex < result.times.length; saveIndex++) {
    for (let outputIndex = 0; outputIndex < outputCount; outputIndex++) {
      const value = result.values[saveIndex * outputCount + outputIndex]!;
      if (!Number.isFinite(value))
        return { variable: result.outputNames[outputIndex]!, time: result.times[saveIndex]!, value };
    }
  }
  return undefined;
}
