import type { Command } from 'commander';
import {
  defaultLeverRange,
  hasLever,
  parseLever,
  plannedTrialCount,
  policyLeverPrefix,
  solveLever,
  solveSpecProblem,
  type Lever,
  type LeverSolution,
  type SolveLeverSpec,
} from '../analysis/solve-lever.js';
import { InputError, renderMessage } from '../diagnostics/input-error.js';
import { messages } from '../diagnostics/messages.js';
import { formatSolveTable, type RangeSource } from '../report/solve-table.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { runExperimentSession } from './experiment-session.js';
import { valueOrExit, type CommandOutput } from './output.js';
import { rerunCommand } from './reproduce-command.js';
import { reportRunFailure } from './run-failure.js';
import { loadScenarioArgument } from './scenario-argument.js';
import {
  addSharedOptions,
  collectRepeated,
  readSharedOptions,
  type SharedOptions,
  type SharedOptionTexts,
} from './shared-options.js';
import { catalogueCommand } from './command-catalogue.js';

interface SolveOptions extends SharedOptionTexts {
  target?: string[];
  probability: string;
  lever: string;
  range?: string;
  tolerance?: string;
}

/** What the options ask for, checked against the scenario. */
interface SolveRequest {
  scenario: ScenarioSpec;
  spec: SolveLeverSpec;
  rangeSource: RangeSource;
}

const numberPattern = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** A finite number written plainly (no hex, no empty text), or NaN (which every check then refuses). */
function readNumber(text: string): number {
  return numberPattern.test(text) ? Number(text) : NaN;
}

/** `--range min,max` as two numbers (NaN where one is not a number), or the lever's default range. */
function readRange(
  scenario: ScenarioSpec,
  lever: Lever,
  text: string | undefined,
): { range: [number, number]; rangeSource: RangeSource } {
  if (text === undefined) {
    const range = defaultLeverRange(scenario, lever);
    if (range === undefined) throw new InputError(`--lever ${lever.name}`, messages.rangeNeeded(lever.name));
    return { range, rangeSource: lever.kind === 'policy' ? 'policy-default' : 'declared' };
  }
  const parts = text.split(',').map(readNumber);
  return { range: parts.length === 2 ? [parts[0]!, parts[1]!] : [NaN, NaN], rangeSource: 'given' };
}

/**
 * Read the request: the lever (one `--set` may not also fix), the targets, the probability, the range
 * and the tolerance, each checked by `solveSpecProblem` and reported as the option that was typed.
 */
function readRequest(file: string, options: SolveOptions, shared: SharedOptions, output: CommandOutput): SolveRequest {
  const { scenario, set } = loadScenarioArgument(file, shared, output);
  const lever = parseLever(options.lever.trim());
  if (set.has(lever.name)) throw new InputError(`--lever ${options.lever}`, messages.leverAlsoSet(lever.name));
  const targets = [
    ...new Set(
      (options.target ?? [])
        .flatMap((text) => text.split(','))
        .map((id) => id.trim())
        .filter((id) => id !== ''),
    ),
  ];
  // An unknown lever has no default range: solveSpecProblem names the lever before it looks at the range.
  const { range, rangeSource } = hasLever(scenario, lever)
    ? readRange(scenario, lever, options.range)
    : { range: [NaN, NaN] as [number, number], rangeSource: 'given' as const };
  const spec: SolveLeverSpec = {
    lever,
    targets,
    probability: readNumber(options.probability),
    range,
    ...(options.tolerance === undefined ? {} : { tolerance: readNumber(options.tolerance) }),
  };
  const typed = {
    probability: options.probability,
    ...(options.range === undefined ? {} : { range: options.range }),
    ...(options.tolerance === undefined ? {} : { tolerance: options.tolerance }),
  };
  const problem = solveSpecProblem(scenario, spec, typed);
  if (problem !== undefined) {
    const subject =
      problem.field === 'target' && problem.value === '' ? '--target' : `--${problem.field} ${problem.value}`;
    throw new InputError(subject, problem.detail);
  }
  return { scenario, spec, rangeSource };
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
  const command = catalogueCommand(program, 'solve')
    .argument('<scenario>', 'scenario file (YAML)')
    .option(
      '--target <ids>',
      '(required) target id of the scenario; repeat it or give a,b for several, all to be met in the same run',
      collectRepeated,
    )
    .requiredOption(
      '--probability <p>',
      '(required) the share of runs that must meet the targets, between 0 and 1 (e.g. 0.9)',
    )
    .requiredOption(
      '--lever <name>',
      `(required) a model parameter, fixed at each trial value in every run, or ${policyLeverPrefix}<name>: a scenario policy with every point multiplied by the trial factor`,
    )
    .option(
      '--range <min,max>',
      `lever values to search (default: the parameter's declared min,max; 0,3 for a policy scale)`,
    )
    .option('--tolerance <width>', 'stop when the answer is bracketed this closely (default: the range width / 1000)');
  addSharedOptions(command, ['runs', 'seed', 'workers', 'set', 'json', 'quiet', 'maxMemory', 'redis', 'queue']);
  command.action(async (file: string, options: SolveOptions) => {
    const shared = readSharedOptions(options, output);
    const { scenario, spec, rangeSource } = readRequest(file, options, shared, output);
    const { lever } = spec;
    let trialValue = spec.range[0];
    let startedTrials = 0;
    /** The command that redoes one run alone at the trial value (a policy scale cannot be given to `run`: said beside it). */
    const rerun = (value: number, runIndex: number): string => {
      const leverSet = lever.kind === 'parameter' ? [`${lever.name}=${value}`] : [];
      const address = {
        file,
        runCount: scenario.uncertainty.runCount,
        seed: scenario.uncertainty.seed,
        set: [...shared.set, ...leverSet],
      };
      const command = rerunCommand(address, runIndex);
      return lever.kind === 'policy'
        ? `${command} (with every point of policy ${lever.name} multiplied by ${value} in the scenario file)`
        : command;
    };
    const context = () => ({
      scenario,
      rerun: (runIndex: number) => rerun(trialValue, runIndex),
      interrupted: () => messages.solveInterrupted(startedTrials - 1),
    });
    const settings = { shared, totalRuns: plannedTrialCount(spec) * scenario.uncertainty.runCount };
    const solved = valueOrExit(
      await runExperimentSession(settings, context, output, (session) =>
        solveLever(scenario, spec, {
          ...session.runOptions,
          onTrialStart: (value) => {
            trialValue = value;
            startedTrials++;
          },
        }),
      ),
      output,
    );
    if (!solved.ok) reportRunFailure(solved.failure, file, rerun(solved.value, solved.failure.runIndex), output);
    const { solution } = solved;
    printViolations(solution, file, output);
    if (shared.json) output.out(`${JSON.stringify(solution, null, 2)}\n`);
    else if (!shared.quiet) output.out(formatSolveTable(solution, scenario, rangeSource));
  });
}
