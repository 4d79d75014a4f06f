import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { MemoryLimitError, type ScenarioRunFailure } from '../analysis/run-scenario.js';
import {
  defaultSampleCount,
  prccFactors,
  sensitivityAnalysis,
  sensitivityMethods,
  type SensitivityMethod,
  type SensitivityResult,
} from '../analysis/sensitivity-analysis.js';
import { uncertainFactors } from '../analysis/uncertain-factors.js';
import { messages } from '../diagnostics/messages.js';
import { suggestName } from '../diagnostics/suggest-name.js';
import { createShardExecutor } from '../parallel/shard-executor.js';
import { formatSensitivityCsv } from '../report/sensitivity-csv.js';
import { formatSensitivityTable } from '../report/sensitivity-table.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { exitCodes, InputError, ReportedFailure } from './cli-error.js';
import { integerOption } from './integer-option.js';
import { listenForInterrupt } from './interrupt.js';
import { printDiagnostics, type CommandOutput } from './output.js';
import { packageVersion } from './package-version.js';
import { collectOverride } from './parse-overrides.js';
import { createProgressReporter } from './progress-bar.js';
import { reportRunStop } from './report-run-stop.js';
import { memoryLimitOption, memoryLimitInputError, reportRunFailure } from './run-failure.js';
import { writeOutputFile } from './write-output-file.js';
import { loadScenarioArgument } from './scenario-argument.js';

interface SensitivityCommandOptions {
  method: string;
  samples?: string;
  everyYear?: boolean;
  seed?: string;
  workers?: string;
  set: string[];
  out?: string;
  json?: boolean;
  quiet?: boolean;
  maxMemory?: string;
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

/** Load the scenario with `--set` and `--seed`, and check that it has something to rank and somewhere to rank it. */
function loadForSensitivity(file: string, options: SensitivityCommandOptions, output: CommandOutput): ScenarioSpec {
  const { scenario } = loadScenarioArgument(file, { set: options.set, seed: options.seed }, output);
  if (uncertainFactors(scenario).length === 0) throw new InputError(file, messages.nothingToVary(scenario.name));
  if (scenario.targets.length === 0) throw new InputError(file, messages.noSensitivityTargets(scenario.name));
  return scenario;
}

/** The `kechuang sensitivity` command line that redoes these numbers. */
function sensitivityCommand(
  file: string,
  method: SensitivityMethod,
  samples: number,
  seed: number,
  options: SensitivityCommandOptions,
): string {
  return [
    'kechuang sensitivity',
    file,
    `--method ${method}`,
    `--samples ${samples}`,
    `--seed ${seed}`,
    ...(options.everyYear === true ? ['--every-year'] : []),
    ...options.set.map((override) => `--set ${override}`),
  ].join(' ');
}

/** A command that redoes one failed run alone: PRCC's runs are `kechuang run`'s; a design row is a `simulate` with its inputs set. */
function rerunCommand(
  scenario: ScenarioSpec,
  method: SensitivityMethod,
  samples: number,
  options: SensitivityCommandOptions,
  failure: Pick<ScenarioRunFailure, 'runIndex' | 'parameters'>,
): string {
  if (method === 'prcc') {
    return [
      'kechuang run',
      scenario.file,
      `--runs ${samples}`,
      `--seed ${scenario.uncertainty.seed}`,
      ...options.set.map((override) => `--set ${override}`),
      `--only-run ${failure.runIndex}`,
    ].join(' ');
  }
  const inputs = Object.entries(failure.parameters).map(([name, value]) => `--set ${name}=${value}`);
  return ['kechuang simulate', scenario.file, ...options.set.map((override) => `--set ${override}`), ...inputs].join(
    ' ',
  );
}

/** `kechuang sensitivity <scenario>`: rank the uncertain inputs by their effect on each target by PRCC, Sobol or Morris. */
export function registerSensitivityCommand(program: Command, output: CommandOutput): void {
  program
    .command('sensitivity')
    .description(
      "rank a scenario's uncertain inputs by their effect on each target variable in its year: PRCC, Sobol indices or Morris screening",
    )
    .argument('<scenario>', 'scenario file (YAML) with uncertain parameters and targets')
    .option(
      '--method <name>',
      'prcc (partial rank correlation of the Monte Carlo runs), sobol (first-order and total indices) or morris (elementary effects)',
      'sobol',
    )
    .option(
      '--samples <count>',
      "prcc: runs (default: the scenario's uncertainty.runs); sobol: base samples N, N (k + 2) runs (default 4096); morris: trajectories r, r (k + 1) runs (default 50)",
    )
    .option(
      '--every-year',
      "rank the inputs for every saved year of each target's variable, not only the target's year",
    )
    .option('--seed <integer>', "random seed (default: the scenario's uncertainty.seed)")
    .option('--workers <count>', `worker threads (default: this machine's ${availableParallelism()} cores)`)
    .option('--set <name=value>', 'fix a parameter, overriding the scenario (repeatable)', collectOverride, [])
    .option('--out <dir>', 'write sensitivity.json, sensitivity.csv and report.html (tornado charts) into this folder')
    .option('--json', 'print sensitivity.json instead of tables')
    .option('--quiet', 'print nothing but errors (no table, no progress bar); --json still prints its JSON')
    .option('--max-memory <GB>', "refuse analyses needing more memory than this (default: half of this machine's)")
    .action(async (file: string, options: SensitivityCommandOptions) => {
      const method = methodOption(options.method);
      const requested = integerOption('--samples', options.samples, 2, 1e9);
      const workerCount = integerOption('--workers', options.workers, 1, 1024) ?? availableParallelism();
      const memoryLimitBytes = memoryLimitOption(options.maxMemory);
      const scenario = loadForSensitivity(file, options, output);
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
          throw new InputError(`--samples ${samples}`, messages.prccTooFewRuns(ranked.length, samples));
      }
      const totalRuns =
        method === 'prcc'
          ? samples
          : method === 'sobol'
            ? samples * (factors.length + 2)
            : samples * (factors.length + 1);
      const executor = createShardExecutor(workerCount);
      const interrupt = listenForInterrupt();
      const progress = createProgressReporter(totalRuns, options.quiet !== true);
      const started = performance.now();
      const rerun = (failure: Pick<ScenarioRunFailure, 'runIndex' | 'parameters'>): string =>
        rerunCommand(scenario, method, samples, options, failure);
      let result: SensitivityResult;
      try {
        const analysed = await sensitivityAnalysis(scenario, {
          method,
          sampleCount: samples,
          everyYear: options.everyYear === true,
          executor,
          memoryLimitBytes,
          onProgress: (done) => progress.update(done),
          signal: interrupt.signal,
        });
        if (!analysed.ok) {
          printDiagnostics(output, analysed.diagnostics);
          throw new ReportedFailure(exitCodes.badInput);
        }
        if (!analysed.value.ok)
          reportRunFailure(analysed.value.failure, scenario.file, rerun(analysed.value.failure), output);
        result = analysed.value.result;
      } catch (error) {
        if (error instanceof MemoryLimitError) throw memoryLimitInputError(error, scenario.file);
        if (error instanceof ReportedFailure || error instanceof InputError) throw error;
        reportRunStop(error, { scenario, rerun: (runIndex) => rerun({ runIndex, parameters: {} }) }, output);
      } finally {
        progress.stop();
        interrupt.dispose();
        await executor.close();
      }
      const json = `${JSON.stringify({ ...result, engine: { version: packageVersion, workers: workerCount, wallSeconds: (performance.now() - started) / 1000 } }, null, 2)}\n`;
      if (options.out !== undefined) {
        const { formatSensitivityReportHtml } = await import('../report/sensitivity-report-html.js');
        writeOutputFile(join(options.out, 'sensitivity.json'), json);
        writeOutputFile(join(options.out, 'sensitivity.csv'), formatSensitivityCsv(result));
        const command = sensitivityCommand(file, method, samples, scenario.uncertainty.seed, options);
        writeOutputFile(
          join(options.out, 'report.html'),
          await formatSensitivityReportHtml({ result, scenario, command, engineVersion: packageVersion }),
        );
      }
      if (options.json === true) output.out(json);
      else if (options.quiet !== true) output.out(formatSensitivityTable(result));
    });
}
