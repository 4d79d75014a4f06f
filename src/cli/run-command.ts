import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { reproduceRun } from '../analysis/reproduce-run.js';
import { MemoryLimitError, runScenario } from '../analysis/run-scenario.js';
import type { ScenarioSummary } from '../analysis/scenario-summary.js';
import { messages } from '../diagnostics/messages.js';
import { modelVariables } from '../model/model-spec.js';
import type { CheckpointStore } from '../parallel/checkpoint-store.js';
import { createShardExecutor, type ShardExecutor } from '../parallel/shard-executor.js';
import { formatOutputCharts } from '../report/output-charts.js';
import { formatScenarioTable } from '../report/scenario-table.js';
import { formatSimulationTable } from '../report/simulation-table.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { exitCodes, InputError, ReportedFailure } from './cli-error.js';
import { integerOption } from './integer-option.js';
import { memoryLimitOption, memoryLimitInputError, reportRunFailure } from './run-failure.js';
import { printDiagnostics, type CommandOutput } from './output.js';
import { packageVersion } from './package-version.js';
import { collectOverride } from './parse-overrides.js';
import { listenForInterrupt } from './interrupt.js';
import { createProgressReporter } from './progress-bar.js';
import { printRetry, reportRunStop } from './report-run-stop.js';
import { openRunCheckpoints, resumeCommand } from './run-checkpoints.js';
import { writeRunOutputs } from './write-run-outputs.js';
import { readScenarioArgument } from './scenario-argument.js';

interface RunOptions {
  runs?: string;
  seed?: string;
  workers?: string;
  set: string[];
  out?: string;
  json?: boolean;
  quiet?: boolean;
  maxMemory?: string;
  onlyRun?: string;
  resume?: boolean;
}

/** How a run is kept and stopped (see run-checkpoints.ts and interrupt.ts). */
interface RunSafety {
  files: readonly string[];
  signal: AbortSignal;
  /** One per scenario, when `--out` is given. */
  checkpoints: readonly (CheckpointStore | undefined)[];
}

function loadScenarios(files: readonly string[], options: RunOptions, output: CommandOutput): ScenarioSpec[] {
  const scenarios: ScenarioSpec[] = [];
  let failed = false;
  for (const file of files) {
    const argument = readScenarioArgument(file, options, output);
    if (argument === undefined) failed = true;
    else scenarios.push(argument.scenario);
  }
  if (failed) throw new ReportedFailure(exitCodes.badInput);
  return scenarios;
}

/** The command that redoes one run alone, for failure messages. */
function rerunCommand(scenario: ScenarioSpec, options: RunOptions, runIndex: number): string {
  return [
    'kechuang run',
    scenario.file,
    `--runs ${scenario.uncertainty.runCount}`,
    `--seed ${scenario.uncertainty.seed}`,
    ...options.set.map((override) => `--set ${override}`),
    `--only-run ${runIndex}`,
  ].join(' ');
}

function printOnlyRun(scenario: ScenarioSpec, text: string, output: CommandOutput): void {
  const runIndex = integerOption('--only-run', text, 0, Number.MAX_SAFE_INTEGER)!;
  if (runIndex >= scenario.uncertainty.runCount)
    throw new InputError(`--only-run ${text}`, messages.onlyRunOutOfRange(runIndex, scenario.uncertainty.runCount));
  const reproduced = reproduceRun(scenario, runIndex);
  if (!reproduced.ok) {
    printDiagnostics(output, reproduced.diagnostics);
    throw new ReportedFailure(exitCodes.badInput);
  }
  const inputs = Object.entries(reproduced.value.parameters).map(([name, value]) => `  ${name} = ${value}`);
  output.out(
    `run ${runIndex} of ${scenario.name} (seed ${scenario.uncertainty.seed}, ${scenario.uncertainty.runCount} runs), sampled inputs:\n${inputs.join('\n') || '  none'}\n`,
  );
  const units = new Map(modelVariables(scenario.model).map((element) => [element.name, element.unit]));
  output.out(`${formatSimulationTable(reproduced.value.result, { width: output.width, units })}\n`);
}

async function runAll(
  scenarios: readonly ScenarioSpec[],
  executor: ShardExecutor,
  options: RunOptions,
  safety: RunSafety,
  output: CommandOutput,
): Promise<ScenarioSummary[]> {
  const memoryLimitBytes = memoryLimitOption(options.maxMemory);
  const summaries: ScenarioSummary[] = [];
  for (const [index, scenario] of scenarios.entries()) {
    const progress = createProgressReporter(scenario.uncertainty.runCount, options.quiet !== true);
    const checkpoint = safety.checkpoints[index];
    let ran;
    try {
      ran = await runScenario(scenario, {
        executor,
        engineVersion: packageVersion,
        memoryLimitBytes,
        onProgress: (done) => progress.update(done),
        onRetry: (retry) => printRetry(retry, scenario, output),
        signal: safety.signal,
        ...(checkpoint === undefined ? {} : { checkpoint }),
      });
    } catch (error) {
      if (!(error instanceof MemoryLimitError)) {
        const rerun = (runIndex: number): string => rerunCommand(scenario, options, runIndex);
        const out = options.out;
        const kept =
          out === undefined || checkpoint === undefined
            ? undefined
            : { out, checkpoint, resume: resumeCommand(safety.files, { ...options, out }) };
        reportRunStop(error, { scenario, rerun, ...(kept === undefined ? {} : { kept }) }, output);
      }
      throw memoryLimitInputError(error, scenario.file);
    } finally {
      progress.stop();
    }
    if (!ran.ok) {
      printDiagnostics(output, ran.diagnostics);
      throw new ReportedFailure(exitCodes.badInput);
    }
    if (!ran.value.ok) {
      // Every run finished: the same inputs would fail the same way, so there is nothing to resume.
      checkpoint?.remove();
      reportRunFailure(
        ran.value.failure,
        scenario.file,
        rerunCommand(scenario, options, ran.value.failure.runIndex),
        output,
      );
    }
    summaries.push(ran.value.summary);
  }
  return summaries;
}

/** `kechuang run <scenario...>`: Monte Carlo over worker threads; each target's odds and band. */
export function registerRunCommand(program: Command, output: CommandOutput): void {
  program
    .command('run')
    .description("run a scenario's Monte Carlo experiment and report how likely each target is")
    .argument('<scenarios...>', 'scenario files (YAML)')
    .option('--runs <count>', "number of runs (default: the scenario's uncertainty.runs)")
    .option('--seed <integer>', "random seed (default: the scenario's uncertainty.seed)")
    .option('--workers <count>', `worker threads (default: this machine's ${availableParallelism()} cores)`)
    .option('--set <name=value>', 'fix a parameter, overriding the scenario (repeatable)', collectOverride, [])
    .option(
      '--out <dir>',
      'write summary.json, series.csv and report.html into this folder (one subfolder per scenario when several)',
    )
    .option('--json', 'print summary.json instead of a table')
    .option('--quiet', 'print nothing but errors (no table, no progress bar); --json still prints its JSON')
    .option('--max-memory <GB>', "refuse experiments needing more memory than this (default: half of this machine's)")
    .option('--only-run <index>', 'redo one run alone and print its inputs and every variable (to trace a failure)')
    .option('--resume', 'with --out DIR: continue an interrupted run from the runs it saved in DIR')
    .action(async (files: string[], options: RunOptions) => {
      const scenarios = loadScenarios(files, options, output);
      if (options.onlyRun !== undefined) {
        for (const scenario of scenarios) printOnlyRun(scenario, options.onlyRun, output);
        return;
      }
      const workerCount = integerOption('--workers', options.workers, 1, 1024) ?? availableParallelism();
      const checkpoints = openRunCheckpoints(scenarios, options.out, options.resume === true, output);
      const executor = createShardExecutor(workerCount);
      const interrupt = listenForInterrupt();
      let summaries: ScenarioSummary[];
      try {
        summaries = await runAll(
          scenarios,
          executor,
          options,
          { files, signal: interrupt.signal, checkpoints },
          output,
        );
      } finally {
        interrupt.dispose();
        await executor.close();
      }
      if (options.out !== undefined) {
        await writeRunOutputs(summaries, scenarios, options.out, output);
        for (const checkpoint of checkpoints) checkpoint?.remove();
      }
      if (options.json === true)
        output.out(`${JSON.stringify(summaries.length === 1 ? summaries[0] : summaries, null, 2)}\n`);
      else if (options.quiet !== true)
        output.out(
          summaries
            .map(
              (summary, index) =>
                formatScenarioTable(summary, scenarios[index]!.model) +
                formatOutputCharts(summary, scenarios[index]!.model, output.width),
            )
            .join('\n'),
        );
    });
}
