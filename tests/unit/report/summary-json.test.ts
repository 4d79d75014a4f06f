import { describe, expect, it } from 'vitest';
import type { ScenarioSummary } from '../../../src/experiment/scenario-summary.js';
import { formatSummaryJson } from '../../../src/report/summary-json.js';

describe('formatSummaryJson()', () => {
  it('writes the summary as indented JSON with a final newline, every number read back exactly', () => {
    const summary = {
      scenario: 's',
      runs: 3,
      targets: [{ probability: 0.1 + 0.2, p50: 1 / 3 }],
    } as unknown as ScenarioSummary;
    const text = formatSummaryJson(summary);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "scenario": "s",');
    expect(JSON.parse(text)).toEqual(summary);
  });
});
