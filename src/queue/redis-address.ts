/** Where the queue is: a Redis server and a queue name on it. */
export interface QueueAddress {
  /** The URL as given, password included: for the client only, never printed. */
  url: string;
  /** The URL with any password replaced by `***`: what messages, logs and reports show. */
  shown: string;
  queue: string;
}

/** The queue name when none is given. */
export const defaultQueueName = 'kechuang';

/** The URL with its password (if any) replaced by `***`. */
export function hidePassword(url: URL): string {
  if (url.password === '') return url.href;
  const shown = new URL(url.href);
  shown.password = '***';
  return shown.href;
}

/**
 * Read a Redis URL: `redis://[[user]:password@]host[:port][/db]` or `rediss://` (TLS). The URL, or
 * the reason it is not one (never repeating a password).
 */
export function readRedisUrl(text: string): { ok: true; url: string; shown: string } | { ok: false; reason: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'it is not a URL' };
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    return { ok: false, reason: `it starts with ${url.protocol}// rather than redis:// or rediss://` };
  if (url.hostname === '') return { ok: false, reason: 'it names no host' };
  if (url.pathname !== '' && url.pathname !== '/' && !/^\/\d{1,2}$/.test(url.pathname))
    return { ok: false, reason: `its path must be a database number (/0 to /15), found ${url.pathname}` };
  if (url.search !== '' || url.hash !== '') return { ok: false, reason: 'it has a query or fragment' };
  return { ok: true, url: url.href, shown: hidePassword(url) };
}

/**
 * The reason a queue name cannot be used, or undefined: letters, digits, `.`, `_` and `-`, at most 64
 * (it becomes part of Redis keys and of BullMQ's, which reserve `:`).
 */
export function queueNameProblem(name: string): string | undefined {
  return /^[A-Za-z0-9._-]{1,64}$/.test(name)
    ? undefined
    : 'use 1 to 64 letters, digits, dots, underscores or hyphens (no spaces or colons)';
}
