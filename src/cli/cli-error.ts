import type { Message } from '../diagnostics/messages.js';

/** Exit codes of the `kechuang` command (DESIGN.md); 130 is the shell's code for a Ctrl-C. */
export const exitCodes = { ok: 0, internal: 1, badInput: 2, runFailed: 3, interrupted: 130 } as const;

/** `error [code] subject: message`, then the hint, for problems that belong to no line of a file. */
export function renderMessage(
  detail: Message,
  subject?: string,
  severity: 'error' | 'warning' | 'note' = 'error',
): string {
  const head = `${severity} [${detail.code}] ${subject === undefined ? '' : `${subject}: `}${detail.message}`;
  return detail.hint === undefined ? head : `${head}\n  hint: ${detail.hint}`;
}

/** A problem with what the user typed (an option, a file): printed without a stack trace, exit 2. */
export class InputError extends Error {
  constructor(
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

/** Diagnostics already printed; the command should exit with `exitCode`. */
export class ReportedFailure extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'ReportedFailure';
  }
}
