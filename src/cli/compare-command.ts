import { join } from 'node:path';
import type { Command } from 'commander';
import {
  alignScenarios,
  compareScenarios,
  type AlignedScenarios,
  type ComparisonOutcome,
  type DeclaredDesign,
} from '../analysis/compare-scenarios.js';
import { messages } from '../diagnostics/messages.js';
import { formatCompareTable } from '../report/compare-table.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { reportRunFailure } from './run-failure.js';
import { renderMessage } from '../diagnostics/input-error.js';
import { runExperimentSession } from './experiment-session.js';
import { rerunCommand } from './reproduce-command.js';
import { loadScenarioArguments } from './scenario-argument.js';
import { addSharedOptions, readSharedOptions, type SharedOptions, type SharedOptionTexts } from './shared-options.js';
import { valueOrExit, type CommandOutput } from './output.js';
import { packageVersion } from './package-version.js';
import { readModelHistory } from './read-model-history.js';
import { writeOutputFile } from './write-output-file.js';
import { catalogueCommand } from './command-catalogue.js';

type CompareOptions = SharedOptionTexts;

const samplingWords = { lhs: 'Latin hypercube', random: 'random' } as const;
const designText = (design: { seed: number; runCount: number; sampling: DeclaredDesign['sampling'] }): string =>
  `seed ${design.seed}, ${design.runCount.toLocaleString('en-US')} runs, ${samplingWords[design.sampling]} sampling`;

async function runComparison(
  aligned: AlignedScenarios,
  shared: SharedOptions,
  output: CommandOutput,
): Promise<ComparisonOutcome> {
  let running = aligned.scenarios[0]!;
  const context = () => ({
    scenario: running,
    rerun: (runIndex: number) => rerunCommand(addressOf(running, aligned, shared), runIndex),
  });
  const settings = { shared, totalRuns: aligned.design.runCount };
  const compared = await runExperimentSession(settings, context, output, (session) =>
    compareScenarios(aligned, {
      ...session.runOptions,
      engineVersion: packageVersion,
      onScenarioStart: (scenario) => {
        running = scenario;
        session.restartProgress(scenario.uncertainty.runCount);
      },
    }),
  );
  return valueOrExit(compared, output);
}

const addressOf = (scenario: ScenarioSpec, aligned: AlignedScenarios, shared: SharedOptions) => ({
  file: scenario.file,
  runCount: aligned.design.runCount,
  seed: aligned.design.seed,
  set: shared.set,
});

/** `kechuang compare <scenario...>`: the scenarios' target odds side by side, on common random numbers. */
export function registerCompareCommand(program: Command, output: CommandOutput): void {
  const command = catalogueCommand(program, 'compare').argument(
    '<scenarios...>',
    'scenario files (YAML); targets are matched by id',
  );
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
    'unit',
    'lang',
    'xlsx',
  ]).action(async (files: string[], options: CompareOptions) => {
    const shared = readSharedOptions(options, output);
    const scenarios = loadScenarioArguments(files, shared, output);
    const aligned = alignScenarios(scenarios, { seed: shared.seed, runCount: shared.runCount });
    if (!shared.quiet) {
      for (const declared of aligned.changed) {
        const detail = messages.compareAligned(declared.scenario, designText(declared), designText(aligned.design));
        output.err(`${renderMessage(detail, declared.file, 'note')}\n`);
      }
    }
    const outcome = await runComparison(aligned, shared, output);
    if (!outcome.ok) {
      const { scenario, failure } = outcome;
      const rerun = rerunCommand(addressOf(scenario, aligned, shared), failure.runIndex);
      reportRunFailure(failure, scenario.file, rerun, output);
    }
    const { comparison } = outcome;
    const json = `${JSON.stringify(comparison, null, 2)}\n`;
    if (shared.out !== undefined) {
      const { formatCompareReportHtml } = await import('../report/compare-report-html.js');
      const histories = aligned.scenarios.map((scenario) => readModelHistory(scenario.model, output));
      writeOutputFile(join(shared.out, 'compare.json'), json);
      writeOutputFile(
        join(shared.out, 'compare.html'),
        await formatCompareReportHtml({
          comparison,
          scenarios: aligned.scenarios,
          histories,
          lang: shared.lang,
          units: shared.units,
        }),
      );
      if (shared.xlsx) {
        const { formatComparisonXlsx } = await import('../report/results-xlsx.js');
        writeOutputFile(join(shared.out, 'results.xlsx'), await formatComparisonXlsx(comparison));
      }
    }
    if (shared.json) output.out(json);
    else if (!shared.quiet) output.out(formatCompareTable(comparison, aligned.scenarios, output.width));
  });
}
