import type { Command } from 'commander';
import type { CommandOutput } from './output.js';

/** Adds one command to the program (each `*-command.ts` exports one). */
type RegisterCommand = (program: Command, output: CommandOutput) => void;

/**
 * A command as `kechuang --help` lists it, and where it is defined. A command's module, and the
 * engine behind it (the equation parser, the distributions, the report's charts, the worker pool), is
 * loaded only when that command runs or its help is asked for: `kechuang --version` and `--help`
 * load none of them.
 */
export interface CatalogueEntry {
  name: string;
  /** What follows the name in the list of commands: options and arguments, as commander writes them. */
  usage: string;
  description: string;
  load(): Promise<RegisterCommand>;
}

/** Every command, in the order `--help` lists them. */
export const commandCatalogue: readonly CatalogueEntry[] = [
  {
    name: 'run',
    usage: '[options] <scenarios...>',
    description:
      "run a scenario's Monte Carlo experiment and report how likely each target is; --out writes summary.json, series.csv and report.html (one subfolder per scenario when several)",
    load: async () => (await import('./run-command.js')).registerRunCommand,
  },
  {
    name: 'compare',
    usage: '[options] <scenarios...>',
    description: "run scenarios on common random numbers and set their targets' probabilities side by side",
    load: async () => (await import('./compare-command.js')).registerCompareCommand,
  },
  {
    name: 'simulate',
    usage: '[options] <file>',
    description: 'run a model once and print its saved points',
    load: async () => (await import('./simulate-command.js')).registerSimulateCommand,
  },
  {
    name: 'validate',
    usage: '[options] <files...>',
    description:
      'check model and scenario files: names, references, units, loops, ranges, distributions, targets, data files',
    load: async () => (await import('./validate-command.js')).registerValidateCommand,
  },
  {
    name: 'describe',
    usage: '[options] <file>',
    description:
      "list stocks, flows, auxiliaries, parameters and lookups with units, docs and ranges; for a scenario, its model with the scenario's values, policies and distributions",
    load: async () => (await import('./describe-command.js')).registerDescribeCommand,
  },
  {
    name: 'convert',
    usage: '[options] <model>',
    description: 'write a model (XMILE, Vensim .mdl) as an equivalent Kechuang YAML model file',
    load: async () => (await import('./convert-command.js')).registerConvertCommand,
  },
  {
    name: 'calibrate',
    usage: '[options] <scenario>',
    description:
      "fit a scenario's parameters to history by least squares; print the fit and a back-test; write them as a scenario to extend, never over an existing file without --force",
    load: async () => (await import('./calibrate-command.js')).registerCalibrateCommand,
  },
  {
    name: 'solve',
    usage: '[options] <scenario>',
    description:
      "find the smallest value of a lever (a parameter, or a policy's scale) at which the targets are met with a probability, by bisection on common random numbers; each trial value runs the scenario's runs, the same rows at every value",
    load: async () => (await import('./solve-command.js')).registerSolveCommand,
  },
  {
    name: 'sensitivity',
    usage: '[options] <scenario>',
    description:
      "rank a scenario's uncertain inputs by their effect on each target variable in its year: PRCC, Sobol indices or Morris screening; --out writes sensitivity.json, sensitivity.csv and report.html (tornado charts)",
    load: async () => (await import('./sensitivity-command.js')).registerSensitivityCommand,
  },
  {
    name: 'discover',
    usage: '[options] <scenario>',
    description: 'scenario discovery: the ranges of the uncertain inputs in which targets are mostly missed (PRIM)',
    load: async () => (await import('./discover-command.js')).registerDiscoverCommand,
  },
  {
    name: 'explore',
    usage: '[options] <scenario>',
    description:
      "serve a local page with a slider for every parameter and policy of a scenario over a live Monte Carlo: the first 200 runs answer at once, then the bands refine to the scenario's run count; save the view as a scenario",
    load: async () => (await import('./explore-command.js')).registerExploreCommand,
  },
  {
    name: 'worker',
    usage: '[options]',
    description:
      'take the runs of experiments started elsewhere with --redis from a queue on Redis, and run them on this machine until stopped (SIGTERM finishes the shards in hand; a second signal hands them back)',
    load: async () => (await import('./worker-command.js')).registerWorkerCommand,
  },
];

/** Start command `name` on `program` with its catalogue description (its module adds the rest). */
export function catalogueCommand(program: Command, name: string): Command {
  const entry = commandCatalogue.find((candidate) => candidate.name === name);
  if (entry === undefined) throw new RangeError(`${name} is not in the command catalogue`);
  return program.command(name).description(entry.description);
}

/**
 * The command an argument list runs (or asks help for: `help run`, `run --help`), if any: the first
 * argument not an option, as the program takes no option with a value.
 */
export function commandNamed(argv: readonly string[]): CatalogueEntry | undefined {
  const words = argv.filter((argument) => !argument.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return commandCatalogue.find((entry) => entry.name === name);
}
