import { afterEach, describe, expect, it, vi } from 'vitest';
import { messages } from '../../../src/diagnostics/messages.js';
import { readYamlSource } from '../../../src/diagnostics/yaml-document.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('readYamlSource() on keys that are lists or mappings (issue 21, problem 17)', () => {
  it('reports each as a diagnostic and lets the YAML reader print nothing on stderr', () => {
    const emitWarning = vi.spyOn(process, 'emitWarning');
    const parsed = readYamlSource('parameters:\n  ? [a, b]\n  : { value: 1 }\n? { c: 1 }\n: 2\n', 'keys.yaml');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.keyDiagnostics).toEqual([
      expect.objectContaining({ line: 2, field: 'parameters', ...messages.collectionKey('a list') }),
      expect.objectContaining({ line: 4, field: '', ...messages.collectionKey('a mapping') }),
    ]);
    expect(emitWarning).not.toHaveBeenCalled();
  });
});
