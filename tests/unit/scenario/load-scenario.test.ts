// One test per problem a scenario file can have, through `loadScenario`. Files live in an in-memory
// map (line N of a text is argument N of `lines`); each test pins the diagnostic's file, line, column
// and field, and takes its words from the catalogue. The fixtures under tests/fixtures/scenarios are
// read from disk with the CLI's `readTextFile`.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { readTextFile } from '../../../src/cli/read-text-file.js';
import type { Diagnostic, Result } from '../../../src/diagnostics/diagnostic.js';
import { failure, success } from '../../../src/diagnostics/diagnostic.js';
import { messages, type Message } from '../../../src/diagnostics/messages.js';
import { renderDiagnostics } from '../../../src/diagnostics/render-diagnostic.js';
import { readModelText } from '../../../src/model/read-model-text.js';
import { distributionSupport } from '../../../src/sampling/create-quantile.js';
import { readDistribution } from '../../../src/sampling/read-distribution.js';
import { loadScenario, type ScenarioIo } from '../../../src/scenario/load-scenario.js';
import { scenarioFieldNames } from '../../../src/scenario/read-scenario-file.js';
import type { ScenarioSpec } from '../../../src/scenario/scenario-spec.js';
import { columnOf } from '../../helpers/text-position.js';

/** File text from lines, so that line N of the file is argument N. */
const lines = (...text: string[]): string => `${text.join('\n')}\n`;

const referenceText = readFileSync(new URL('../../../models/reference.yaml', import.meta.url), 'utf8');

/** A small model with declared ranges; it saves 2020, 2022, ..., 2030. */
const smallModel = lines(
  'name: small',
  'time: { start: 2020, stop: 2030, dt: 0.5, save_every: 2 }',
  'parameters:',
  '  growth: { value: 0.05, min: 0, max: 0.1 }',
  '  share: { value: 0.3, min: 0.1 }',
  '  open: 2',
  'lookups:',
  '  response: [[0, 1], [1, 2]]',
  'stocks:',
  '  capital: { initial: 100, inflows: [investment] }',
  '  debt: { initial: 0, inflows: [borrowing] }',
  'flows:',
  '  investment: capital * growth * share * response(ratio)',
  '  borrowing: investment * 0.1',
  'auxiliaries:',
  '  ratio: debt / capital',
);

const scenarioFile = 'scenarios/s.yaml';
const smallModelFile = 'models/small.yaml';
const modelLine = 'model: ../models/small.yaml';

/** Files by path; a path not in the map cannot be read, as `readTextFile` says of a missing file. */
function memoryIo(files: Readonly<Record<string, string>>): ScenarioIo {
  return {
    readText(path: string): Result<string> {
      const text = files[path];
      if (text !== undefined) return success(text);
      return failure([
        { file: path, line: 1, column: 1, severity: 'error', field: '', ...messages.fileUnreadable('no such file') },
      ]);
    },
  };
}

const withModels = (files: Readonly<Record<string, string>>): Record<string, string> => ({
  [smallModelFile]: smallModel,
  'models/reference.yaml': referenceText,
  ...files,
});

/** The diagnostics `loadScenario` gives; the scenario must not load. */
function problems(files: Readonly<Record<string, string>>, file = scenarioFile): Diagnostic[] {
  const result = loadScenario(file, memoryIo(withModels(files)));
  if (result.ok) throw new Error('expected loadScenario() to report problems, but the scenario loaded');
  return result.diagnostics;
}

/** The scenario `loadScenario` gives; it must load cleanly. */
function loaded(files: Readonly<Record<string, string>>, file = scenarioFile): ScenarioSpec {
  return expectLoaded(loadScenario(file, memoryIo(withModels(files))));
}

function expectLoaded(result: Result<ScenarioSpec>): ScenarioSpec {
  if (!result.ok) throw new Error(`expected the scenario to load:\n${renderDiagnostics(result.diagnostics)}`);
  return result.value;
}

/** Problems of one scenario text at `scenarios/s.yaml`. */
const problemsOf = (...text: string[]): Diagnostic[] => problems({ [scenarioFile]: lines(...text) });

/** An error diagnostic with its words from the catalogue. */
function error(file: string, line: number, column: number, field: string, message: Message): Diagnostic {
  return { file, line, column, severity: 'error', field, ...message };
}

/** An error in `scenarios/s.yaml` at the first `needle` on `line` of `text`. */
function errorAt(
  text: string,
  line: number,
  needle: string,
  field: string,
  message: Message,
  occurrence = 1,
): Diagnostic {
  return error(scenarioFile, line, columnOf(text, line, needle, occurrence), field, message);
}

const fixture = (name: string): string => `tests/fixtures/scenarios/${name}`;
const diskIo: ScenarioIo = { readText: readTextFile };

describe('loadScenario() on the fixtures', () => {
  test('loadScenario() reads the policy example on models/reference.yaml', () => {
    const scenario = expectLoaded(loadScenario(fixture('accelerated-funding.yaml'), diskIo));
    expect(scenario.name).toBe('accelerated-funding');
    expect(scenario.file).toBe(fixture('accelerated-funding.yaml'));
    expect(scenario.chain).toEqual([fixture('accelerated-funding.yaml')]);
    expect(scenario.modelFile).toBe('models/reference.yaml');
    expect(scenario.model.name).toBe('beijing_ref');
    expect(scenario.set).toEqual(new Map([['funding_boost', 0]]));
    expect(scenario.policies.map(({ name, interpolate, points }) => ({ name, interpolate, points }))).toEqual([
      {
        name: 'gov_st_share',
        interpolate: 'step',
        points: [
          { time: 2015, value: 0.11 },
          { time: 2023, value: 0.13 },
          { time: 2027, value: 0.15 },
        ],
      },
      {
        name: 'basic_share_target',
        interpolate: 'linear',
        points: [
          { time: 2022, value: 0.17 },
          { time: 2030, value: 0.25 },
        ],
      },
    ]);
    expect(scenario.policies[0]?.location).toEqual({ file: fixture('accelerated-funding.yaml'), line: 9, column: 3 });
    expect(scenario.uncertainty).toMatchObject({ runCount: 10000, seed: 20230501, sampling: 'lhs' });
    expect(scenario.uncertainty.parameters.map(({ name, distribution }) => ({ name, distribution }))).toEqual([
      { name: 'gdp_growth_base', distribution: { dist: 'normal', mean: 0.065, sd: 0.01 } },
      { name: 'rd_spillover', distribution: { dist: 'uniform', min: 0.05, max: 0.2 } },
    ]);
    expect(scenario.targets.map(({ location: _, ...target }) => target)).toEqual([
      { id: 'rd_intensity_2025', variable: 'intensity', year: 2025, op: '>=', threshold: 0.06 },
      { id: 'basic_share_2035', variable: 'Basic_share', year: 2035, op: '>=', threshold: 0.2 },
    ]);
    expect(scenario.outputs).toEqual(['intensity', 'Basic_share']);
  });

  test('loadScenario() merges a three-file extends chain child over parent, rule by rule', () => {
    const scenario = expectLoaded(loadScenario(fixture('chain-child.yaml'), diskIo));
    // The child's own file name: the base's `name` is not inherited.
    expect(scenario.name).toBe('chain-child');
    expect(scenario.chain).toEqual([
      fixture('chain-child.yaml'),
      fixture('chain-middle.yaml'),
      fixture('chain-base.yaml'),
    ]);
    // `model` comes from the base, relative to the base's folder.
    expect(scenario.modelFile).toBe('models/reference.yaml');
    // set: the child's policy drops the base's gov_st_share, the middle replaces funding_boost in
    // place, attrition_rate is inherited, and the child's basic_share_target is appended.
    expect([...scenario.set]).toEqual([
      ['funding_boost', 0.25],
      ['attrition_rate', 0.06],
      ['basic_share_target', 0.2],
    ]);
    // policies: the child's set drops the base's basic_share_target policy; the child's points are sorted.
    expect(scenario.policies.map(({ name, interpolate, points }) => ({ name, interpolate, points }))).toEqual([
      {
        name: 'rd_cost_per_fte',
        interpolate: 'linear',
        points: [
          { time: 2015, value: 0.0081 },
          { time: 2030, value: 0.01 },
        ],
      },
      {
        name: 'gov_st_share',
        interpolate: 'linear',
        points: [
          { time: 2022, value: 0.11 },
          { time: 2030, value: 0.14 },
        ],
      },
    ]);
    // runs, seed and sampling each from the nearest file that gives it.
    expect(scenario.uncertainty).toMatchObject({ runCount: 2000, seed: 20230501, sampling: 'random' });
    // Uncertain parameters keep the base's order; the middle's rd_spillover replaces in place, its
    // attrition_rate is appended (and stays although it is also set: set outranks it when running).
    expect(scenario.uncertainty.parameters.map(({ name, distribution }) => ({ name, distribution }))).toEqual([
      { name: 'gdp_growth_base', distribution: { dist: 'normal', mean: 0.065, sd: 0.01 } },
      { name: 'rd_spillover', distribution: { dist: 'uniform', min: 0.08, max: 0.16 } },
      { name: 'ref_intensity', distribution: { dist: 'triangular', min: 0.05, mode: 0.055, max: 0.06 } },
      { name: 'attrition_rate', distribution: { dist: 'uniform', min: 0.04, max: 0.06 } },
    ]);
    // targets by id: replaced in place by the child and the middle, the middle's new one appended.
    expect(
      scenario.targets.map(({ id, op, threshold, location }) => ({ id, op, threshold, file: location.file })),
    ).toEqual([
      { id: 'gdp_2030', op: '<=', threshold: 60000, file: fixture('chain-child.yaml') },
      { id: 'intensity_2025', op: '>=', threshold: 0.065, file: fixture('chain-middle.yaml') },
      { id: 'personnel_2035', op: '>=', threshold: 300000, file: fixture('chain-middle.yaml') },
    ]);
    // outputs: the child's list replaces the base's, without its repeat.
    expect(scenario.outputs).toEqual(['Digital_VA', 'GDP']);
  });

  test('loadScenario() records where each merged field was written, in the file that wrote it', () => {
    const { locations } = expectLoaded(loadScenario(fixture('chain-child.yaml'), diskIo));
    /** The location of the first `needle` on `line` of a fixture. */
    const at = (
      name: string,
      line: number,
      needle: string,
      occurrence = 1,
    ): { file: string; line: number; column: number } => {
      const file = fixture(name);
      return { file, line, column: columnOf(readFileSync(file, 'utf8'), line, needle, occurrence) };
    };
    expect(locations.get('model')).toEqual(at('chain-base.yaml', 5, '../'));
    expect(locations.get('extends')).toEqual(at('chain-child.yaml', 2, 'chain-middle'));
    expect(locations.has('name')).toBe(false);
    expect(locations.get('set.funding_boost')).toEqual(at('chain-middle.yaml', 4, 'funding_boost'));
    expect(locations.get('set.basic_share_target')).toEqual(at('chain-child.yaml', 4, 'basic_share_target'));
    expect(locations.get('policies.rd_cost_per_fte')).toEqual(at('chain-base.yaml', 12, 'rd_cost_per_fte'));
    expect(locations.get('uncertainty.runs')).toEqual(at('chain-middle.yaml', 6, '2000'));
    expect(locations.get('uncertainty.seed')).toEqual(at('chain-child.yaml', 8, '20230501'));
    expect(locations.get('uncertainty.sampling')).toEqual(at('chain-base.yaml', 16, 'random'));
    expect(locations.get('uncertainty.parameters.rd_spillover')).toEqual(at('chain-middle.yaml', 8, 'rd_spillover'));
    expect(locations.get('uncertainty.parameters.gdp_growth_base')).toEqual(
      at('chain-base.yaml', 18, 'gdp_growth_base'),
    );
    expect(locations.get('targets.gdp_2030')).toEqual(at('chain-child.yaml', 10, '{'));
    expect(locations.get('targets.gdp_2030.at_most')).toEqual(at('chain-child.yaml', 10, '60000'));
    expect(locations.get('targets.intensity_2025.variable')).toEqual(at('chain-middle.yaml', 11, 'intensity', 2));
    expect(locations.get('targets.personnel_2035.year')).toEqual(at('chain-middle.yaml', 12, '2035', 2));
    expect(locations.get('outputs')).toEqual(at('chain-child.yaml', 11, '['));
    expect(locations.get('outputs[1]')).toEqual(at('chain-child.yaml', 11, 'GDP'));
  });

  test('loadScenario() reports an extends cycle at the extends field that closes it, naming the chain', () => {
    const result = loadScenario(fixture('cycle-a.yaml'), diskIo);
    const b = fixture('cycle-b.yaml');
    expect(result).toEqual({
      ok: false,
      diagnostics: [
        error(b, 2, 10, 'extends', messages.circularExtends([fixture('cycle-a.yaml'), b, fixture('cycle-a.yaml')])),
      ],
    });
  });
});

describe('loadScenario() defaults', () => {
  test('loadScenario() fills in name, runs, seed, sampling and every stock as outputs when no file gives them', () => {
    const scenario = loaded({ [scenarioFile]: lines(modelLine) });
    expect(scenario.name).toBe('s');
    expect(scenario.uncertainty).toEqual({ runCount: 1000, seed: 1, sampling: 'lhs', parameters: [] });
    expect(scenario.outputs).toEqual(['capital', 'debt']);
    expect(scenario.set.size).toBe(0);
    expect(scenario.policies).toEqual([]);
    expect(scenario.targets).toEqual([]);
  });

  test('loadScenario() defaults outputs to the targets variables in target order, without repeats', () => {
    const scenario = loaded({
      [scenarioFile]: lines(
        modelLine,
        'targets:',
        '  - { id: a, variable: ratio, year: 2030, at_most: 1 }',
        '  - { id: b, variable: capital, year: 2030, at_least: 100 }',
        '  - { id: c, variable: ratio, year: 2024, at_most: 0.5 }',
      ),
    });
    expect(scenario.outputs).toEqual(['ratio', 'capital']);
  });

  test('loadScenario() reads an "about" target as a band and counts it at the near edge', () => {
    const scenario = loaded({
      [scenarioFile]: lines(
        modelLine,
        'targets:',
        '  - { id: a, variable: ratio, year: 2030, at_least: 0.06, about: 0.005 }',
        "  - { id: b, variable: capital, year: 2030, at_most: 200, about: '5%' }",
        '  - { id: c, variable: capital, year: 2030, at_least: 100 }',
      ),
    });
    const [a, b, c] = scenario.targets;
    expect(a).toMatchObject({
      op: '>=',
      threshold: 0.055,
      about: { stated: 0.06, tolerance: 0.005, written: '0.005' },
    });
    expect(a!.about!.lower).toBeCloseTo(0.055, 12);
    expect(a!.about!.upper).toBeCloseTo(0.065, 12);
    expect(b).toMatchObject({ op: '<=', threshold: 210, about: { stated: 200, tolerance: 10, written: '5%' } });
    expect(c).not.toHaveProperty('about');
  });

  test('loadScenario() reads JSON scenarios, with point times as text keys', () => {
    const json = JSON.stringify({
      model: '../models/small.yaml',
      policies: { growth: { interpolate: 'step', points: { '2024': 0.07, '2022.5': 0.06 } } },
    });
    const scenario = loaded({ 'scenarios/s.json': json }, 'scenarios/s.json');
    expect(scenario.name).toBe('s');
    expect(scenario.policies[0]?.points).toEqual([
      { time: 2022.5, value: 0.06 },
      { time: 2024, value: 0.07 },
    ]);
  });

  test('loadScenario() takes the model from a parent, relative to the parent file', () => {
    const scenario = loaded({
      [scenarioFile]: lines('extends: ../shared/base.yaml', 'set: { growth: 0.08 }'),
      'shared/base.yaml': lines(modelLine),
    });
    expect(scenario.modelFile).toBe(smallModelFile);
    expect(scenario.chain).toEqual([scenarioFile, 'shared/base.yaml']);
    expect(scenario.locations.get('model')).toEqual({ file: 'shared/base.yaml', line: 1, column: 8 });
  });
});

describe('loadScenario() reading files', () => {
  test('loadScenario() reports a scenario file that cannot be read as the io reports it', () => {
    expect(problems({}, 'scenarios/none.yaml')).toEqual([
      error('scenarios/none.yaml', 1, 1, '', messages.fileUnreadable('no such file')),
    ]);
  });

  test('loadScenario() reports a YAML syntax error in a scenario file', () => {
    expect(problemsOf(modelLine, 'set: { growth: 0.05')).toEqual([
      error(
        scenarioFile,
        3,
        1,
        '',
        messages.syntaxError('YAML', 'Flow map in block collection must be sufficiently indented and end with a }'),
      ),
    ]);
  });

  test('loadScenario() reports a syntax error in an extended file in that file, and no missing model besides', () => {
    const parentFile = 'scenarios/parent.yaml';
    expect(
      problems({ [scenarioFile]: lines('extends: parent.yaml'), [parentFile]: lines(modelLine, 'set: [growth') }),
    ).toEqual([
      error(
        parentFile,
        3,
        1,
        '',
        messages.syntaxError(
          'YAML',
          'Flow sequence in block collection must be sufficiently indented and end with a ]',
        ),
      ),
    ]);
  });

  test('loadScenario() reports a key written twice and goes on reading', () => {
    const text = lines(modelLine, 'set:', '  growth: 0.05', '  growth: 0.06', '  share: 0.01');
    expect(problems({ [scenarioFile]: text })).toEqual([
      errorAt(text, 4, 'growth', 'set.growth', messages.duplicateKey('growth')),
      errorAt(text, 5, '0.01', 'set.share', messages.parameterOutOfRange('share', 0.01, 0.1, undefined)),
    ]);
  });

  test('loadScenario() reports an empty scenario file', () => {
    expect(problemsOf('# nothing here')).toEqual([
      error(
        scenarioFile,
        1,
        1,
        '',
        messages.wrongType('a mapping with model, set, policies, uncertainty, targets, ...', 'an empty file'),
      ),
    ]);
  });

  test('loadScenario() reports unknown fields with a did-you-mean at every level', () => {
    const text = lines(
      modelLine,
      'polices: {}',
      'uncertainty: { samplng: lhs }',
      'targets:',
      '  - { id: a, variable: capital, year: 2030, at_leas: 1 }',
      'policies:',
      '  growth: { interpolat: step, points: { 2020: 0.05 } }',
    );
    expect(problems({ [scenarioFile]: text })).toEqual([
      errorAt(text, 2, 'polices', 'polices', messages.unknownField('polices', scenarioFieldNames.top, 'policies')),
      errorAt(
        text,
        7,
        'interpolat',
        'policies.growth.interpolat',
        messages.unknownField('interpolat', scenarioFieldNames.policy, 'interpolate'),
      ),
      errorAt(
        text,
        3,
        'samplng',
        'uncertainty.samplng',
        messages.unknownField('samplng', scenarioFieldNames.uncertainty, 'sampling'),
      ),
      errorAt(
        text,
        5,
        'at_leas',
        'targets[0].at_leas',
        messages.unknownField('at_leas', scenarioFieldNames.target, 'at_least'),
      ),
      errorAt(text, 5, '{', 'targets[0]', messages.targetBound(false)),
    ]);
  });

  test('loadScenario() reports values of the wrong type', () => {
    const text = lines(
      modelLine,
      'name: [a, b]',
      'set: { growth: fast, share: }',
      'policies: { open: 3 }',
      'uncertainty: { parameters: { growth: 0.05 } }',
      'targets: { id: a }',
      'outputs: [capital, 3]',
    );
    expect(problems({ [scenarioFile]: text })).toEqual([
      errorAt(text, 3, 'fast', 'set.growth', messages.wrongType('a number', "the text 'fast'")),
      errorAt(text, 3, 'share', 'set.share', messages.wrongType('a number', 'nothing')),
      errorAt(text, 4, '3', 'policies.open', messages.wrongType('{ interpolate, points }', 'number 3')),
      errorAt(text, 2, '[', 'name', messages.wrongType('text', 'a list')),
      errorAt(
        text,
        5,
        '0.05',
        'uncertainty.parameters.growth',
        messages.wrongType('a distribution such as { dist: normal, mean: 0.05, sd: 0.01 }', 'number 0.05'),
      ),
      errorAt(
        text,
        6,
        '{',
        'targets',
        messages.wrongType('a list of { id, variable, year, at_least or at_most }', 'a mapping'),
      ),
      errorAt(text, 7, '3', 'outputs[1]', messages.wrongType('a name', 'number 3')),
    ]);
  });

  test('loadScenario() reports a missing model field after merging the chain, at the top of the file', () => {
    expect(
      problems({ [scenarioFile]: lines('extends: base.yaml'), 'scenarios/base.yaml': lines('set: { growth: 0.05 }') }),
    ).toEqual([
      error(
        scenarioFile,
        1,
        1,
        'model',
        messages.missingField('model', 'the path of the model file, relative to this scenario file'),
      ),
    ]);
  });

  test('loadScenario() reports a model file that cannot be read at the model field, with the reason', () => {
    const text = lines('set: { growth: 0.05 }', 'model: ../models/missing.yaml');
    expect(problems({ [scenarioFile]: text })).toEqual([
      errorAt(
        text,
        2,
        '../models',
        'model',
        messages.referencedFileUnreadable('model', 'models/missing.yaml', 'no such file'),
      ),
    ]);
  });

  test('loadScenario() reports an extended file that cannot be read at the extends field, with the reason', () => {
    const text = lines(modelLine, 'extends: missing.yaml');
    expect(problems({ [scenarioFile]: text })).toEqual([
      errorAt(
        text,
        2,
        'missing',
        'extends',
        messages.referencedFileUnreadable('extends', 'scenarios/missing.yaml', 'no such file'),
      ),
    ]);
  });

  test('loadScenario() reports an extends that names a model file at the extends field, not as a scenario full of unknown fields', () => {
    const text = lines(modelLine, 'extends: ../models/small.yaml');
    expect(problems({ [scenarioFile]: text })).toEqual([
      errorAt(text, 2, '../models/small', 'extends', messages.extendsModel('models/small.yaml')),
    ]);
    const xmile = lines(modelLine, 'extends: ../models/small.xmile');
    expect(problems({ [scenarioFile]: xmile, 'models/small.xmile': '<xmile/>' })).toEqual([
      errorAt(xmile, 2, '../models/small', 'extends', messages.extendsModel('models/small.xmile')),
    ]);
  });

  test('loadScenario() reports a scenario that extends itself', () => {
    const text = lines(modelLine, 'extends: ./s.yaml');
    expect(problems({ [scenarioFile]: text })).toEqual([
      errorAt(text, 2, './s.yaml', 'extends', messages.circularExtends([scenarioFile, scenarioFile])),
    ]);
  });

  test('loadScenario() passes the model diagnostics through unchanged', () => {
    const brokenModel = lines(
      'name: broken',
      'time: { start: 0, stop: 10, dt: 1 }',
      'parameters:',
      '  a: { value: x }',
    );
    const read = readModelText(brokenModel, 'models/broken.yaml');
    expect(read.ok).toBe(false);
    const diagnostics = problems({
      'models/broken.yaml': brokenModel,
      [scenarioFile]: lines('model: ../models/broken.yaml'),
    });
    expect(diagnostics).toEqual(read.ok ? [] : read.diagnostics);
  });
});

describe('loadScenario() checking against the model', () => {
  test('loadScenario() reports names that are not parameters, with a did-you-mean or their kind', () => {
    const text = lines(
      modelLine,
      'set: { grwth: 0.05, capital: 10 }',
      'policies:',
      '  ratio: { points: { 2020: 1 } }',
      'uncertainty:',
      '  parameters:',
      '    response: { dist: uniform, min: 0, max: 1 }',
      '    shares: { dist: uniform, min: 0.2, max: 0.4 }',
    );
    expect(problems({ [scenarioFile]: text })).toEqual([
      errorAt(text, 2, 'grwth', 'set.grwth', messages.unknownParameter('grwth', 'growth')),
      errorAt(text, 2, 'capital', 'set.capital', messages.notAParameter('capital', 'stock')),
      errorAt(text, 4, 'ratio', 'policies.ratio', messages.notAParameter('ratio', 'auxiliary')),
      errorAt(text, 7, 'response', 'uncertainty.parameters.response', messages.notAParameter('response', 'lookup')),
      errorAt(text, 8, 'shares', 'uncertainty.parameters.shares', messages.unknownParameter('shares', 'share')),
    ]);
  });

  test('loadScenario() reports set and policy values outside the parameter declared range', () => {
    const text = lines(
      modelLine,
      'set: { growth: 0.2, open: -100 }',
      'policies:',
      '  share: { points: { 2020: 0.3, 2025: 0.05, 2030: -1 } }',
    );
    expect(problems({ [scenarioFile]: text })).toEqual([
      errorAt(text, 2, '0.2', 'set.growth', messages.parameterOutOfRange('growth', 0.2, 0, 0.1)),
      errorAt(
        text,
        4,
        '0.05',
        'policies.share.points.2025',
        messages.parameterOutOfRange('share', 0.05, 0.1, undefined),
      ),
      errorAt(text, 4, '-1', 'policies.share.points.2030', messages.parameterOutOfRange('share', -1, 0.1, undefined)),
    ]);
  });

  test('loadScenario() reports a distribution whose support leaves the parameter range, but not a normal or lognormal one', () => {
    const text = lines(
      modelLine,
      'uncertainty:',
      '  parameters:',
      '    growth: { dist: uniform, min: -0.01, max: 0.05 }',
      '    share: { dist: normal, mean: 0.3, sd: 0.5 }',
      '    open: { dist: lognormal, mu: 0, sigma: 1 }',
    );
    const distribution = { dist: 'uniform', min: -0.01, max: 0.05 } as const;
    expect(problems({ [scenarioFile]: text })).toEqual([
      errorAt(
        text,
        4,
        'growth',
        'uncertainty.parameters.growth',
        messages.distributionOutOfRange('growth', 'uniform', distributionSupport(distribution), 0, 0.1),
      ),
    ]);
  });

  test('loadScenario() accepts a truncated normal that stays within the parameter range', () => {
    const scenario = loaded({
      [scenarioFile]: lines(
        modelLine,
        'uncertainty:',
        '  parameters:',
        '    growth: { dist: truncated_normal, mean: 0.05, sd: 0.02, min: 0, max: 0.1 }',
      ),
    });
    expect(scenario.uncertainty.parameters[0]?.distribution).toEqual({
      dist: 'truncated_normal',
      mean: 0.05,
      sd: 0.02,
      min: 0,
      max: 0.1,
    });
  });

  test('loadScenario() reports the problems readDistribution finds, at the fields they name', () => {
    const text = lines(
      modelLine,
      'uncertainty:',
      '  parameters:',
      '    growth: { dist: normal, mean: 0.05, sdev: 0.01 }',
      '    share: { dist: discrete, values: [0.2, 0.3], weights: [1, -1] }',
    );
    const growth = readDistribution({ dist: 'normal', mean: 0.05, sdev: 0.01 });
    const share = readDistribution({ dist: 'discrete', values: [0.2, 0.3], weights: [1, -1] });
    if (growth.ok || share.ok) throw new Error('expected readDistribution() to report problems');
    const unknown = growth.problems.find((problem) => problem.field === 'sdev');
    const missing = growth.problems.find((problem) => problem.field === 'sd');
    const negative = share.problems.find((problem) => problem.field === 'weights[1]');
    if (unknown === undefined || missing === undefined || negative === undefined)
      throw new Error('readDistribution() changed its fields');
    expect(problems({ [scenarioFile]: text })).toEqual(
      expect.arrayContaining([
        errorAt(text, 4, 'sdev', 'uncertainty.parameters.growth.sdev', unknown.message),
        errorAt(text, 4, '{', 'uncertainty.parameters.growth.sd', missing.message),
        errorAt(text, 5, '-1', 'uncertainty.parameters.share.weights[1]', negative.message),
      ]),
    );
  });

  test.each([
    ['0', 'number 0'],
    ['1.5', 'number 1.5'],
    ['2000000000', 'number 2000000000'],
    ['many', "the text 'many'"],
  ])('loadScenario() reports runs: %s as not a positive whole number up to 1e9', (runs, found) => {
    const text = lines(modelLine, `uncertainty: { runs: ${runs} }`);
    expect(problems({ [scenarioFile]: text })).toEqual([
      errorAt(text, 2, runs, 'uncertainty.runs', messages.invalidRunCount(found)),
    ]);
  });

  test('loadScenario() accepts runs of exactly 1e9 and a negative seed', () => {
    const scenario = loaded({ [scenarioFile]: lines(modelLine, 'uncertainty: { runs: 1000000000, seed: -5 }') });
    expect(scenario.uncertainty).toMatchObject({ runCount: 1e9, seed: -5 });
  });

  test('loadScenario() reports a seed that is not a safe integer and a sampling that is not lhs or random', () => {
    const text = lines(modelLine, 'uncertainty:', '  seed: 9007199254740993', '  sampling: LHS');
    expect(problems({ [scenarioFile]: text })).toEqual([
      errorAt(text, 3, '9007', 'uncertainty.seed', messages.invalidSeed('number 9007199254740992')),
      errorAt(
        text,
        4,
        'LHS',
        'uncertainty.sampling',
        messages.notOneOf('sampling', ['lhs', 'random'], "the text 'LHS'", 'lhs'),
      ),
    ]);
  });

  test('loadScenario() reports the same name in set and policies of one file', () => {
    const text = lines(modelLine, 'set: { growth: 0.05 }', 'policies:', '  growth: { points: { 2020: 0.06 } }');
    expect(problems({ [scenarioFile]: text })).toEqual([
      errorAt(text, 4, 'growth', 'policies.growth', messages.setAndPolicy('growth')),
    ]);
  });

  test('loadScenario() reports policies without points, with a time that is not a number, or with a time given twice', () => {
    const text = lines(
      modelLine,
      'policies:',
      '  growth: { points: {} }',
      '  share: { interpolate: step }',
      '  open: { points: { soon: 1, 2024: 2 } }',
    );
    expect(problems({ [scenarioFile]: text })).toEqual([
      errorAt(text, 3, '{}', 'policies.growth.points', messages.policyWithoutPoints('growth')),
      errorAt(text, 4, 'share', 'policies.share', messages.policyWithoutPoints('share')),
      errorAt(text, 5, 'soon', 'policies.open.points.soon', messages.policyTimeNotNumber('soon')),
    ]);
    const json = JSON.stringify({
      model: '../models/small.yaml',
      policies: { growth: { points: { '2022': 0.05, '2022.0': 0.06 } } },
    });
    expect(problems({ 'scenarios/s.json': json }, 'scenarios/s.json')).toEqual([
      error(
        'scenarios/s.json',
        1,
        columnOf(json, 1, '0.06'),
        'policies.growth.points.2022.0',
        messages.policyTimeRepeated(2022),
      ),
    ]);
  });

  test('loadScenario() reports an interpolate that is not step, linear or annual, with a did-you-mean', () => {
    const text = lines(modelLine, 'policies:', '  growth: { interpolate: lineer, points: { 2020: 0.05 } }');
    expect(problems({ [scenarioFile]: text })).toEqual([
      errorAt(
        text,
        3,
        'lineer',
        'policies.growth.interpolate',
        messages.notOneOf('interpolate', ['step', 'linear', 'annual'], "the text 'lineer'", 'linear'),
      ),
    ]);
  });

  test('loadScenario() reports targets missing id, variable or year', () => {
    const text = lines(
      modelLine,
      'targets:',
      '  - { variable: capital, year: 2030, at_least: 1 }',
      '  - { id: b, year: 2030, at_least: 1 }',
      '  - { id: c, variable: capital, at_least: 1 }',
    );
    expect(problems({ [scenarioFile]: text })).toEqual([
      errorAt(text, 3, '{', 'targets[0].id', messages.missingField('id', 'a name for the target')),
      errorAt(
        text,
        4,
        '{',
        'targets[1].variable',
        messages.missingField('variable', 'the stock, flow or auxiliary to test'),
      ),
      errorAt(text, 5, '{', 'targets[2].year', messages.missingField('year', 'a number')),
    ]);
  });

  test('loadScenario() reports targets with neither or both bounds, and a bound that is not finite', () => {
    const text = lines(
      modelLine,
      'targets:',
      '  - { id: a, variable: capital, year: 2030 }',
      '  - { id: b, variable: capital, year: 2030, at_least: 1, at_most: 2 }',
      '  - { id: c, variable: capital, year: 2030, at_most: .inf }',
    );
    expect(problems({ [scenarioFile]: text })).toEqual([
      errorAt(text, 3, '{', 'targets[0]', messages.targetBound(false)),
      errorAt(text, 4, '{', 'targets[1]', messages.targetBound(true)),
      errorAt(text, 5, '.inf', 'targets[2].at_most', messages.wrongType('a finite number', 'number Infinity')),
    ]);
  });

  test('loadScenario() reports an "about" tolerance it cannot read: words, a negative number, a bare percent sign', () => {
    const text = lines(
      modelLine,
      'targets:',
      '  - { id: a, variable: capital, year: 2030, at_least: 1, about: roughly }',
      '  - { id: b, variable: capital, year: 2030, at_least: 1, about: -0.5 }',
      "  - { id: c, variable: capital, year: 2030, at_least: 1, about: '%' }",
    );
    expect(problems({ [scenarioFile]: text })).toEqual([
      errorAt(text, 3, 'roughly', 'targets[0].about', messages.targetAboutUnreadable("the text 'roughly'")),
      errorAt(text, 4, '-0.5', 'targets[1].about', messages.targetAboutUnreadable('number -0.5')),
      errorAt(text, 5, "'%'", 'targets[2].about', messages.targetAboutUnreadable("the text '%'")),
    ]);
  });

  test('loadScenario() reports an annual policy with a gap or a point that is not a whole year, at the point after it', () => {
    const text = lines(
      modelLine,
      'policies:',
      '  growth: { interpolate: annual, points: { 2024: 0.05, 2025: 0.04, 2028: 0.03, 2029: 0.03 } }',
      '  share: { interpolate: annual, points: { 2024: 0.3, 2024.5: 0.4 } }',
    );
    expect(problems({ [scenarioFile]: text })).toEqual([
      errorAt(text, 3, '0.03', 'policies.growth.points.2028', messages.annualPathGap('growth', 2026, 2027, 2025, 2028)),
      errorAt(text, 4, '0.4', 'policies.share.points.2024.5', messages.annualPathYear('share', 2024.5)),
    ]);
  });

  test('loadScenario() requires interpolate: annual for a parameter the model declares annual', () => {
    const model = smallModel.replace(
      '  growth: { value: 0.05, min: 0, max: 0.1 }',
      '  growth: { value: 0.05, min: 0, max: 0.1, annual: true }',
    );
    const text = lines(modelLine, 'policies:', '  growth: { interpolate: step, points: { 2024: 0.05, 2026: 0.03 } }');
    expect(problems({ [scenarioFile]: text, [smallModelFile]: model })).toEqual([
      errorAt(text, 3, 'growth', 'policies.growth', messages.annualPathRequired('growth', 'step')),
    ]);
    const annual = lines(
      modelLine,
      'policies:',
      '  growth: { interpolate: annual, points: { 2024: 0.05, 2025: 0.03 } }',
    );
    expect(loaded({ [scenarioFile]: annual, [smallModelFile]: model }).policies[0]?.interpolate).toBe('annual');
  });

  test('loadScenario() reports a target id used twice in one file', () => {
    const text = lines(
      modelLine,
      'targets:',
      '  - { id: a, variable: capital, year: 2030, at_least: 1 }',
      '  - { id: a, variable: debt, year: 2030, at_most: 2 }',
    );
    expect(problems({ [scenarioFile]: text })).toEqual([
      errorAt(text, 4, 'a,', 'targets[1].id', messages.duplicateTargetId('a', 3)),
    ]);
  });

  test('loadScenario() reports target variables and outputs that are not stocks, flows or auxiliaries', () => {
    const text = lines(
      modelLine,
      'targets:',
      '  - { id: a, variable: captal, year: 2030, at_least: 1 }',
      '  - { id: b, variable: growth, year: 2030, at_least: 1 }',
      'outputs: [investment, rattio, response]',
    );
    expect(problems({ [scenarioFile]: text })).toEqual([
      errorAt(text, 3, 'captal', 'targets[0].variable', messages.unknownOutput('captal', 'capital')),
      errorAt(text, 4, 'growth', 'targets[1].variable', messages.notAVariable('growth', 'parameter')),
      errorAt(text, 5, 'rattio', 'outputs[1]', messages.unknownOutput('rattio', 'ratio')),
      errorAt(text, 5, 'response', 'outputs[2]', messages.notAVariable('response', 'lookup')),
    ]);
  });

  test('loadScenario() reports a target year that is not a saved time, and accepts one within rounding', () => {
    const text = lines(
      modelLine,
      'targets:',
      '  - { id: a, variable: capital, year: 2025, at_least: 1 }',
      '  - { id: b, variable: capital, year: 2032, at_least: 1 }',
      '  - { id: c, variable: capital, year: 2018, at_least: 1 }',
      '  - { id: d, variable: capital, year: 2026.0000000001, at_least: 1 }',
    );
    expect(problems({ [scenarioFile]: text })).toEqual([
      errorAt(text, 3, '2025', 'targets[0].year', messages.yearNotSaved(2025, 2020, 2, 2030)),
      errorAt(text, 4, '2032', 'targets[1].year', messages.yearNotSaved(2032, 2020, 2, 2030)),
      errorAt(text, 5, '2018', 'targets[2].year', messages.yearNotSaved(2018, 2020, 2, 2030)),
    ]);
  });

  test('loadScenario() checks the names and years of entries it could not read whole, too', () => {
    const text = lines(
      modelLine,
      'set: { grwth: fast }',
      'policies:',
      '  shre: { interpolate: lineer, points: { 2020: 0.2 } }',
      'uncertainty: { parameters: { capital: 3 } }',
      'targets:',
      '  - { id: a, variable: captal, year: 2025 }',
      '  - { id: b, variable: debt, year: 2030, at_most: 1 }',
      '  - { id: b, variable: growth, year: 2021, at_most: 1 }',
    );
    const distributionExpected = 'a distribution such as { dist: normal, mean: 0.05, sd: 0.01 }';
    expect(problems({ [scenarioFile]: text })).toEqual([
      errorAt(text, 2, 'fast', 'set.grwth', messages.wrongType('a number', "the text 'fast'")),
      errorAt(
        text,
        4,
        'lineer',
        'policies.shre.interpolate',
        messages.notOneOf('interpolate', ['step', 'linear', 'annual'], "the text 'lineer'", 'linear'),
      ),
      errorAt(text, 5, '3', 'uncertainty.parameters.capital', messages.wrongType(distributionExpected, 'number 3')),
      errorAt(text, 7, '{', 'targets[0]', messages.targetBound(false)),
      errorAt(text, 9, 'b,', 'targets[2].id', messages.duplicateTargetId('b', 8)),
      errorAt(text, 2, 'grwth', 'set.grwth', messages.unknownParameter('grwth', 'growth')),
      errorAt(text, 4, 'shre', 'policies.shre', messages.unknownParameter('shre', 'share')),
      errorAt(text, 5, 'capital', 'uncertainty.parameters.capital', messages.notAParameter('capital', 'stock')),
      errorAt(text, 7, 'captal', 'targets[0].variable', messages.unknownOutput('captal', 'capital')),
      errorAt(text, 9, 'growth', 'targets[2].variable', messages.notAVariable('growth', 'parameter')),
      errorAt(text, 7, '2025', 'targets[0].year', messages.yearNotSaved(2025, 2020, 2, 2030)),
      errorAt(text, 9, '2021', 'targets[2].year', messages.yearNotSaved(2021, 2020, 2, 2030)),
    ]);
  });

  test('loadScenario() reports every problem of every file in the chain together, each in its own file', () => {
    const parentFile = 'scenarios/parent.yaml';
    const parent = lines(modelLine, 'set: { growht: 0.05 }', 'uncertainty: { runs: -1 }');
    const child = lines('extends: parent.yaml', 'set: { share: 0 }', 'outputs: [capitl]');
    expect(problems({ [scenarioFile]: child, [parentFile]: parent })).toEqual([
      error(parentFile, 3, columnOf(parent, 3, '-1'), 'uncertainty.runs', messages.invalidRunCount('number -1')),
      error(parentFile, 2, columnOf(parent, 2, 'growht'), 'set.growht', messages.unknownParameter('growht', 'growth')),
      errorAt(child, 2, '0 }', 'set.share', messages.parameterOutOfRange('share', 0, 0.1, undefined)),
      errorAt(child, 3, 'capitl', 'outputs[0]', messages.unknownOutput('capitl', 'capital')),
    ]);
  });
});

describe('loadScenario() hashes', () => {
  const chainFiles: Readonly<Record<string, string>> = {
    [scenarioFile]: lines('extends: middle.yaml', 'set: { growth: 0.07 }'),
    'scenarios/middle.yaml': lines('extends: base.yaml', 'set: { share: 0.2 }'),
    'scenarios/base.yaml': lines(modelLine, 'uncertainty: { runs: 10 }'),
  };
  const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

  test('loadScenario() gives the sha256 of the model text and the same hashes on every load', () => {
    const first = loaded(chainFiles);
    const second = loaded(chainFiles);
    expect(first.modelHash).toBe(sha256(smallModel));
    expect(first.scenarioHash).toMatch(/^[0-9a-f]{64}$/);
    expect(second.scenarioHash).toBe(first.scenarioHash);
    expect(second.modelHash).toBe(first.modelHash);
  });

  test('loadScenario() changes scenarioHash when any one chain file changes by one character', () => {
    const original = loaded(chainFiles);
    for (const path of Object.keys(chainFiles)) {
      const text = chainFiles[path] ?? '';
      const changed = loaded({ ...chainFiles, [path]: text.replace(/\n$/, ' \n') });
      expect(changed.scenarioHash, path).not.toBe(original.scenarioHash);
      expect(changed.modelHash).toBe(original.modelHash);
    }
    const modelChanged = loaded({ ...chainFiles, [smallModelFile]: smallModel.replace('value: 0.3', 'value: 0.4') });
    expect(modelChanged.modelHash).not.toBe(original.modelHash);
    expect(modelChanged.scenarioHash).toBe(original.scenarioHash);
  });
});

describe('loadScenario() misuse', () => {
  test('loadScenario() throws a TypeError when called without a file or an io', () => {
    const io = memoryIo({});
    expect(() => loadScenario('', io)).toThrow(new TypeError('loadScenario: file must be a non-empty path'));
    expect(() => loadScenario('s.yaml', {} as ScenarioIo)).toThrow(
      new TypeError('loadScenario: io.readText must be a function'),
    );
  });
});
