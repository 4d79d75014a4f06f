import type { Command } from 'commander';
import { InputError, renderMessage } from '../diagnostics/input-error.js';
import { messages } from '../diagnostics/messages.js';
import { checkTargetPlausibility } from '../experiment/check-target-plausibility.js';
import { compileExperiment, type CompiledExperiment } from '../experiment/compile-experiment.js';
import { columnsPerPass, designBytes } from '../experiment/run-design.js';
import { scenarioSample } from '../experiment/sample-matrix.js';
import { reproduceRun } from '../experiment/reproduce-run.js';
import { runCompiledScenario } from '../experiment/run-scenario.js';
import type { ScenarioSummary } from '../experiment/scenario-summary.js';
import { modelVariables } from '../model/model-spec.js';
import type { CheckpointStore } from '../parallel/checkpoint-store.js';
import { formatOutputCharts } from '../report/output-charts.js';
import { formatScenarioTable } from '../report/scenario-table.js';
import { formatSimulationTable } from '../report/simulation-table.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { runExperimentSession, type ExperimentSession } from './experiment-session.js';
import { integerOption } from './integer-option.js';
import { printDiagnostics, valueOrExit, type CommandOutput } from './output.js';
import { packageVersion } from './package-version.js';
import { printRetry } from './report-run-stop.js';
import { exitCodes, ReportedFailure } from './cli-error.js';
import { listenForInterrupt } from './interrupt.js';
import { lockOutFolder, type OutFolderLock } from './out-folder-lock.js';
import { readModelHistory } from './read-model-history.js';
import { kechuangCommand, rerunCommand, resumeCommand } from './reproduce-command.js';
import { openRunCheckpoints, prepareOutFolder, scenarioOutFolders } from './run-checkpoints.js';
import { byteSize, reportRunFailure } from './run-failure.js';
import { loadScenarioArguments } from './scenario-argument.js';
import { addSharedOptions, readSharedOptions, type SharedOptions, type SharedOptionTexts } from './shared-options.js';
import {
  RunOutputsStopped,
  writeRunOutputs,
  type RunOutput,
  type RunOutputOptions,
  type ScenarioRuns,
} from './write-run-outputs.js';
import { catalogueCommand } from './command-catalogue.js';

interface RunOptions extends SharedOptionTexts {
  onlyRun?: string;
  resume?: boolean;
  force?: boolean;
}

/** Where a run is: its scenario and its checkpoint (with `--out`), for what a stop says. */
interface RunPosition {
  scenario: ScenarioSpec;
  checkpoint: CheckpointStore | undefined;
}

function printOnlyRun(scenario: ScenarioSpec, text: string, output: CommandOutput): void {
  const runIndex = integerOption('--only-run', text, 0, Number.MAX_SAFE_INTEGER)!;
  if (runIndex >= scenario.uncertainty.runCount)
    throw new InputError(`--only-run ${text}`, messages.onlyRunOutOfRange(runIndex, scenario.uncertainty.runCount));
  const reproduced = valueOrExit(reproduceRun(scenario, runIndex), output);
  const inputs = Object.entries(reproduced.parameters).map(([name, value]) => `  ${name} = ${value}`);
  output.out(
    `run ${runIndex} of ${scenario.name} (seed ${scenario.uncertainty.seed}, ${scenario.uncertainty.runCount} runs), sampled inputs:\n${inputs.join('\n') || '  none'}\n`,
  );
  const units = new Map(modelVariables(scenario.model).map((element) => [element.name, element.unit]));
  output.out(`${formatSimulationTable(reproduced.result, { width: output.width, units })}\n`);
}

const addressOf = (scenario: ScenarioSpec, shared: SharedOptions) => ({
  file: scenario.file,
  runCount: scenario.uncertainty.runCount,
  seed: scenario.uncertainty.seed,
  set: shared.set,
});

/** Say so when a scenario's runs do not fit the memory limit and are summarised in passes. */
function notePasses(experiment: CompiledExperiment, limitBytes: number, output: CommandOutput): void {
  const sample = scenarioSample(experiment.scenario);
  const perPass = columnsPerPass(experiment, sample, limitBytes);
  const columnCount = experiment.saveTimes.length * experiment.outputNames.length;
  if (perPass < 1 || perPass >= columnCount) return;
  const needed = byteSize(designBytes(experiment, sample.rowCount, sample));
  const detail = messages.summarizedInPasses(needed, byteSize(limitBytes), Math.ceil(columnCount / perPass), perPass);
  output.err(`${renderMessage(detail, experiment.scenario.file, 'note')}\n`);
}

/**
 * Compile and run each scenario in turn on one pool; each one's summary (and, with --out, its runs
 * into `runs`), or exit 3 on a failed run.
 */
async function runAll(
  scenarios: readonly ScenarioSpec[],
  checkpoints: readonly (CheckpointStore | undefined)[],
  session: ExperimentSession,
  shared: SharedOptions,
  position: RunPosition,
  output: CommandOutput,
  runs: ScenarioRuns[],
): Promise<ScenarioSummary[]> {
  const summaries: ScenarioSummary[] = [];
  for (const [index, scenario] of scenarios.entries()) {
    const checkpoint = checkpoints[index];
    position.scenario = scenario;
    position.checkpoint = checkpoint;
    const experiment = valueOrExit(compileExperiment(scenario), output);
    const warnings = checkTargetPlausibility(experiment);
    if (warnings.length > 0) printDiagnostics(output, warnings);
    if (!shared.quiet) notePasses(experiment, session.runOptions.memoryLimitBytes, output);
    if (index > 0) session.restartProgress(scenario.uncertainty.runCount);
    const ran = await runCompiledScenario(experiment, {
      ...session.runOptions,
      engineVersion: packageVersion,
      onRetry: (retry) => printRetry(retry, scenario, output),
      ...(checkpoint === undefined ? {} : { checkpoint }),
    });
    if (!ran.ok) {
      // Every run finished: the same inputs would fail the same way, so there is nothing to resume.
      checkpoint?.remove();
      const rerun = rerunCommand(addressOf(scenario, shared), ran.failure.runIndex);
      reportRunFailure(ran.failure, scenario.file, rerun, output);
    }
    summaries.push(ran.summary);
    // The runs are kept for runs.parquet: without --out, each scenario's store is let go once it is summarised.
    if (shared.out !== undefined) runs.push({ experiment, store: ran.store });
  }
  return summaries;
}

/** What was kept of each scenario's runs: `2,000 of 3,000 runs in DIR/.checkpoint`. */
function keptRuns(scenarios: readonly ScenarioSpec[], checkpoints: readonly (CheckpointStore | undefined)[]): string {
  return checkpoints
    .map((checkpoint, index) =>
      checkpoint === undefined
        ? ''
        : `${checkpoint.savedRunCount().toLocaleString('en-US')} of ${scenarios[index]!.uncertainty.runCount.toLocaleString('en-US')} runs in ${checkpoint.folder}`,
    )
    .filter((text) => text !== '')
    .join('; ');
}

/**
 * Write each scenario's result files, Ctrl-C listened for between files; then drop the checkpoints. A
 * file that cannot be written (exit 2) or Ctrl-C (130) keeps the checkpoints and says what was written,
 * what was kept and the `--resume` command that writes the rest without running anything again.
 */
async function finishOutputs(
  outputs: readonly RunOutput[],
  scenarios: readonly ScenarioSpec[],
  checkpoints: readonly (CheckpointStore | undefined)[],
  out: { folder: string; lock: OutFolderLock; resume: string },
  options: RunOutputOptions,
  output: CommandOutput,
): Promise<void> {
  if (!out.lock.held()) throw new InputError(`--out ${out.folder}`, messages.lockLost(out.folder));
  const interrupt = listenForInterrupt();
  try {
    await writeRunOutputs(outputs, options, interrupt.signal);
  } catch (error) {
    if (!(error instanceof RunOutputsStopped)) throw error;
    const kept = keptRuns(scenarios, checkpoints);
    if (error.failure === undefined) {
      const detail = messages.interruptedWhileWriting(error.written, error.unwritten, kept, out.resume);
      output.err(`\n${renderMessage(detail, scenarios[0]!.file)}\n`);
      throw new ReportedFailure(exitCodes.interrupted);
    }
    const { failure } = error;
    const reason = failure.cause instanceof Error ? failure.cause.message : String(failure.cause);
    throw new InputError(
      `--out ${out.folder}`,
      messages.resultsNotWritten(failure.path, reason, error.written, kept, out.resume),
    );
  } finally {
    interrupt.dispose();
  }
  for (const checkpoint of checkpoints) checkpoint?.remove();
}

/** The `kechuang run` command line that owns an `--out` folder, as its lock file names it. */
const lockCommand = (files: readonly string[], out: string): string => kechuangCommand(['run', ...files, '--out', out]);

/** `kechuang run <scenario...>`: Monte Carlo over worker threads; each target's odds and band. */
export function registerRunCommand(program: Command, output: CommandOutput): void {
  const command = catalogueCommand(program, 'run').argument('<scenarios...>', 'scenario files (YAML)');
  addSharedOptions(command, [
    'runs',
    'seed',
    'workers',
    'set',
    'out',
    'json',
    'quiet',
    'maxMemory',
    'redis',
    'queue',
    'wide',
    'unit',
    'lang',
    'xlsx',
  ])
    .option('--only-run <index>', 'redo one run alone and print its inputs and every variable (to trace a failure)')
    .option('--resume', 'with --out DIR: continue an interrupted run from the runs it saved in DIR')
    .option('--force', 'with --out DIR: take DIR over from another run that holds it (when that run is gone)')
    .action(async (files: string[], options: RunOptions) => {
      const shared = readSharedOptions(options, output);
      const scenarios = loadScenarioArguments(files, shared, output);
      if (options.onlyRun !== undefined) {
        for (const scenario of scenarios) printOnlyRun(scenario, options.onlyRun, output);
        return;
      }
      if (options.resume === true && shared.out === undefined)
        throw new InputError('--resume', messages.resumeNeedsOut());
      // The reports' data files are read now: a missing one fails before the runs, not after them.
      const histories =
        shared.out === undefined ? [] : scenarios.map((scenario) => readModelHistory(scenario.model, output));
      let lock: OutFolderLock | undefined;
      if (shared.out !== undefined) {
        prepareOutFolder(shared.out);
        lock = lockOutFolder(
          shared.out,
          { force: options.force === true, command: lockCommand(files, shared.out) },
          output,
        );
      }
      try {
        const out = shared.out;
        const scenarioFolders = out === undefined ? [] : scenarioOutFolders(out, scenarios, output);
        const checkpoints = openRunCheckpoints(
          scenarios,
          out === undefined ? undefined : { folder: out, scenarioFolders },
          options.resume === true,
          output,
        );
        const resume = out === undefined ? undefined : resumeCommand(files, { ...options, out });
        const position: RunPosition = { scenario: scenarios[0]!, checkpoint: checkpoints[0] };
        const context = () => {
          const { scenario, checkpoint } = position;
          const rerun = (runIndex: number): string => rerunCommand(addressOf(scenario, shared), runIndex);
          if (out === undefined || checkpoint === undefined || resume === undefined) return { scenario, rerun };
          return { scenario, rerun, kept: { out, checkpoint, resume } };
        };
        const settings = { shared, totalRuns: scenarios[0]!.uncertainty.runCount };
        const runs: ScenarioRuns[] = [];
        const summaries = await runExperimentSession(settings, context, output, (session) =>
          runAll(scenarios, checkpoints, session, shared, position, output, runs),
        );
        if (out !== undefined && lock !== undefined && resume !== undefined) {
          const outputs = summaries.map((summary, index): RunOutput => ({
            summary,
            scenario: scenarios[index]!,
            folder: scenarioFolders[index]!,
            history: histories[index],
            ...runs[index]!,
          }));
          await finishOutputs(outputs, scenarios, checkpoints, { folder: out, lock, resume }, shared, output);
        }
        if (shared.json) output.out(`${JSON.stringify(summaries.length === 1 ? summaries[0] : summaries, null, 2)}\n`);
        else if (!shared.quiet)
          output.out(
            summaries
              .map(
                (summary, index) =>
                  formatScenarioTable(summary, scenarios[index]!.model, {
                    width: output.width,
                    wide: shared.wide,
                    units: shared.units,
                    set: shared.set,
                  }) + formatOutputCharts(summary, scenarios[index]!.model, output.width),
              )
              .join('\n'),
          );
      } finally {
        lock?.release();
      }
    });
}
