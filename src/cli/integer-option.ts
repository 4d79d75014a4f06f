import { messages } from '../diagnostics/messages.js';
import { InputError } from '../diagnostics/input-error.js';

/** A whole number from an option, within bounds, or an input error naming the option. */
export function integerOption(
  option: string,
  text: string | undefined,
  minimum: number,
  maximum: number,
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\s*[-+]?\d+\s*$/.test(text) || !Number.isSafeInteger(value) || value < minimum || value > maximum) {
    throw new InputError(
      `${option} ${text}`,
      messages.notInteger(`a whole number from ${minimum} to ${maximum}`, text),
    );
  }
  return value;
}
