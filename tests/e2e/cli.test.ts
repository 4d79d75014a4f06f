import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runKechuangMany, type CliRun } from '../helpers/run-cli.js';
import { expectNoStackTrace, runInProcess } from '../helpers/run-cli-in-process.js';

/**
 * What only the built `kechuang` process shows: it starts, exits with the codes DESIGN.md gives, stops
 * quietly when the pipe it writes to closes, and draws progress only on a terminal. What each command
 * prints runs in-process in tests/unit/cli/.
 */

const scratch = mkdtempSync(join(tmpdir(), 'kechuang-e2e-'));
const population = 'models/examples/population.yaml';
const sir = new URL('../golden/fixtures/conformance/xmile/SIR/SIR.xmile', import.meta.url).pathname;
const blowup = join(scratch, 'blowup.yaml');
writeFileSync(
  blowup,
  [
    'name: blowup',
    'time: { start: 0, stop: 4, dt: 1 }',
    'stocks:',
    '  x: { initial: 1, inflows: [f] }',
    'flows:',
    '  f: { equation: "1 / (2 - time)" }',
    '',
  ].join('\n'),
);

/** Commands that read files and print, each run by the binary and by `runCli` in this process. */
const sameAsInProcess = [
  ['describe', population, '--json'],
  ['convert', sir, '--to', 'yaml'],
  ['validate', population, 'tests/fixtures/run/population-mc.yaml'],
];

const runs = new Map<string, CliRun>();
beforeAll(async () => {
  const argLists = [
    ['--help'],
    ['--version'],
    ['simulate', blowup, '--csv'],
    ['simulate', 'models/nope.yaml'],
    ['simulate', population, '--bogus'],
    ...sameAsInProcess,
  ];
  // Side by side: most of each process is Node starting and loading the CLI.
  const results = await runKechuangMany(argLists);
  argLists.forEach((args, index) => runs.set(args.join(' '), results[index]!));
}, 120_000);

const ran = (...args: string[]): CliRun => runs.get(args.join(' '))!;

describe('the kechuang binary', () => {
  it('--help and --version exit 0', () => {
    expect(ran('--help').status).toBe(0);
    const version = ran('--version');
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 3 and names the variable and time when a run produces a non-finite value', () => {
    const run = ran('simulate', blowup, '--csv');
    expect(run.status, run.stderr).toBe(3);
    expect(run.stderr).toMatch(/f is Infinity at time 2/);
    expect(run.stderr).toContain(`kechuang simulate ${blowup}`);
    expectNoStackTrace(run.stderr);
  });

  it('exits 2 for a missing file and for an unknown option', () => {
    const missing = ran('simulate', 'models/nope.yaml');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('models/nope.yaml:1:1');
    expectNoStackTrace(missing.stderr);
    const option = ran('simulate', population, '--bogus');
    expect(option.status).toBe(2);
    expect(option.stderr).toContain("unknown option '--bogus'");
  });

  it.each(sameAsInProcess.map((args) => [args[0]!, args] as const))(
    '%s prints and exits exactly as runCli does in-process',
    async (_, args) => {
      const spawned = ran(...args);
      expect(spawned.status, spawned.stderr).toBe(0);
      expect(spawned).toEqual(await runInProcess(args));
    },
  );
});

describe('kechuang writing into a pipe that closes early', () => {
  it('stops quietly with exit 0 when the reader stops reading (| head)', () => {
    const model = join(scratch, 'long.yaml');
    writeFileSync(
      model,
      'name: long\ntime: { start: 0, stop: 100000, dt: 1 }\nstocks:\n  x: { initial: 1, inflows: [f] }\nflows:\n  f: { equation: 0.0001 * x }\n',
    );
    const piped = spawnSync(
      'bash',
      ['-c', `"${process.execPath}" dist/cli/main.js simulate "${model}" --csv | head -1; exit \${PIPESTATUS[0]}`],
      { encoding: 'utf8' },
    );
    expect(piped.stdout).toBe('time,x,f\n');
    expect(piped.stderr).toBe('');
    expect(piped.status).toBe(0);
  });
});

describe('kechuang run progress', () => {
  const example = 'bench/reference-mc100k.yaml';
  // `script` (util-linux) gives the command a terminal, as a user at a prompt has.
  const hasScript = spawnSync('script', ['--version']).status === 0;
  /** What a command wrote to its terminal (stderr; stdout goes to /dev/null). */
  const inTerminal = (args: string): Promise<string> =>
    new Promise((resolve) => {
      execFile(
        'script',
        ['-qc', `"${process.execPath}" dist/cli/main.js ${args} > /dev/null`, '/dev/null'],
        { encoding: 'utf8', maxBuffer: 64e6 },
        (_error, stdout) => resolve(stdout),
      );
    });

  it.skipIf(!hasScript)(
    'shows a bar on a terminal for runs longer than about a second, and none with --quiet',
    async () => {
      // The two take seconds each, so they run side by side.
      const [shown, quiet] = await Promise.all([
        inTerminal(`run ${example} --workers 1 --runs 600000`),
        inTerminal(`run ${example} --workers 1 --runs 600000 --quiet`),
      ]);
      expect(shown).toMatch(/runs .*100% \| 600000\/600000/);
      expect(quiet).not.toContain('runs ');
    },
  );
});
