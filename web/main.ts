import type {
  ExploreConfig,
  ExploreProblem,
  SavedScenario,
  ViewRequest,
  ViewSensitivity,
  ViewUpdate,
} from '../src/explore/explore-protocol.js';
import { renderControls, type ControlState } from './controls.js';
import { chartColours, FanChart } from './fan-chart.js';
import { formatCount } from './format-value.js';
import { pageStrings, type Language } from './strings.js';
import { renderTargetTable } from './target-table.js';

/** What the page shows, kept where a test (or a curious user's console) can read it. */
interface PageData {
  config: ExploreConfig | undefined;
  baseline: ViewUpdate | undefined;
  /** The view on screen: the baseline until a change, then the latest update of the latest change. */
  view: ViewUpdate | undefined;
  /** The sequence number of the latest change sent. */
  sequence: number;
  problem: ExploreProblem | undefined;
  /** Milliseconds from each change to its first update drawn. */
  latencies: number[];
  sensitivity: ViewSensitivity | undefined;
  /** The language the tornado charts on screen were drawn in. */
  sensitivityLanguage: Language | undefined;
  saved: SavedScenario | undefined;
  language: Language;
}

declare global {
  interface Window {
    kechuangExplore: PageData;
  }
}

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

const data: PageData = {
  config: undefined,
  baseline: undefined,
  view: undefined,
  sequence: 0,
  problem: undefined,
  latencies: [],
  sensitivity: undefined,
  sensitivityLanguage: undefined,
  saved: undefined,
  language: new URLSearchParams(location.search).get('lang') === 'zh' ? 'zh' : 'en',
};
window.kechuangExplore = data;

const state: ControlState = { values: new Map(), scales: new Map() };
const sentAt = new Map<number, number>();
let session: string | undefined;
let charts: FanChart[] = [];

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** POST a JSON body; a 400 answer's problem is shown and gives undefined. */
async function postJson<T>(path: string, body: unknown): Promise<T | undefined> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as T | { problem: ExploreProblem };
  if (response.status === 400 && typeof answer === 'object' && answer !== null && 'problem' in answer) {
    showProblem(answer.problem);
    return undefined;
  }
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return answer as T;
}

function showProblem(problem: ExploreProblem | undefined): void {
  data.problem = problem;
  const banner = byId<HTMLDivElement>('problem');
  banner.hidden = problem === undefined;
  if (problem === undefined) return;
  const subject = problem.subject === undefined ? '' : `${problem.subject}: `;
  banner.textContent = `${subject}${problem.message}${problem.hint === undefined ? '' : `\n${problem.hint}`}`;
}

function request(): ViewRequest {
  return {
    session: session ?? '',
    sequence: data.sequence,
    values: Object.fromEntries(state.values),
    scales: Object.fromEntries(state.scales),
  };
}

function sendView(): void {
  data.sequence += 1;
  sentAt.set(data.sequence, performance.now());
  void postJson('/api/view', request());
}

function renderStatus(): void {
  const strings = pageStrings[data.language];
  const view = data.view;
  const status = byId<HTMLDivElement>('status');
  if (view === undefined || data.config === undefined) return;
  const runs = strings.runsOf(formatCount(view.runs), formatCount(data.config.runCount));
  const last = data.latencies[data.latencies.length - 1];
  status.textContent = [
    runs,
    view.complete ? strings.complete : strings.refining,
    last === undefined ? undefined : strings.latency(last.toFixed(0)),
  ]
    .filter((part) => part !== undefined)
    .join(' · ');
  status.classList.toggle('complete', view.complete);
}

function renderView(): void {
  const { config, view } = data;
  if (config === undefined || view === undefined) return;
  const strings = pageStrings[data.language];
  const compared = byId<HTMLInputElement>('compare').checked ? data.baseline?.summary : undefined;
  renderTargetTable(
    byId<HTMLTableElement>('targets'),
    view.summary.targets,
    compared?.targets,
    config,
    strings,
    data.language,
  );
  config.outputs.forEach((output, index) => {
    const series = view.summary.series[output.name];
    if (series === undefined) return;
    charts[index]?.update({
      series,
      baseline: compared?.series[output.name],
      targets: view.summary.targets.filter((target) => target.variable === output.name),
    });
  });
  renderStatus();
}

function renderLegend(): void {
  const strings = pageStrings[data.language];
  const entries: [string, string][] = [
    [strings.p5p95, chartColours.band],
    [strings.median, chartColours.median],
    [strings.mean, chartColours.mean],
    [strings.targetLine, chartColours.target],
    [strings.observed, chartColours.observed],
    ...(byId<HTMLInputElement>('compare').checked
      ? ([[strings.baselineBand, chartColours.baselineBand]] as [string, string][])
      : []),
  ];
  byId('legend').replaceChildren(
    ...entries.map(([text, colour]) => {
      const span = document.createElement('span');
      span.textContent = text;
      span.style.setProperty('--swatch', colour);
      return span;
    }),
  );
}

/** Build everything that depends on the language: texts, controls, chart frames; then draw the view. */
function renderPage(): void {
  const config = data.config;
  if (config === undefined) return;
  const strings = pageStrings[data.language];
  document.documentElement.lang = data.language === 'zh' ? 'zh-CN' : 'en';
  document.title = `${strings.title}: ${config.scenario}`;
  byId('title').textContent = `${strings.title}: ${config.scenario}`;
  byId('compare-label').textContent = strings.compare;
  byId('sensitivity').textContent = strings.sensitivity;
  byId('save').textContent = strings.save;
  byId('language').textContent = strings.language;
  renderControls(byId('controls'), config.controls, state, strings, data.language, sendView);
  for (const chart of charts) chart.destroy();
  const figures = config.outputs.map((output) => {
    const figure = document.createElement('figure');
    figure.className = 'fan';
    figure.dataset.variable = output.name;
    const caption = document.createElement('figcaption');
    caption.textContent = (data.language === 'zh' ? output.labelZh : undefined) ?? output.label;
    const plot = document.createElement('div');
    figure.append(caption, plot);
    return { figure, plot, output };
  });
  byId('charts').replaceChildren(...figures.map(({ figure }) => figure));
  charts = figures.map(({ plot, output }) => new FanChart(plot, output, strings));
  renderLegend();
  renderView();
  if (data.sensitivity !== undefined) void showSensitivity();
}

function onUpdate(update: ViewUpdate): void {
  if (update.sequence < data.sequence) return;
  const started = sentAt.get(update.sequence);
  data.view = update;
  if (data.problem !== undefined && data.problem.sequence <= update.sequence) showProblem(undefined);
  renderView();
  if (started !== undefined) {
    data.latencies.push(performance.now() - started);
    sentAt.delete(update.sequence);
    renderStatus();
  }
}

async function showSensitivity(): Promise<void> {
  const language = data.language;
  const strings = pageStrings[language];
  const result = await postJson<ViewSensitivity>('/api/sensitivity', { session, language });
  if (result === undefined) return;
  data.sensitivity = result;
  const panel = byId<HTMLDivElement>('tornado');
  const heading = document.createElement('h2');
  heading.textContent = strings.sensitivityOver(formatCount(result.runs));
  const parts: Node[] = [heading];
  for (const target of result.targets) {
    const figure = document.createElement('figure');
    figure.dataset.target = target.id;
    if (target.svg === '') figure.textContent = `${target.id}: ${strings.noBars}`;
    else figure.innerHTML = target.svg;
    parts.push(figure);
  }
  if (result.leftOut.length > 0) {
    const note = document.createElement('p');
    note.textContent = strings.leftOut(result.leftOut.join(', '));
    parts.push(note);
  }
  panel.replaceChildren(...parts);
  panel.hidden = false;
  data.sensitivityLanguage = language;
}

async function saveScenario(): Promise<void> {
  const strings = pageStrings[data.language];
  const saved = await postJson<SavedScenario>('/api/save', request());
  if (saved === undefined) return;
  data.saved = saved;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([saved.text], { type: 'application/yaml' }));
  link.download = saved.fileName;
  link.click();
  const panel = byId<HTMLDivElement>('saved');
  const line = (text: string, code?: string): HTMLElement => {
    const paragraph = document.createElement('p');
    paragraph.textContent = text;
    if (code !== undefined) {
      const block = document.createElement('code');
      block.textContent = code;
      paragraph.append(block);
    }
    return paragraph;
  };
  panel.replaceChildren(
    line(strings.savedTo, saved.file),
    line(strings.reproduce, saved.runCommand),
    saved.setCommand === undefined ? line(strings.noSetCommand) : line(strings.reproduceSet, saved.setCommand),
  );
  panel.hidden = false;
}

async function start(): Promise<void> {
  data.config = await getJson<ExploreConfig>('/api/config');
  data.baseline = await getJson<ViewUpdate>('/api/baseline');
  data.view = data.baseline;
  renderPage();
  const events = new EventSource('/api/events');
  events.addEventListener('session', (event) => {
    session = (JSON.parse((event as MessageEvent<string>).data) as { session: string }).session;
    if (data.sequence > 0) sendView();
  });
  events.addEventListener('update', (event) =>
    onUpdate(JSON.parse((event as MessageEvent<string>).data) as ViewUpdate),
  );
  events.addEventListener('problem', (event) =>
    showProblem(JSON.parse((event as MessageEvent<string>).data) as ExploreProblem),
  );
  byId('compare').addEventListener('change', () => {
    renderLegend();
    for (const chart of charts) chart.destroy();
    renderPage();
  });
  byId('language').addEventListener('click', () => {
    data.language = data.language === 'en' ? 'zh' : 'en';
    renderPage();
  });
  byId('sensitivity').addEventListener('click', () => void showSensitivity());
  byId('save').addEventListener('click', () => void saveScenario());
}

void start();
