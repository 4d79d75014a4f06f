import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { looksLikeScenario } from '../../../src/scenario/looks-like-scenario.js';

const read = (path: string): string => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

describe('looksLikeScenario()', () => {
  test('looksLikeScenario() accepts the scenario fixtures, YAML and JSON', () => {
    expect(looksLikeScenario(read('tests/fixtures/scenarios/accelerated-funding.yaml'))).toBe(true);
    expect(looksLikeScenario('{"model": "m.yaml", "set": {"a": 1}}')).toBe(true);
  });

  test('looksLikeScenario() rejects models, including one with a field named model beside its stocks', () => {
    expect(looksLikeScenario(read('models/reference.yaml'))).toBe(false);
    expect(looksLikeScenario('model: x\nstocks: {}\n')).toBe(false);
  });

  test('looksLikeScenario() rejects text that is not a YAML mapping', () => {
    expect(looksLikeScenario('')).toBe(false);
    expect(looksLikeScenario('- model\n')).toBe(false);
    expect(looksLikeScenario('model: [\n')).toBe(false);
  });

  test('looksLikeScenario() accepts a scenario that only extends another, since it inherits its model', () => {
    expect(looksLikeScenario('extends: base.yaml\nset: { a: 1 }\n')).toBe(true);
    expect(looksLikeScenario('set: { a: 1 }\n')).toBe(false);
  });
});
