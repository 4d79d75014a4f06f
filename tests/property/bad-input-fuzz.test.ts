import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import type { CommandOutput } from '../../src/cli/output.js';
import { runKechuangMany, type CliRun } from '../helpers/run-cli.js';
import { propertyRuns, propertySeed } from './property-config.js';

/**
 * Damaged model and scenario files, made from valid ones the ways hand-editing damages them: a key
 * deleted, duplicated, retyped or misspelt, a character corrupted, text inserted, the file cut short,
 * a byte that is not UTF-8. Whatever comes out, Kechuang either runs it (exit 0, or 3 with a message
 * naming the variable and time of a non-finite value) or exits 2 with a message naming the file;
 * never exit 1, a stack trace or a hang.
 *
 * 2,000 cases run in-process through `runCli`, the function the `kechuang` binary calls with its
 * arguments (dist/cli/main.js is `process.exitCode = await runCli(argv)`): a process per case would
 * take minutes. A sample then goes through the built binary, which must answer each exactly as
 * `runCli` did.
 */
const scratch = mkdtempSync(join(tmpdir(), 'kechuang-fuzz-'));

/** A valid scenario and its model, the texts the mutations start from. */
interface Seed {
  model: string;
  scenario: string;
}
const seeds: Seed[] = [
  {
    model: readFileSync('models/examples/population.yaml', 'utf8'),
    scenario: readFileSync('tests/fixtures/run/population-mc.yaml', 'utf8').replace(
      '../../../models/examples/population.yaml',
      'model.yaml',
    ),
  },
  {
    model: readFileSync('models/reference.yaml', 'utf8'),
    scenario: readFileSync('bench/reference-mc100k.yaml', 'utf8').replace('../models/reference.yaml', 'model.yaml'),
  },
  {
    model: readFileSync('models/examples/smooth-delay.yaml', 'utf8'),
    scenario: [
      'name: delays',
      'model: model.yaml',
      'uncertainty: { runs: 50, seed: 7, parameters: { delay_time: { dist: pert, min: 1, mode: 4, max: 8 }, step_height: { dist: lognormal, mean: 10, sd: 2 } } }',
      'targets:',
      '  - { id: shipped_20, variable: shipped, year: 20, at_least: 100 }',
      'outputs: [shipped, delayed_fixed]',
      '',
    ].join('\n'),
  },
];

/** Values a key may be retyped to: other types, impossible numbers, YAML oddities. */
const retypedValues = [
  'abc',
  '-1',
  '0',
  '[1, 2]',
  '{ a: 1 }',
  '""',
  '~',
  '.nan',
  '.inf',
  'true',
  '1e400',
  '2.5',
  '"2030"',
  '0x10',
  '!!binary aGVsbG8=',
  '*alias',
  '&anchor 3',
];
/** Characters a corruption may write. */
const corruptChars = [
  ':',
  '{',
  '}',
  '[',
  ']',
  ',',
  '-',
  '#',
  "'",
  '"',
  '\t',
  '\n',
  '\\',
  '|',
  '>',
  '*',
  '&',
  '!',
  '%',
  '@',
  '`',
  'x',
  '0',
  '9',
  '.',
  'é',
  '人',
  '\u0000',
  ' ',
];

type Mutation =
  | { kind: 'delete-line' | 'duplicate-line'; at: number }
  | { kind: 'retype'; at: number; value: string }
  | { kind: 'misspell-key'; at: number; how: number }
  | { kind: 'corrupt'; at: number; char: string }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'not-utf8'; at: number };

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete-line' as const, 'duplicate-line' as const), at: position }),
  fc.record({ kind: fc.constant('retype' as const), at: position, value: fc.constantFrom(...retypedValues) }),
  fc.record({ kind: fc.constant('misspell-key' as const), at: position, how: fc.nat(2) }),
  fc.record({ kind: fc.constant('corrupt' as const), at: position, char: fc.constantFrom(...corruptChars) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    text: fc.constantFrom(
      'x: 1\n',
      '  ',
      '- ',
      ': ',
      '{',
      ']',
      'extends: model.yaml\n',
      'runs: 5\n',
      '(',
      ')',
      '/ 0',
      '* 1e308',
      '\ufeff',
    ),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({ kind: fc.constant('not-utf8' as const), at: position }),
);

/** `text` with one mutation applied (bytes, since one mutation writes a byte that is not UTF-8). */
function mutate(text: Buffer, change: Mutation): Buffer {
  const source = text.toString('utf8');
  const lines = source.split('\n');
  const lineIndex = Math.floor(change.at * lines.length);
  const offset = Math.floor(change.at * source.length);
  const keys = [...source.matchAll(/([A-Za-z_][\w]*):[ \t]*([^,}\n]*)/g)];
  const key = keys[Math.floor(change.at * keys.length)];
  switch (change.kind) {
    case 'delete-line':
      return Buffer.from(lines.filter((_, index) => index !== lineIndex).join('\n'));
    case 'duplicate-line':
      return Buffer.from(
        [...lines.slice(0, lineIndex + 1), lines[lineIndex]!, ...lines.slice(lineIndex + 1)].join('\n'),
      );
    case 'retype': {
      if (key === undefined) return text;
      const valueStart = key.index + key[0].length - key[2]!.length;
      return Buffer.from(source.slice(0, valueStart) + change.value + source.slice(valueStart + key[2]!.length));
    }
    case 'misspell-key': {
      if (key === undefined) return text;
      const name = key[1]!;
      const misspelt =
        change.how === 0
          ? name.slice(1)
          : change.how === 1
            ? `${name}s`
            : name.length > 1
              ? name[1]! + name[0]! + name.slice(2)
              : `${name}_`;
      return Buffer.from(source.slice(0, key.index) + misspelt + source.slice(key.index + name.length));
    }
    case 'corrupt':
      return Buffer.from(source.slice(0, offset) + change.char + source.slice(offset + 1));
    case 'insert':
      return Buffer.from(source.slice(0, offset) + change.text + source.slice(offset));
    case 'truncate':
      return Buffer.from(source.slice(0, offset));
    case 'not-utf8': {
      const bytes = Buffer.from(text);
      bytes[Math.floor(change.at * bytes.length)] = 0xff;
      return bytes;
    }
  }
}

/** One damaged case: which seed, which file is damaged and how, and which command reads it. */
interface FuzzCase {
  seed: number;
  target: 'model' | 'scenario';
  mutations: Mutation[];
  /** For a damaged model: `validate` it, or `run` the scenario on it. */
  command: 'validate' | 'run';
}

const fuzzCase: fc.Arbitrary<FuzzCase> = fc.record({
  seed: fc.nat(seeds.length - 1),
  target: fc.constantFrom('model' as const, 'scenario' as const),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }),
  command: fc.constantFrom('validate' as const, 'run' as const),
});

let caseCount = 0;
/** Write a case's two files into a folder of its own; return the paths and the command line. */
function writeCase(testCase: FuzzCase): { model: string; scenario: string; damaged: string; args: string[] } {
  const folder = join(scratch, `case-${caseCount++}`);
  mkdirSync(folder);
  const seed = seeds[testCase.seed]!;
  const files: Record<'model' | 'scenario', Buffer> = {
    model: Buffer.from(seed.model),
    scenario: Buffer.from(seed.scenario),
  };
  files[testCase.target] = testCase.mutations.reduce(mutate, files[testCase.target]);
  const model = join(folder, 'model.yaml');
  const scenario = join(folder, 'scenario.yaml');
  writeFileSync(model, files.model);
  writeFileSync(scenario, files.scenario);
  const validate = testCase.target === 'model' && testCase.command === 'validate';
  // Few runs: the point is what the files do to the engine, not the statistics.
  const args = validate ? ['validate', model] : ['run', scenario, '--runs', '3', '--workers', '1', '--quiet', '--json'];
  return { model, scenario, damaged: testCase.target === 'model' ? model : scenario, args };
}

/** What `runCli` printed and returned. */
async function runInProcess(args: readonly string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const output: CommandOutput = {
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    width: 120,
  };
  const status = await runCli(args, output);
  return { status, stdout, stderr };
}

/** The law every case must satisfy. */
function checkOutcome(run: CliRun, paths: { model: string; scenario: string; damaged: string; args: string[] }): void {
  expect([0, 2, 3], run.stderr).toContain(run.status);
  expect(run.stderr).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/);
  if (run.status === 2) {
    // A damaged model run through a scenario may be reported where the scenario uses it (a target on a variable it lost).
    const named = paths.args[0] === 'run' ? [paths.damaged, paths.scenario] : [paths.damaged];
    expect(
      named.some((path) => run.stderr.includes(path)),
      run.stderr,
    ).toBe(true);
  } else if (run.status === 3) {
    expect(run.stderr).toMatch(/error \[non-finite\] .* at time /);
  } else if (paths.args[0] === 'validate') {
    expect(run.stdout).toContain(`ok ${paths.model}`);
  } else {
    expect((JSON.parse(run.stdout) as { runs: number }).runs).toBe(3);
  }
}

const tally = new Map<number | null, number>();
afterAll(() => {
  const [ran, rejected, brokeDown] = [0, 2, 3].map((status) => tally.get(status) ?? 0);
  console.info(
    `bad-input-fuzz.test.ts: ${caseCount} damaged files, in-process: ${rejected} rejected (exit 2), ${ran} valid and ran (exit 0), ${brokeDown} ran into a non-finite value (exit 3)`,
  );
});

describe('kechuang on damaged model and scenario files', () => {
  it(`runs them or exits 2 naming the file, never 1 (${propertyRuns(2000)} cases in-process, seed ${propertySeed})`, async () => {
    await fc.assert(
      fc.asyncProperty(fuzzCase, async (testCase) => {
        const paths = writeCase(testCase);
        const run = await runInProcess(paths.args);
        tally.set(run.status, (tally.get(run.status) ?? 0) + 1);
        checkOutcome(run, paths);
      }),
      { seed: propertySeed, numRuns: propertyRuns(2000) },
    );
  }, 300_000);

  it(`the built CLI answers a sample of them exactly as runCli does (seed ${propertySeed})`, async () => {
    const sample = fc.sample(fuzzCase, { seed: propertySeed + 1, numRuns: 8 }).map(writeCase);
    const expected: CliRun[] = [];
    for (const paths of sample) expected.push(await runInProcess(paths.args));
    const spawned = await runKechuangMany(sample.map((paths) => paths.args));
    sample.forEach((paths, index) => {
      const run = spawned[index]!;
      checkOutcome(run, paths);
      expect([run.status, run.stderr]).toEqual([expected[index]!.status, expected[index]!.stderr]);
    });
  }, 120_000);
});
