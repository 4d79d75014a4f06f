import Table from 'cli-table3';
import type { CalibrationResult } from '../analysis/calibrate-scenario.js';
import { formatNumber } from './format-number.js';
import { compactRows } from './simulation-table.js';

const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;
const tableStyle = { style: { head: [], border: [] }, chars: compactRows };

function parameterTable(result: CalibrationResult): string {
  const table = new Table({
    head: ['parameter', 'start', 'fitted', 'refits P5', 'refits P95', 'range', ''],
    colAligns: ['left', 'right', 'right', 'right', 'right', 'left', 'left'],
    ...tableStyle,
  });
  for (const parameter of result.parameters) {
    table.push([
      parameter.name,
      formatNumber(parameter.start),
      formatNumber(parameter.value),
      result.bootstrapCount > 0 ? formatNumber(parameter.p5) : '',
      result.bootstrapCount > 0 ? formatNumber(parameter.p95) : '',
      `${formatNumber(parameter.min)} .. ${formatNumber(parameter.max)}`,
      parameter.atBound ? 'at a bound' : '',
    ]);
  }
  return table.toString();
}

function fitTable(result: CalibrationResult): string {
  const table = new Table({
    head: ['variable', 'data series', 'years', 'RMSE', 'MAPE'],
    colAligns: ['left', 'left', 'left', 'right', 'right'],
    ...tableStyle,
  });
  for (const fit of result.fits) {
    const years =
      fit.years.length === 0 ? '' : `${fit.years[0]}-${fit.years[fit.years.length - 1]} (${fit.years.length})`;
    table.push([
      fit.variable,
      fit.series,
      years,
      fit.input ? 'input' : formatNumber(fit.rmse),
      fit.input ? 'input' : percent(fit.mape),
    ]);
  }
  return table.toString();
}

function backtestTable(result: CalibrationResult): string {
  const table = new Table({
    head: ['variable', 'year', 'observed', 'P5', 'P50', 'P95', 'inside'],
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'left'],
    ...tableStyle,
  });
  for (const point of result.backtest) {
    table.push([
      point.variable,
      String(point.year),
      formatNumber(point.observed),
      formatNumber(point.p5),
      formatNumber(point.p50),
      formatNumber(point.p95),
      point.inside ? 'yes' : 'no',
    ]);
  }
  return table.toString();
}

/** Count of back-test observations inside their P5-P95 band. */
export function backtestInsideCount(result: CalibrationResult): number {
  return result.backtest.filter((point) => point.inside).length;
}

/**
 * Why a fitted value sits at a bound: the data pull it past the range the model allows, and the range is
 * the model's (its source or assumption says where it comes from), so the bound holds it there.
 */
function boundNotes(result: CalibrationResult): string[] {
  return result.parameters
    .filter((parameter) => parameter.atBound)
    .map((parameter) => {
      const side = parameter.value - parameter.min < parameter.max - parameter.value ? 'lower' : 'upper';
      return `at a bound: ${parameter.name} = ${formatNumber(parameter.value)} is held at the ${side} end of its declared range ${formatNumber(parameter.min)} .. ${formatNumber(parameter.max)}: the data would take it further, which the model's range (see its source or assumption) does not allow`;
    });
}

/** What `calibrate` prints: fitted parameters, per-series fit, and the back-test when data go past `until`. */
export function formatCalibrationTables(result: CalibrationResult): string {
  const parts = [
    `fitted on data up to ${result.until}; ${result.bootstrapCount} bootstrap refits; ${result.simulationCount.toLocaleString('en-US')} model runs`,
    parameterTable(result),
    ...boundNotes(result),
    `fit over the years up to ${result.until} (MAPE: mean absolute percentage error; "input": the data drive the model there)`,
    fitTable(result),
  ];
  if (result.backtest.length > 0) {
    parts.push(
      `back-test: fitted up to ${result.until}, forecast against later data; band P5-P95 of refits plus resampled residuals`,
      backtestTable(result),
      `${backtestInsideCount(result)} of ${result.backtest.length} observed values inside the P5-P95 band` +
        (result.backtestSummary === undefined
          ? ''
          : `; median relative band width (P95 - P5) / P50: ${result.backtestSummary.medianRelativeWidth.toFixed(3)}`),
    );
  }
  return `${parts.join('\n')}\n`;
}
