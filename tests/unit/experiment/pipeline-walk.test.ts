import { beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../src/cli/run-cli.js';
import type { CommandOutput } from '../../../src/cli/output.js';
import * as readTextFile from '../../../src/cli/read-text-file.js';
import * as compileModel from '../../../src/compile/compile-model.js';
import * as generateRunSource from '../../../src/compile/generate-run-source.js';
import * as runFunction from '../../../src/compile/run-function.js';
import { reportFixture } from '../../helpers/report-fixtures.js';

/**
 * One scenario followed from the command line to the run function passes each stage once: every
 * file is read once, the model is checked and planned once per experiment, its source generated once,
 * and each thread compiles it once (here the calling thread: `--workers 1`), however many designs or
 * trials run through it.
 */
vi.mock('../../../src/cli/read-text-file.js', async (importOriginal) => {
  const actual = await importOriginal<typeof readTextFile>();
  return { ...actual, readTextFile: vi.fn(actual.readTextFile) };
});
vi.mock('../../../src/compile/compile-model.js', async (importOriginal) => {
  const actual = await importOriginal<typeof compileModel>();
  return { ...actual, checkModel: vi.fn(actual.checkModel) };
});
vi.mock('../../../src/compile/generate-run-source.js', async (importOriginal) => {
  const actual = await importOriginal<typeof generateRunSource>();
  return { ...actual, generateRunSource: vi.fn(actual.generateRunSource) };
});
vi.mock('../../../src/compile/run-function.js', async (importOriginal) => {
  const actual = await importOriginal<typeof runFunction>();
  return { ...actual, compileRunSource: vi.fn(actual.compileRunSource) };
});

const solveFixture = new URL('../../fixtures/solve/at-least.yaml', import.meta.url).pathname;

async function run(args: readonly string[]): Promise<string> {
  let stderr = '';
  const output: CommandOutput = { out: () => undefined, err: (text) => void (stderr += text), width: 120 };
  const status = await runCli([...args, '--workers', '1', '--quiet'], output);
  expect(status, stderr).toBe(0);
  return stderr;
}

/** How often each path was read. */
function readsByPath(): Map<string, number> {
  const reads = new Map<string, number>();
  for (const [path] of vi.mocked(readTextFile.readTextFile).mock.calls) reads.set(path, (reads.get(path) ?? 0) + 1);
  return reads;
}

describe('the run pipeline, from the command line to the run function', () => {
  beforeEach(() => {
    vi.clearAllMocks();
  });

  it('run: reads each file once, checks and plans the model once, generates and compiles its source once', async () => {
    await run(['run', reportFixture('baseline.yaml'), '--runs', '300']);
    const reads = readsByPath();
    expect(
      [...reads.values()].every((count) => count === 1),
      JSON.stringify([...reads]),
    ).toBe(true);
    expect(reads.get(reportFixture('baseline.yaml'))).toBe(1);
    expect(compileModel.checkModel).toHaveBeenCalledTimes(1);
    expect(generateRunSource.generateRunSource).toHaveBeenCalledTimes(1);
    expect(runFunction.compileRunSource).toHaveBeenCalledTimes(1);
  });

  it('solve: every trial runs on the one compiled experiment', async () => {
    await run([
      'solve',
      solveFixture,
      '--target',
      'x_high',
      '--probability',
      '0.9',
      '--lever',
      'lever',
      '--range',
      '-10,20',
    ]);
    expect(readsByPath().get(solveFixture)).toBe(1);
    expect(compileModel.checkModel).toHaveBeenCalledTimes(1);
    expect(generateRunSource.generateRunSource).toHaveBeenCalledTimes(1);
    expect(runFunction.compileRunSource).toHaveBeenCalledTimes(1);
  });

  it('sensitivity: the Saltelli design runs on one compiled experiment', async () => {
    await run(['sensitivity', reportFixture('baseline.yaml'), '--method', 'sobol', '--samples', '64']);
    expect(compileModel.checkModel).toHaveBeenCalledTimes(1);
    expect(generateRunSource.generateRunSource).toHaveBeenCalledTimes(1);
    expect(runFunction.compileRunSource).toHaveBeenCalledTimes(1);
  });
});
