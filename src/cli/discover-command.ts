import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { discoverScenarios, type Discovery } from '../analysis/discover-scenarios.js';
import { defaultPrimOptions, type PrimOptions } from '../analysis/prim-box.js';
import { MemoryLimitError } from '../analysis/run-scenario.js';
import { uncertainFactors } from '../analysis/uncertain-factors.js';
import { messages } from '../diagnostics/messages.js';
import { suggestName } from '../diagnostics/suggest-name.js';
import { createShardExecutor } from '../parallel/shard-executor.js';
import { formatPrimTable } from '../report/prim-table.js';
import type { ScenarioSpec, TargetSpec } from '../scenario/scenario-spec.js';
import { exitCodes, InputError, ReportedFailure } from './cli-error.js';
import { integerOption } from './integer-option.js';
import { listenForInterrupt } from './interrupt.js';
import { printDiagnostics, type CommandOutput } from './output.js';
import { collectOverride } from './parse-overrides.js';
import { createProgressReporter } from './progress-bar.js';
import { reportRunStop } from './report-run-stop.js';
import { memoryLimitOption, memoryLimitInputError, reportRunFailure } from './run-failure.js';
import { loadScenarioArgument } from './scenario-argument.js';

interface DiscoverOptions {
  target: string[];
  met?: boolean;
  threshold?: string;
  peel: string;
  minMass: string;
  minCoverage: string;
  paste?: boolean;
  exclude?: string;
  runs?: string;
  seed?: string;
  workers?: string;
  set: string[];
  json?: boolean;
  quiet?: boolean;
  maxMemory?: string;
}

/** Collect repeated `--target` options; with no default, so that commander reports a missing one. */
const collectTarget = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** A number from an option, in `(minimum, maximum)` (or `[minimum, maximum]` where `closed`), or an input error naming the option. */
function numberOption(option: string, text: string, minimum: number, maximum: number, closed = false): number {
  const value = Number(text);
  const inRange = closed ? value >= minimum && value <= maximum : value > minimum && value < maximum;
  if (text.trim() === '' || !Number.isFinite(value) || !inRange) {
    const expected = closed
      ? `a number from ${minimum} to ${maximum}`
      : `a number between ${minimum} and ${maximum} (both excluded)`;
    throw new InputError(`${option} ${text}`, messages.numberOutOfRange(expected, text));
  }
  return value;
}

function loadDiscoverScenario(file: string, options: DiscoverOptions, output: CommandOutput): ScenarioSpec {
  return loadScenarioArgument(file, options, output).scenario;
}

function resolveTargets(scenario: ScenarioSpec, ids: readonly string[]): TargetSpec[] {
  const known = scenario.targets.map((target) => target.id);
  return [...new Set(ids)].map((id) => {
    const target = scenario.targets.find((candidate) => candidate.id === id);
    if (target === undefined)
      throw new InputError(`--target ${id}`, messages.unknownTarget(id, suggestName(id, known), known));
    return target;
  });
}

function primOptions(options: DiscoverOptions): PrimOptions {
  return {
    ...defaultPrimOptions,
    peelAlpha: numberOption('--peel', options.peel, 0, 0.5),
    minMass: numberOption('--min-mass', options.minMass, 0, 1),
    minCoverage: numberOption('--min-coverage', options.minCoverage, 0, 1, true),
    paste: options.paste === true,
  };
}

/** The command that redoes one run alone, for failure messages. */
function rerunCommand(scenario: ScenarioSpec, options: DiscoverOptions, runIndex: number): string {
  return [
    'kechuang run',
    scenario.file,
    `--runs ${scenario.uncertainty.runCount}`,
    `--seed ${scenario.uncertainty.seed}`,
    ...options.set.map((override) => `--set ${override}`),
    `--only-run ${runIndex}`,
  ].join(' ');
}

/** `kechuang discover <scenario> --target ID`: PRIM boxes of the uncertain inputs in which a target is missed (or met). */
export function registerDiscoverCommand(program: Command, output: CommandOutput): void {
  program
    .command('discover')
    .description('scenario discovery: the ranges of the uncertain inputs in which targets are mostly missed (PRIM)')
    .argument('<scenario>', 'scenario file (YAML)')
    .requiredOption(
      '--target <id>',
      'target id; repeat it for several, and a run misses when it misses any of them',
      collectTarget,
    )
    .option('--met', 'look for the runs that meet the target(s) instead of those that miss')
    .option('--threshold <value>', "ask about this threshold instead of the target's own (one --target only)")
    .option('--peel <alpha>', "share of the box's runs each peeling step removes", String(defaultPrimOptions.peelAlpha))
    .option(
      '--min-mass <share>',
      'stop peeling before the box holds fewer than this share of runs',
      String(defaultPrimOptions.minMass),
    )
    .option(
      '--min-coverage <share>',
      'report the densest box holding at least this share of the runs asked about',
      String(defaultPrimOptions.minCoverage),
    )
    .option('--paste', 'after peeling, widen bounds again while that raises the density')
    .option(
      '--exclude <names>',
      'comma-separated uncertain parameters (or joint groups, e.g. calibration) that still vary but may not be bounded',
    )
    .option('--runs <count>', "number of runs (default: the scenario's uncertainty.runs)")
    .option('--seed <integer>', "random seed (default: the scenario's uncertainty.seed)")
    .option('--workers <count>', `worker threads (default: this machine's ${availableParallelism()} cores)`)
    .option(
      '--set <name=value>',
      'fix a parameter, overriding the scenario (repeatable); it is then not an input',
      collectOverride,
      [],
    )
    .option('--json', 'print the box and the trajectory as JSON')
    .option('--quiet', 'print nothing but errors; --json still prints its JSON')
    .option('--max-memory <GB>', "refuse experiments needing more memory than this (default: half of this machine's)")
    .action(async (file: string, options: DiscoverOptions) => {
      const prim = primOptions(options);
      const threshold =
        options.threshold === undefined
          ? undefined
          : numberOption('--threshold', options.threshold, -Infinity, Infinity);
      const workerCount = integerOption('--workers', options.workers, 1, 1024) ?? availableParallelism();
      const memoryLimitBytes = memoryLimitOption(options.maxMemory);
      const scenario = loadDiscoverScenario(file, options, output);
      const targets = resolveTargets(scenario, options.target);
      if (threshold !== undefined && targets.length !== 1)
        throw new InputError(`--threshold ${options.threshold}`, messages.thresholdNeedsOneTarget(targets.length));
      const factors = uncertainFactors(scenario);
      if (factors.length === 0) throw new InputError(file, messages.noUncertainInput());
      const exclude =
        options.exclude
          ?.split(',')
          .map((name) => name.trim())
          .filter((name) => name !== '') ?? [];
      const excludable = factors.flatMap((factor) => [
        ...factor.parameters,
        ...(factor.joint === undefined ? [] : [factor.joint]),
      ]);
      for (const name of exclude)
        if (!excludable.includes(name))
          throw new InputError(`--exclude ${name}`, messages.unknownInput(name, suggestName(name, excludable)));

      const executor = createShardExecutor(workerCount);
      const interrupt = listenForInterrupt();
      const progress = createProgressReporter(scenario.uncertainty.runCount, options.quiet !== true);
      let discovery: Discovery;
      try {
        const found = await discoverScenarios(
          scenario,
          { targets, met: options.met === true, prim, exclude, ...(threshold === undefined ? {} : { threshold }) },
          {
            executor,
            memoryLimitBytes,
            onProgress: (done) => progress.update(done),
            signal: interrupt.signal,
          },
        );
        progress.stop();
        if (!found.ok) {
          printDiagnostics(output, found.diagnostics);
          throw new ReportedFailure(exitCodes.badInput);
        }
        if (!found.value.ok)
          reportRunFailure(
            found.value.failure,
            scenario.file,
            rerunCommand(scenario, options, found.value.failure.runIndex),
            output,
          );
        discovery = found.value.discovery;
      } catch (error) {
        progress.stop();
        if (error instanceof ReportedFailure) throw error;
        if (error instanceof MemoryLimitError) throw memoryLimitInputError(error, scenario.file);
        reportRunStop(error, { scenario, rerun: (runIndex) => rerunCommand(scenario, options, runIndex) }, output);
      } finally {
        interrupt.dispose();
        await executor.close();
      }
      if (options.json === true) output.out(`${JSON.stringify(discovery, null, 2)}\n`);
      else if (options.quiet !== true) output.out(formatPrimTable(discovery));
    });
}
