import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadMdlParser } from '../../../../src/model/internal/load-mdl-parser.js';
// @ts-expect-error: a plain ES module script without type declarations
import { mdlParserSource } from '../../../../scripts/build-mdl-parser.mjs';

describe('the generated .mdl parser', () => {
  it('is the one the grammar generates (run node scripts/build-mdl-parser.mjs after editing mdl.peggy)', () => {
    const grammar = readFileSync(new URL('../../../../src/model/internal/mdl.peggy', import.meta.url), 'utf8');
    const committed = readFileSync(new URL('../../../../src/model/internal/mdl-parser.cjs', import.meta.url), 'utf8');
    expect((mdlParserSource as (text: string) => string)(grammar)).toBe(committed);
  });

  it('reads names with spaces, quotes and continued lines, operators by precedence, and skips the sketch', () => {
    const file = loadMdlParser().parse(
      [
        '{UTF-8}',
        '"Quoted, name" = Stock A * 2 + -x ^ 2 :AND: b ~ Dmnl [0,1] ~ a comment |',
        'Long \\',
        '  name = IF THEN ELSE(a >= 1, 1, 0) ~~|',
        '\\\\\\---/// Sketch information',
        'anything at all',
      ].join('\n'),
    );
    expect(file.entries).toHaveLength(2);
    const [first, second] = file.entries;
    expect(first).toMatchObject({
      kind: 'equation',
      left: { name: { text: 'Quoted, name', quoted: true } },
      units: 'Dmnl [0,1]',
      comment: 'a comment',
      expression: { kind: 'binary', operator: ':and:', left: { kind: 'binary', operator: '+' } },
    });
    expect(second).toMatchObject({ left: { name: { text: 'Long name' } }, expression: { kind: 'call' } });
  });

  it('reads ranges with sequences and mappings, lookups in both forms, and lists of constants', () => {
    const file = loadMdlParser().parse(
      [
        'd: (a1-a3), b -> e ~~|',
        't( [(0,0)-(2,2)], (0,0), (2,1) ) ~~|',
        'u( 0, 1, 5, 6 ) ~~|',
        'x[d, e] = 1, 2; 3, 4; ~~|',
      ].join('\n'),
    );
    expect(file.entries.map((entry) => ('kind' in entry ? entry.kind : ''))).toEqual([
      'range',
      'lookup',
      'lookup',
      'constants',
    ]);
    expect(file.entries[3]).toMatchObject({
      rows: [
        [1, 2],
        [3, 4],
      ],
    });
  });
});
