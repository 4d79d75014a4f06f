import { join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import type { ScenarioSummary } from '../experiment/scenario-summary.js';
import type { ModelHistory } from '../model/model-history.js';
import { FileWriteError } from '../parallel/write-whole-file.js';
import { formatSeriesCsv } from '../report/series-csv.js';
import { formatSummaryJson } from '../report/summary-json.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
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

/** One scenario's results to write: its summary, its scenario, its folder and the history its report shows. */
export interface RunOutput {
  summary: ScenarioSummary;
  scenario: ScenarioSpec;
  folder: string;
  history: ModelHistory | undefined;
}

/**
 * `run --out DIR`: each scenario's `summary.json`, `series.csv` and `report.html` in its folder (DIR, or
 * a folder of its own in DIR when there are several), each written whole or not at all. A file that
 * cannot be written, or Ctrl-C (`signal`) between two files, stops the writing with `RunOutputsStopped`,
 * which says what was written and what was not. The report module (and vega with it) loads only here,
 * so runs without `--out` do not pay for it.
 */
export async function writeRunOutputs(outputs: readonly RunOutput[], signal?: AbortSignal): Promise<string[]> {
  const { formatScenarioReportHtml } = await import('../report/scenario-report-html.js');
  const files = outputs.flatMap(({ folder }) =>
    ['summary.json', 'series.csv', 'report.html'].map((name) => join(folder, name)),
  );
  const written: string[] = [];
  const write = async (path: string, text: string): Promise<void> => {
    // Drawing the charts only queues microtasks: a Ctrl-C is seen once the event loop turns.
    await setImmediate();
    if (signal?.aborted === true) throw new RunOutputsStopped(written, files.slice(written.length), undefined);
    try {
      writeResultFile(path, text);
    } catch (error) {
      if (error instanceof FileWriteError) throw new RunOutputsStopped(written, files.slice(written.length), error);
      throw error;
    }
    written.push(path);
  };
  for (const { summary, scenario, folder, history } of outputs) {
    await write(join(folder, 'summary.json'), formatSummaryJson(summary));
    await write(join(folder, 'series.csv'), formatSeriesCsv(summary));
    const report = await formatScenarioReportHtml({ summary, scenario, history });
    await write(join(folder, 'report.html'), report);
  }
  return written;
}
