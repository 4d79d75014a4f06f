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
}

/** Significant digits kept for fitted values: far below their bootstrap spread. */
const digits = 6;
const round = (value: number): number => Number(value.toPrecision(digits));

/**
 * The scenario file `calibrate` writes for others to `extends`: each fitted parameter as a truncated
 * normal at its fitted value with the bootstrap's standard deviation, within its search range. With no
 * bootstrap there is no spread, so the fitted values go under `set` instead.
 */
export function formatCalibrationYaml(result: CalibrationResult, origin: CalibrationOrigin): string {
  const fitted = result.fits.filter((fit) => !fit.input).map((fit) => fit.series);
  const header = [
    `Written by \`${origin.command}\` (kechuang ${origin.version}). Do not edit: rerun calibrate.`,
    `Least-squares fit to ${origin.dataFile}, years up to ${result.until}, series: ${fitted.join(', ')}.`,
    result.bootstrapCount > 0
      ? `Spread: ${result.bootstrapCount} refits on residuals resampled within each series (seed ${origin.seed}); parameters are drawn independently, their correlations are not kept.`
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
                  dist: 'truncated_normal',
                  mean: round(parameter.value),
                  sd: round(Math.max(parameter.sd, 1e-9 * Math.max(1, Math.abs(parameter.value)))),
                  min: parameter.min,
                  max: parameter.max,
                  doc: `calibrated to data up to ${result.until}; sd of ${result.bootstrapCount} bootstrap refits${parameter.atBound ? '; the fit sits at a bound of its range' : ''}`,
                },
              ]),
            ),
          },
        }
      : { set: Object.fromEntries(result.parameters.map((parameter) => [parameter.name, round(parameter.value)])) };
  const document = { name: 'calibration', doc: `parameters fitted to history up to ${result.until}`, model: origin.model, ...body };
  return `${header.map((line) => `# ${line}`).join('\n')}\n${stringify(document, { lineWidth: 0, flowCollectionPadding: true })}`;
}
