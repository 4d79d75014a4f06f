import { existsSync } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import type { Command } from 'commander';
import { numberDefault } from './number-default.js';
import { calibrateScenario, minimumFitPoints, TooFewFitPointsError } from '../analysis/calibrate-scenario.js';
import { InputError, renderMessage } from '../diagnostics/input-error.js';
import { messages } from '../diagnostics/messages.js';
import { suggestName } from '../diagnostics/suggest-name.js';
import { formatCalibrationChanges } from '../report/calibration-changes.js';
import { formatCalibrationTables } from '../report/calibration-table.js';
import { fittedFrom, formatCalibrationYaml } from '../report/calibration-yaml.js';
import { exitCodes, ReportedFailure } from './cli-error.js';
import { extenderFolders, findExtenders } from './find-extenders.js';
import { integerOption } from './integer-option.js';
import { printDiagnostics, type CommandOutput } from './output.js';
import { packageVersion } from './package-version.js';
import { readModelHistory } from './read-model-history.js';
import { readTextFile } from './read-text-file.js';
import { kechuangCommand } from '../diagnostics/shell-command.js';
import { loadScenarioArgument } from './scenario-argument.js';
import { addSharedOptions, readSharedOptions, type SharedOptionTexts } from './shared-options.js';
import { writeOutputFile } from './write-output-file.js';
import { catalogueCommand } from './command-catalogue.js';

interface CalibrateOptions extends SharedOptionTexts {
  data?: string;
  fit?: string;
  until?: string;
  bootstrap: string;
  force?: boolean;
  dryRun?: boolean;
}

/** Where the fit goes, and what is already there. */
interface Destination {
  path: string;
  /** The file `path` would have been without `--out`, when it exists and a new name was chosen instead. */
  keptBeside?: string;
}

/**
 * The file to write: `<--out>/<scenario file name>`, or by default `calibration/<scenario file name>`
 * beside the scenario; a default that exists is left alone and the first free `<name>-2.yaml`,
 * `<name>-3.yaml`, ... is written instead. An existing file under `--out` is replaced only with `--force`.
 */
function destination(scenarioFile: string, out: string | undefined, force: boolean, dryRun: boolean): Destination {
  const name = basename(scenarioFile);
  const folder = out ?? join(dirname(scenarioFile), 'calibration');
  const path = join(folder, name);
  if (!existsSync(path) || force) return { path };
  if (out !== undefined) {
    if (dryRun) return { path };
    const extenders = findExtenders(path, extenderFolders(path, scenarioFile));
    throw new InputError(`--out ${out}`, messages.calibrationExists(path, extenders));
  }
  const stem = basename(name, extname(name));
  for (let index = 2; ; index++) {
    const candidate = join(folder, `${stem}-${index}${extname(name)}`);
    if (!existsSync(candidate)) return { path: candidate, keptBeside: path };
  }
}

/** `kechuang calibrate <scenario>`: fit parameters to the model's history, report the fit and a back-test, write a file to extend. */
export function registerCalibrateCommand(program: Command, output: CommandOutput): void {
  const command = catalogueCommand(program, 'calibrate')
    .argument('<scenario>', 'scenario file (YAML): its model, fixed values and policies')
    .option('--data <csv>', "observed values (indicator,year,value,...) (default: the model's data file)")
    .option('--fit <names>', 'comma-separated parameters to fit (default: those marked calibrate: true)')
    .option('--until <year>', 'fit data up to this year; later years are the back-test (default: all data)')
    .addOption(
      numberDefault(
        '--bootstrap <count>',
        'refits on resampled residuals, for parameter spread and the back-test band',
        100,
      ),
    )
    .option('--dry-run', 'print the fit and what writing it would change, and write nothing')
    .option('--force', 'replace the file under --out if it exists (scenarios that extend it change with it)');
  addSharedOptions(command, ['seed', 'set', 'out', 'json', 'quiet']);
  command.action((file: string, options: CalibrateOptions) => {
    const shared = readSharedOptions(options, output);
    const { scenario } = loadScenarioArgument(file, { set: shared.set }, output);
    const dataFile = options.data ?? scenario.model.dataFile;
    if (dataFile === undefined) throw new InputError(scenario.model.file, messages.noDataFile());
    const history = readModelHistory(scenario.model, output, dataFile)!;
    const parameterNames = scenario.model.parameters.map((parameter) => parameter.name);
    const fit =
      options.fit
        ?.split(',')
        .map((name) => name.trim())
        .filter((name) => name !== '') ??
      scenario.model.parameters.filter((parameter) => parameter.calibrate === true).map((parameter) => parameter.name);
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
    const seed = shared.seed ?? scenario.uncertainty.seed;
    const target = destination(scenario.file, shared.out, options.force === true, options.dryRun === true);
    let calibrated: ReturnType<typeof calibrateScenario>;
    try {
      calibrated = calibrateScenario(scenario, history, { fit, until, bootstrapCount, seed });
    } catch (error) {
      if (!(error instanceof TooFewFitPointsError)) throw error;
      const detail =
        error.pointCount === 0
          ? messages.noFitData(until)
          : messages.tooFewFitPoints(error.pointCount, minimumFitPoints, until);
      throw new InputError(`--until ${until}`, detail);
    }
    if (!calibrated.ok) {
      printDiagnostics(output, calibrated.diagnostics);
      throw new ReportedFailure(exitCodes.badInput);
    }
    const result = calibrated.value;
    if (result.fits.every((series) => series.input || series.years.length === 0))
      throw new InputError(`--until ${until}`, messages.noFitData(until));
    const words = [
      'calibrate',
      file,
      ...(options.fit === undefined ? [] : ['--fit', options.fit]),
      ...(options.data === undefined ? [] : ['--data', options.data]),
      ...shared.set.flatMap((override) => ['--set', override]),
      '--until',
      String(until),
      '--bootstrap',
      String(bootstrapCount),
      '--seed',
      String(seed),
    ];
    const current = target.keptBeside ?? target.path;
    const existing = existsSync(current) ? readTextFile(current) : undefined;
    const changes = formatCalibrationChanges(
      existing?.ok === true ? existing.value : undefined,
      result,
      fittedFrom(result),
      output.width,
    );
    if (options.dryRun !== true) {
      writeOutputFile(
        target.path,
        formatCalibrationYaml(result, {
          model: relative(dirname(target.path), scenario.model.file),
          command: kechuangCommand(words),
          dataFile: relative(dirname(target.path), dataFile),
          version: packageVersion,
          seed,
          written: new Date().toISOString().slice(0, 10),
        }),
        shared.out === undefined ? target.path : `--out ${shared.out}`,
      );
    }
    if (target.keptBeside !== undefined && !shared.quiet) {
      const extenders = findExtenders(target.keptBeside, extenderFolders(target.keptBeside, scenario.file));
      output.err(
        `${renderMessage(messages.calibrationKept(target.keptBeside, target.path, extenders, options.dryRun === true), undefined, 'note')}\n`,
      );
    }
    if (shared.json) output.out(`${JSON.stringify(result, null, 2)}\n`);
    else if (!shared.quiet) {
      const verb = options.dryRun === true ? 'would write' : 'wrote';
      const against = existing === undefined ? '' : `against ${current}, `;
      output.out(`${formatCalibrationTables(result)}${against}${changes}${verb} ${target.path}\n`);
    }
  });
}
