import { describe, expect, it } from 'vitest';
import { hidePassword, queueNameProblem, readRedisUrl } from '../../../src/queue/redis-address.js';

describe('readRedisUrl()', () => {
  it.each([
    ['redis://127.0.0.1:6380', 'redis://127.0.0.1:6380'],
    ['redis://localhost', 'redis://localhost'],
    ['rediss://cache.example:6380/2', 'rediss://cache.example:6380/2'],
    ['redis://:secret@127.0.0.1:6380', 'redis://:***@127.0.0.1:6380'],
    ['redis://kechuang:s3cr%40t@host:6379/0', 'redis://kechuang:***@host:6379/0'],
  ])('reads %s, showing it as %s', (text, shown) => {
    const read = readRedisUrl(text);
    expect(read).toMatchObject({ ok: true, shown });
    if (read.ok) expect(new URL(read.url).password).toBe(new URL(text).password);
  });

  it.each([
    ['127.0.0.1:6380', 'not a URL'],
    ['localhost:6380', 'starts with localhost://'],
    ['http://host:6380', 'starts with http://'],
    ['redis://', 'names no host'],
    ['redis://host:6380/queue', 'database number'],
    ['redis://host:99999', 'not a URL'],
    ['redis://host?db=1', 'query'],
    ['not a url', 'not a URL'],
  ])('refuses %s: %s', (text, reason) => {
    const read = readRedisUrl(text);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.reason).toContain(reason);
  });

  it('never repeats a password in its reason', () => {
    const read = readRedisUrl('redis://:hunter2@host/queue');
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.reason).not.toContain('hunter2');
  });
});

describe('hidePassword()', () => {
  it('leaves a URL without a password as it is', () => {
    expect(hidePassword(new URL('redis://user@host:1'))).toBe('redis://user@host:1');
  });
});

describe('queueNameProblem()', () => {
  it.each(['kechuang', 'beijing-2030', 'team_a.sobol'])('accepts %s', (name) => {
    expect(queueNameProblem(name)).toBeUndefined();
  });
  it.each(['my queue', 'a:b', '', 'x'.repeat(65), '队列'])('refuses %j', (name) => {
    expect(queueNameProblem(name)).toContain('no spaces or colons');
  });
});
