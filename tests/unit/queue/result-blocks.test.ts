import { describe, expect, it } from 'vitest';
import { gatherBlocks, scatterBlock } from '../../../src/queue/result-blocks.js';

/** A column-major buffer of `columnCount` columns of `rowCount` doubles, each value naming its place. */
function store(rowCount: number, columnCount: number, fill: (row: number, column: number) => number) {
  const buffer = new SharedArrayBuffer(rowCount * columnCount * 8);
  const values = new Float64Array(buffer);
  for (let column = 0; column < columnCount; column++)
    for (let row = 0; row < rowCount; row++) values[column * rowCount + row] = fill(row, column);
  return buffer;
}

describe('gatherBlocks() and scatterBlock()', () => {
  it.each([
    ['whole columns per block', 4096],
    ['blocks that cut columns', 40],
    ['one double per block', 8],
  ])('carry a window of rows of every column back to its place, with %s', (_, maxBytes) => {
    const rowCount = 50;
    const columnCount = 7;
    const window = { first: 13, end: 31, count: rowCount };
    const source = store(rowCount, columnCount, (row, column) => column * 1000 + row + 0.5);
    const blocks = gatherBlocks(source, window, 8, maxBytes);
    expect(blocks.every((block) => block.byteLength <= maxBytes && block.byteLength % 8 === 0)).toBe(true);
    expect(blocks.reduce((sum, block) => sum + block.byteLength, 0)).toBe((31 - 13) * columnCount * 8);
    const target = store(rowCount, columnCount, () => -1);
    let offset = 0;
    for (const block of blocks) {
      scatterBlock(target, window, 8, offset, block);
      offset += block.byteLength;
    }
    const values = new Float64Array(target);
    for (let column = 0; column < columnCount; column++)
      for (let row = 0; row < rowCount; row++)
        expect(values[column * rowCount + row]).toBe(row >= 13 && row < 31 ? column * 1000 + row + 0.5 : -1);
  });

  it('carries the bits of NaN, infinities and -0 unchanged', () => {
    const window = { first: 0, end: 4, count: 4 };
    const source = store(4, 1, (row) => [Number.NaN, Infinity, -0, -Infinity][row]!);
    const target = store(4, 1, () => 1);
    scatterBlock(target, window, 8, 0, gatherBlocks(source, window, 8)[0]!);
    expect(Buffer.from(target).equals(Buffer.from(source))).toBe(true);
  });

  it('refuses a block that reaches past the buffer', () => {
    const window = { first: 0, end: 2, count: 2 };
    expect(() => scatterBlock(new SharedArrayBuffer(16), window, 8, 8, new Uint8Array(16))).toThrow(RangeError);
  });
});
