import type { Message } from '../diagnostics/messages.js';

/** Exit codes of the `kechuang` command (DESIGN.md). */
export const exitCodes = { ok: 0, internal: 1, badInput: 2, runFailed: 3 } as const;

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
    const head = `error [${this.detail.code}] ${this.option}: ${this.detail.message}`;
    return this.detail.hint === undefined ? head : `${head}\n  hint: ${this.detail.hint}`;
  }
}

/** Diagnostics already printed; the command should exit with `exitCode`. */
export class ReportedFailure extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'ReportedFailure';
  }
}
