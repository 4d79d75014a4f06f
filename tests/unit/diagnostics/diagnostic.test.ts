import { describe, expect, it } from 'vitest';
import { failure, hasErrors, success, type Diagnostic } from '../../../src/diagnostics/diagnostic.js';

const at = (severity: 'error' | 'warning'): Diagnostic => ({
  file: 'm.yaml',
  line: 1,
  column: 1,
  code: 'invalid-value',
  severity,
  field: 'x',
  message: 'bad',
});

describe('results and diagnostics', () => {
  it('success() and failure() wrap a value or every problem found', () => {
    expect(success(3)).toEqual({ ok: true, value: 3 });
    expect(failure([at('error'), at('warning')])).toEqual({ ok: false, diagnostics: [at('error'), at('warning')] });
  });

  it('hasErrors() is true when any diagnostic is an error, not for warnings alone', () => {
    expect(hasErrors([])).toBe(false);
    expect(hasErrors([at('warning'), at('warning')])).toBe(false);
    expect(hasErrors([at('warning'), at('error')])).toBe(true);
  });
});
