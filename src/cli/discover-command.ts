import type { Command } from 'commander';
import { numberDefault } from './number-default.js';
import { discoverScenarios } from '../analysis/discover-scenarios.js';
import { defaultPrimOptions, type PrimOptions } from '../analysis/prim-box.js';
import { uncertainFactors } from '../experiment/uncertain-factors.js';
import { messages } from '../diagnostics/messages.js';
import { suggestName } from '../diagnostics/suggest-name.js';
import { formatPrimTable } from '../report/prim-table.js';
import type { ScenarioSpec, TargetSpec } from '../scenario/scenario-spec.js';
import { InputError } from '../diagnostics/input-error.js';
import { valueOrExit, type CommandOutput } from './output.js';
import { reportRunFailure } from './run-failure.js';
import { runExperimentSession } from './experiment-session.js';
import { rerunCommand } from './reproduce-command.js';
import { addSharedOptions, readSharedOptions, type SharedOptionTexts } from './shared-options.js';
import { loadScenarioArgument } from './scenario-argument.js';
import { catalogueCommand } from './command-catalogue.js';

interface DiscoverOptions extends SharedOptionTexts {
  target: string[];
  met?: boolean;
  threshold?: string;
  peel: string;
  minMass: string;
  minCoverage: string;
  paste?: boolean;
  exclude?: string;
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

/** `kechuang discover <scenario> --target ID`: PRIM boxes of the uncertain inputs in which a target is missed (or met). */
export function registerDiscoverCommand(program: Command, output: CommandOutput): void {
  const command = catalogueCommand(program, 'discover')
    .argument('<scenario>', 'scenario file (YAML)')
    .requiredOption(
      '--target <id>',
      'target id; repeat it for several, and a run misses when it misses any of them',
      collectTarget,
    )
    .option('--met', 'look for the runs that meet the target(s) instead of those that miss')
    .option('--threshold <value>', "ask about this threshold instead of the target's own (one --target only)")
    .addOption(
      numberDefault(
        '--peel <alpha>',
        "share of the box's runs each peeling step removes",
        defaultPrimOptions.peelAlpha,
      ),
    )
    .addOption(
      numberDefault(
        '--min-mass <share>',
        'stop peeling before the box holds fewer than this share of runs',
        defaultPrimOptions.minMass,
      ),
    )
    .addOption(
      numberDefault(
        '--min-coverage <share>',
        'report the densest box holding at least this share of the runs asked about',
        defaultPrimOptions.minCoverage,
      ),
    )
    .option('--paste', 'after peeling, widen bounds again while that raises the density')
    .option(
      '--exclude <names>',
      'comma-separated uncertain parameters (or joint groups, e.g. calibration) that still vary but may not be bounded',
    );
  addSharedOptions(command, ['runs', 'seed', 'workers', 'set', 'json', 'quiet', 'maxMemory', 'redis', 'queue']).action(
    async (file: string, options: DiscoverOptions) => {
      const prim = primOptions(options);
      const threshold =
        options.threshold === undefined
          ? undefined
          : numberOption('--threshold', options.threshold, -Infinity, Infinity);
      const shared = readSharedOptions(options, output);
      const { scenario } = loadScenarioArgument(file, shared, output);
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

      const address = {
        file: scenario.file,
        runCount: scenario.uncertainty.runCount,
        seed: scenario.uncertainty.seed,
        set: shared.set,
      };
      const context = () => ({ scenario, rerun: (runIndex: number) => rerunCommand(address, runIndex) });
      const query = {
        targets,
        met: options.met === true,
        prim,
        exclude,
        ...(threshold === undefined ? {} : { threshold }),
      };
      const settings = { shared, totalRuns: scenario.uncertainty.runCount };
      const found = valueOrExit(
        await runExperimentSession(settings, context, output, (session) =>
          discoverScenarios(scenario, query, session.runOptions),
        ),
        output,
      );
      if (!found.ok) {
        const { failure } = found;
        reportRunFailure(failure, scenario.file, rerunCommand(address, failure.runIndex), output);
      }
      const discovery = found.discovery;
      if (shared.json) output.out(`${JSON.stringify(discovery, null, 2)}\n`);
      else if (!shared.quiet) output.out(formatPrimTable(discovery));
    },
  );
}
