import { parse } from 'yaml';
import { median } from 'simple-statistics';
import type { CalibrationResult } from '../analysis/calibrate-scenario.js';
import { fitTable } from './fit-table.js';
import { formatNumber } from './format-number.js';

/** A parameter's central value in a calibration file: the median of its refits, or its fixed value. */
function writtenValue(document: unknown, name: string): number | undefined {
  const root = document as {
    set?: Record<string, unknown>;
    uncertainty?: { parameters?: Record<string, { values?: unknown }> };
  } | null;
  const fixed = root?.set?.[name];
  if (typeof fixed === 'number') return fixed;
  const values = root?.uncertainty?.parameters?.[name]?.values;
  if (Array.isArray(values) && values.length > 0 && values.every((value) => typeof value === 'number'))
    return median(values);
  return undefined;
}

/**
 * What writing a calibration over `existing` (a calibration file's text, or undefined for a new file)
 * would change: the fit window, and each fitted parameter's central value (median of the refits) before
 * and after, as a table `width` columns wide.
 */
export function formatCalibrationChanges(
  existing: string | undefined,
  result: CalibrationResult,
  from: number,
  width: number,
): string {
  let document: unknown;
  try {
    document = existing === undefined ? undefined : parse(existing);
  } catch (error) {
    document = undefined;
    if (!(error instanceof Error)) throw error;
  }
  const window = (document as { calibration?: { from?: unknown; until?: unknown } } | undefined)?.calibration;
  const before =
    typeof window?.from === 'number' && typeof window.until === 'number'
      ? `${window.from}-${window.until}`
      : 'not recorded';
  const lines = [`fit window: ${existing === undefined ? 'new file' : before} → ${from}-${result.until}`];
  const rows = result.parameters.map((parameter) => {
    const after = parameter.refits.length > 0 ? median(parameter.refits) : parameter.value;
    const was = document === undefined ? undefined : writtenValue(document, parameter.name);
    const change =
      was === undefined || was === 0
        ? ''
        : `${after >= was ? '+' : ''}${(((after - was) / Math.abs(was)) * 100).toFixed(1)}%`;
    return [parameter.name, was === undefined ? '—' : formatNumber(was), formatNumber(after), change];
  });
  const table = fitTable(
    [
      { head: 'parameter', wrapTo: 14 },
      { head: 'now (median)', align: 'right' },
      { head: 'after (median)', align: 'right' },
      { head: 'change', align: 'right' },
    ],
    rows,
    { width },
  );
  return `${lines.join('\n')}\n${table.text}\n`;
}
