import { join } from 'node:path';
import type { ScenarioSummary } from '../experiment/scenario-summary.js';
import { formatSeriesCsv } from '../report/series-csv.js';
import { formatSummaryJson } from '../report/summary-json.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import type { CommandOutput } from './output.js';
import { readModelHistory } from './read-model-history.js';
import { scenarioOutFolder } from './run-checkpoints.js';
import { writeOutputFile } from './write-output-file.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { createTextReader } from './scenario-argument.js';
import type { SharedOptions } from './shared-options.js';

/**
 * `run --out DIR`: each scenario's `summary.json`, `series.csv` and `report.html` in DIR, or in
 * DIR/<scenario name> when there are several. The report module (and vega with it) loads only here,
 * so runs without `--out` do not pay for it.
 */
export async function writeRunOutputs(
  summaries: readonly ScenarioSummary[],
  scenarios: readonly ScenarioSpec[],
  folder: string,
  output: CommandOutput,
  options: Pick<SharedOptions, 'lang' | 'units' | 'xlsx'>,
): Promise<void> {
  const { formatScenarioReportHtml } = await import('../report/scenario-report-html.js');
  for (const [index, summary] of summaries.entries()) {
    const scenario = scenarios[index]!;
    const target = scenarioOutFolder(folder, summaries.length, summary.scenario);
    writeOutputFile(join(target, 'summary.json'), formatSummaryJson(summary));
    writeOutputFile(join(target, 'series.csv'), formatSeriesCsv(summary));
    const history = readModelHistory(scenario.model, output);
    const baseline = extendedScenario(scenario);
    writeOutputFile(
      join(target, 'report.html'),
      await formatScenarioReportHtml({
        summary,
        scenario,
        history,
        baseline,
        lang: options.lang,
        units: options.units,
      }),
    );
    if (options.xlsx) {
      const { formatSummaryXlsx } = await import('../report/results-xlsx.js');
      writeOutputFile(join(target, 'results.xlsx'), await formatSummaryXlsx([summary]));
    }
  }
}

/** The scenario a scenario extends, loaded whole, for what the report says it changes; undefined when it extends none. */
export function extendedScenario(scenario: ScenarioSpec): ScenarioSpec | undefined {
  const parent = scenario.chain[1];
  if (parent === undefined) return undefined;
  const loaded = loadScenario(parent, { readText: createTextReader() });
  return loaded.ok ? loaded.value : undefined;
}
