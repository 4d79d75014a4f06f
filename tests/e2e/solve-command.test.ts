import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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

/** CPU seconds a process has used, all its threads together (Linux /proc; clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Wait until a process has computed for `seconds` of CPU time (so it is past starting up and into its
 * work however loaded the machine is), or, without /proc, for that long.
 */
async function untilBusy(pid: number, seconds: number): Promise<void> {
  if (!existsSync(`/proc/${pid}/stat`)) return new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const deadline = Date.now() + 60_000;
  while (cpuSeconds(pid) < seconds) {
    if (Date.now() > deadline) throw new Error(`process ${pid} did not use ${seconds} s of CPU in a minute`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
const baseline = 'scenarios/baseline.yaml';

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
    const child = spawn(
      process.execPath,
      [
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
    await untilBusy(child.pid!, 2.5);
    child.kill('SIGINT');
    expect(await exited, stderr).toBe(130);
    expect(stderr).toMatch(
      /error \[interrupted\] scenarios\/baseline\.yaml: interrupted after \d+ finished trials?; solve keeps no runs/,
    );
  });
});
