import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import fc from 'fast-check';
import YAML from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { runKechuangMany, type CliRun } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-cli-in-process.js';
import { propertyRuns, propertySeed } from './property-config.js';

/**
 * Damaged model and scenario files, made from valid ones the ways hand-editing damages them: a key
 * deleted, duplicated, retyped or misspelt, a character corrupted, text inserted, the file cut short,
 * a byte that is not UTF-8. Then files whose names are hostile (issue 21): every key of Object.prototype,
 * control characters, path separators, shell syntax, as names of a model's elements, of a scenario and
 * its targets, groups and outputs, and of XMILE variables. Whatever comes out, Kechuang either runs it
 * (exit 0, or 3 with a message naming the variable and time of a non-finite value) or exits 2 with a
 * message naming the file; never exit 1, a stack trace or a hang, and never a file written outside --out.
 *
 * 5,000 cases run in-process through `runCli`, the function the `kechuang` binary calls with its
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

// ---------------------------------------------------------------------------------------------------
// Hostile names (issue 21): every Object.prototype key, control characters, path separators
// ---------------------------------------------------------------------------------------------------

/** Names a file may give anything: keys of Object.prototype, control characters, paths, shell syntax. */
const hostileNames = [
  ...Object.getOwnPropertyNames(Object.prototype),
  '\u001b[31mred\u001b[0m',
  'a\u0000b',
  'tab\there',
  'bell\u0007',
  'cr\rover',
  '\u202eevil',
  '\u009b2J',
  'line\nbreak',
  '../../escaped',
  'a/b',
  'a\\b',
  '/etc/passwd',
  '..',
  '.',
  '',
  ' ',
  'con',
  'NUL',
  'x'.repeat(300),
  '科创',
  'with space',
  "quote'd",
  'dq"x',
  '$(touch PWNED)',
  '`id`',
  '%s%n',
];

/** The population example as data: renaming one name everywhere it is used is a map over this. */
const namesModel = {
  name: 'population',
  doc: 'population example',
  time: { start: 2020, stop: 2030, dt: 1, method: 'euler', save_every: 1, unit: 'year' },
  parameters: {
    birth_rate: { value: 0.006, unit: '1/year', min: 0, max: 0.05, doc: 'births per person' },
    death_rate: { value: 0.0055, unit: '1/year', min: 0, max: 0.05 },
    initial_population: { value: 10, unit: 'person' },
  },
  lookups: {
    response: {
      points: [
        [0, 0],
        [1, 1],
      ],
    },
  },
  stocks: {
    population: {
      initial: 'initial_population',
      unit: 'person',
      inflows: ['births'],
      outflows: ['deaths'],
      label: 'Population',
    },
  },
  flows: {
    births: { equation: 'population * birth_rate * response(1)', unit: 'person/year' },
    deaths: { equation: 'population * death_rate', unit: 'person/year' },
  },
  auxiliaries: { net_growth_rate: { equation: '(births - deaths) / population', unit: '1/year' } },
};
const namesScenario = {
  name: 'population-mc',
  model: 'model.yaml',
  set: { death_rate: 0.005 },
  policies: { birth_rate: { interpolate: 'step', points: { 2020: 0.006, 2025: 0.007 } } },
  uncertainty: {
    runs: 3,
    seed: 1,
    parameters: {
      initial_population: { dist: 'uniform', min: 9, max: 11 },
      death_rate: { dist: 'empirical', values: [0.004, 0.005], joint: 'rates' },
    },
  },
  targets: [{ id: 'population_2030', variable: 'population', year: 2030, at_least: 10 }],
  outputs: ['population', 'net_growth_rate'],
};
/** Each name of the model, and each text field, a case may replace. */
const modelNames = [
  'birth_rate',
  'death_rate',
  'initial_population',
  'response',
  'population',
  'births',
  'deaths',
  'net_growth_rate',
];
type NamePlace =
  | { file: 'model'; name: (typeof modelNames)[number] }
  | { file: 'model'; text: 'name' | 'doc' | 'unit' | 'label' }
  | { file: 'scenario'; field: 'name' | 'target id' | 'joint group' | 'output' | 'set' | 'policy' | 'uncertain' }
  | { file: 'xmile'; name: 'Sales' | 'Growth' | 'Growth Rate' | 'header' };

interface NameCase {
  place: NamePlace;
  hostile: string;
  format: 'json' | 'yaml';
  command: 'validate' | 'run' | 'simulate' | 'describe' | 'out';
}

const namePlace: fc.Arbitrary<NamePlace> = fc.oneof(
  fc.record({ file: fc.constant('model' as const), name: fc.constantFrom(...modelNames) }),
  fc.record({
    file: fc.constant('model' as const),
    text: fc.constantFrom('name' as const, 'doc' as const, 'unit' as const, 'label' as const),
  }),
  fc.record({
    file: fc.constant('scenario' as const),
    field: fc.constantFrom(
      'name' as const,
      'target id' as const,
      'joint group' as const,
      'output' as const,
      'set' as const,
      'policy' as const,
      'uncertain' as const,
    ),
  }),
  fc.record({
    file: fc.constant('xmile' as const),
    name: fc.constantFrom('Sales' as const, 'Growth' as const, 'Growth Rate' as const, 'header' as const),
  }),
);
const nameCase: fc.Arbitrary<NameCase> = fc.record({
  place: namePlace,
  hostile: fc.constantFrom(...hostileNames),
  format: fc.constantFrom('json' as const, 'yaml' as const),
  // Mostly the cheap commands; reports (--out) draw charts through vega, so a few cases only
  // (tests/unit/report/chart-names.test.ts draws every Object.prototype key in every chart).
  command: fc.oneof(
    { weight: 120, arbitrary: fc.constantFrom('validate' as const, 'run' as const) },
    { weight: 40, arbitrary: fc.constant('simulate' as const) },
    { weight: 20, arbitrary: fc.constant('describe' as const) },
    { weight: 1, arbitrary: fc.constant('out' as const) },
  ),
});

/** `text` with the name `from` replaced by `to` wherever it stands as a whole word. */
const renameIn = (text: string, from: string, to: string): string =>
  text.replace(new RegExp(`(?<![\\w])${from}(?![\\w])`, 'g'), to);

/** A value with every use of the name `from` (keys, equations, lists) renamed to `to`. */
function renamed(value: unknown, from: string, to: string): unknown {
  if (typeof value === 'string') return renameIn(value, from, to);
  if (Array.isArray(value)) return value.map((item) => renamed(item, from, to));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key === from ? to : key, renamed(item, from, to)]),
    );
  return value;
}

const xmileText = (hostile: string, place: 'Sales' | 'Growth' | 'Growth Rate' | 'header'): string => {
  const escape = (text: string): string =>
    text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const name = (own: string): string => escape(place === own ? hostile : own);
  // A reference in an equation names the variable in quotes, so any characters may stand in it.
  const reference = (own: string): string =>
    place === own ? `"${escape(hostile.replace(/"/g, ''))}"` : own.replace(/ /g, '_');
  return `<?xml version="1.0" encoding="utf-8"?>
<xmile version="1.0" xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0">
<header><name>${place === 'header' ? escape(hostile) : 'trend'}</name></header>
<sim_specs method="Euler" time_units="Months"><start>0</start><stop>10</stop><dt>1</dt></sim_specs>
<model><variables>
<stock name="${name('Sales')}"><eqn>100</eqn><inflow>${reference('Growth')}</inflow></stock>
<flow name="${name('Growth')}"><eqn>${reference('Sales')} * ${reference('Growth Rate')}</eqn></flow>
<aux name="${name('Growth Rate')}"><eqn>0.05</eqn></aux>
</variables></model>
</xmile>
`;
};

let nameCaseCount = 0;
/** Write a name case's files into a folder of its own; return its paths and command line. */
function writeNameCase(testCase: NameCase): {
  model: string;
  scenario: string;
  damaged: string;
  args: string[];
  folder: string;
} {
  const folder = join(scratch, `name-${nameCaseCount++}`);
  mkdirSync(folder);
  const { place, hostile } = testCase;
  let model: unknown = namesModel;
  const scenario: Record<string, unknown> = structuredClone(namesScenario);
  const xmile = place.file === 'xmile';
  if (place.file === 'model' && 'name' in place) {
    model = renamed(namesModel, place.name, hostile);
    Object.assign(scenario, renamed(namesScenario, place.name, hostile));
  } else if (place.file === 'model') {
    const copy = structuredClone(namesModel) as Record<string, unknown> & typeof namesModel;
    if (place.text === 'name' || place.text === 'doc') copy[place.text] = hostile;
    else if (place.text === 'unit') copy.stocks.population.unit = hostile;
    else copy.stocks.population.label = hostile;
    model = copy;
  } else if (place.file === 'scenario') {
    const targets = scenario['targets'] as { id: string }[];
    const uncertainty = scenario['uncertainty'] as { parameters: Record<string, { joint?: string }> };
    if (place.field === 'name') scenario['name'] = hostile;
    else if (place.field === 'target id') targets[0]!.id = hostile;
    else if (place.field === 'joint group') uncertainty.parameters['death_rate']!.joint = hostile;
    else if (place.field === 'output') scenario['outputs'] = ['population', hostile];
    else if (place.field === 'set') scenario['set'] = { [hostile]: 0.005 };
    else if (place.field === 'policy') scenario['policies'] = { [hostile]: { points: { 2020: 1 } } };
    else uncertainty.parameters[hostile] = { dist: 'uniform', min: 0, max: 1 } as { joint?: string };
  }
  const modelPath = join(folder, xmile ? 'model.xmile' : 'model.yaml');
  const scenarioPath = join(folder, 'scenario.yaml');
  const serialise = (value: unknown): string =>
    testCase.format === 'json' ? JSON.stringify(value, null, 1) : YAML.stringify(value);
  if (xmile) {
    writeFileSync(modelPath, xmileText(hostile, place.name));
    scenario['model'] = 'model.xmile';
    scenario['set'] = {};
    scenario['policies'] = {};
    scenario['uncertainty'] = {
      runs: 3,
      seed: 1,
      parameters: { growth_rate: { dist: 'uniform', min: 0.01, max: 0.1 } },
    };
    scenario['targets'] = [];
    delete scenario['outputs'];
  } else writeFileSync(modelPath, serialise(model));
  writeFileSync(scenarioPath, serialise(scenario));
  const onModel = place.file !== 'scenario' && testCase.command !== 'run' && testCase.command !== 'out';
  const damaged = place.file === 'scenario' ? scenarioPath : modelPath;
  const quick = ['--runs', '3', '--workers', '1', '--quiet'];
  const args = {
    validate: ['validate', onModel ? modelPath : scenarioPath],
    run: ['run', scenarioPath, ...quick, '--json'],
    simulate: ['simulate', onModel ? modelPath : scenarioPath, '--csv'],
    describe: ['describe', modelPath],
    out: ['run', scenarioPath, scenarioPath, ...quick, '--out', join(folder, 'out')],
  }[testCase.command];
  return { model: modelPath, scenario: scenarioPath, damaged, args, folder };
}

/** Every file under `folder`, as paths relative to it. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)))
    .sort();
}

const nameTally = new Map<number | null, number>();

const tally = new Map<number | null, number>();
afterAll(() => {
  const [ran, rejected, brokeDown] = [0, 2, 3].map((status) => tally.get(status) ?? 0);
  console.info(
    `bad-input-fuzz.test.ts: ${caseCount} damaged files, in-process: ${rejected} rejected (exit 2), ${ran} valid and ran (exit 0), ${brokeDown} ran into a non-finite value (exit 3)`,
  );
  const [namesRan, namesRejected, namesBrokeDown] = [0, 2, 3].map((status) => nameTally.get(status) ?? 0);
  console.info(
    `bad-input-fuzz.test.ts: ${nameCaseCount} files with hostile names, in-process: ${namesRejected} rejected (exit 2), ${namesRan} ran (exit 0), ${namesBrokeDown} exit 3; ${caseCount + nameCaseCount} cases in all, ${(tally.get(1) ?? 0) + (nameTally.get(1) ?? 0)} exit 1`,
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
    const sample = fc.sample(fuzzCase, { seed: propertySeed + 1, numRuns: 4 }).map(writeCase);
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

describe('kechuang on files whose names are hostile', () => {
  it(`runs them or exits 2 naming the file, never 1, and writes only into --out (${propertyRuns(3000)} cases in-process, seed ${propertySeed})`, async () => {
    await fc.assert(
      fc.asyncProperty(nameCase, async (testCase) => {
        const paths = writeNameCase(testCase);
        const run = await runInProcess(paths.args);
        nameTally.set(run.status, (nameTally.get(run.status) ?? 0) + 1);
        expect([0, 2, 3], run.stderr).toContain(run.status);
        expect(run.stderr).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/);
        if (run.status === 2) {
          expect(
            [paths.damaged, paths.model, paths.scenario, '--'].some((named) => run.stderr.includes(named)),
            run.stderr,
          ).toBe(true);
        }
        const written = filesUnder(paths.folder).filter(
          (file) => !['model.yaml', 'model.xmile', 'scenario.yaml'].includes(file),
        );
        expect(
          written.every((file) => file.startsWith(`out${sep}`)),
          written.join(', '),
        ).toBe(true);
        if (testCase.command === 'out' && run.status === 0)
          expect(written.filter((file) => file.endsWith('report.html'))).toHaveLength(2);
      }),
      { seed: propertySeed, numRuns: propertyRuns(3000) },
    );
    expect(readdirSync(scratch).every((name) => name.startsWith('case-') || name.startsWith('name-'))).toBe(true);
  }, 300_000);
});
