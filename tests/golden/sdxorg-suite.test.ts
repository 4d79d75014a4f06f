import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/compile/compile-model.js';
import { readModelText } from '../../src/model/read-model-text.js';
import { simulate } from '../../src/runtime/simulate.js';
import { compareWithConformance, readConformanceOutput, vensimOnlyColumns } from '../helpers/conformance-output.js';

/**
 * Every XMILE and Stella file of the SDXorg test-models suite (commit 21aab02) whose folder has a
 * reference output, copied to fixtures/sdxorg with the suite's licence. Each file either matches its
 * output within the suite's tolerance, or is listed here with the reason it cannot (docs/vensim.md
 * gives the same list): a listed file that starts to pass, or an unlisted one that fails, fails the test.
 */
const knownFailures: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    [
      'tests/macro_expression/test_macro_expression',
      'tests/macro_multi_expression/test_macro_multi_expression',
      'tests/macro_multi_macros/test_macro_multi_macros',
      'tests/macro_stock/test_macro_stock',
    ].flatMap((base) =>
      ['xmile', 'stmx'].map((extension) => [
        `${base}.${extension}`,
        'xmutil left the Vensim macro out of the file: the equation calls a macro the file does not define',
      ]),
    ),
  ),
  ...Object.fromEntries(
    [
      'tests/subscript_1d_arrays/test_subscript_1d_arrays',
      'tests/subscript_constant_call/test_subscript_constant_call',
      'tests/subscript_mixed_assembly/test_subscript_mixed_assembly',
      'tests/subscript_multiples/test_multiple_subscripts',
      'tests/subscript_subranges/test_subscript_subrange',
      'tests/subscript_subranges_equal/test_subscript_subrange_equal',
      'tests/subscript_updimensioning/test_subscript_updimensioning',
      'tests/subscripted_flows/test_subscripted_flows',
    ].flatMap((base) =>
      ['xmile', 'stmx'].map((extension) => [
        `${base}.${extension}`,
        "xmutil wrote '???' for equations it could not convert (lists of constants; also subranges it dropped)",
      ]),
    ),
  ),
  'tests/active_initial/test_active_initial.xmile':
    'xmutil dropped ACTIVE INITIAL, so the file starts Stock A at Time (0); Stella gives the same 0 (output_stella.csv); the reference is Vensim run on the .mdl (45)',
  'tests/active_initial/test_active_initial.stmx':
    'as test_active_initial.xmile: the ACTIVE INITIAL of the .mdl is not in the file',
  'tests/zeroled_decimals/test_zeroled_decimals.xmile':
    'the file says method="RK4" (Vensim\'s XMILE export); the reference is Vensim\'s Euler run of the .mdl',
};

const suite = new URL('./fixtures/sdxorg/', import.meta.url).pathname;
const cases = ['tests', 'samples'].flatMap((group) =>
  readdirSync(join(suite, group), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((folder) => {
      const files = readdirSync(join(suite, group, folder.name));
      const output = files.find((file) => /^output\.(csv|tab)$/.test(file))!;
      return files
        .filter((file) => /\.(xmile|stmx|itmx)$/.test(file))
        .sort()
        .map((file) => ({
          key: `${group}/${folder.name}/${file}`,
          folder: folder.name,
          path: join(suite, group, folder.name, file),
          output: join(suite, group, folder.name, output),
        }));
    }),
);

/** The problems of running one file against its reference output; empty when it matches. */
function problemsOf(testCase: (typeof cases)[number]): string[] {
  const read = readModelText(readFileSync(testCase.path, 'utf8'), testCase.path);
  if (!read.ok) return read.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}: ${d.message}`);
  const compiled = compileModel(read.value);
  if (!compiled.ok) return compiled.diagnostics.map((d) => `${d.line}: ${d.message}`);
  return compareWithConformance(
    readConformanceOutput(testCase.output),
    read.value,
    simulate(compiled.value),
    vensimOnlyColumns[testCase.folder] ?? [],
  );
}

describe('SDXorg test-models, every XMILE and Stella file with a reference output (fixtures/sdxorg)', () => {
  const passed: string[] = [];
  for (const testCase of cases) {
    const known = knownFailures[testCase.key];
    it(`${testCase.key} ${known === undefined ? 'matches its reference output' : `fails as documented: ${known}`}`, () => {
      const problems = problemsOf(testCase);
      if (known === undefined) {
        expect(problems).toEqual([]);
        passed.push(testCase.key);
      } else expect(problems).not.toEqual([]);
    });
  }

  it('prints N of M per format, and lists no failure for a file the suite does not have', () => {
    for (const extension of ['xmile', 'stmx']) {
      const total = cases.filter((testCase) => testCase.key.endsWith(`.${extension}`)).length;
      const passing = passed.filter((key) => key.endsWith(`.${extension}`)).length;
      console.log(`SDXorg ${extension}: ${passing} of ${total} pass`);
    }
    console.log(`SDXorg XMILE and Stella: ${passed.length} of ${cases.length} pass`);
    expect(cases).toHaveLength(118);
    for (const key of Object.keys(knownFailures)) expect(cases.map((testCase) => testCase.key)).toContain(key);
  });
});
