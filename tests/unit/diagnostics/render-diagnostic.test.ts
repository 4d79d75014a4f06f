import { describe, expect, test } from 'vitest';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.js';
import { messages, type Message } from '../../../src/diagnostics/messages.js';
import { renderDiagnostic, renderDiagnostics, shownPerKind } from '../../../src/diagnostics/render-diagnostic.js';
import { readModel } from '../../../src/model/read-model.js';

const unknownRate = messages.unknownVariable('growth_rat', 'growth_rate');
const noHint = messages.unknownOutput('gdp_total');

/** A diagnostic with the words of `message` (default: an unknown variable with a hint) at 8:33 of models/gdp.yaml. */
const located = (overrides: Partial<Diagnostic>, message: Message = unknownRate): Diagnostic => ({
  file: 'models/gdp.yaml',
  line: 8,
  column: 33,
  severity: 'error',
  field: 'flows.gdp_growth.equation',
  ...message,
  ...overrides,
});

describe('renderDiagnostic()', () => {
  test('renderDiagnostic() prints file:line:column: error [code] field: message, then the hint', () => {
    expect(renderDiagnostic(located({})).split('\n')).toEqual([
      `models/gdp.yaml:8:33: error [unknown-variable] flows.gdp_growth.equation: ${unknownRate.message}`,
      `  hint: ${unknownRate.hint}`,
    ]);
  });

  test('renderDiagnostic() prints one line when there is no hint', () => {
    const outOfRange = messages.parameterOutOfRange('rate', 0.5, 0, 0.12);
    expect(renderDiagnostic(located({ line: 4, column: 3, field: 'parameters.rate.value' }, outOfRange))).toBe(
      `models/gdp.yaml:4:3: error [parameter-out-of-range] parameters.rate.value: ${outOfRange.message}`,
    );
  });

  test('renderDiagnostic() leaves out the field when it is empty', () => {
    const syntax = messages.syntaxError('YAML', 'bad indentation');
    expect(renderDiagnostic(located({ line: 2, column: 1, field: '' }, syntax))).toBe(
      `models/gdp.yaml:2:1: error [syntax-error] ${syntax.message}`,
    );
  });

  test('renderDiagnostic() prints the severity of a warning', () => {
    expect(renderDiagnostic(located({ severity: 'warning' })).split('\n')[0]).toBe(
      `models/gdp.yaml:8:33: warning [unknown-variable] flows.gdp_growth.equation: ${unknownRate.message}`,
    );
  });

  test('renderDiagnostic() prints a diagnostic from readModel() with the file name it was given', () => {
    const text = 'name: m\ntime: { start: 0, stop: 10, dt: 1 }\nstocks:\n  gdp: { unit: yi_yuan }\n';
    const result = readModel(text, 'models/gdp.yaml');
    const missing = messages.missingInitial('gdp');
    expect(result.ok ? [] : result.diagnostics.map(renderDiagnostic)).toEqual([
      `models/gdp.yaml:4:3: error [missing-initial] stocks.gdp: ${missing.message}\n  hint: ${missing.hint}`,
    ]);
  });
});

describe('renderDiagnostics()', () => {
  test('renderDiagnostics() puts errors first, then orders by file, line and column, and counts them', () => {
    const warning = located({ file: 'a.yaml', line: 1, severity: 'warning' }, noHint);
    const late = located({ line: 9, column: 1 }, noHint);
    const early = located({ line: 8, column: 2 }, noHint);
    const earlier = located({ line: 8, column: 1 }, noHint);
    const otherFile = located({ file: 'a.yaml', line: 20 }, noHint);
    const lines = renderDiagnostics([warning, late, early, otherFile, earlier]).split('\n');
    expect(lines).toEqual([
      renderDiagnostic(otherFile),
      renderDiagnostic(earlier),
      renderDiagnostic(early),
      renderDiagnostic(late),
      renderDiagnostic(warning),
      '4 errors, 1 warning',
    ]);
  });

  test('renderDiagnostics() writes singular and zero counts', () => {
    expect(
      renderDiagnostics([located({}, noHint)])
        .split('\n')
        .at(-1),
    ).toBe('1 error, 0 warnings');
    expect(renderDiagnostics([])).toBe('0 errors, 0 warnings');
  });
});

describe('renderDiagnostics() of many problems of one kind (issue 21, problem 17)', () => {
  test('shows the first few of each kind, then how many more, and counts them all', () => {
    const slip = (index: number): Diagnostic => ({
      file: 'm.yaml',
      line: index + 1,
      column: 3,
      severity: 'error',
      field: `flows.f${index}.equation`,
      ...messages.unitMismatch(`the equation of f${index}`, 'widget/year', 'widget'),
    });
    const diagnostics = [
      ...Array.from({ length: 12_000 }, (_, index) => slip(index)),
      { ...slip(0), ...messages.emptyEquation(), line: 20_000 },
    ];
    const lines = renderDiagnostics(diagnostics).split('\n');
    expect(lines.length).toBeLessThan(20);
    expect(lines.filter((line) => line.includes('[unit-mismatch]'))).toHaveLength(shownPerKind + 1);
    expect(lines).toContain(messages.moreLikeThese(12_000 - shownPerKind, 'error', 'unit-mismatch').message);
    expect(lines.some((line) => line.includes('[equation-syntax]'))).toBe(true);
    expect(lines.at(-1)).toBe('12001 errors, 0 warnings');
  });
});
