import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's redis-server; .ci/run installs it with apt when missing. */
const binary = 'redis-server';

/** Whether redis-server runs here. */
export const redisAvailable = spawnSync(binary, ['--version'], { encoding: 'utf8' }).status === 0;

/**
 * Where the Redis tests must run rather than skip: in CI (`CI` set, or .ci/run's
 * `KECHUANG_REQUIRE_REDIS`), a missing redis-server is a failure, not a reason to skip.
 */
export const redisRequired = process.env.CI !== undefined || process.env.KECHUANG_REQUIRE_REDIS === '1';

/** Why the Redis tests do not run here, or undefined when they do. */
export const redisSkipReason = redisAvailable
  ? undefined
  : `redis-server not found (install Debian's redis-server package: apt-get install -y redis-server)`;

/** A port nothing listens on now (the kernel's choice), on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A redis-server this test started, on 127.0.0.1 only. */
export interface TestRedis {
  port: number;
  url: string;
  /** Stop it (SIGTERM: with persistence on, it writes its data first) and wait for it to exit. */
  stop(): Promise<void>;
  /** Start it again on the same port and folder (its persisted data reloaded). */
  restart(): Promise<void>;
}

function waitForReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${log}`)), 10_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${log}`));
    });
  });
}

/** Start a redis-server on a free port in a fresh folder; `appendOnly` turns its persistence on. */
export async function startRedis(options: { appendOnly?: boolean; password?: string } = {}): Promise<TestRedis> {
  const port = await freePort();
  const folder = mkdtempSync(join(tmpdir(), 'kechuang-redis-'));
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    folder,
    '--save',
    '',
    '--appendonly',
    options.appendOnly === true ? 'yes' : 'no',
    ...(options.password === undefined ? [] : ['--requirepass', options.password]),
  ];
  let child: ChildProcess;
  const launch = async (): Promise<void> => {
    child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    await waitForReady(child);
  };
  await launch();
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const auth = options.password === undefined ? '' : `:${options.password}@`;
  return { port, url: `redis://${auth}127.0.0.1:${port}`, stop, restart: async () => (await stop(), launch()) };
}
