import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { hashScenarioChain, hashText } from '../../../src/scenario/hash-scenario.js';

describe('hashScenarioChain()', () => {
  test('hashScenarioChain() tells apart chains whose texts join to the same string', () => {
    expect(hashScenarioChain(['ab', 'c'])).not.toBe(hashScenarioChain(['a', 'bc']));
    expect(hashScenarioChain(['abc'])).not.toBe(hashScenarioChain(['abc', '']));
  });

  test('hashScenarioChain() depends on the order of the files', () => {
    expect(hashScenarioChain(['a', 'b'])).not.toBe(hashScenarioChain(['b', 'a']));
  });

  test('hashScenarioChain() leads each text with its length in UTF-8 bytes', () => {
    const expected = createHash('sha256').update('3\n科').update('1\nx').digest('hex');
    expect(hashScenarioChain(['科', 'x'])).toBe(expected);
  });
});

describe('hashText()', () => {
  test('hashText() is the sha256 of the UTF-8 text in lowercase hex', () => {
    expect(hashText('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
