import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  alignScenarios,
  compareScenarios,
  type AlignedScenarios,
  type ComparisonOutcome,
  type DeclaredDesign,
} from '../analysis/compare-scenarios.js';
import { MemoryLimitError } from '../analysis/run-scenario.js';
import { messages } from '../diagnostics/messages.js';
import { createShardExecutor } from '../parallel/shard-executor.js';
import { formatCompareTable } from '../report/compare-table.js';
import { loadScenario } from '../scenario/load-scenario.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { exitCodes, ReportedFailure } from './cli-error.js';
import { integerOption } from './integer-option.js';
import { defaultMemoryLimitBytes, memoryLimitInputError, reportRunFailure } from './run-failure.js';
import { printDiagnostics, type CommandOutput } from './output.js';
import { packageVersion } from './package-version.js';
import { createProgressReporter, type ProgressReporter } from './progress-bar.js';
import { readModelHistory } from './read-model-history.js';
import { readTextFile } from './read-text-file.js';
import { writeOutputFile } from './write-output-file.js';

interface CompareOptions {
  runs?: string;
  seed?: string;
  workers?: string;
  out?: string;
  json?: boolean;
  quiet?: boolean;
}

const samplingWords = { lhs: 'Latin hypercube', random: 'random' } as const;
const designText = (design: { seed: number; runCount: number; sampling: DeclaredDesign['sampling'] }): string =>
  `seed ${design.seed}, ${design.runCount.toLocaleString('en-US')} runs, ${samplingWords[design.sampling]} sampling`;

function loadAll(files: readonly string[], output: CommandOutput): ScenarioSpec[] {
  const scenarios: ScenarioSpec[] = [];
  let failed = false;
  for (const file of files) {
    const loaded = loadScenario(file, { readText: readTextFile });
    if (loaded.ok) scenarios.push(loaded.value);
    else {
      failed = true;
      printDiagnostics(output, loaded.diagnostics);
    }
  }
  if (failed) throw new ReportedFailure(exitCodes.badInput);
  return scenarios;
}

async function runComparison(
  aligned: AlignedScenarios,
  workerCount: number,
  quiet: boolean,
  output: CommandOutput,
): Promise<ComparisonOutcome> {
  const executor = createShardExecutor(workerCount);
  let progress: ProgressReporter | undefined;
  try {
    const compared = await compareScenarios(aligned, {
      executor,
      engineVersion: packageVersion,
      memoryLimitBytes: defaultMemoryLimitBytes(),
      onScenarioStart: (scenario) => {
        progress?.stop();
        progress = createProgressReporter(scenario.uncertainty.runCount, !quiet);
      },
      onProgress: (done) => progress?.update(done),
    });
    if (!compared.ok) {
      printDiagnostics(output, compared.diagnostics);
      throw new ReportedFailure(exitCodes.badInput);
    }
    return compared.value;
  } catch (error) {
    if (!(error instanceof MemoryLimitError)) throw error;
    throw memoryLimitInputError(error, 'compare');
  } finally {
    progress?.stop();
    await executor.close();
  }
}

/** A run that broke down: the scenario, the run, and the `run` command that redoes it alone. */
function reportFailure(
  outcome: Extract<ComparisonOutcome, { ok: false }>,
  aligned: AlignedScenarios,
  output: CommandOutput,
): never {
  const { scenario, failure } = outcome;
  const rerun = `kechuang run ${scenario.file} --runs ${aligned.design.runCount} --seed ${aligned.design.seed} --only-run ${failure.runIndex}`;
  reportRunFailure(failure, scenario.file, rerun, output);
}

/** `kechuang compare <scenario...>`: the scenarios' target odds side by side, on common random numbers. */
export function registerCompareCommand(program: Command, output: CommandOutput): void {
  program
    .command('compare')
    .description("run scenarios on common random numbers and set their targets' probabilities side by side")
    .argument('<scenarios...>', 'scenario files (YAML); targets are matched by id')
    .option('--runs <count>', "number of runs for every scenario (default: the first scenario's uncertainty.runs)")
    .option('--seed <integer>', "random seed for every scenario (default: the first scenario's uncertainty.seed)")
    .option('--workers <count>', `worker threads (default: this machine's ${availableParallelism()} cores)`)
    .option('--out <dir>', 'write compare.html and compare.json into this folder')
    .option('--json', 'print the comparison as JSON (each scenario as summary.json) instead of a table')
    .option('--quiet', 'print nothing but errors; --json still prints its JSON')
    .action(async (files: string[], options: CompareOptions) => {
      const runCount = integerOption('--runs', options.runs, 1, 1e9);
      const seed = integerOption('--seed', options.seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
      const workerCount = integerOption('--workers', options.workers, 1, 1024) ?? availableParallelism();
      const scenarios = loadAll(files, output);
      const aligned = alignScenarios(scenarios, { seed, runCount });
      if (options.quiet !== true) {
        for (const declared of aligned.changed) {
          const detail = messages.compareAligned(declared.scenario, designText(declared), designText(aligned.design));
          output.err(`note [${detail.code}] ${declared.file}: ${detail.message}\n`);
        }
      }
      const outcome = await runComparison(aligned, workerCount, options.quiet === true, output);
      if (!outcome.ok) reportFailure(outcome, aligned, output);
      const { comparison } = outcome;
      const json = `${JSON.stringify(comparison, null, 2)}\n`;
      if (options.out !== undefined) {
        const { formatCompareReportHtml } = await import('../report/compare-report-html.js');
        const histories = aligned.scenarios.map((scenario) => readModelHistory(scenario.model, output));
        writeOutputFile(join(options.out, 'compare.json'), json);
        writeOutputFile(
          join(options.out, 'compare.html'),
          await formatCompareReportHtml({ comparison, scenarios: aligned.scenarios, histories }),
        );
      }
      if (options.json === true) output.out(json);
      else if (options.quiet !== true) output.out(formatCompareTable(comparison, aligned.scenarios, output.width));
    });
}
