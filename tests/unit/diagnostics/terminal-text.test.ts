import { describe, expect, it } from 'vitest';
import { terminalText } from '../../../src/diagnostics/terminal-text.js';

describe('terminalText() (issue 21, problem 17)', () => {
  it('drops escape sequences, carriage returns, C1 controls and bidirectional overrides', () => {
    expect(terminalText('\u001b[31mred\u001b[0m\r\u0007bell\u009b2J\u202eevil\u2066x')).toBe('[31mred[0mbell2Jevilx');
  });

  it('keeps text, tabs, line feeds and every script', () => {
    const text = 'GDP\t国内生产总值 (亿元)\nrd_intensity ≥ 6%';
    expect(terminalText(text)).toBe(text);
  });
});
