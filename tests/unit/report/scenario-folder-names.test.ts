import { describe, expect, it } from 'vitest';
import { folderSlug, scenarioFolderNames } from '../../../src/report/scenario-folder-names.js';

describe('folderSlug()', () => {
  it('never gives a path, an empty name, a hidden folder or a device name (issue 21, problem 4)', () => {
    expect(folderSlug('../../escaped')).toBe('escaped');
    expect(folderSlug('a/b\\c')).toBe('a-b-c');
    expect(folderSlug('')).toBe('scenario');
    expect(folderSlug('.')).toBe('scenario');
    expect(folderSlug('..')).toBe('scenario');
    expect(folderSlug('.hidden')).toBe('hidden');
    expect(folderSlug('con')).toBe('con-scenario');
    expect(folderSlug('NUL.txt')).toBe('NUL.txt-scenario');
    expect(folderSlug('bell\u0007 and\ttab')).toBe('bell-and-tab');
    expect(folderSlug('x'.repeat(300))).toHaveLength(64);
  });

  it('keeps names that are folder names already, in any script', () => {
    for (const name of ['baseline', 'accelerated-funding', 'v1.2_final', '科创加速', 'Basic_Research']) {
      expect(folderSlug(name)).toBe(name);
    }
  });
});

describe('scenarioFolderNames()', () => {
  it('gives repeated names (ignoring case) -2, -3 in scenario order, and says which were renamed', () => {
    expect(scenarioFolderNames(['base', 'base', 'Base', '../base', 'other'])).toEqual([
      { folder: 'base', renamed: false },
      { folder: 'base-2', renamed: true },
      { folder: 'Base-3', renamed: true },
      { folder: 'base-4', renamed: true },
      { folder: 'other', renamed: false },
    ]);
  });
});
