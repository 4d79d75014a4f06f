import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { InputError } from '../diagnostics/input-error.js';
import { messages } from '../diagnostics/messages.js';
import type { ExploreProblem } from './explore-protocol.js';
import type { ExploreWorkbench, SessionEvent } from './explore-workbench.js';

/** The page's files, as the build puts them in dist/web/. */
const pageFiles: Record<string, string> = {
  '/': 'index.html',
  '/explore.js': 'explore.js',
  '/explore.css': 'explore.css',
};
const contentTypes: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/** Where the built page lies: dist/web/ beside dist/explore/. */
export const defaultPageFolder = new URL('../web/', import.meta.url);

/** A request problem as the page shows it, with HTTP 400. */
function badRequest(context: Context, error: InputError): Response {
  const problem: ExploreProblem = {
    sequence: -1,
    code: error.detail.code,
    subject: error.option,
    message: error.detail.message,
    hint: error.detail.hint,
  };
  return context.json({ problem }, 400);
}

async function jsonBody(context: Context): Promise<unknown> {
  if (!(context.req.header('content-type') ?? '').startsWith('application/json'))
    throw new InputError('request', messages.exploreRequest('the body must be sent as application/json'));
  try {
    return await context.req.json();
  } catch (error) {
    throw new InputError('request', messages.exploreRequest(`the body is not JSON (${(error as Error).message})`));
  }
}

/**
 * The explore page's HTTP interface over a workbench: the page and its script, the scenario's
 * configuration and baseline, an event stream per open page (its session: views' updates and
 * problems; closing it stops the session's work), and POSTs that start a view, rank the inputs and save
 * a scenario (HTTP 400 with the problem for anything the scenario cannot take, never a crash). Only
 * requests whose Host `allowHost` accepts are answered, so that another site's page cannot reach this one
 * through a name that resolves here (DNS rebinding). JSON bodies must say so in their content type,
 * which a cross-site form cannot.
 */
export function createExploreApp(
  workbench: ExploreWorkbench,
  options: { pageFolder?: URL; allowHost?: (host: string) => boolean } = {},
): Hono {
  const folder = options.pageFolder ?? defaultPageFolder;
  const files = new Map<string, { body: string; type: string }>();
  const pageFile = (path: string): { body: string; type: string } | undefined => {
    const name = pageFiles[path];
    if (name === undefined) return undefined;
    let file = files.get(name);
    if (file === undefined) {
      file = { body: readFileSync(new URL(name, folder), 'utf8'), type: contentTypes[name.split('.').pop()!]! };
      files.set(name, file);
    }
    return file;
  };
  const app = new Hono();
  app.use(async (context, next) => {
    const host = context.req.header('host') ?? new URL(context.req.url).host;
    if (options.allowHost !== undefined && !options.allowHost(host))
      return context.text(`unexpected Host ${host}`, 421);
    await next();
    return undefined;
  });
  app.onError((error, context) => {
    if (error instanceof InputError) return badRequest(context, error);
    return context.json({ problem: { sequence: -1, code: 'internal', message: error.message } }, 500);
  });
  app.get('/api/config', (context) => context.json(workbench.config));
  app.get('/api/baseline', (context) => context.json(workbench.baseline));
  app.get('/api/status', (context) => context.json(workbench.status()));
  app.get('/api/events', (context) =>
    streamSSE(context, async (stream) => {
      const queue: SessionEvent[] = [];
      let wake: (() => void) | undefined;
      const session = workbench.openSession((event) => {
        queue.push(event);
        wake?.();
      });
      stream.onAbort(() => {
        workbench.closeSession(session);
        wake?.();
      });
      await stream.writeSSE({ event: 'session', data: JSON.stringify({ session }) });
      while (!stream.aborted) {
        const next = queue.shift();
        if (next === undefined) {
          // A comment line every 15 s keeps proxies and the browser from closing a quiet stream.
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, 15_000).unref();
          });
          wake = undefined;
          if (queue.length === 0 && !stream.aborted) await stream.write(': keep-alive\n\n');
          continue;
        }
        // While a view refines, only its latest summary matters: drop older updates still queued.
        if (next.event === 'update' && queue.some((later) => later.event === 'update')) continue;
        await stream.writeSSE({ event: next.event, data: JSON.stringify(next.data) });
      }
    }),
  );
  app.post('/api/view', async (context) => {
    workbench.view(await jsonBody(context));
    return context.json({ accepted: true }, 202);
  });
  app.post('/api/sensitivity', async (context) => {
    const body = await jsonBody(context);
    const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const session = typeof record.session === 'string' ? record.session : '';
    return context.json(await workbench.sensitivity(session, record.language === 'zh' ? 'zh' : 'en'));
  });
  app.post('/api/save', async (context) => context.json(workbench.save(await jsonBody(context))));
  app.get('*', (context) => {
    const file = pageFile(context.req.path);
    if (file === undefined) return context.notFound();
    return context.body(file.body, 200, { 'content-type': file.type, 'cache-control': 'no-store' });
  });
  return app;
}

/** A listening explore server. */
export interface ExploreServer {
  url: string;
  close(): Promise<void>;
}

/** Whether an address names this machine only. */
export const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);

/**
 * Listen on `host`:`port` (0 for any free port) and answer with the explore app.
 * @throws InputError when the port is taken.
 */
export async function startExploreServer(
  workbench: ExploreWorkbench,
  options: { host: string; port: number; pageFolder?: URL },
): Promise<ExploreServer> {
  let hosts: string[] | undefined;
  const app = createExploreApp(workbench, {
    ...(options.pageFolder === undefined ? {} : { pageFolder: options.pageFolder }),
    allowHost: (host) => hosts === undefined || hosts.includes(host),
  });
  const server = createAdaptorServer({ fetch: app.fetch });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new InputError(`--port ${options.port}`, messages.explorePortInUse(options.port))
          : error,
      ),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shown = options.host.includes(':') && !options.host.startsWith('[') ? `[${options.host}]` : options.host;
  if (isLoopback(options.host)) hosts = [`${shown}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`];
  return {
    url: `http://${shown}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        workbench.close();
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
