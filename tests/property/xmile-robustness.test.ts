import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/compile/compile-model.js';
import { readXmile } from '../../src/model/read-xmile.js';
import { simulate } from '../../src/runtime/simulate.js';
import { propertyRuns, propertySeed } from './property-config.js';

const suite = new URL('../golden/fixtures/conformance/xmile/', import.meta.url).pathname;
const texts = readdirSync(suite).flatMap((folder) =>
  readdirSync(join(suite, folder))
    .filter((file) => file.endsWith('.xmile'))
    .map((file) => readFileSync(join(suite, folder, file), 'utf8')),
);

/** A conformance file with one piece cut out, or random text put in, somewhere. */
const mutatedFile = fc
  .tuple(
    fc.constantFrom(...texts),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.integer({ min: 0, max: 40 }),
    fc.string({
      maxLength: 12,
      unit: fc.constantFrom('<', '>', '/', '"', '(', ')', 'a', '1', ' ', '=', '&', 'IF ', ',', '^', '-', '\n'),
    }),
  )
  .map(([text, where, cut, insert]) => {
    const at = Math.floor(where * text.length);
    return text.slice(0, at) + insert + text.slice(at + cut);
  });

describe('readXmile() on damaged files', () => {
  it(`returns diagnostics or a model that compiles or reports, never throws (seed ${propertySeed})`, () => {
    fc.assert(
      fc.property(mutatedFile, (text) => {
        const read = readXmile(text, 'fuzz.xmile');
        if (!read.ok) {
          expect(read.diagnostics.length).toBeGreaterThan(0);
          for (const diagnostic of read.diagnostics) expect(diagnostic.line).toBeGreaterThanOrEqual(1);
          return;
        }
        const compiled = compileModel(read.value);
        if (compiled.ok) simulate(compiled.value);
      }),
      { seed: propertySeed, numRuns: propertyRuns(300) },
    );
  });
});

const xmileToken = fc.constantFrom(
  'IF',
  'THEN',
  'ELSE',
  'AND',
  'or',
  'NOT',
  'MOD',
  '(',
  ')',
  ',',
  '+',
  '-',
  '*',
  '/',
  '^',
  '=',
  '<>',
  '&lt;',
  '&gt;=',
  '1',
  '2.5',
  'x',
  'y_z',
  '"y z"',
  'TIME',
  'PI',
  'MAX',
  'SMTH1',
  'DELAY',
  'INIT',
  'PULSE',
  'table',
  '{c}',
  '[',
  '.',
);

describe('readXmile() on random equations', () => {
  it(`translates or reports any token sequence, and what it accepts compiles or reports (seed ${propertySeed})`, () => {
    fc.assert(
      fc.property(fc.array(xmileToken, { minLength: 1, maxLength: 14 }), (tokens) => {
        const text = `<xmile><sim_specs><start>0</start><stop>3</stop><dt>1</dt></sim_specs><model><variables>
<aux name="x"><eqn>2</eqn></aux><aux name="y z"><eqn>TIME</eqn></aux>
<gf name="table"><xpts>0,1</xpts><ypts>0,1</ypts></gf>
<aux name="out"><eqn>${tokens.join(' ')}</eqn></aux></variables></model></xmile>`;
        const read = readXmile(text, 'fuzz.xmile');
        if (!read.ok) {
          expect(read.diagnostics[0]?.line).toBeGreaterThanOrEqual(1);
          return;
        }
        const compiled = compileModel(read.value);
        if (compiled.ok) simulate(compiled.value);
      }),
      { seed: propertySeed, numRuns: propertyRuns(500) },
    );
  });
});
