import fc from 'fast-check';
import { expect, test } from 'vitest';
import { compileModel } from '../../src/compile/compile-model.js';
import { readModel } from '../../src/model/read-model.js';
import { compileOrThrow, randomModelArbitrary, readModelFile } from '../helpers/model-builders.js';
import { propertyRuns, propertySeed } from './property-config.js';

/**
 * What the generator may write: identifiers, numbers, operators and punctuation. No quotes (but the one
 * "use strict"), no template literals, no comments: so no text from a model file can reach the code.
 */
const generatedAlphabet = /^[A-Za-z0-9_$\s.,;:(){}[\]=+\-*/<>!?&|%]*$/;

test(`compileModel() emits only identifiers, numbers and operators for random models (seed ${propertySeed})`, () => {
  fc.assert(
    fc.property(randomModelArbitrary(), (file) => {
      const compiled = compileOrThrow(readModelFile(file));
      const body = compiled.source.replace('"use strict";', '');
      expect(body).toMatch(generatedAlphabet);
      expect(body).not.toMatch(/\/\/|\/\*/);
    }),
    { seed: propertySeed, numRuns: propertyRuns(100) },
  );
});

test('compileModel() keeps hostile names and equation text out of the generated code', () => {
  const text = [
    'name: "x\\"); process.exit(1); (\\""',
    'time: { start: 0, stop: 1, dt: 0.5 }',
    'parameters:',
    '  __proto__: 3',
    '  constructor: 2',
    'auxiliaries:',
    '  a: __proto__ + constructor',
    '  b: { equation: "a", doc: "*/ process.exit(1) /*" }',
  ].join('\n');
  const read = readModel(text, 'hostile.yaml');
  if (!read.ok) throw new Error(JSON.stringify(read.diagnostics));
  const compiled = compileModel(read.value);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  expect(compiled.value.source).not.toContain('process');
  expect(compiled.value.source.replace('"use strict";', '')).toMatch(generatedAlphabet);
});

test('readModel() rejects an equation that tries to smuggle code in', () => {
  const read = readModel(
    ['name: m', 'time: { start: 0, stop: 1, dt: 0.5 }', 'auxiliaries:', '  a: "1); process.exit(1); (1"'].join('\n'),
    'smuggle.yaml',
  );
  expect(read.ok).toBe(false);
});
