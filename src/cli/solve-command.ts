import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { MemoryLimitError } from '../analysis/run-scenario.js';
import {
  defaultLeverRange,
  hasLever,
  leverCandidates,
  parseLever,
  plannedTrialCount,
  policyLeverPrefix,
  solveLever,
  type Lever,
  type LeverSolution,
} from '../analysis/solve-lever.js';
import { messages } from '../diagnostics/messages.js';
import { suggestName } from '../diagnostics/suggest-name.js';
import { createShardExecutor, InterruptedError } from '../parallel/shard-executor.js';
import { formatSolveTable, type RangeSource } from '../report/solve-table.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { exitCodes, InputError, renderMessage, ReportedFailure } from './cli-error.js';
import { integerOption } from './integer-option.js';
import { listenForInterrupt } from './interrupt.js';
import { printDiagnostics, type CommandOutput } from './output.js';
import { collectOverride } from './parse-overrides.js';
import { createProgressReporter } from './progress-bar.js';
import { reportRunStop } from './report-run-stop.js';
import { memoryLimitOption, memoryLimitInputError, reportRunFailure } from './run-failure.js';
import { loadScenarioArgument } from './scenario-argument.js';

interface SolveOptions {
  target: string[];
  probability: string;
  lever: string;
  range?: string;
  tolerance?: string;
  runs?: string;
  seed?: string;
  workers?: string;
  set: string[];
  json?: boolean;
  quiet?: boolean;
  maxMemory?: string;
}

/** What the options ask for, checked against the scenario. */
interface SolveRequest {
  scenario: ScenarioSpec;
  lever: Lever;
  targets: string[];
  probability: number;
  range: [number, number];
  rangeSource: RangeSource;
  tolerance: number | undefined;
}

const numberPattern = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** A finite number written plainly (no hex, no empty text), or undefined. */
function readNumber(text: string): number | undefined {
  return numberPattern.test(text) ? Number(text) : undefined;
}

function readLever(
  loaded: ScenarioSpec,
  scenario: ScenarioSpec,
  set: ReadonlyMap<string, number>,
  text: string,
): Lever {
  const lever = parseLever(text.trim());
  if (!hasLever(loaded, lever)) {
    const parameters = loaded.model.parameters.map((parameter) => parameter.name);
    const policies = loaded.policies.map((policy) => `${policyLeverPrefix}${policy.name}`);
    throw new InputError(
      `--lever ${text}`,
      messages.unknownLever(text, suggestName(text, leverCandidates(loaded)), parameters, policies),
    );
  }
  if (set.has(lever.name)) throw new InputError(`--lever ${text}`, messages.leverAlsoSet(lever.name));
  if (!hasLever(scenario, lever)) throw new InputError(`--lever ${text}`, messages.leverAlsoSet(lever.name));
  return lever;
}

function readTargets(scenario: ScenarioSpec, texts: readonly string[]): string[] {
  const ids = scenario.targets.map((target) => target.id);
  const targets = [
    ...new Set(
      texts
        .flatMap((text) => text.split(','))
        .map((id) => id.trim())
        .filter((id) => id !== ''),
    ),
  ];
  if (targets.length === 0) throw new InputError('--target', messages.targetNeeded(ids));
  for (const id of targets)
    if (!ids.includes(id))
      throw new InputError(`--target ${id}`, messages.unknownTarget(id, suggestName(id, ids), ids));
  return targets;
}

function readRange(
  scenario: ScenarioSpec,
  lever: Lever,
  text: string | undefined,
): { range: [number, number]; rangeSource: RangeSource } {
  const parameter =
    lever.kind === 'parameter'
      ? scenario.model.parameters.find((candidate) => candidate.name === lever.name)
      : undefined;
  if (text === undefined) {
    const range = defaultLeverRange(scenario, lever);
    if (range === undefined) throw new InputError(`--lever ${lever.name}`, messages.rangeNeeded(lever.name));
    return { range, rangeSource: lever.kind === 'policy' ? 'policy-default' : 'declared' };
  }
  const parts = text.split(',');
  const [min, max] = parts.map(readNumber);
  if (
    parts.length !== 2 ||
    min === undefined ||
    max === undefined ||
    !Number.isFinite(min) ||
    !Number.isFinite(max) ||
    !(min < max)
  ) {
    throw new InputError(`--range ${text}`, messages.invalidRange(text));
  }
  if (
    parameter !== undefined &&
    ((parameter.min !== undefined && min < parameter.min) || (parameter.max !== undefined && max > parameter.max))
  ) {
    throw new InputError(`--range ${text}`, messages.rangeBeyondDeclared(parameter.name, parameter.min, parameter.max));
  }
  return { range: [min, max], rangeSource: 'given' };
}

function readRequest(file: string, options: SolveOptions, output: CommandOutput): SolveRequest {
  const { loaded, scenario, set } = loadScenarioArgument(file, options, output);
  const lever = readLever(loaded, scenario, set, options.lever);
  const targets = readTargets(scenario, options.target);
  const probability = readNumber(options.probability);
  if (probability === undefined || !(probability > 0 && probability < 1))
    throw new InputError(`--probability ${options.probability}`, messages.probabilityOutOfRange(options.probability));
  const { range, rangeSource } = readRange(scenario, lever, options.range);
  let tolerance: number | undefined;
  if (options.tolerance !== undefined) {
    tolerance = readNumber(options.tolerance);
    const width = range[1] - range[0];
    if (tolerance === undefined || !(tolerance > 0) || !(tolerance >= width * 1e-12))
      throw new InputError(`--tolerance ${options.tolerance}`, messages.invalidTolerance(options.tolerance, width));
  }
  return { scenario, lever, targets, probability, range, rangeSource, tolerance };
}

/** The command that redoes one run alone at a lever value, for failure messages (a policy scale cannot be given to `run`: said beside it). */
function rerunCommand(
  request: SolveRequest,
  file: string,
  options: SolveOptions,
  value: number,
  runIndex: number,
): string {
  const { scenario, lever } = request;
  const command = [
    'kechuang run',
    file,
    `--runs ${scenario.uncertainty.runCount}`,
    `--seed ${scenario.uncertainty.seed}`,
    ...options.set.map((override) => `--set ${override}`),
    ...(lever.kind === 'parameter' ? [`--set ${lever.name}=${value}`] : []),
    `--only-run ${runIndex}`,
  ].join(' ');
  return lever.kind === 'policy'
    ? `${command} (with every point of policy ${lever.name} multiplied by ${value} in the scenario file)`
    : command;
}

function printViolations(solution: LeverSolution, file: string, output: CommandOutput): void {
  const percent = (probability: number): string => `${(probability * 100).toFixed(2)}%`;
  for (const [lower, higher] of solution.violations) {
    const detail = messages.nonMonotone(
      solution.lever,
      lower.value,
      percent(lower.probability),
      higher.value,
      percent(higher.probability),
      solution.direction,
    );
    output.err(`${renderMessage(detail, file, 'warning')}\n`);
  }
}

/** `kechuang solve <scenario>`: the least (or most) lever value meeting the targets with a probability, by bisection on common random numbers. */
export function registerSolveCommand(program: Command, output: CommandOutput): void {
  program
    .command('solve')
    .description(
      "find the smallest value of a lever (a parameter, or a policy's scale) at which the targets are met with a probability, by bisection on common random numbers",
    )
    .argument('<scenario>', 'scenario file (YAML)')
    .option(
      '--target <ids>',
      '(required) target id of the scenario; repeat it or give a,b for several, all to be met in the same run',
      collectOverride,
      [],
    )
    .requiredOption('--probability <p>', 'the share of runs that must meet the targets, between 0 and 1 (e.g. 0.9)')
    .requiredOption(
      '--lever <name>',
      `a model parameter, fixed at each trial value in every run, or ${policyLeverPrefix}<name>: a scenario policy with every point multiplied by the trial factor`,
    )
    .option(
      '--range <min,max>',
      `lever values to search (default: the parameter's declared min,max; 0,3 for a policy scale)`,
    )
    .option('--tolerance <width>', 'stop when the answer is bracketed this closely (default: the range width / 1000)')
    .option(
      '--runs <count>',
      "runs per trial value, the same rows at every value (default: the scenario's uncertainty.runs)",
    )
    .option('--seed <integer>', "random seed (default: the scenario's uncertainty.seed)")
    .option('--workers <count>', `worker threads (default: this machine's ${availableParallelism()} cores)`)
    .option('--set <name=value>', 'fix another parameter, overriding the scenario (repeatable)', collectOverride, [])
    .option('--json', 'print the result as JSON instead of a table')
    .option(
      '--quiet',
      'print nothing but errors and warnings (no table, no progress bar); --json still prints its JSON',
    )
    .option('--max-memory <GB>', "refuse trials needing more memory than this (default: half of this machine's)")
    .action(async (file: string, options: SolveOptions) => {
      const request = readRequest(file, options, output);
      const { scenario } = request;
      const memoryLimitBytes = memoryLimitOption(options.maxMemory);
      const workerCount = integerOption('--workers', options.workers, 1, 1024) ?? availableParallelism();
      const spec = {
        lever: request.lever,
        targets: request.targets,
        probability: request.probability,
        range: request.range,
        ...(request.tolerance === undefined ? {} : { tolerance: request.tolerance }),
      };
      const progress = createProgressReporter(
        plannedTrialCount(spec) * scenario.uncertainty.runCount,
        options.quiet !== true,
      );
      const executor = createShardExecutor(workerCount);
      const interrupt = listenForInterrupt();
      let trialValue = request.range[0];
      let startedTrials = 0;
      let solved;
      try {
        solved = await solveLever(scenario, spec, {
          executor,
          memoryLimitBytes,
          onTotalProgress: (done) => progress.update(done),
          onTrialStart: (value) => {
            trialValue = value;
            startedTrials++;
          },
          signal: interrupt.signal,
        });
      } catch (error) {
        if (error instanceof InterruptedError) {
          output.err(`\n${renderMessage(messages.solveInterrupted(startedTrials - 1), file)}\n`);
          throw new ReportedFailure(exitCodes.interrupted);
        }
        if (!(error instanceof MemoryLimitError))
          reportRunStop(
            error,
            { scenario, rerun: (runIndex) => rerunCommand(request, file, options, trialValue, runIndex) },
            output,
          );
        throw memoryLimitInputError(error, file);
      } finally {
        progress.stop();
        interrupt.dispose();
        await executor.close();
      }
      if (!solved.ok) {
        printDiagnostics(output, solved.diagnostics);
        throw new ReportedFailure(exitCodes.badInput);
      }
      if (!solved.value.ok) {
        const { failure, value } = solved.value;
        reportRunFailure(failure, file, rerunCommand(request, file, options, value, failure.runIndex), output);
      }
      const { solution } = solved.value;
      printViolations(solution, file, output);
      if (options.json === true) output.out(`${JSON.stringify(solution, null, 2)}\n`);
      else if (options.quiet !== true) output.out(formatSolveTable(solution, scenario, request.rangeSource));
    });
}
