import { mkdtempSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExploreProblem, ViewUpdate } from '../../../src/explore/explore-protocol.js';
import { createExploreApp, startExploreServer } from '../../../src/explore/explore-server.js';
import { createExploreWorkbench, type ExploreWorkbench } from '../../../src/explore/explore-workbench.js';
import { createShardExecutor } from '../../../src/parallel/shard-executor.js';
import { withOverrides } from '../../../src/scenario/with-overrides.js';
import { loadScenarioOrThrow } from '../../helpers/report-fixtures.js';

const file = 'tests/fixtures/run/population-mc.yaml';
const executor = createShardExecutor(1);
let workbench: ExploreWorkbench;

beforeAll(async () => {
  workbench = await createExploreWorkbench({
    scenario: withOverrides(loadScenarioOrThrow(file), { runCount: 20_000 }),
    file,
    commandSet: new Map(),
    history: undefined,
    executor,
    memoryLimitBytes: 1e9,
    saveFolder: mkdtempSync(join(tmpdir(), 'kechuang-server-')),
    engineVersion: 'test',
    firstRuns: 100,
  });
});
afterAll(() => executor.close());

/** A page's event stream: its session id, then its events as [event, data] until `until` says stop. */
async function openEvents(body: ReadableStream<Uint8Array>) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  const next = async (until: (event: string, data: unknown) => boolean): Promise<[string, unknown][]> => {
    const events: [string, unknown][] = [];
    for (;;) {
      let end: number;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event === undefined || data === undefined) continue;
        events.push([event, JSON.parse(data)]);
        if (until(event, JSON.parse(data))) return events;
      }
      const { value, done } = await reader.read();
      if (done) return events;
      buffered += value;
    }
  };
  const [[, hello]] = (await next((event) => event === 'session')) as [[string, { session: string }]];
  return { session: hello.session, next, close: () => reader.cancel() };
}

const post = (app: ReturnType<typeof createExploreApp>, path: string, body: unknown, type = 'application/json') =>
  app.request(path, { method: 'POST', headers: { 'content-type': type }, body: JSON.stringify(body) });

describe('createExploreApp()', () => {
  it('answers bad slider values with HTTP 400 and the problem, never a crash, and goes on serving', async () => {
    const app = createExploreApp(workbench);
    const events = await openEvents((await app.request('/api/events')).body!);
    const session = events.session;
    const problemOf = async (values: Record<string, string>): Promise<[number, ExploreProblem]> => {
      const response = await post(app, '/api/view', { session, sequence: 1, values, scales: {} });
      return [response.status, ((await response.json()) as { problem: ExploreProblem }).problem];
    };
    const [status, outOfRange] = await problemOf({ birth_rate: '0.9' });
    expect(status).toBe(400);
    expect(outOfRange).toMatchObject({ code: 'parameter-out-of-range', subject: 'birth_rate = 0.9' });
    expect(outOfRange.message).toContain('[0, 0.05]');
    expect(await problemOf({ birth_rate: 'NaN' })).toMatchObject([400, { code: 'invalid-override' }]);
    expect(await problemOf({ birth_rte: '0.006' })).toMatchObject([
      400,
      { code: 'unknown-parameter', hint: "did you mean 'birth_rate'?" },
    ]);
    expect((await post(app, '/api/view', { session, sequence: 1 }, 'text/plain')).status).toBe(400);
    const notJson = await app.request('/api/view', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(notJson.status).toBe(400);
    expect((await post(app, '/api/view', { session: 'gone', sequence: 1, values: {} })).status).toBe(400);
    expect((await post(app, '/api/save', { session, sequence: 1, values: { birth_rate: '-1' } })).status).toBe(400);
    expect((await app.request('/api/config')).status).toBe(200);
    expect(((await (await app.request('/api/baseline')).json()) as ViewUpdate).complete).toBe(true);
    await events.close();
  });

  it('streams a view: the first runs first, then the refined numbers; closing the stream ends the session', async () => {
    const app = createExploreApp(workbench);
    const before = workbench.status().sessions;
    const events = await openEvents((await app.request('/api/events')).body!);
    expect(workbench.status().sessions).toBe(before + 1);
    const accepted = await post(app, '/api/view', { session: events.session, sequence: 3, values: {}, scales: {} });
    expect(accepted.status).toBe(202);
    const updates = (await events.next((event, data) => event === 'update' && (data as ViewUpdate).complete)).map(
      ([, data]) => data as ViewUpdate,
    );
    expect(updates[0]!.runs).toBe(100);
    expect(updates.at(-1)).toMatchObject({ sequence: 3, runs: 20_000, complete: true });
    expect(updates.at(-1)!.summary.targets).toEqual(workbench.baseline.summary.targets);
    await events.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(workbench.status().sessions).toBe(before);
  });

  it('keeps two tabs apart: each stream carries only its own views, with the numbers of its own values', async () => {
    const app = createExploreApp(workbench);
    const tab = async () => openEvents((await app.request('/api/events')).body!);
    const [low, high] = await Promise.all([tab(), tab()]);
    const finished = (event: string, data: unknown) => event === 'update' && (data as ViewUpdate).complete;
    const updatesOf = async (page: typeof low, rate: string): Promise<ViewUpdate[]> => {
      const accepted = await post(app, '/api/view', {
        session: page.session,
        sequence: 1,
        values: { birth_rate: rate },
        scales: {},
      });
      expect(accepted.status).toBe(202);
      return (await page.next(finished)).filter(([event]) => event === 'update').map(([, data]) => data as ViewUpdate);
    };
    const [lowUpdates, highUpdates] = await Promise.all([updatesOf(low, '0.007'), updatesOf(high, '0.012')]);
    for (const [updates, rate] of [
      [lowUpdates, '0.007'],
      [highUpdates, '0.012'],
    ] as const)
      for (const update of updates) expect(update.command).toContain(`--set birth_rate=${rate}`);
    const lowFinal = lowUpdates.at(-1)!;
    const highFinal = highUpdates.at(-1)!;
    expect(highFinal.summary.series.population!.p50.at(-1)).toBeGreaterThan(
      lowFinal.summary.series.population!.p50.at(-1)!,
    );
    const alone = await tab();
    const again = (await updatesOf(alone, '0.007')).at(-1)!;
    expect(again.summary).toEqual(lowFinal.summary);
    await Promise.all([low.close(), high.close(), alone.close()]);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const app = createExploreApp(workbench, { allowHost: (host) => host === '127.0.0.1:1' });
    expect((await app.request('http://evil.example/api/config')).status).toBe(421);
    expect((await app.request('http://127.0.0.1:1/api/config')).status).toBe(200);
  });
});

describe('startExploreServer()', () => {
  it('frees the work of a page that disconnects mid-run', async () => {
    const server = await startExploreServer(workbench, { host: '127.0.0.1', port: 0 });
    try {
      const url = new URL(server.url);
      const session = await new Promise<{ id: string; close: () => void }>((resolve, reject) => {
        const request = httpRequest(new URL('/api/events', url), (response) => {
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            const found = /"session":"([^"]+)"/.exec(chunk);
            if (found !== null) resolve({ id: found[1]!, close: () => request.destroy() });
          });
        });
        request.on('error', reject);
        request.end();
      });
      const started = await fetch(new URL('/api/view', url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ session: session.id, sequence: 1, values: { birth_rate: '0.007' }, scales: {} }),
      });
      expect(started.status).toBe(202);
      expect(workbench.status()).toEqual({ sessions: 1, running: 1 });
      session.close();
      const deadline = Date.now() + 5000;
      let status = { sessions: -1, running: -1 };
      while (Date.now() < deadline) {
        status = (await (await fetch(new URL('/api/status', url))).json()) as typeof status;
        if (status.sessions === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(status).toEqual({ sessions: 0, running: 0 });
    } finally {
      await server.close();
    }
  });

  it('says so when the port is taken', async () => {
    const first = await startExploreServer(workbench, { host: '127.0.0.1', port: 0 });
    try {
      const port = Number(new URL(first.url).port);
      await expect(startExploreServer(workbench, { host: '127.0.0.1', port })).rejects.toMatchObject({
        detail: { code: 'port-in-use' },
      });
    } finally {
      await first.close();
    }
  });
});
