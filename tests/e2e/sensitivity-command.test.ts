import { beforeAll, describe, expect, it } from 'vitest';
import type { SobolResult } from '../../src/analysis/sensitivity-analysis.js';
import { runKechuangMany, type CliRun } from '../helpers/run-cli.js';
import { runJsonInProcess } from '../helpers/run-cli-in-process.js';

/**
 * `kechuang sensitivity` as a process on two and three worker threads. Everything else about the
 * command runs in-process in tests/unit/cli/sensitivity-command.test.ts.
 */

const ishigami = 'tests/fixtures/analysis/ishigami.yaml';
const monotone = 'tests/fixtures/analysis/monotone.yaml';
const methods = ['prcc', 'sobol', 'morris'] as const;
const onThreeWorkers = (method: string): string[] => [
  'sensitivity',
  monotone,
  '--method',
  method,
  // PRCC takes its design's size from --runs, the others from --samples.
  method === 'prcc' ? '--runs' : '--samples',
  '60',
  '--json',
  '--workers',
  '3',
];

let sobolOnTwo: CliRun;
const threeWorkers = new Map<string, CliRun>();
beforeAll(async () => {
  // Side by side: most of each process is Node starting and loading the CLI.
  const [sobol, ...three] = await runKechuangMany([
    ['sensitivity', ishigami, '--method', 'sobol', '--samples', '1024', '--workers', '2', '--json'],
    ...methods.map(onThreeWorkers),
  ]);
  sobolOnTwo = sobol!;
  methods.forEach((method, index) => threeWorkers.set(method, three[index]!));
}, 120_000);

describe('kechuang sensitivity', () => {
  it('--method sobol --json prints the method, samples, runs and each output with S1, S1_conf, ST, ST_conf by ST', () => {
    expect(sobolOnTwo.status, sobolOnTwo.stderr).toBe(0);
    const result = JSON.parse(sobolOnTwo.stdout) as SobolResult & { engine: { workers: number } };
    expect([result.method, result.samples, result.runs, result.seed, result.scenario, result.resamples]).toEqual([
      'sobol',
      1024,
      5120,
      7,
      'ishigami',
      200,
    ]);
    expect(result.engine.workers).toBe(2);
    expect(result.outputs.map((output) => [output.variable, output.year, output.targets])).toEqual([['y', 0, ['y_0']]]);
    const parameters = result.outputs[0]!.parameters;
    expect(parameters.map((entry) => Object.keys(entry))).toEqual(
      [0, 1, 2].map(() => ['name', 'S1', 'S1_conf', 'ST', 'ST_conf']),
    );
    expect(parameters.map((entry) => entry.ST)).toEqual(
      [...parameters.map((entry) => entry.ST)].sort((left, right) => right - left),
    );
  });

  it('gives the same JSON numbers on 3 workers as on 1 (in-process)', async () => {
    const strip = (result: { engine: unknown }) => ({ ...result, engine: undefined });
    for (const method of methods) {
      const three = threeWorkers.get(method)!;
      expect(three.status, three.stderr).toBe(0);
      const one = await runJsonInProcess<{ engine: unknown }>([...onThreeWorkers(method).slice(0, -1), '1']);
      expect(strip(JSON.parse(three.stdout) as { engine: unknown })).toEqual(strip(one));
    }
  });
});
