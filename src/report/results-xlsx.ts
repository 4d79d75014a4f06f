import ExcelJS from 'exceljs';
import type { ScenarioComparison } from '../analysis/compare-scenarios.js';
import type { ScenarioSummary } from '../experiment/scenario-summary.js';
import { comparedTargets } from './internal/compare-parts.js';

const targetColumns = [
  { header: 'scenario', key: 'scenario', width: 22 },
  { header: 'target', key: 'id', width: 28 },
  { header: 'variable', key: 'variable', width: 28 },
  { header: 'year', key: 'year', width: 8 },
  { header: 'condition', key: 'op', width: 10 },
  { header: 'threshold', key: 'threshold', width: 12 },
  { header: 'probability', key: 'probability', width: 12 },
  { header: 'P5', key: 'p5', width: 12 },
  { header: 'P50', key: 'p50', width: 12 },
  { header: 'P95', key: 'p95', width: 12 },
  { header: 'first met (median)', key: 'firstMet', width: 18 },
  { header: 'never met (share of runs)', key: 'never', width: 14 },
];

function addSummary(targets: ExcelJS.Worksheet, bands: ExcelJS.Worksheet, summary: ScenarioSummary): void {
  for (const target of summary.targets)
    targets.addRow({
      scenario: summary.scenario,
      id: target.id,
      variable: target.variable,
      year: target.year,
      op: target.op === '>=' ? 'at least' : 'at most',
      threshold: target.threshold,
      probability: target.probability,
      p5: target.p5,
      p50: target.p50,
      p95: target.p95,
      firstMet: target.firstMet.p50 ?? 'never',
      never: target.firstMet.neverShare,
    });
  for (const [variable, series] of Object.entries(summary.series))
    series.time.forEach((time, index) =>
      bands.addRow([
        summary.scenario,
        variable,
        time,
        series.mean[index],
        series.p5[index],
        series.p50[index],
        series.p95[index],
      ]),
    );
}

function workbook(summaries: readonly ScenarioSummary[]): {
  book: ExcelJS.Workbook;
  targets: ExcelJS.Worksheet;
} {
  const book = new ExcelJS.Workbook();
  book.creator = 'Kechuang';
  const targets = book.addWorksheet('targets', { views: [{ state: 'frozen', ySplit: 1 }] });
  targets.columns = targetColumns;
  const bands = book.addWorksheet('bands', { views: [{ state: 'frozen', ySplit: 1 }] });
  bands.addRow(['scenario', 'variable', 'time', 'mean', 'P5', 'P50', 'P95']);
  for (const summary of summaries) addSummary(targets, bands, summary);
  for (const sheet of [targets, bands]) sheet.getRow(1).font = { bold: true };
  targets.getColumn('probability').numFmt = '0.0%';
  targets.getColumn('never').numFmt = '0.0%';
  return { book, targets };
}

/**
 * An Excel workbook of a run, for people who live in Excel: `targets` (each target's condition,
 * probability, P5/P50/P95 in its year, first met) and `bands` (each output's mean and band at every
 * saved time), numbers in the model's units, unrounded.
 */
export async function formatSummaryXlsx(summaries: readonly ScenarioSummary[]): Promise<Uint8Array> {
  const { book } = workbook(summaries);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/**
 * The workbook of a comparison: the sheets of `formatSummaryXlsx` for every scenario, and `compare`:
 * each target's probability per scenario and its change against the first scenario (the baseline), in
 * percentage points.
 */
export async function formatComparisonXlsx(comparison: ScenarioComparison): Promise<Uint8Array> {
  const { book } = workbook(comparison.scenarios);
  const sheet = book.addWorksheet('compare', { views: [{ state: 'frozen', ySplit: 1 }] });
  const names = comparison.scenarios.map((summary) => summary.scenario);
  const baseline = names[0] ?? '';
  sheet.addRow([
    'target',
    ...names.flatMap((name, index) => (index === 0 ? [name] : [name, `Δ vs ${baseline} (points)`])),
  ]);
  for (const { id, byScenario } of comparedTargets(comparison)) {
    const first = byScenario[0]?.probability;
    sheet.addRow([
      id,
      ...byScenario.flatMap((target, index) => {
        const probability = target?.probability ?? null;
        if (index === 0) return [probability];
        const delta = probability === null || first === undefined ? null : (probability - first) * 100;
        return [probability, delta];
      }),
    ]);
  }
  sheet.getRow(1).font = { bold: true };
  return new Uint8Array(await book.xlsx.writeBuffer());
}
