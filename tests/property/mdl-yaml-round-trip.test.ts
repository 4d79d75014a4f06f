import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/compile/compile-model.js';
import { formatModelYaml } from '../../src/model/format-model-yaml.js';
import type { ModelSpec } from '../../src/model/model-spec.js';
import { readModel } from '../../src/model/read-model.js';
import { readModelText } from '../../src/model/read-model-text.js';
import { simulate, type SimulationResult } from '../../src/runtime/simulate.js';

/**
 * `.mdl` -> `convert --to yaml` -> run equals `.mdl` -> run, bit for bit, for every Vensim file of the
 * SDXorg fixtures that Kechuang reads and compiles: the YAML a user gets from convert is the same model.
 */
const suite = new URL('../golden/fixtures/sdxorg/', import.meta.url).pathname;
const files = ['tests', 'samples'].flatMap((group) =>
  readdirSync(join(suite, group), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((folder) =>
      readdirSync(join(suite, group, folder.name))
        .filter((file) => file.endsWith('.mdl'))
        .map((file) => join(group, folder.name, file)),
    ),
);

function run(model: ModelSpec): SimulationResult | undefined {
  const compiled = compileModel(model);
  return compiled.ok ? simulate(compiled.value) : undefined;
}

describe('.mdl -> YAML -> run equals .mdl -> run, bit for bit', () => {
  const compared: string[] = [];
  for (const file of files) {
    it(file, () => {
      const path = join(suite, file);
      const direct = readModelText(readFileSync(path, 'utf8'), path);
      if (!direct.ok) return;
      const expected = run(direct.value);
      if (expected === undefined) return;
      const yaml = formatModelYaml(direct.value);
      const converted = readModel(yaml, path.replace(/\.mdl$/, '.yaml'));
      expect(converted.ok ? [] : converted.diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual([]);
      if (!converted.ok) return;
      const actual = run(converted.value);
      expect(actual).toBeDefined();
      expect(actual!.outputNames).toEqual(expected.outputNames);
      expect(Buffer.from(actual!.times.buffer).equals(Buffer.from(expected.times.buffer))).toBe(true);
      const same = Buffer.from(actual!.values.buffer).equals(Buffer.from(expected.values.buffer));
      expect(same, `values differ for ${file}`).toBe(true);
      compared.push(file);
    });
  }
  it('compares every file that reads and runs (95 today)', () => {
    console.log(`.mdl -> YAML -> run: ${compared.length} of ${files.length} files compared, all bit for bit`);
    expect(compared.length).toBeGreaterThanOrEqual(95);
  });
});
