import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectNoStackTrace, runInProcess } from '../../helpers/run-cli-in-process.js';

/** `kechuang validate` run in-process through `runCli`. */

const scratch = mkdtempSync(join(tmpdir(), 'kechuang-validate-'));
const writeFile = (name: string, text: string): string => {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
};
const xmileSuite = new URL('../../golden/fixtures/conformance/xmile/', import.meta.url).pathname;

describe('kechuang validate on models', () => {
  it('exits 0 and says ok for every clean model', async () => {
    const run = await runInProcess([
      'validate',
      'models/reference.yaml',
      'models/examples/population.yaml',
      'models/examples/smooth-delay.yaml',
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.match(/^ok /gm)).toHaveLength(3);
  });

  it('exits 2 and prints file:line:column, code and field for a bad model', async () => {
    const path = writeFile(
      'bad.yaml',
      [
        'name: bad',
        'time: { start: 0, stop: 10, dt: 1 }',
        'stocks:',
        '  s: { initial: 1, inflows: [f] }',
        'flows:',
        '  f: { equation: s * rate }',
        '',
      ].join('\n'),
    );
    const run = await runInProcess(['validate', path]);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain(
      `${path}:6:22: error [unknown-variable] flows.f.equation: 'rate' is not defined in this model`,
    );
    expectNoStackTrace(run.stderr);
  });

  it('points at the line and field of a problem in a JSON model', async () => {
    const path = writeFile(
      'bad.json',
      '{\n  "name": "bad",\n  "time": { "start": 0, "stop": 2, "dt": 1 },\n  "auxiliaries": { "a": "b * 2" }\n}\n',
    );
    const run = await runInProcess(['validate', path]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      `${path}:4:26: error [unknown-variable] auxiliaries.a.equation: 'b' is not defined in this model`,
    );
  });

  it('reports every file, and fails when any is bad', async () => {
    const path = writeFile('broken.yaml', 'name: [\n');
    const run = await runInProcess(['validate', 'models/examples/population.yaml', path]);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stdout).toContain('ok models/examples/population.yaml');
    expect(run.stderr).toContain(`${path}:`);
    expectNoStackTrace(run.stderr);
  });

  it.each([
    ['a directory', (): string => scratch, 'it is a directory, not a file'],
    ['a binary file', (): string => writeFile('binary.yaml', '\u0000\u0001\u0002binary'), 'it holds binary data'],
    ['an empty file', (): string => writeFile('empty.yaml', ''), 'found an empty file'],
    ['a list', (): string => writeFile('list.yaml', '- a\n- b\n'), 'found a list'],
  ])('exits 2 naming the file for %s', async (_, makePath, expected) => {
    const path = makePath();
    const run = await runInProcess(['validate', path]);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain(`${path}:1:1: error`);
    expect(run.stderr).toContain(expected);
    expectNoStackTrace(run.stderr);
  });
});

describe('kechuang validate on scenarios', () => {
  it('checks scenarios and models side by side', async () => {
    const population = 'tests/fixtures/run/population-mc.yaml';
    const example = 'bench/reference-mc100k.yaml';
    const run = await runInProcess(['validate', population, example, 'models/reference.yaml']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      `ok ${population}: scenario on model population, 2 uncertain inputs, 1 target, 3000 runs`,
    );
    expect(run.stdout).toContain(
      `ok ${example}: scenario on model beijing_ref, 10 uncertain inputs, 2 targets, 100000 runs`,
    );
  });

  it('accepts every Beijing scenario file and the model', async () => {
    const names = [
      'baseline',
      'accelerated-funding',
      'constrained-funding',
      'enterprise-led',
      'talent-first',
      'basic-research-push',
    ];
    const run = await runInProcess([
      'validate',
      'models/beijing-innovation.yaml',
      ...names.map((name) => `scenarios/${name}.yaml`),
    ]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    for (const name of names)
      expect(run.stdout).toContain(`ok scenarios/${name}.yaml: scenario on model beijing-innovation`);
  });

  it('reports a start that leaves stop - start not a whole number of saves at the scenario field', async () => {
    const file = writeFile(
      'half-year.yaml',
      `name: half-year\nextends: ${join(process.cwd(), 'scenarios/baseline.yaml')}\ntime: { start: 2023.5 }\n`,
    );
    const run = await runInProcess(['validate', file]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      `${file}:3:16: error [invalid-time] time.start: stop - start = 6.5 is not a whole multiple of save_every = 1`,
    );
  });
});

describe('kechuang validate on XMILE models', () => {
  it('reports an unsupported construct with the file, line and element', async () => {
    const path = writeFile(
      'conveyor.xmile',
      '<xmile xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0">\n<sim_specs><start>0</start><stop>1</stop><dt>1</dt></sim_specs>\n<model><variables>\n<stock name="Pipe">\n<conveyor><len>2</len></conveyor>\n<eqn>1</eqn></stock>\n</variables></model></xmile>\n',
    );
    const run = await runInProcess(['validate', path]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${path}:5:1: error [unsupported-xmile]`);
    expect(run.stderr).toContain("stock 'Pipe' uses conveyors, which Kechuang does not support yet");
    expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('accepts every model of the conformance suite', async () => {
    const files = readdirSync(xmileSuite).flatMap((folder) =>
      readdirSync(join(xmileSuite, folder))
        .filter((file) => file.endsWith('.xmile'))
        .map((file) => join(xmileSuite, folder, file)),
    );
    const run = await runInProcess(['validate', ...files]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(files.length);
  });
});
