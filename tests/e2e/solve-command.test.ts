import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { LeverSolution } from '../../src/analysis/solve-lever.js';
import { runKechuangMany } from '../helpers/run-cli.js';
import { runJsonInProcess } from '../helpers/run-cli-in-process.js';

/**
 * `kechuang solve` as a process: on two and three worker threads, and stopped by Ctrl-C. Everything
 * else about the command runs in-process in tests/unit/cli/solve-command.test.ts.
 */

const atLeast = 'tests/fixtures/solve/at-least.yaml';

/**
 * Resolves once `child` writes `line` on stderr (a sign it is up), and fails if it exits first or stays
 * silent for a minute.
 */
function untilStderrShows(child: ChildProcessWithoutNullStreams, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => finish(new Error(`no '${line}' on stderr in a minute: ${seen}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString();
      if (seen.includes(line)) finish();
    };
    const onExit = (code: number | null): void => finish(new Error(`exited (${code}) before '${line}': ${seen}`));
    function finish(error?: Error): void {
      clearTimeout(timer);
      child.stderr.off('data', onData);
      child.off('exit', onExit);
      if (error === undefined) resolve();
      else reject(error);
    }
    child.stderr.on('data', onData);
    child.on('exit', onExit);
  });
}

const baseline = 'scenarios/baseline.yaml';
/** What tests/helpers/announce-interrupt-listener.mjs writes once the process listens for Ctrl-C. */
const interruptListenerLine = 'test: listening for SIGINT';

describe('kechuang solve', () => {
  it('gives the same JSON on 1, 2 and 3 workers (only the wall time differs)', async () => {
    const args = (workers: number) => [
      'solve',
      atLeast,
      '--target',
      'x_high',
      '--probability',
      '0.8',
      '--lever',
      'lever',
      '--runs',
      '3000',
      '--json',
      '--workers',
      String(workers),
    ];
    const strip = ({ wallSeconds: _wallSeconds, ...rest }: LeverSolution) => rest;
    const spawned = await runKechuangMany([args(2), args(3)]);
    const solutions = spawned.map((run) => {
      expect(run.status, run.stderr).toBe(0);
      return strip(JSON.parse(run.stdout) as LeverSolution);
    });
    const one = strip(await runJsonInProcess<LeverSolution>(args(1)));
    expect(solutions[0]).toEqual(one);
    expect(solutions[1]).toEqual(one);
  });

  it('Ctrl-C stops the search: exit 130, saying how many trials finished', async () => {
    const binary = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
    const preload = fileURLToPath(new URL('../helpers/announce-interrupt-listener.mjs', import.meta.url));
    const child = spawn(
      process.execPath,
      [
        '--import',
        preload,
        binary,
        'solve',
        baseline,
        '--target',
        'basic_research_share_2025',
        '--probability',
        '0.9',
        '--lever',
        'basic_allocation_increase',
        '--runs',
        '200000',
        '--workers',
        '2',
      ],
      {
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Ctrl-C once the search has started listening for it, however long the start takes on a loaded machine.
    await untilStderrShows(child, interruptListenerLine);
    child.kill('SIGINT');
    expect(await exited, stderr).toBe(130);
    expect(stderr).toMatch(
      /error \[interrupted\] scenarios\/baseline\.yaml: interrupted after \d+ finished trials?; solve keeps no runs/,
    );
  });
});
