import { basename, dirname, join, relative } from 'node:path';
import type { Command } from 'commander';
import { calibrateScenario } from '../analysis/calibrate-scenario.js';
import { messages } from '../diagnostics/messages.js';
import { formatCalibrationTables } from '../report/calibration-table.js';
import { formatCalibrationYaml } from '../report/calibration-yaml.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { exitCodes, ReportedFailure } from './cli-error.js';
import { InputError } from '../diagnostics/input-error.js';
import { integerOption } from './integer-option.js';
import { printDiagnostics, type CommandOutput } from './output.js';
import { packageVersion } from './package-version.js';
import { readModelHistory } from './read-model-history.js';
import { readTextFile } from './read-text-file.js';
import { suggestName } from '../diagnostics/suggest-name.js';
import { writeOutputFile } from './write-output-file.js';
import { catalogueCommand } from './command-catalogue.js';

interface CalibrateOptions {
  data?: string;
  fit?: string;
  until?: string;
  bootstrap: string;
  seed: string;
  out?: string;
  json?: boolean;
}

/** `kechuang calibrate <scenario>`: fit parameters to the model's history, report the fit and a back-test, write a file to extend. */
export function registerCalibrateCommand(program: Command, output: CommandOutput): void {
  catalogueCommand(program, 'calibrate')
    .argument('<scenario>', 'scenario file (YAML): its model, fixed values and policies')
    .option('--data <csv>', "observed values (indicator,year,value,...) (default: the model's data file)")
    .option('--fit <names>', 'comma-separated parameters to fit (default: those marked calibrate: true)')
    .option('--until <year>', 'fit data up to this year; later years are the back-test (default: all data)')
    .option('--bootstrap <count>', 'refits on resampled residuals, for parameter spread and the back-test band', '100')
    .option('--seed <integer>', 'seed of the residual resampling', '1')
    .option(
      '--out <file>',
      "where to write the fitted parameters (default: calibration/<scenario file name> in the scenario's folder)",
    )
    .option('--json', 'print the result as JSON instead of tables')
    .action((file: string, options: CalibrateOptions) => {
      const loaded = loadScenario(file, { readText: readTextFile });
      if (!loaded.ok) {
        printDiagnostics(output, loaded.diagnostics);
        throw new ReportedFailure(exitCodes.badInput);
      }
      const scenario = loaded.value;
      const dataFile = options.data ?? scenario.model.dataFile;
      if (dataFile === undefined) throw new InputError(scenario.model.file, messages.noDataFile());
      const history = readModelHistory(scenario.model, output, dataFile)!;
      const parameterNames = scenario.model.parameters.map((parameter) => parameter.name);
      const fit =
        options.fit
          ?.split(',')
          .map((name) => name.trim())
          .filter((name) => name !== '') ??
        scenario.model.parameters
          .filter((parameter) => parameter.calibrate === true)
          .map((parameter) => parameter.name);
      if (fit.length === 0) throw new InputError(file, messages.nothingToFit());
      for (const name of fit) {
        const parameter = scenario.model.parameters.find((candidate) => candidate.name === name);
        if (parameter === undefined)
          throw new InputError(`--fit ${name}`, messages.unknownParameter(name, suggestName(name, parameterNames)));
        if (parameter.min === undefined || parameter.max === undefined)
          throw new InputError(`--fit ${name}`, messages.fitNeedsBounds(name));
      }
      const lastYear = Math.max(...[...history.values()].flatMap((series) => series.years));
      const until = integerOption('--until', options.until, -1e6, 1e6) ?? lastYear;
      const bootstrapCount = integerOption('--bootstrap', options.bootstrap, 0, 100000)!;
      const seed = integerOption('--seed', options.seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)!;
      const calibrated = calibrateScenario(scenario, history, { fit, until, bootstrapCount, seed });
      if (!calibrated.ok) {
        printDiagnostics(output, calibrated.diagnostics);
        throw new ReportedFailure(exitCodes.badInput);
      }
      const result = calibrated.value;
      if (result.fits.every((series) => series.input || series.years.length === 0))
        throw new InputError(`--until ${until}`, messages.noFitData(until));
      const out = options.out ?? join(dirname(scenario.file), 'calibration', basename(scenario.file));
      const command = [
        'kechuang calibrate',
        file,
        ...(options.fit === undefined ? [] : [`--fit ${options.fit}`]),
        `--until ${until}`,
        `--bootstrap ${bootstrapCount}`,
        `--seed ${seed}`,
      ].join(' ');
      writeOutputFile(
        out,
        formatCalibrationYaml(result, {
          model: relative(dirname(out), scenario.model.file),
          command,
          dataFile: relative(dirname(out), dataFile),
          version: packageVersion,
          seed,
        }),
      );
      if (options.json === true) output.out(`${JSON.stringify(result, null, 2)}\n`);
      else output.out(`${formatCalibrationTables(result)}wrote ${out}\n`);
    });
}
