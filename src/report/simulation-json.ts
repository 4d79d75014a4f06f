import type { ModelSpec } from '../model/model-spec.js';
import type { SimulationResult } from '../runtime/simulate.js';

/** `simulate --json`: the model, the saved times, and each output's values at them (exact doubles). */
export function formatSimulationJson(model: ModelSpec, result: SimulationResult): string {
  const outputCount = result.outputNames.length;
  const series = Object.fromEntries(
    result.outputNames.map((name, outputIndex) => [
      name,
      Array.from(result.times, (_, saveIndex) => result.values[saveIndex * outputCount + outputIndex]!),
    ]),
  );
  return `${JSON.stringify({ model: model.name, file: model.file, time: Array.from(result.times), series }, null, 2)}\n`;
}
