/** Exit codes of the `kechuang` command (DESIGN.md); 130 is the shell's code for a Ctrl-C. */
export const exitCodes = { ok: 0, internal: 1, badInput: 2, runFailed: 3, interrupted: 130 } as const;

/** Diagnostics already printed; the command should exit with `exitCode`. */
export class ReportedFailure extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'ReportedFailure';
  }
}
