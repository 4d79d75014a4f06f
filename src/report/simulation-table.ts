import Table from 'cli-table3';
import type { SimulationResult } from '../runtime/simulate.js';
import { formatNumber } from './format-number.js';

/** Table borders without a rule between every row. */
export const compactRows = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/** Options for `formatSimulationTable`. */
export interface SimulationTableOptions {
  /** Terminal width in characters; columns beyond it go into further tables. */
  width: number;
  /** Unit per output name, shown under the name. */
  units?: ReadonlyMap<string, string | undefined>;
  /** Number format per output name (as `run` shows it: percentages for shares, the unit's scale); default six significant digits. */
  formats?: ReadonlyMap<string, (value: number) => string>;
}

/**
 * The saved points as aligned tables, one row per saved time. When the outputs do not fit the
 * terminal width they are split over several tables, each repeating the time column.
 */
export function formatSimulationTable(result: SimulationResult, options: SimulationTableOptions): string {
  const outputCount = result.outputNames.length;
  const formats = result.outputNames.map((name) => options.formats?.get(name) ?? formatNumber);
  const cell = (saveIndex: number, outputIndex: number): string =>
    formats[outputIndex]!(result.values[saveIndex * outputCount + outputIndex]!);
  const timeCells = Array.from(result.times, (time) => String(Number(time.toPrecision(12))));
  const header = (outputIndex: number): string => {
    const name = result.outputNames[outputIndex]!;
    const unit = options.units?.get(name);
    return unit === undefined ? name : `${name}\n(${unit})`;
  };
  const columnWidth = (outputIndex: number): number => {
    let width = Math.max(
      ...header(outputIndex)
        .split('\n')
        .map((line) => line.length),
    );
    for (let saveIndex = 0; saveIndex < result.times.length; saveIndex++)
      width = Math.max(width, cell(saveIndex, outputIndex).length);
    return width + 3;
  };
  const timeWidth = Math.max(4, ...timeCells.map((text) => text.length)) + 3;
  const groups: number[][] = [];
  let current: number[] = [];
  let used = timeWidth + 1;
  for (let outputIndex = 0; outputIndex < outputCount; outputIndex++) {
    const width = columnWidth(outputIndex);
    if (current.length > 0 && used + width > options.width) {
      groups.push(current);
      current = [];
      used = timeWidth + 1;
    }
    current.push(outputIndex);
    used += width;
  }
  if (current.length > 0) groups.push(current);
  return groups
    .map((group) => {
      const table = new Table({
        head: ['time', ...group.map(header)],
        colAligns: ['right', ...group.map(() => 'right' as const)],
        style: { head: [], border: [] },
        chars: compactRows,
      });
      for (let saveIndex = 0; saveIndex < result.times.length; saveIndex++) {
        table.push([timeCells[saveIndex]!, ...group.map((outputIndex) => cell(saveIndex, outputIndex))]);
      }
      return table.toString();
    })
    .join('\n');
}
