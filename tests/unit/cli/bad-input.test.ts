import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../../src/diagnostics/messages.js';
import type { CliRun } from '../../helpers/run-cli.js';
import { runInProcess } from '../../helpers/run-cli-in-process.js';

/**
 * Every kind of bad input the reliability issue lists, each written the way a planner would get it
 * wrong, run in-process through `runCli` (the function the binary calls; tests/property/bad-input-fuzz
 * checks that the binary answers as it does): exit 2 (3 for a run that breaks down), one message
 * naming the file, line, column and field, what was expected and what was found, never a stack trace.
 */
const scratch = mkdtempSync(join(tmpdir(), 'kechuang-bad-input-'));
const modelText = readFileSync('models/examples/population.yaml', 'utf8');
const scenarioText = `name: s
model: model.yaml
uncertainty:
  runs: 200
  seed: 42
  sampling: lhs
  parameters:
    birth_rate: { dist: triangular, min: 0.004, mode: 0.006, max: 0.009 }
    death_rate: { dist: uniform, min: 0.004, max: 0.007 }
targets:
  - { id: population_2035, variable: population, year: 2035, at_least: 10.3 }
`;
writeFileSync(join(scratch, 'model.yaml'), modelText);
mkdirSync(join(scratch, 'a-folder'));

/** Write `text` (or bytes) as `name` in the scratch folder and return its path. */
function write(name: string, text: string | Buffer): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

/** The model with `from` replaced by `to` (which must occur). */
function changedModel(from: string | RegExp, to: string): string {
  const changed = modelText.replace(from, to);
  if (changed === modelText) throw new Error(`the model does not contain ${String(from)}`);
  return changed;
}

/** The scenario with `from` replaced by `to` (which must occur). */
function changedScenario(from: string, to: string): string {
  if (!scenarioText.includes(from)) throw new Error(`the scenario does not contain ${from}`);
  return scenarioText.replace(from, to);
}

const fiftyMegabytes = (): Buffer => Buffer.concat([Buffer.from('name: big\n# '), Buffer.alloc(50e6, 'x')]);
// Model files that scenario cases below point at.
write('empty.yaml', '');
write('binary.yaml', Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x00, 0xff, 0x01, 0x02]));
write('big.yaml', fiftyMegabytes());
write(
  'infinite.yaml',
  changedModel('equation: (births - deaths) / population', 'equation: (births - deaths) / (population - population)'),
);
const nested = (depth: number): string =>
  `name: deep\ntime: { start: 0, stop: 1, dt: 1 }\nauxiliaries:\n  a: { equation: "${'('.repeat(depth)}1${')'.repeat(depth)}" }\n`;

interface BadInput {
  /** What is wrong, as the issue lists it. */
  name: string;
  /**
   * How it runs: model files go through one `kechuang validate` of them all, scenario files through
   * one `kechuang run` of them all (each file reports its own problems, as when a user checks a
   * folder); a command runs alone, with the arguments `args` gives.
   */
  via: 'validate' | 'run' | 'command';
  /** The file's path for `validate` and `run`; the whole argument list for a command. */
  args: () => string[];
  /** Text the error output must contain: `file:line:column: error [code] field: message`, a hint. */
  expected: () => string[];
  status?: number;
}

const modelCase = (
  name: string,
  file: string,
  text: () => string | Buffer,
  where: string,
  detail: string,
  hint?: string,
): BadInput => ({
  name,
  via: 'validate',
  args: () => [write(file, text())],
  expected: () => [`${join(scratch, file)}:${where}: error ${detail}`, ...(hint === undefined ? [] : [hint])],
});
const scenarioCase = (
  name: string,
  file: string,
  text: () => string | Buffer,
  where: string,
  detail: string,
  hint?: string,
): BadInput => ({
  name,
  via: 'run',
  args: () => [write(file, text())],
  expected: () => [
    `${where.startsWith('/') ? where : `${join(scratch, file)}:${where}`}: error ${detail}`,
    ...(hint === undefined ? [] : [hint]),
  ],
});

const cases: BadInput[] = [
  // Models
  modelCase(
    'a YAML syntax error',
    'syntax.yaml',
    () => 'name: p\ntime: { start: 0, stop: 10, dt: 1\nstocks: {}\n',
    '3:1',
    '[syntax-error] YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }',
  ),
  modelCase(
    'a wrong type (text for dt)',
    'type.yaml',
    () => changedModel('dt: 0.25', 'dt: fast'),
    '5:38',
    `[wrong-type] time.dt: ${messages.wrongType('a positive number', "the text 'fast'").message}`,
  ),
  modelCase(
    'a missing field (time)',
    'no-time.yaml',
    () => changedModel(/^time:.*$/m, ''),
    '3:1',
    `[missing-field] time: ${messages.missingField('time', '{ start, stop, dt }').message}`,
  ),
  modelCase(
    'a missing field (a stock without initial)',
    'no-initial.yaml',
    () => changedModel('    initial: initial_population\n', ''),
    '15:3',
    `[missing-initial] stocks.population: ${messages.missingInitial('population').message}`,
  ),
  modelCase(
    'an unknown key (intial)',
    'typo.yaml',
    () => changedModel('    initial: ', '    intial: '),
    '16:5',
    "[unknown-field] stocks.population.intial: unknown field 'intial'",
    "did you mean 'initial'?",
  ),
  modelCase(
    'an unknown variable in an equation',
    'unknown-variable.yaml',
    () => changedModel('population * death_rate', 'population * deth_rate'),
    '26:36',
    `[unknown-variable] flows.deaths.equation: ${messages.unknownVariable('deth_rate', 'death_rate').message}`,
    "did you mean 'death_rate'?",
  ),
  modelCase(
    'unbalanced parentheses',
    'parentheses.yaml',
    () => changedModel('equation: (births - deaths)', 'equation: ((births - deaths)'),
    '30:63',
    '[equation-syntax] auxiliaries.net_growth_rate.equation: the equation does not parse: Parenthesis ) expected',
  ),
  modelCase(
    'a negative dt',
    'negative-dt.yaml',
    () => changedModel('dt: 0.25', 'dt: -0.25'),
    '5:38',
    `[invalid-time] time.dt: ${messages.invalidTime('dt must be positive, found -0.25').message}`,
  ),
  modelCase(
    'a zero dt',
    'zero-dt.yaml',
    () => changedModel('dt: 0.25', 'dt: 0'),
    '5:38',
    `[invalid-time] time.dt: ${messages.invalidTime('dt must be positive, found 0').message}`,
  ),
  modelCase(
    'stop before start',
    'stop.yaml',
    () => changedModel('stop: 2040', 'stop: 2010'),
    '5:28',
    `[invalid-time] time.stop: ${messages.invalidTime('stop (2010) must be after start (2020)').message}`,
  ),
  modelCase(
    'save_every not a multiple of dt',
    'save-dt.yaml',
    () => changedModel('save_every: 1', 'save_every: 0.3'),
    '5:69',
    `[invalid-time] time.save_every: ${messages.stepsNotWhole('save_every', 0.3, 0.25, 'dt').message}`,
  ),
  modelCase(
    'save_every not dividing stop - start',
    'save-span.yaml',
    () => changedModel('save_every: 1', 'save_every: 3'),
    '5:69',
    `[invalid-time] time.save_every: ${messages.stepsNotWhole('stop - start', 20, 3, 'save_every').message}`,
    'so that the stop time is saved',
  ),
  modelCase(
    'more than 10^8 steps',
    'steps.yaml',
    () => changedModel('dt: 0.25', 'dt: 0.0000001'),
    '5:38',
    `[too-large] time.dt: ${messages.tooLarge('the run would take 200000000 steps; at most 100000000 are allowed').message}`,
  ),
  modelCase(
    'more than 2x10^8 saved values',
    'saved.yaml',
    () => changedModel('stop: 2040, dt: 0.25, method: rk4', 'stop: 50002020, dt: 1'),
    '5:57',
    `[too-large] time.save_every: ${messages.tooLarge('50000001 saved points x 5 outputs is more than 200000000 values').message}`,
  ),
  modelCase(
    'an equation nested over 1,500 levels',
    'deep-sum.yaml',
    () =>
      `name: deep\ntime: { start: 0, stop: 1, dt: 1 }\nauxiliaries:\n  a: "${Array(1600).fill('x').join(' + ')}"\n  x: 1\n`,
    '4:7',
    `[too-large] auxiliaries.a.equation: ${messages.nestedTooDeep('the equation is nested more than 1500 levels deep (or is a sum of that many terms)').message}`,
  ),
  modelCase(
    'parentheses nested over 200 levels',
    'deep-parentheses.yaml',
    () => nested(250),
    '4:219',
    `[too-large] auxiliaries.a.equation: ${messages.nestedTooDeep('parentheses are nested more than 200 levels deep here').message}`,
  ),
  modelCase(
    'YAML nested 100,000 levels',
    'deep-yaml.yaml',
    () => `name: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`,
    '1:263',
    `[syntax-error] ${messages.yamlTooDeep(256, 512).message}`,
  ),
  modelCase(
    'an empty file',
    'empty.yaml',
    () => '',
    '1:1',
    '[wrong-type] expected a mapping with name, time, stocks, ..., found an empty file',
  ),
  modelCase(
    'a binary file',
    'binary.yaml',
    () => Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x00, 0xff, 0x01, 0x02]),
    '1:1',
    `[file-unreadable] ${messages.fileUnreadable('it holds binary data, not text').message}`,
  ),
  modelCase(
    'a file that is not UTF-8',
    'latin1.yaml',
    () => Buffer.concat([Buffer.from('name: caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
    '1:1',
    `[file-unreadable] ${messages.fileUnreadable('it is not UTF-8 text').message}`,
  ),
  modelCase(
    'a 50 MB file',
    'big.yaml',
    fiftyMegabytes,
    '1:1',
    `[file-unreadable] ${messages.fileUnreadable('it is 50.0 MB; an input file may be at most 20 MB').message}`,
  ),
  {
    name: 'a directory where a model file is expected',
    via: 'validate',
    args: () => [join(scratch, 'a-folder')],
    expected: () => [
      `${join(scratch, 'a-folder')}:1:1: error [file-unreadable] ${messages.fileUnreadable('it is a directory, not a file').message}`,
    ],
  },
  {
    name: 'a missing model file',
    via: 'command',
    args: () => ['simulate', join(scratch, 'no-such-model.yaml')],
    expected: () => [
      `${join(scratch, 'no-such-model.yaml')}:1:1: error [file-unreadable] ${messages.fileUnreadable('no such file').message}`,
    ],
  },
  // Scenarios
  scenarioCase(
    'a YAML syntax error in a scenario',
    's-syntax.yaml',
    () => 'name: s\nmodel: model.yaml\nuncertainty: [\n',
    '4:1',
    '[syntax-error] YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
  ),
  scenarioCase(
    'a wrong type (text for runs)',
    's-type.yaml',
    () => changedScenario('runs: 200', 'runs: many'),
    '4:9',
    `[invalid-value] uncertainty.runs: ${messages.invalidRunCount("the text 'many'").message}`,
  ),
  scenarioCase(
    'a missing field (model)',
    's-no-model.yaml',
    () => changedScenario('model: model.yaml\n', ''),
    '1:1',
    `[missing-field] model: ${messages.missingField('model', 'the path of the model file, relative to this scenario file').message}`,
  ),
  scenarioCase(
    'an unknown key (sed)',
    's-typo.yaml',
    () => changedScenario('  seed: 42', '  sed: 42'),
    '5:3',
    "[unknown-field] uncertainty.sed: unknown field 'sed'",
    "did you mean 'seed'?",
  ),
  scenarioCase(
    'sd <= 0',
    's-sd.yaml',
    () =>
      changedScenario(
        '{ dist: triangular, min: 0.004, mode: 0.006, max: 0.009 }',
        '{ dist: normal, mean: 0.006, sd: 0 }',
      ),
    '8:50',
    '[invalid-value] uncertainty.parameters.birth_rate.sd: sd must be positive, found 0',
  ),
  scenarioCase(
    'min >= max',
    's-min-max.yaml',
    () => changedScenario('{ dist: uniform, min: 0.004, max: 0.007 }', '{ dist: uniform, min: 0.007, max: 0.004 }'),
    '9:51',
    '[invalid-value] uncertainty.parameters.death_rate.max: max (0.004) must be greater than min (0.007)',
  ),
  scenarioCase(
    'a triangular mode outside its range',
    's-mode.yaml',
    () => changedScenario('mode: 0.006', 'mode: 0.01'),
    '8:55',
    '[invalid-value] uncertainty.parameters.birth_rate.mode: mode (0.01) must lie between min (0.004) and max (0.009)',
  ),
  scenarioCase(
    'runs: 0',
    's-runs.yaml',
    () => changedScenario('runs: 200', 'runs: 0'),
    '4:9',
    `[invalid-value] uncertainty.runs: ${messages.invalidRunCount('number 0').message}`,
  ),
  scenarioCase(
    'a seed that is not an integer',
    's-seed.yaml',
    () => changedScenario('seed: 42', 'seed: 4.2'),
    '5:9',
    `[invalid-value] uncertainty.seed: ${messages.invalidSeed('number 4.2').message}`,
  ),
  scenarioCase(
    'a seed that is text',
    's-seed-text.yaml',
    () => changedScenario('seed: 42', 'seed: abc'),
    '5:9',
    `[invalid-value] uncertainty.seed: ${messages.invalidSeed("the text 'abc'").message}`,
  ),
  scenarioCase(
    'a target on a variable the model does not have',
    's-target-variable.yaml',
    () => changedScenario('variable: population', 'variable: populaton'),
    '11:38',
    `[unknown-output] targets[0].variable: ${messages.unknownOutput('populaton', 'population').message}`,
    "did you mean 'population'?",
  ),
  scenarioCase(
    'a target on a year the model does not have',
    's-target-year.yaml',
    () => changedScenario('year: 2035', 'year: 2050'),
    '11:56',
    `[year-not-saved] targets[0].year: ${messages.yearNotSaved(2050, 2020, 1, 2040).message}`,
    '2020, 2021, ..., 2040',
  ),
  scenarioCase(
    'a missing model file',
    's-missing-model.yaml',
    () => changedScenario('model.yaml', 'no-such-model.yaml'),
    '2:8',
    `[file-unreadable] model: ${messages.referencedFileUnreadable('model', join(scratch, 'no-such-model.yaml'), 'no such file').message}`,
  ),
  scenarioCase(
    'a directory where the model file is expected',
    's-folder-model.yaml',
    () => changedScenario('model.yaml', 'a-folder'),
    '2:8',
    `[file-unreadable] model: ${messages.referencedFileUnreadable('model', join(scratch, 'a-folder'), 'it is a directory, not a file').message}`,
  ),
  scenarioCase(
    'a binary model file',
    's-binary-model.yaml',
    () => changedScenario('model.yaml', 'binary.yaml'),
    '2:8',
    `[file-unreadable] model: ${messages.referencedFileUnreadable('model', join(scratch, 'binary.yaml'), 'it holds binary data, not text').message}`,
  ),
  scenarioCase(
    'an empty model file',
    's-empty-model.yaml',
    () => changedScenario('model.yaml', 'empty.yaml'),
    `${join(scratch, 'empty.yaml')}:1:1`,
    '[wrong-type] expected a mapping with name, time, stocks, ..., found an empty file',
  ),
  scenarioCase(
    'a 50 MB model file',
    's-big-model.yaml',
    () => changedScenario('model.yaml', 'big.yaml'),
    '2:8',
    `[file-unreadable] model: ${messages.referencedFileUnreadable('model', join(scratch, 'big.yaml'), 'it is 50.0 MB; an input file may be at most 20 MB').message}`,
  ),
  scenarioCase(
    'an empty scenario file',
    's-empty.yaml',
    () => '',
    '1:1',
    '[wrong-type] expected a mapping with model, set, policies, uncertainty, targets, ..., found an empty file',
  ),
  scenarioCase(
    'a binary scenario file',
    's-binary.yaml',
    () => Buffer.from([0, 1, 2, 3]),
    '1:1',
    `[file-unreadable] ${messages.fileUnreadable('it holds binary data, not text').message}`,
  ),
  scenarioCase(
    'a 50 MB scenario file',
    's-big.yaml',
    fiftyMegabytes,
    '1:1',
    `[file-unreadable] ${messages.fileUnreadable('it is 50.0 MB; an input file may be at most 20 MB').message}`,
  ),
  {
    name: 'an extends cycle',
    via: 'run',
    args: () => {
      write('cycle-b.yaml', 'name: b\nextends: cycle-a.yaml\n');
      return [write('cycle-a.yaml', 'name: a\nmodel: model.yaml\nextends: cycle-b.yaml\n')];
    },
    expected: () => [
      `${join(scratch, 'cycle-b.yaml')}:2:10: error [circular-extends] extends: ${messages.circularExtends([join(scratch, 'cycle-a.yaml'), join(scratch, 'cycle-b.yaml'), join(scratch, 'cycle-a.yaml')]).message}`,
    ],
  },
  {
    name: 'a directory where a scenario file is expected',
    via: 'run',
    args: () => [join(scratch, 'a-folder')],
    expected: () => [
      `${join(scratch, 'a-folder')}:1:1: error [file-unreadable] ${messages.fileUnreadable('it is a directory, not a file').message}`,
    ],
  },
  {
    name: '--set outside the declared range',
    via: 'command',
    args: () => ['run', write('s-ok.yaml', scenarioText), '--set', 'birth_rate=0.2', '--workers', '1'],
    expected: () => [
      `error [parameter-out-of-range] --set birth_rate=0.2: ${messages.parameterOutOfRange('birth_rate', 0.2, 0, 0.05).message}`,
    ],
  },
  {
    name: '--resume without --out',
    via: 'command',
    args: () => ['run', write('s-ok.yaml', scenarioText), '--resume', '--workers', '1'],
    expected: () => [`error [invalid-value] --resume: ${messages.resumeNeedsOut().message}`],
  },
  {
    name: '--out naming a file, not a folder',
    via: 'command',
    args: () => [
      'run',
      write('s-ok.yaml', scenarioText),
      '--out',
      write('a-file.txt', 'not a folder'),
      '--workers',
      '1',
    ],
    expected: () => [`error [file-unwritable] --out ${join(scratch, 'a-file.txt')}: cannot write there:`],
  },
  // A run that breaks down: exit 3, naming the variable and the time.
  {
    name: 'a division giving infinity at run time (simulate)',
    via: 'command',
    args: () => ['simulate', join(scratch, 'infinite.yaml')],
    expected: () => [
      `error [non-finite] ${messages.nonFinite('net_growth_rate', Infinity, 2020, '').message}`,
      `reproduce with: kechuang simulate ${join(scratch, 'infinite.yaml')}`,
    ],
    status: 3,
  },
  {
    name: 'a division giving infinity at run time (run)',
    via: 'command',
    args: () => [
      'run',
      write(
        's-infinite.yaml',
        changedScenario('model.yaml', 'infinite.yaml').replace('variable: population', 'variable: net_growth_rate'),
      ),
      '--workers',
      '1',
    ],
    expected: () => [
      `error [non-finite] ${join(scratch, 's-infinite.yaml')}: run 0 gives net_growth_rate = Infinity at time 2020`,
      `--runs 200 --seed 42 --only-run 0`,
    ],
    status: 3,
  },
];

afterAll(() => {
  // The count the issue asks for, in the test output.
  console.info(`bad-input.test.ts: ${cases.length} bad inputs tried through runCli`);
});

describe('kechuang on bad input', () => {
  const runs = new Map<BadInput, CliRun>();
  const argsOf = new Map<BadInput, string[]>();
  beforeAll(async () => {
    for (const testCase of cases) argsOf.set(testCase, testCase.args());
    const batch = (via: 'validate' | 'run'): BadInput[] => cases.filter((testCase) => testCase.via === via);
    const alone = cases.filter((testCase) => testCase.via === 'command');
    const validateArgs = ['validate', ...batch('validate').flatMap((testCase) => argsOf.get(testCase)!)];
    const runArgs = ['run', ...batch('run').flatMap((testCase) => argsOf.get(testCase)!), '--workers', '1'];
    const validated = await runInProcess(validateArgs);
    const ran = await runInProcess(runArgs);
    const commands: CliRun[] = [];
    for (const testCase of alone) commands.push(await runInProcess(argsOf.get(testCase)!));
    for (const testCase of batch('validate')) runs.set(testCase, validated);
    for (const testCase of batch('run')) runs.set(testCase, ran);
    alone.forEach((testCase, index) => runs.set(testCase, commands[index]!));
  }, 300_000);

  it.each(cases.map((testCase) => [testCase.name, testCase] as const))(
    '%s: one message naming the file (line, column, field) and what was expected',
    (_, testCase) => {
      const run = runs.get(testCase)!;
      expect(run.status, run.stderr).toBe(testCase.status ?? 2);
      for (const text of testCase.expected()) expect(run.stderr).toContain(text);
      if (testCase.via === 'validate') expect(run.stdout).not.toContain(`ok ${argsOf.get(testCase)![0]!}`);
      expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
      expect(run.stderr).not.toMatch(/internal error/);
    },
  );
});
