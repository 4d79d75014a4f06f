import type { RowWindow } from './shard-wire.js';

/** A message of results carries at most this many bytes; a larger shard's results go in several. */
export const blockBytes = 4 * 1024 * 1024;

/**
 * Rows `window` of every column of a column-major buffer (`window.count` rows per column of
 * `elementBytes`), column after column, cut into blocks of at most `maxBytes` (whole elements).
 */
export function gatherBlocks(
  buffer: SharedArrayBuffer,
  window: RowWindow,
  elementBytes: number,
  maxBytes = blockBytes,
): Buffer[] {
  const columnBytes = window.count * elementBytes;
  const columnCount = columnBytes === 0 ? 0 : buffer.byteLength / columnBytes;
  const rowBytes = (window.end - window.first) * elementBytes;
  const all = Buffer.allocUnsafe(columnCount * rowBytes);
  const source = new Uint8Array(buffer);
  for (let column = 0; column < columnCount; column++) {
    const start = column * columnBytes + window.first * elementBytes;
    all.set(source.subarray(start, start + rowBytes), column * rowBytes);
  }
  return splitBlocks(all, elementBytes, maxBytes);
}

/** Bytes cut into blocks of at most `maxBytes`, each whole elements of `elementBytes` (views, not copies). */
export function splitBlocks(bytes: Buffer, elementBytes: number, maxBytes = blockBytes): Buffer[] {
  const step = Math.max(elementBytes, maxBytes - (maxBytes % elementBytes));
  const blocks: Buffer[] = [];
  for (let offset = 0; offset < bytes.byteLength; offset += step) blocks.push(bytes.subarray(offset, offset + step));
  return blocks;
}

/**
 * Write a block made by `gatherBlocks` back: `block` starts `offset` bytes into the gathered stream,
 * whose column `c` holds rows `window` of the buffer's column `c`.
 */
export function scatterBlock(
  buffer: SharedArrayBuffer,
  window: RowWindow,
  elementBytes: number,
  offset: number,
  block: Uint8Array,
): void {
  const columnBytes = window.count * elementBytes;
  const rowBytes = (window.end - window.first) * elementBytes;
  const target = new Uint8Array(buffer);
  if (rowBytes === 0) return;
  let position = offset;
  let read = 0;
  while (read < block.byteLength) {
    const column = Math.floor(position / rowBytes);
    const within = position - column * rowBytes;
    const length = Math.min(rowBytes - within, block.byteLength - read);
    const start = column * columnBytes + window.first * elementBytes + within;
    if (start + length > buffer.byteLength) throw new RangeError('a result block reaches past the buffer');
    target.set(block.subarray(read, read + length), start);
    position += length;
    read += length;
  }
}
