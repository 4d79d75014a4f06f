import { stringify } from 'yaml';
import type { CalibrationResult } from '../analysis/calibrate-scenario.js';

/** Where a calibration came from, for the file's header and its distributions' docs. */
export interface CalibrationOrigin {
  /** The model's path relative to the calibration file. */
  model: string;
  command: string;
  dataFile: string;
  version: string;
  seed: number;
  /** The day the file is written, `YYYY-MM-DD`. */
  written: string;
}

/** The first year of data the fit used. */
export function fittedFrom(result: CalibrationResult): number {
  return Math.min(...result.fits.filter((fit) => !fit.input).flatMap((fit) => fit.years));
}

/** Significant digits kept for fitted values: far below their bootstrap spread. */
const digits = 6;
const round = (value: number): number => Number(value.toPrecision(digits));

/**
 * The scenario file `calibrate` writes for others to `extends`: each fitted parameter as the empirical
 * distribution of its bootstrap refits, all in one joint group so that a run takes one refit whole
 * (correlations, skew and bounds kept, unlike independent fitted normals). With no bootstrap
 * there is no spread, so the fitted values go under `set` instead.
 */
export function formatCalibrationYaml(result: CalibrationResult, origin: CalibrationOrigin): string {
  const fitted = result.fits.filter((fit) => !fit.input).map((fit) => fit.series);
  const header = [
    `Written by \`${origin.command}\` (kechuang ${origin.version}). Do not edit: rerun calibrate.`,
    `Least-squares fit to ${origin.dataFile}, years up to ${result.until}, series: ${fitted.join(', ')}.`,
    result.bootstrapCount > 0
      ? `Spread: ${result.bootstrapCount} refits on residuals resampled within each series (seed ${origin.seed}); each run draws one refit whole (joint: calibration), so the parameters' correlations are kept.`
      : 'No bootstrap (--bootstrap 0): fitted values only, no spread.',
  ];
  const body =
    result.bootstrapCount > 0
      ? {
          uncertainty: {
            parameters: Object.fromEntries(
              result.parameters.map((parameter) => [
                parameter.name,
                {
                  dist: 'empirical',
                  joint: 'calibration',
                  values: parameter.refits.map(round),
                  doc: `calibrated to data up to ${result.until}: the ${result.bootstrapCount} bootstrap refits (least-squares fit ${round(parameter.value)})${parameter.atBound ? '; the fit sits at a bound of its range' : ''}`,
                },
              ]),
            ),
          },
        }
      : { set: Object.fromEntries(result.parameters.map((parameter) => [parameter.name, round(parameter.value)])) };
  const document = {
    name: 'calibration',
    doc: `parameters fitted to history up to ${result.until}`,
    model: origin.model,
    calibration: { from: fittedFrom(result), until: result.until, written: origin.written },
    ...body,
  };
  return `${header.map((line) => `# ${line}`).join('\n')}\n${stringify(document, { lineWidth: 0, flowCollectionPadding: true })}`;
}
