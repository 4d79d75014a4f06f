import { messages } from '../diagnostics/messages.js';
import { suggestName } from '../diagnostics/suggest-name.js';
import { arrayElements, type ModelSpec } from '../model/model-spec.js';
import { InputError } from './cli-error.js';

/** Collect repeated `--set name=value` options. */
export function collectOverride(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * Read `name=value` overrides into parameter values. Unknown names, non-numbers and values outside a
 * parameter's declared range are input errors; a later override of the same name wins.
 */
export function parseOverrides(model: ModelSpec, overrides: readonly string[]): Map<string, number> {
  const names = model.parameters.map((parameter) => parameter.name);
  const values = new Map<string, number>();
  for (const override of overrides) {
    const option = `--set ${override}`;
    const match = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(override);
    const value = match === null ? NaN : Number(match[2]);
    if (match === null || !Number.isFinite(value)) throw new InputError(option, messages.invalidOverride(override));
    const written = match[1]!;
    // A whole array (`capacity=3`) sets each of its elements.
    const elements = arrayElements(model, written);
    const targets = elements.length > 0 ? elements.map((element) => element.name) : [written];
    for (const name of targets) {
      const index = names.indexOf(name);
      if (index < 0) throw new InputError(option, messages.unknownParameter(name, suggestName(name, names)));
      const parameter = model.parameters[index]!;
      if (
        (parameter.min !== undefined && value < parameter.min) ||
        (parameter.max !== undefined && value > parameter.max)
      ) {
        throw new InputError(option, messages.parameterOutOfRange(name, value, parameter.min, parameter.max));
      }
      values.set(name, value);
    }
  }
  return values;
}

/** Apply `name=value` overrides (see `parseOverrides`) to a parameter vector in the model's parameter order. */
export function applyOverrides(model: ModelSpec, overrides: readonly string[], parameters: Float64Array): void {
  const names = model.parameters.map((parameter) => parameter.name);
  for (const [name, value] of parseOverrides(model, overrides)) parameters[names.indexOf(name)] = value;
}
