import { describe, expect, it } from 'vitest';
import { readGraphicalFunction } from '../../../../src/model/internal/read-graphical-function.js';
import { parseXmlTree } from '../../../../src/model/internal/xml-tree.js';
import { XmileReader } from '../../../../src/model/internal/xmile-reader.js';

const read = (xml: string): { points: { xs: number[]; ys: number[] } | undefined; problems: string[] } => {
  const parsed = parseXmlTree(xml, 'm.xmile');
  if (!parsed.ok) throw new Error('bad XML');
  const reader = new XmileReader('m.xmile');
  const points = readGraphicalFunction(reader, parsed.value.root, "aux 'effect'", 'lookups.effect');
  return { points, problems: reader.diagnostics.map((diagnostic) => diagnostic.message) };
};

describe('readGraphicalFunction()', () => {
  it('reads x and y points', () => {
    expect(read('<gf><xpts>0,1,3</xpts><ypts>0.6, 1, 1.3</ypts></gf>')).toEqual({
      points: { xs: [0, 1, 3], ys: [0.6, 1, 1.3] },
      problems: [],
    });
  });

  it('spreads the y values evenly over xscale when there are no xpts, and honours sep', () => {
    expect(read('<gf><xscale min="0" max="10"/><ypts sep=";">1;2;3</ypts></gf>').points).toEqual({
      xs: [0, 5, 10],
      ys: [1, 2, 3],
    });
  });

  it('refuses discrete and extrapolating graphical functions, which Kechuang does not run', () => {
    expect(read('<gf type="discrete"><xpts>0,1</xpts><ypts>0,1</ypts></gf>').problems[0]).toContain(
      "a graphical function of type 'discrete'",
    );
    expect(read('<gf type="extrapolate"><xpts>0,1</xpts><ypts>0,1</ypts></gf>').problems[0]).toContain(
      "type 'extrapolate'",
    );
  });

  it('reports missing y values, missing x values, counts that differ, text among numbers and x that do not increase', () => {
    expect(read('<gf><xpts>0,1</xpts></gf>').problems).toEqual([
      "'ypts' is required: the y values of the graphical function",
    ]);
    expect(read('<gf><ypts>0,1</ypts></gf>').problems[0]).toContain("'xpts' is required");
    expect(read('<gf><xpts>0,1,2</xpts><ypts>0,1</ypts></gf>').problems).toEqual([
      'the graphical function has 3 x values and 2 y values',
    ]);
    expect(read('<gf><xpts>0,a</xpts><ypts>0,1</ypts></gf>').problems).toEqual([
      "expected numbers separated by ',' in <xpts>, found 'a'",
    ]);
    const [problem] = read('<gf><xpts>0,2,2</xpts><ypts>0,1,2</ypts></gf>').problems;
    expect(problem).toMatch(/2/);
    expect(read('<gf><xpts>0,2,2</xpts><ypts>0,1,2</ypts></gf>').points).toBeUndefined();
  });
});
