import type { Command } from 'commander';

/** Example command lines for each command's `--help`, on the files the project ships. */
const examples: Record<string, readonly [string, string][]> = {
  run: [
    [
      'kechuang run scenarios/baseline.yaml',
      "the baseline's Monte Carlo: each target's odds, P5/P50/P95, when first met",
    ],
    ['kechuang run scenarios/baseline.yaml --set fiscal_st_growth=0.08 --runs 2000', 'a tuned run'],
    [
      'kechuang run scenarios/baseline.yaml --out out/baseline --lang zh',
      'also write summary.json, series.csv and a report.html in Chinese',
    ],
  ],
  compare: [
    [
      'kechuang compare scenarios/baseline.yaml scenarios/accelerated-funding.yaml',
      'two scenarios side by side, on common random numbers',
    ],
    [
      'kechuang compare scenarios/*.yaml --runs 2000 --out out/compare',
      'every shipped scenario; writes compare.html and compare.json',
    ],
  ],
  simulate: [
    ['kechuang simulate models/examples/population.yaml', 'one run of a model, as a table'],
    ['kechuang simulate scenarios/baseline.yaml --vars rd_intensity,gdp --json', "a scenario's central case as JSON"],
  ],
  validate: [['kechuang validate models/beijing-innovation.yaml scenarios/*.yaml', 'check a model and scenarios']],
  describe: [
    ['kechuang describe models/beijing-innovation.yaml', 'every element of a model, with units, ranges and sources'],
    [
      'kechuang describe scenarios/accelerated-funding.yaml',
      "the model with the scenario's values, policies and distributions",
    ],
  ],
  convert: [['kechuang convert model.xmile --to yaml > model.yaml', 'an XMILE model as a Kechuang YAML model']],
  calibrate: [
    [
      'kechuang calibrate scenarios/baseline.yaml --until 2021 --dry-run',
      'what a fit to 2012-2021 would change, writing nothing',
    ],
    [
      'kechuang calibrate scenarios/baseline.yaml --until 2021 --out out/fit-2021',
      'write the fit into a folder of its own',
    ],
  ],
  sensitivity: [
    ['kechuang sensitivity scenarios/baseline.yaml --method sobol --samples 512', 'Sobol indices, 512 base samples'],
    [
      'kechuang sensitivity scenarios/baseline.yaml --method prcc --runs 2000',
      'partial rank correlation of 2,000 runs',
    ],
  ],
  solve: [
    [
      'kechuang solve scenarios/baseline.yaml --target basic_research_share_2025 --probability 0.9 --lever basic_allocation_increase',
      'the least GDP growth giving the target 90% odds',
    ],
  ],
  explore: [
    [
      'kechuang explore scenarios/baseline.yaml --open',
      'sliders for every parameter and policy over a live Monte Carlo, in the browser',
    ],
  ],
  discover: [
    [
      'kechuang discover scenarios/baseline.yaml --target digital_growth_2025',
      'the input ranges where the target is missed',
    ],
  ],
  worker: [
    [
      'kechuang worker --redis redis://queue-host:6379 --workers 16',
      'take shards of runs from the queue on that Redis until stopped (see docs/scale-out.md)',
    ],
  ],
};

/** Add a command's examples to the end of its `--help`. */
export function helpExamples(command: Command, name: string): Command {
  const lines = (examples[name] ?? []).map(([line, what]) => `  $ ${line}\n      ${what}`);
  return command.addHelpText('after', `\nExamples:\n${lines.join('\n')}\n`);
}

/** The commands that have examples. */
export const commandsWithExamples = Object.keys(examples);
