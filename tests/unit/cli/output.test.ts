import { describe, expect, it } from 'vitest';
import { ReportedFailure } from '../../../src/cli/cli-error.js';
import { printDiagnostics, printModelWarnings, valueOrExit, type CommandOutput } from '../../../src/cli/output.js';
import { failure, success, type Diagnostic } from '../../../src/diagnostics/diagnostic.js';
import { messages } from '../../../src/diagnostics/messages.js';

function capture(): { output: CommandOutput; stdout: () => string; stderr: () => string } {
  let stdout = '';
  let stderr = '';
  return {
    output: { out: (text) => void (stdout += text), err: (text) => void (stderr += text), width: 120 },
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

const problem: Diagnostic = {
  file: 'm.yaml',
  line: 3,
  column: 7,
  severity: 'error',
  field: 'parameters.x',
  ...messages.notPositive(),
};

describe('valueOrExit()', () => {
  it('gives the value of a success and prints nothing', () => {
    const { output, stdout, stderr } = capture();
    expect(valueOrExit(success(42), output)).toBe(42);
    expect(stdout() + stderr()).toBe('');
  });

  it('prints the diagnostics of a failure on stderr, none on stdout, and exits 2', () => {
    const { output, stdout, stderr } = capture();
    let thrown: unknown;
    try {
      valueOrExit(failure([problem]), output);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ReportedFailure);
    expect((thrown as ReportedFailure).exitCode).toBe(2);
    expect(stdout()).toBe('');
    expect(stderr()).toContain('m.yaml:3:7: error [invalid-value] parameters.x: expected a positive number');
    expect(stderr().endsWith('\n')).toBe(true);
  });
});

describe('printModelWarnings()', () => {
  it("prints a model's warnings, and nothing for a model without any", () => {
    const warned = capture();
    printModelWarnings(warned.output, { warnings: [{ ...problem, severity: 'warning' }] });
    expect(warned.stderr()).toContain('m.yaml:3:7: warning [invalid-value]');
    const quiet = capture();
    printModelWarnings(quiet.output, {});
    printModelWarnings(quiet.output, { warnings: [] });
    expect(quiet.stderr()).toBe('');
  });

  it('printDiagnostics() writes on stderr only', () => {
    const { output, stdout, stderr } = capture();
    printDiagnostics(output, [problem]);
    expect(stdout()).toBe('');
    expect(stderr()).toContain('m.yaml:3:7');
  });
});
