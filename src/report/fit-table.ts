import Table from 'cli-table3';
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';
import { compactRows } from './simulation-table.js';

/** One column of a terminal table. */
export interface TableColumn {
  head: string;
  align?: 'left' | 'right';
  /** Narrowest this column may be wrapped to (its text wraps at spaces, or anywhere); undefined: never wrapped. */
  wrapTo?: number;
  /** Left out when the table cannot fit otherwise: higher goes first; undefined: always shown. */
  dropOrder?: number;
  /** Wrapped only once no other column can be narrowed (names read best whole). */
  wrapLast?: boolean;
}

/** How wide a table may be. */
export interface TableFit {
  /** Terminal width in characters. */
  width: number;
  /** Show every column at its natural width, however wide (`--wide`). */
  wide?: boolean;
}

/** A rendered table, and the columns left out to fit. */
export interface FittedTable {
  text: string;
  dropped: string[];
}

/** cli-table3's padding (one space each side) and the border to a column's left. */
const cellChrome = 3;

const lineWidth = (text: string): number => Math.max(0, ...text.split('\n').map((line) => stringWidth(line)));

/**
 * Render rows as a table at most `fit.width` characters wide: at natural width when it fits (or with
 * `wide`); otherwise wrappable columns are narrowed, never below their `wrapTo`
 * (the one with most room above its `wrapTo` first), then columns are left out in `dropOrder` until it fits. Widths count East Asian characters as two.
 */
export function fitTable(
  columns: readonly TableColumn[],
  rows: readonly (readonly string[])[],
  fit: TableFit,
): FittedTable {
  const natural = columns.map((column, index) =>
    Math.max(lineWidth(column.head), ...rows.map((row) => lineWidth(row[index] ?? ''))),
  );
  const total = (widths: readonly number[], shown: readonly number[]): number =>
    1 + shown.reduce((sum, index) => sum + widths[index]! + cellChrome, 0);
  let shown = columns.map((_, index) => index);
  const widths = [...natural];
  const shrink = (): void => {
    for (;;) {
      const excess = total(widths, shown) - fit.width;
      if (excess <= 0) return;
      const narrowable = shown.filter((index) => {
        const floor = columns[index]!.wrapTo;
        return floor !== undefined && widths[index]! > floor;
      });
      const early = narrowable.filter((index) => columns[index]!.wrapLast !== true);
      const candidates = early.length > 0 ? early : narrowable;
      if (candidates.length === 0) return;
      const slack = (index: number): number => widths[index]! - columns[index]!.wrapTo!;
      const widest = candidates.reduce((best, index) => (slack(index) > slack(best) ? index : best));
      const others = candidates.filter((index) => index !== widest).map(slack);
      const target = columns[widest]!.wrapTo! + Math.max(0, ...others, slack(widest) - excess);
      widths[widest] = target < widths[widest]! ? target : widths[widest]! - 1;
    }
  };
  const dropped: string[] = [];
  if (fit.wide !== true) {
    shrink();
    const droppable = shown
      .filter((index) => columns[index]!.dropOrder !== undefined)
      .sort((left, right) => columns[right]!.dropOrder! - columns[left]!.dropOrder!);
    for (const index of droppable) {
      if (total(widths, shown) <= fit.width) break;
      shown = shown.filter((candidate) => candidate !== index);
      dropped.push(columns[index]!.head.split('\n')[0]!);
      for (const other of shown) widths[other] = natural[other]!;
      shrink();
    }
  }
  // Wrapped here rather than by cli-table3, which cuts a word longer than its column short with an ellipsis.
  const wrap = (text: string, index: number): string =>
    widths[index]! < natural[index]! ? wrapAnsi(text, widths[index]!, { hard: true, trim: true }) : text;
  const table = new Table({
    head: shown.map((index) => wrap(columns[index]!.head, index)),
    colAligns: shown.map((index) => columns[index]!.align ?? 'left'),
    style: { head: [], border: [] },
    chars: compactRows,
  });
  for (const row of rows) table.push(shown.map((index) => wrap(row[index] ?? '', index)));
  return { text: table.toString(), dropped };
}

/** The line said under a table that left columns out. */
export function droppedNote(dropped: readonly string[], width: number): string {
  return dropped.length === 0
    ? ''
    : `(left out to fit ${width} columns: ${dropped.join(', ')}; --wide shows every column)\n`;
}

/** Text wrapped at spaces to `width` columns (a longer word broken), unless `wide`. */
export function wrapText(text: string, fit: TableFit): string {
  return fit.wide === true ? text : wrapAnsi(text, Math.max(20, fit.width), { hard: true, trim: false });
}
