import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/compile/compile-model.js';
import { formatModelYaml } from '../../src/model/format-model-yaml.js';
import { readModel } from '../../src/model/read-model.js';
import { readModelText } from '../../src/model/read-model-text.js';
import type { ModelSpec } from '../../src/model/model-spec.js';
import { simulate, type SimulationResult } from '../../src/runtime/simulate.js';
import { compareWithConformance, readConformanceOutput, vensimOnlyColumns } from '../helpers/conformance-output.js';

const suite = new URL('./fixtures/conformance/xmile/', import.meta.url).pathname;
const folders = readdirSync(suite, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const cases = folders.flatMap((folder) => {
  const files = readdirSync(join(suite, folder));
  const output = files.find((file) => /^output\.(csv|tab)$/.test(file));
  return files
    .filter((file) => file.endsWith('.xmile'))
    .map((file) => ({ folder, file, output: output === undefined ? undefined : join(suite, folder, output) }));
});

function run(model: ModelSpec, outputs?: readonly string[]): SimulationResult {
  const compiled = compileModel(model, outputs === undefined ? {} : { outputs });
  if (!compiled.ok) throw new Error(`${model.file} does not compile: ${JSON.stringify(compiled.diagnostics, null, 2)}`);
  return simulate(compiled.value);
}

function readXmileCase(path: string): ModelSpec {
  const read = readModelText(readFileSync(path, 'utf8'), path);
  if (!read.ok) throw new Error(`${path} does not load: ${JSON.stringify(read.diagnostics, null, 2)}`);
  return read.value;
}

const passed: string[] = [];

describe('XMILE conformance suite (tests/golden/fixtures/conformance, a copy of SDXorg test-models)', () => {
  for (const { folder, file, output } of cases) {
    it(`readXmile() and compileModel() reproduce ${folder}/${file}`, () => {
      expect(output, `${folder} has no output.csv or output.tab`).toBeDefined();
      const model = readXmileCase(join(suite, folder, file));
      // The README's one documented exception: smooth_and_stock's Vensim-only columns have no XMILE variable.
      const problems = compareWithConformance(
        readConformanceOutput(output!),
        model,
        run(model),
        vensimOnlyColumns[folder] ?? [],
      );
      expect(problems).toEqual([]);
      passed.push(`${folder}/${file}`);
    });

    it(`compileModel() of ${folder}/${file} gives the reference interpreter's numbers bit for bit without reciprocal hoisting`, () => {
      const model = readXmileCase(join(suite, folder, file));
      const generated = compileModel(model, { hoistReciprocals: false });
      const interpreted = compileModel(model, { interpret: true });
      if (!generated.ok || !interpreted.ok) throw new Error('does not compile');
      expect(Array.from(simulate(generated.value).values)).toEqual(Array.from(simulate(interpreted.value).values));
    });

    it(`formatModelYaml() of ${folder}/${file} runs to identical numbers`, () => {
      const model = readXmileCase(join(suite, folder, file));
      const yaml = formatModelYaml(model);
      const reread = readModel(yaml, `${file}.yaml`);
      if (!reread.ok)
        throw new Error(`converted YAML does not load: ${JSON.stringify(reread.diagnostics, null, 2)}\n${yaml}`);
      const converted = run(reread.value);
      // Constants stay parameters in YAML, which runs do not save; compare them as parameters instead.
      const original = run(model, converted.outputNames);
      expect(Array.from(converted.values)).toEqual(Array.from(original.values));
      expect(reread.value.parameters.map((parameter) => [parameter.name, parameter.value])).toEqual(
        model.parameters.map((parameter) => [parameter.name, parameter.value]),
      );
      expect(converted.outputNames.length + reread.value.parameters.length).toBe(
        model.stocks.length + model.flows.length + model.auxiliaries.length + model.parameters.length,
      );
    });
  }

  // Runs last (tests in a file run in order): prints the pass count over the whole folder.
  it('passes every model file of the suite, and prints the count', () => {
    console.log(
      `XMILE conformance: ${passed.length} of ${cases.length} model files pass, in ${folders.length} folders`,
    );
    expect(cases.length).toBeGreaterThanOrEqual(29);
    expect(passed.length).toBe(cases.length);
  });
});
