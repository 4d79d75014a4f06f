import { randomUUID } from 'node:crypto';
import { InputError } from '../diagnostics/input-error.js';
import { messages } from '../diagnostics/messages.js';
import { compileExperiment, withParameterValues, type CompiledExperiment } from '../experiment/compile-experiment.js';
import { runDesign, type ScenarioRunFailure } from '../experiment/run-design.js';
import { scenarioSample, type SampleMatrix } from '../experiment/sample-matrix.js';
import type { ScenarioSummary } from '../experiment/scenario-summary.js';
import { summarizeScenario } from '../experiment/summarize-scenario.js';
import type { ModelHistory } from '../model/model-history.js';
import { InterruptedError, type ShardExecutor } from '../parallel/shard-executor.js';
import { shownValues } from '../report/internal/shown-values.js';
import { quantityFormat } from '../report/quantity-format.js';
import { variableLabel } from '../report/variable-label.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { withOverrides } from '../scenario/with-overrides.js';
import { exploreControls } from './explore-controls.js';
import type {
  ExploreConfig,
  ExploreFormat,
  ExploreProblem,
  SavedScenario,
  ViewSensitivity,
  ViewUpdate,
} from './explore-protocol.js';
import { readViewRequest, readViewValues, type ViewValues } from './read-view-request.js';
import { saveScenario, viewRunCommand } from './saved-scenario.js';
import { viewSensitivity, type PageLanguage, type ViewRuns } from './view-sensitivity.js';

/** What the page's server works with: one opened scenario, a warm pool, and where saved scenarios go. */
export interface ExploreWorkbenchOptions {
  /** The opened scenario, with the command line's `--set`, `--runs` and `--seed` applied. */
  scenario: ScenarioSpec;
  /** Its file as given on the command line. */
  file: string;
  /** The command line's `--set` values, by name. */
  commandSet: ReadonlyMap<string, number>;
  history: ModelHistory | undefined;
  /** Kept for the workbench's life: its threads compile the run function once. */
  executor: ShardExecutor;
  memoryLimitBytes: number;
  saveFolder: string;
  engineVersion: string;
  /** Runs in a view's first answer (default 200). */
  firstRuns?: number;
}

/** What a session's event stream carries. */
export type SessionEvent = { event: 'update'; data: ViewUpdate } | { event: 'problem'; data: ExploreProblem };

/** The explore server's state: the compiled scenario, its sample, and each open page's session. */
export interface ExploreWorkbench {
  config: ExploreConfig;
  /** The opened scenario's own numbers over all its runs. */
  baseline: ViewUpdate;
  /** A page's event stream opened: its session id. */
  openSession(send: (event: SessionEvent) => void): string;
  /** A page's event stream closed: its work stops. */
  closeSession(session: string): void;
  /**
   * Start a view of a session: its first runs answer first, then larger prefixes of the scenario's
   * sample, up to all of it, each sent as an update; a session's new view stops its previous one.
   * @throws InputError for a request that is not a view or asks for values the scenario cannot take.
   */
  view(body: unknown): void;
  /** PRCC over the runs the session's latest view has made. @throws InputError when there are none. */
  sensitivity(session: string, language: PageLanguage): Promise<ViewSensitivity>;
  /** Write the values as a scenario file. @throws InputError for values the scenario cannot take. */
  save(body: unknown): SavedScenario;
  /** How many sessions are open and how many of them are running. */
  status(): { sessions: number; running: number };
  /** Stop every session's work (the executor is the caller's to close). */
  close(): void;
}

interface Session {
  send: (event: SessionEvent) => void;
  running: AbortController | undefined;
  latest: ViewRuns | undefined;
}

/** The run counts a view is summarised at: the first answer, ten times it, and so on, ending at all the runs. */
export function refinementSteps(runCount: number, firstRuns: number): number[] {
  const steps: number[] = [];
  for (let count = Math.min(firstRuns, runCount); count < runCount; count *= 10) steps.push(count);
  return [...steps, runCount];
}

/** The first `rowCount` rows of a sample, on a buffer of their own (a design runs a whole buffer). */
function samplePrefix(sample: SampleMatrix, rowCount: number, columnCount: number): SampleMatrix {
  if (rowCount === sample.rowCount) return sample;
  let copied: Float64Array | undefined;
  return {
    rowCount,
    get probabilities() {
      if (copied === undefined) {
        const length = rowCount * columnCount;
        copied = new Float64Array(new SharedArrayBuffer(Math.max(1, length) * 8), 0, length);
        copied.set(sample.probabilities.subarray(0, length));
      }
      return copied;
    },
  };
}

const formatOf = (name: string, unit: string | undefined, values: readonly number[]): ExploreFormat => {
  const format = quantityFormat(name, unit, values);
  return { scale: format.scale, unitShort: format.unitShort, percent: format.percent };
};

/**
 * Open a scenario for exploring: compile it once (each policy with a scale parameter, so that scaling
 * it needs no new compile), draw its sample once, and run its own view over all its runs (which warms
 * the pool's threads and gives the baseline and the number formats). Every view after is the same
 * compiled experiment with other parameter values (`withParameterValues`) over prefixes of the same
 * sample: common random numbers, so a view differs from another only through its values.
 * @throws InputError when the scenario does not compile or its own runs break down.
 */
export async function createExploreWorkbench(options: ExploreWorkbenchOptions): Promise<ExploreWorkbench> {
  const { scenario, executor, memoryLimitBytes } = options;
  const compiled = compileExperiment(scenario, { scaledPolicies: scenario.policies.map((policy) => policy.name) });
  if (!compiled.ok) {
    const first = compiled.diagnostics[0]!;
    throw new InputError(`${first.file}:${first.line}:${first.column}`, first);
  }
  const base = compiled.value;
  const runCount = scenario.uncertainty.runCount;
  const steps = refinementSteps(runCount, options.firstRuns ?? 200);
  const columnCount = scenario.uncertainty.parameters.length;
  const fullSample = scenarioSample(scenario);
  const prefixes = steps.map((count) => samplePrefix(fullSample, count, columnCount));
  const sessions = new Map<string, Session>();

  /** The experiment of a view at a prefix: its values fixed, its scales set, the scenario saying both. */
  const viewExperiment = (view: ViewValues, rowCount: number): CompiledExperiment => {
    const values = new Map(view.values);
    for (const [policy, scale] of view.scales) values.set(base.policyScales.get(policy)!, scale);
    return {
      ...withParameterValues(base, values),
      scenario: withOverrides(base.scenario, { set: view.values, runCount: rowCount }),
    };
  };

  const command = (view: ViewValues): string | undefined =>
    viewRunCommand({ scenario, file: options.file, commandSet: options.commandSet, view });

  const failureProblem = (sequence: number, failure: ScenarioRunFailure, view: ViewValues): ExploreProblem => {
    const inputs = Object.entries(failure.parameters)
      .map(([name, value]) => `${name}=${value}`)
      .join(', ');
    const rerun = `${command(view) ?? `kechuang run ${options.file}`} --only-run ${failure.runIndex}`;
    const detail = messages.runFailed(
      failure.runIndex,
      failure.variable,
      failure.value,
      failure.time,
      failure.failedRunCount,
      inputs || 'none',
      rerun,
    );
    return { sequence, code: detail.code, subject: undefined, message: detail.message, hint: detail.hint };
  };

  /** Run one prefix of a view; its summary, or the first run that broke down. */
  const runPrefix = async (view: ViewValues, stepIndex: number, signal: AbortSignal | undefined) => {
    const started = performance.now();
    const sample = prefixes[stepIndex]!;
    const experiment = viewExperiment(view, sample.rowCount);
    const ran = await runDesign(experiment, sample, {
      executor,
      memoryLimitBytes,
      summarize: true,
      ...(signal === undefined ? {} : { signal }),
    });
    if (!ran.ok) return { ok: false as const, failure: ran.failure };
    const engine = {
      version: options.engineVersion,
      workers: executor.workerCount,
      wallSeconds: (performance.now() - started) / 1000,
    };
    const summary: ScenarioSummary = summarizeScenario(experiment, ran, engine);
    // A store over the memory limit is summarised in passes and not kept: no ranking for that view.
    const runs = ran.store === undefined ? undefined : { experiment, sample, store: ran.store };
    return { ok: true as const, summary, runs };
  };

  const updateOf = (sequence: number, summary: ScenarioSummary, view: ViewValues, arrived: number): ViewUpdate => ({
    sequence,
    runs: summary.runs,
    complete: summary.runs === runCount,
    summary: { runs: summary.runs, seed: summary.seed, targets: summary.targets, series: summary.series },
    command: command(view),
    serverMilliseconds: performance.now() - arrived,
  });

  const noChange: ViewValues = { values: new Map(), scales: new Map(), set: [] };
  const own = await runPrefix(noChange, steps.length - 1, undefined);
  if (!own.ok) {
    const problem = failureProblem(0, own.failure, noChange);
    throw new InputError(options.file, { code: 'non-finite', message: problem.message, hint: problem.hint });
  }
  const baseline = updateOf(0, own.summary, noChange, performance.now());

  const outputNames = [...new Set([...scenario.outputs, ...scenario.targets.map((target) => target.variable)])];
  const formats = new Map(
    outputNames.map((name) => [
      name,
      formatOf(name, variableLabel(scenario.model, name).unit, [
        ...shownValues(own.summary, name),
        ...(options.history?.get(name)?.values ?? []),
      ]),
    ]),
  );
  const config: ExploreConfig = {
    scenario: scenario.name,
    model: scenario.model.name,
    file: options.file,
    runCount,
    seed: scenario.uncertainty.seed,
    sampling: scenario.uncertainty.sampling,
    steps,
    controls: exploreControls(scenario),
    outputs: scenario.outputs.map((name) => {
      const label = variableLabel(scenario.model, name);
      const observed = options.history?.get(name);
      return {
        name,
        label: label.english,
        labelZh: label.chinese,
        format: formats.get(name)!,
        history: observed === undefined ? undefined : { years: [...observed.years], values: [...observed.values] },
      };
    }),
    targetFormats: Object.fromEntries(scenario.targets.map((target) => [target.id, formats.get(target.variable)!])),
    targetLabels: Object.fromEntries(
      scenario.targets.map((target) => {
        const label = variableLabel(scenario.model, target.variable);
        return [target.id, { label: label.english, labelZh: label.chinese }];
      }),
    ),
  };

  async function runView(session: Session, sequence: number, view: ViewValues, arrived: number): Promise<void> {
    const controller = new AbortController();
    session.running = controller;
    try {
      for (const stepIndex of steps.keys()) {
        const ran = await runPrefix(view, stepIndex, controller.signal);
        if (controller.signal.aborted) return;
        if (!ran.ok) {
          session.send({ event: 'problem', data: failureProblem(sequence, ran.failure, view) });
          return;
        }
        session.latest = ran.runs;
        session.send({ event: 'update', data: updateOf(sequence, ran.summary, view, arrived) });
      }
    } catch (error) {
      if (error instanceof InterruptedError || controller.signal.aborted) return;
      const message = error instanceof Error ? error.message : String(error);
      session.send({
        event: 'problem',
        data: { sequence, code: 'worker-failed', subject: undefined, message, hint: undefined },
      });
    } finally {
      if (session.running === controller) session.running = undefined;
    }
  }

  const sessionOf = (id: string): Session => {
    const session = sessions.get(id);
    if (session === undefined) throw new InputError('session', messages.exploreUnknownSession(id));
    return session;
  };

  return {
    config,
    baseline,
    openSession(send) {
      const id = randomUUID();
      sessions.set(id, { send, running: undefined, latest: undefined });
      return id;
    },
    closeSession(id) {
      sessions.get(id)?.running?.abort();
      sessions.delete(id);
    },
    view(body) {
      const arrived = performance.now();
      const request = readViewRequest(body);
      const session = sessionOf(request.session);
      const view = readViewValues(scenario, request);
      session.running?.abort();
      void runView(session, request.sequence, view, arrived);
    },
    async sensitivity(id, language) {
      const latest = sessionOf(id).latest;
      if (latest === undefined)
        throw new InputError('sensitivity', messages.exploreRequest('this page has no runs yet: wait for the first'));
      return viewSensitivity(latest, language);
    },
    save(body) {
      const view = readViewValues(scenario, readViewRequest(body));
      return saveScenario(
        {
          scenario,
          file: options.file,
          commandSet: options.commandSet,
          view,
          engineVersion: options.engineVersion,
        },
        options.saveFolder,
      );
    },
    status() {
      const all = [...sessions.values()];
      return { sessions: all.length, running: all.filter((session) => session.running !== undefined).length };
    },
    close() {
      for (const session of sessions.values()) session.running?.abort();
      sessions.clear();
    },
  };
}
