import uPlot from 'uplot';
import type { ExploreOutput } from '../src/explore/explore-protocol.js';
import type { SeriesSummary, TargetSummary } from '../src/experiment/scenario-summary.js';
import { chartValue } from './format-value.js';
import type { PageStrings } from './strings.js';

/** What one fan chart draws: the view's band, maybe the baseline's, the targets and the history. */
export interface FanChartData {
  series: SeriesSummary;
  baseline: SeriesSummary | undefined;
  targets: readonly TargetSummary[];
}

export const chartColours = {
  band: 'rgba(49, 130, 189, 0.30)',
  median: '#08519c',
  mean: '#6baed6',
  baselineBand: 'rgba(120, 120, 120, 0.22)',
  baselineMedian: '#737373',
  target: '#d62728',
  observed: '#111111',
} as const;

/**
 * A fan chart of one output on a canvas (uPlot): the P5–P95 band with the median and the mean, the
 * baseline's band and median when compared, each target as a line at its threshold up to its year,
 * and the observed history as dots. `update` redraws with new numbers without building the chart again.
 */
export class FanChart {
  private plot: uPlot | undefined;
  private shape = '';

  constructor(
    private readonly container: HTMLElement,
    private readonly output: ExploreOutput,
    private readonly strings: PageStrings,
  ) {}

  update(data: FanChartData): void {
    const format = this.output.format;
    const times = data.series.time;
    const value = (numbers: readonly number[]) => numbers.map((number) => chartValue(number, format));
    const history = this.output.history;
    const observed = times.map((time) => {
      const index = history?.years.indexOf(time) ?? -1;
      return index < 0 ? null : chartValue(history!.values[index]!, format);
    });
    const thresholds = data.targets.map((target) =>
      times.map((time) => (time <= target.year ? chartValue(target.threshold, format) : null)),
    );
    const baseline = data.baseline;
    const columns: (number | null)[][] = [
      value(data.series.p5),
      value(data.series.p95),
      value(data.series.p50),
      value(data.series.mean),
      ...(baseline === undefined ? [] : [value(baseline.p5), value(baseline.p95), value(baseline.p50)]),
      ...thresholds,
      observed,
    ];
    const shape = `${baseline === undefined}:${thresholds.length}`;
    const aligned = [times, ...columns] as uPlot.AlignedData;
    if (this.plot !== undefined && shape === this.shape) {
      this.plot.setData(aligned);
      return;
    }
    this.plot?.destroy();
    this.shape = shape;
    this.plot = new uPlot(this.options(baseline !== undefined, thresholds.length), aligned, this.container);
  }

  destroy(): void {
    this.plot?.destroy();
    this.plot = undefined;
  }

  private options(withBaseline: boolean, targetCount: number): uPlot.Options {
    const { strings } = this;
    const unit = this.output.format.percent ? '%' : this.output.format.unitShort;
    const line = (label: string, stroke: string, extra: Partial<uPlot.Series> = {}): uPlot.Series => ({
      label,
      stroke,
      width: 1.5,
      points: { show: false },
      ...extra,
    });
    const series: uPlot.Series[] = [
      { label: 'year' },
      line(`P5`, chartColours.band, { width: 0.5 }),
      line(`P95`, chartColours.band, { width: 0.5 }),
      line(strings.median, chartColours.median, { width: 2.5 }),
      line(strings.mean, chartColours.mean, { dash: [6, 4] }),
    ];
    const bands: uPlot.Band[] = [{ series: [2, 1], fill: chartColours.band }];
    if (withBaseline) {
      series.push(
        line(`${strings.baselineBand} P5`, chartColours.baselineBand, { width: 0.5 }),
        line(`${strings.baselineBand} P95`, chartColours.baselineBand, { width: 0.5 }),
        line(`${strings.baselineProbability} ${strings.median}`, chartColours.baselineMedian, { dash: [3, 3] }),
      );
      bands.push({ series: [6, 5], fill: chartColours.baselineBand });
    }
    for (let index = 0; index < targetCount; index++)
      series.push(line(strings.targetLine, chartColours.target, { dash: [2, 2], width: 1.5 }));
    series.push({
      label: strings.observed,
      stroke: chartColours.observed,
      width: 0,
      paths: () => null,
      points: { show: true, size: 6, fill: chartColours.observed, stroke: chartColours.observed },
    });
    const width = Math.max(280, Math.floor(this.container.getBoundingClientRect().width || 380));
    return {
      width,
      height: 220,
      series,
      bands,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false } },
      axes: [{ values: (_, splits) => splits.map((year) => String(year)) }, { label: unit, size: 60 }],
    };
  }
}
