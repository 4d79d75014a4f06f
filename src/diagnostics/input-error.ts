import type { Message } from './messages.js';

/** `error [code] subject: message`, then the hint, for problems that belong to no line of a file. */
export function renderMessage(
  detail: Message,
  subject?: string,
  severity: 'error' | 'warning' | 'note' = 'error',
): string {
  const head = `${severity} [${detail.code}] ${subject === undefined ? '' : `${subject}: `}${detail.message}`;
  return detail.hint === undefined ? head : `${head}\n  hint: ${detail.hint}`;
}

/**
 * A problem with what the user typed, not located in a file (an option and its value, a file name):
 * the command line prints it without a stack trace and exits 2.
 */
export class InputError extends Error {
  constructor(
    /** What was typed, as the message names it: `--set x=1`, `--out results`, a file path. */
    readonly option: string,
    readonly detail: Message,
  ) {
    super(detail.message);
    this.name = 'InputError';
  }

  /** `error [code] option: message`, then the hint. */
  render(): string {
    return renderMessage(this.detail, this.option);
  }
}
