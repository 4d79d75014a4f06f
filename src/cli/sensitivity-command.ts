import { join } from 'node:path';
import type { Command } from 'commander';
import {
  defaultSampleCount,
  prccFactors,
  sensitivityAnalysis,
  sensitivityMethods,
  type SensitivityMethod,
} from '../analysis/sensitivity-analysis.js';
import { InputError } from '../diagnostics/input-error.js';
import { messages } from '../diagnostics/messages.js';
import { suggestName } from '../diagnostics/suggest-name.js';
import type { ScenarioRunFailure } from '../experiment/run-design.js';
import { uncertainFactors } from '../experiment/uncertain-factors.js';
import { formatSensitivityCsv } from '../report/sensitivity-csv.js';
import { formatSensitivityTable } from '../report/sensitivity-table.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { runExperimentSession } from './experiment-session.js';
import { integerOption } from './integer-option.js';
import { valueOrExit, type CommandOutput } from './output.js';
import { packageVersion } from './package-version.js';
import { kechuangCommand, rerunCommand, simulateCommand } from './reproduce-command.js';
import { reportRunFailure } from './run-failure.js';
import { loadScenarioArgument } from './scenario-argument.js';
import { addSharedOptions, readSharedOptions, type SharedOptions, type SharedOptionTexts } from './shared-options.js';
import { writeOutputFile } from './write-output-file.js';
import { catalogueCommand } from './command-catalogue.js';

interface SensitivityCommandOptions extends SharedOptionTexts {
  method: string;
  samples?: string;
  everyYear?: boolean;
}

/** The method named by `--method`, or an input error with the nearest name. */
function methodOption(text: string): SensitivityMethod {
  const method = sensitivityMethods.find((candidate) => candidate === text.trim().toLowerCase());
  if (method === undefined)
    throw new InputError(
      `--method ${text}`,
      messages.unknownMethod(text, sensitivityMethods, suggestName(text, sensitivityMethods)),
    );
  return method;
}

/**
 * The design's size as asked: `--runs` for PRCC (its runs are Monte Carlo runs, as in `run`), `--samples`
 * for Sobol and Morris (base samples or trajectories, each several runs); the other option is an input error.
 */
function designSize(
  method: SensitivityMethod,
  samples: string | undefined,
  runCount: number | undefined,
): number | undefined {
  if (method === 'prcc') {
    if (samples !== undefined)
      throw new InputError(`--samples ${samples}`, messages.sensitivitySizeOption('prcc', '--runs'));
    return runCount;
  }
  if (runCount !== undefined)
    throw new InputError(`--runs ${runCount}`, messages.sensitivitySizeOption(method, '--samples'));
  return integerOption('--samples', samples, 2, 1e9);
}

/** Load the scenario with `--set` and `--seed`, and check that it has something to rank and somewhere to rank it. */
function loadForSensitivity(file: string, shared: SharedOptions, output: CommandOutput): ScenarioSpec {
  const { scenario } = loadScenarioArgument(file, { set: shared.set, seed: shared.seed }, output);
  if (uncertainFactors(scenario).length === 0) throw new InputError(file, messages.nothingToVary(scenario.name));
  if (scenario.targets.length === 0) throw new InputError(file, messages.noSensitivityTargets(scenario.name));
  return scenario;
}

/** Runs a method takes for `samples`: PRCC's runs, Sobol's N (k + 2), Morris's r (k + 1). */
function runCountOf(method: SensitivityMethod, samples: number, factorCount: number): number {
  return method === 'prcc' ? samples : samples * (factorCount + (method === 'sobol' ? 2 : 1));
}

/** A command that redoes one failed run alone: PRCC's runs are `kechuang run`'s; a design row is a `simulate` with its inputs set. */
function failedRunCommand(
  scenario: ScenarioSpec,
  method: SensitivityMethod,
  samples: number,
  shared: SharedOptions,
  failure: Pick<ScenarioRunFailure, 'runIndex' | 'parameters'>,
): string {
  if (method !== 'prcc') return simulateCommand(scenario.file, shared.set, failure.parameters);
  const address = { file: scenario.file, runCount: samples, seed: scenario.uncertainty.seed, set: shared.set };
  return rerunCommand(address, failure.runIndex);
}

/** `kechuang sensitivity <scenario>`: rank the uncertain inputs by their effect on each target by PRCC, Sobol or Morris. */
export function registerSensitivityCommand(program: Command, output: CommandOutput): void {
  const command = catalogueCommand(program, 'sensitivity')
    .argument('<scenario>', 'scenario file (YAML) with uncertain parameters and targets')
    .option(
      '--method <name>',
      'prcc (partial rank correlation of the Monte Carlo runs), sobol (first-order and total indices) or morris (elementary effects)',
      'sobol',
    )
    .option(
      '--samples <count>',
      'sobol: base samples N, N (k + 2) runs (default 4096); morris: trajectories r, r (k + 1) runs (default 50); prcc takes --runs',
    )
    .option(
      '--every-year',
      "rank the inputs for every saved year of each target's variable, not only the target's year",
    );
  addSharedOptions(command, ['runs', 'seed', 'workers', 'set', 'out', 'json', 'quiet', 'maxMemory', 'redis', 'queue']);
  command.action(async (file: string, options: SensitivityCommandOptions) => {
    const method = methodOption(options.method);
    const shared = readSharedOptions(options, output);
    const requested = designSize(method, options.samples, shared.runCount);
    const scenario = loadForSensitivity(file, shared, output);
    const samples = requested ?? defaultSampleCount(scenario, method);
    const factors = uncertainFactors(scenario);
    if (method === 'prcc') {
      const ranked = prccFactors(factors);
      if (ranked.length === 0)
        throw new InputError(
          file,
          messages.prccOnlyJoint(
            scenario.name,
            factors.map((factor) => factor.name),
          ),
        );
      if (samples < ranked.length + 2)
        throw new InputError(`--runs ${samples}`, messages.prccTooFewRuns(ranked.length, samples));
    }
    const started = performance.now();
    const rerun = (failure: Pick<ScenarioRunFailure, 'runIndex' | 'parameters'>): string =>
      failedRunCommand(scenario, method, samples, shared, failure);
    const context = () => ({ scenario, rerun: (runIndex: number) => rerun({ runIndex, parameters: {} }) });
    const settings = { shared, totalRuns: runCountOf(method, samples, factors.length) };
    const analysed = valueOrExit(
      await runExperimentSession(settings, context, output, (session) =>
        sensitivityAnalysis(scenario, {
          method,
          sampleCount: samples,
          everyYear: options.everyYear === true,
          ...session.runOptions,
        }),
      ),
      output,
    );
    if (!analysed.ok) reportRunFailure(analysed.failure, scenario.file, rerun(analysed.failure), output);
    const result = analysed.result;
    const engine = {
      version: packageVersion,
      workers: shared.workerCount,
      wallSeconds: (performance.now() - started) / 1000,
    };
    const json = `${JSON.stringify({ ...result, engine }, null, 2)}\n`;
    if (shared.out !== undefined) {
      const { formatSensitivityReportHtml } = await import('../report/sensitivity-report-html.js');
      writeOutputFile(join(shared.out, 'sensitivity.json'), json);
      writeOutputFile(join(shared.out, 'sensitivity.csv'), formatSensitivityCsv(result));
      const words = [
        'sensitivity',
        file,
        '--method',
        method,
        method === 'prcc' ? '--runs' : '--samples',
        String(samples),
        '--seed',
        String(scenario.uncertainty.seed),
        ...(options.everyYear === true ? ['--every-year'] : []),
        ...shared.set.flatMap((override) => ['--set', override]),
      ];
      writeOutputFile(
        join(shared.out, 'report.html'),
        await formatSensitivityReportHtml({
          result,
          scenario,
          command: kechuangCommand(words),
          engineVersion: packageVersion,
        }),
      );
    }
    if (shared.json) output.out(json);
    else if (!shared.quiet) output.out(formatSensitivityTable(result));
  });
}
