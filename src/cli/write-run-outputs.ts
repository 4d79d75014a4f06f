import { join } from 'node:path';
import type { CompiledExperiment } from '../experiment/compile-experiment.js';
import { sampledInputColumns, scenarioSample } from '../experiment/sample-matrix.js';
import type { ScenarioSummary } from '../experiment/scenario-summary.js';
import type { RunStore } from '../runtime/run-store.js';
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

/** A scenario's runs as `run` made them: the compiled experiment and the store of every run. */
export interface ScenarioRuns {
  experiment: CompiledExperiment;
  /** Undefined when the runs were summarised in passes over --max-memory: they were never all kept. */
  store: RunStore | undefined;
}

/**
 * `run --out DIR`: each scenario's `summary.json`, `series.csv`, `report.html` and `runs.parquet` (the
 * runs themselves: sampled inputs and stored outputs per run, see report/runs-parquet.ts) in DIR, or in
 * DIR/<scenario name> when there are several. The report module (and vega with it) loads only here,
 * so runs without `--out` do not pay for it (nor for the Parquet writer).
 */
export async function writeRunOutputs(
  summaries: readonly ScenarioSummary[],
  scenarios: readonly ScenarioSpec[],
  runs: readonly ScenarioRuns[],
  folder: string,
  output: CommandOutput,
  options: Pick<SharedOptions, 'lang' | 'units' | 'xlsx'>,
): Promise<void> {
  const { formatScenarioReportHtml } = await import('../report/scenario-report-html.js');
  const { formatRunsParquet } = await import('../report/runs-parquet.js');
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
    const { experiment, store } = runs[index]!;
    if (store === undefined) continue;
    const inputs = sampledInputColumns(scenario, experiment.sampleColumns, scenarioSample(scenario));
    writeOutputFile(join(target, 'runs.parquet'), formatRunsParquet(store, inputs));
  }
}

/** The scenario a scenario extends, loaded whole, for what the report says it changes; undefined when it extends none. */
export function extendedScenario(scenario: ScenarioSpec): ScenarioSpec | undefined {
  const parent = scenario.chain[1];
  if (parent === undefined) return undefined;
  const loaded = loadScenario(parent, { readText: createTextReader() });
  return loaded.ok ? loaded.value : undefined;
}
