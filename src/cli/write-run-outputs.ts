import { join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import type { CompiledExperiment } from '../experiment/compile-experiment.js';
import { sampledInputColumns, scenarioSample } from '../experiment/sample-matrix.js';
import type { ScenarioSummary } from '../experiment/scenario-summary.js';
import type { ModelHistory } from '../model/model-history.js';
import { FileWriteError, type WholeFileContent } from '../parallel/write-whole-file.js';
import type { RunStore } from '../runtime/run-store.js';
import { formatSeriesCsv } from '../report/series-csv.js';
import { formatSummaryJson } from '../report/summary-json.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { createTextReader } from './scenario-argument.js';
import type { SharedOptions } from './shared-options.js';
import { writeResultFile } from './write-output-file.js';

/** What `writeRunOutputs` had written when it stopped, and what it had not. */
export class RunOutputsStopped extends Error {
  constructor(
    /** The files written whole, in order. */
    readonly written: readonly string[],
    /** The files not written (the one that failed first). */
    readonly unwritten: readonly string[],
    /** The write that failed, or undefined when Ctrl-C stopped the writing. */
    readonly failure: FileWriteError | undefined,
  ) {
    super(failure?.message ?? 'interrupted while writing the results');
    this.name = 'RunOutputsStopped';
  }
}

/** A scenario's runs as `run` made them: the compiled experiment and the store of every run. */
export interface ScenarioRuns {
  experiment: CompiledExperiment;
  /** Undefined when the runs were summarised in passes over --max-memory: they were never all kept. */
  store: RunStore | undefined;
}

/** One scenario's results to write: its summary, scenario and runs, its folder and the history its report shows. */
export interface RunOutput extends ScenarioRuns {
  summary: ScenarioSummary;
  scenario: ScenarioSpec;
  folder: string;
  history: ModelHistory | undefined;
}

/** The files one scenario's results are written to, in the order they are written. */
const outputFiles = ({ folder, store }: RunOutput, xlsx: boolean): string[] =>
  [
    'summary.json',
    'series.csv',
    'report.html',
    ...(xlsx ? ['results.xlsx'] : []),
    ...(store === undefined ? [] : ['runs.parquet']),
  ].map((name) => join(folder, name));

/** What the report files say besides the numbers: their language, display units and the workbook. */
export type RunOutputOptions = Pick<SharedOptions, 'lang' | 'units' | 'xlsx'>;

/**
 * `run --out DIR`: each scenario's `summary.json`, `series.csv`, `report.html` and `runs.parquet` (the
 * runs themselves: sampled inputs and stored outputs per run, see report/runs-parquet.ts; none when the
 * runs were summarised in passes) in its folder (DIR, or a folder of its own in DIR when there are
 * several), each written whole or not at all. A file that cannot be written, or Ctrl-C (`signal`)
 * between two files, stops the writing with `RunOutputsStopped`, which says what was written and what
 * was not. The report module (and vega with it) and the Parquet writer load only here, so runs without
 * `--out` do not pay for them.
 */
export async function writeRunOutputs(
  outputs: readonly RunOutput[],
  options: RunOutputOptions,
  signal?: AbortSignal,
): Promise<string[]> {
  const { formatScenarioReportHtml } = await import('../report/scenario-report-html.js');
  const { formatRunsParquet } = await import('../report/runs-parquet.js');
  const files = outputs.flatMap((output) => outputFiles(output, options.xlsx));
  const written: string[] = [];
  const stopIfInterrupted = async (): Promise<void> => {
    // Drawing the charts only queues microtasks: a Ctrl-C is seen once the event loop turns.
    await setImmediate();
    if (signal?.aborted === true) throw new RunOutputsStopped(written, files.slice(written.length), undefined);
  };
  const write = async (path: string, content: WholeFileContent): Promise<void> => {
    await stopIfInterrupted();
    try {
      writeResultFile(path, content);
    } catch (error) {
      if (error instanceof FileWriteError) throw new RunOutputsStopped(written, files.slice(written.length), error);
      throw error;
    }
    written.push(path);
  };
  for (const { summary, scenario, folder, history, experiment, store } of outputs) {
    await write(join(folder, 'summary.json'), formatSummaryJson(summary));
    await write(join(folder, 'series.csv'), formatSeriesCsv(summary));
    const baseline = extendedScenario(scenario);
    const report = await formatScenarioReportHtml({
      summary,
      scenario,
      history,
      baseline,
      lang: options.lang,
      units: options.units,
    });
    await write(join(folder, 'report.html'), report);
    if (options.xlsx) {
      const { formatSummaryXlsx } = await import('../report/results-xlsx.js');
      await write(join(folder, 'results.xlsx'), await formatSummaryXlsx([summary]));
    }
    if (store === undefined) continue;
    // Laying out every run's numbers takes a while: not after a Ctrl-C.
    await stopIfInterrupted();
    const inputs = sampledInputColumns(scenario, experiment.sampleColumns, scenarioSample(scenario));
    await write(join(folder, 'runs.parquet'), formatRunsParquet(store, inputs));
  }
  return written;
}

/** The scenario a scenario extends, loaded whole, for what the report says it changes; undefined when it extends none. */
export function extendedScenario(scenario: ScenarioSpec): ScenarioSpec | undefined {
  const parent = scenario.chain[1];
  if (parent === undefined) return undefined;
  const loaded = loadScenario(parent, { readText: createTextReader() });
  return loaded.ok ? loaded.value : undefined;
}
