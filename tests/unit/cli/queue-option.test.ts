import { describe, expect, it } from 'vitest';
import type { CommandOutput } from '../../../src/cli/output.js';
import { readQueueOption } from '../../../src/cli/queue-option.js';
import { runCli } from '../../../src/cli/run-cli.js';
import type { InputError } from '../../../src/diagnostics/input-error.js';
import { messages } from '../../../src/diagnostics/messages.js';
import { redisTimeoutSeconds } from '../../../src/queue/queue-errors.js';
import { freePort } from '../../helpers/redis-server.js';

async function cli(args: readonly string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  let stderr = '';
  let stdout = '';
  const output: CommandOutput = {
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    width: 120,
  };
  return { code: await runCli(args, output), stderr, stdout };
}

describe('readQueueOption()', () => {
  it('reads --redis and --queue into an address whose shown URL hides the password', () => {
    expect(readQueueOption('redis://:pw@127.0.0.1:6380', 'sobol')).toEqual({
      url: 'redis://:pw@127.0.0.1:6380',
      shown: 'redis://:***@127.0.0.1:6380',
      queue: 'sobol',
    });
    expect(readQueueOption('redis://127.0.0.1', undefined)?.queue).toBe('kechuang');
    expect(readQueueOption(undefined, undefined)).toBeUndefined();
  });

  it('names the option in each input error, never repeating a password', () => {
    const error = (redis: string | undefined, queue?: string): InputError => {
      try {
        readQueueOption(redis, queue);
      } catch (thrown) {
        return thrown as InputError;
      }
      throw new Error('no error');
    };
    expect(error('http://host').option).toBe('--redis http://host');
    expect(error('redis://:hunter2@host/x').option).toBe('--redis');
    expect(error('redis://:hunter2@host/x').render()).not.toContain('hunter2');
    expect(error('redis://host', 'my queue').option).toBe('--queue my queue');
    expect(error(undefined, 'q').detail).toEqual(messages.redisOptionNeeded('--queue'));
  });
});

describe('kechuang run --redis and kechuang worker with bad input', () => {
  const scenario = 'tests/fixtures/run/population-mc.yaml';

  it.each([
    ['a malformed URL', ['--redis', 'redis//127.0.0.1:6380'], '--redis redis//127.0.0.1:6380'],
    ['a queue name with spaces', ['--redis', 'redis://127.0.0.1:6380', '--queue', 'my queue'], '--queue my queue'],
  ])('exits 2 naming the option for %s', async (_, options, named) => {
    for (const args of [
      ['run', scenario, ...options],
      ['worker', ...options],
    ]) {
      const { code, stderr } = await cli(args);
      expect(code).toBe(2);
      expect(stderr).toContain(`error [invalid-value] ${named}: `);
    }
  });

  it(`exits 2 naming --redis and the ${redisTimeoutSeconds} s limit when no Redis listens there`, async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    for (const args of [
      ['run', scenario, '--workers', '1', '--redis', url],
      ['worker', '--redis', url],
    ]) {
      const started = performance.now();
      const { code, stderr } = await cli(args);
      expect(code).toBe(2);
      expect(stderr).toContain(`error [queue-unavailable] --redis ${url}: cannot reach Redis at ${url}`);
      expect(stderr).toContain(`waits at most ${redisTimeoutSeconds} s`);
      expect(performance.now() - started).toBeLessThan(redisTimeoutSeconds * 1000);
    }
  });

  it('exits 2 for --queue without --redis, and for kechuang worker without --redis', async () => {
    const run = await cli(['run', scenario, '--queue', 'q']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--queue q: ${messages.redisOptionNeeded('--queue').message}`);
    const worker = await cli(['worker', '--queue', 'q']);
    expect(worker.code).toBe(2);
    expect(worker.stderr).toContain('error [invalid-value] --redis: ');
  });
});
