import { InputError } from '../diagnostics/input-error.js';
import { messages } from '../diagnostics/messages.js';
import { suggestName } from '../diagnostics/suggest-name.js';
import { arrayElements, type ModelSpec } from '../model/model-spec.js';

/**
 * Read `name=value` overrides (`--set`) into parameter values: each must name a parameter of the
 * model, give a finite number, and stay within the parameter's declared `min`..`max`; a later
 * override of the same name wins.
 * @throws InputError naming the override (`--set text`) that breaks a rule.
 */
export function readOverrides(model: ModelSpec, overrides: readonly string[]): Map<string, number> {
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
