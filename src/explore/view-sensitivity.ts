import { prccFactors } from '../analysis/sensitivity-analysis.js';
import type { CompiledExperiment } from '../experiment/compile-experiment.js';
import { outputColumn } from '../experiment/run-design.js';
import { matrixColumn, sampleValues, type SampleMatrix } from '../experiment/sample-matrix.js';
import { uncertainFactors } from '../experiment/uncertain-factors.js';
import { renderChartSvg } from '../report/render-chart-svg.js';
import { tornadoChartSpec } from '../report/tornado-chart-spec.js';
import { variableLabel } from '../report/variable-label.js';
import type { RunStore } from '../runtime/run-store.js';
import { partialRankCorrelation } from '../stats/partial-rank-correlation.js';
import type { SensitivityBar, ViewSensitivity } from './explore-protocol.js';

/** Runs a view has made: its experiment (fixed values applied), the sample rows and their store. */
export interface ViewRuns {
  experiment: CompiledExperiment;
  sample: SampleMatrix;
  store: RunStore;
}

/** The page's two languages. */
export type PageLanguage = 'en' | 'zh';

const chartWords = {
  en: {
    rises: 'output rises with the input',
    falls: 'output falls as the input rises',
    value: 'partial rank correlation (PRCC)',
    subtitle: (runs: number) => `over the view's first ${runs} runs; most important first`,
  },
  zh: {
    rises: '输出随输入上升',
    falls: '输出随输入下降',
    value: '偏秩相关系数 (PRCC)',
    subtitle: (runs: number) => `基于当前视图的前 ${runs} 次运行；按重要性排序`,
  },
} as const;

const isConstant = (values: ArrayLike<number>): boolean => {
  for (let index = 1; index < values.length; index += 1) if (values[index] !== values[0]) return false;
  return true;
};

/**
 * PRCC of each uncertain input that still varies in a view (fixed values and policies leave theirs out;
 * joint groups are listed as left out, as `kechuang sensitivity` does) with each target's variable in
 * the target's year, over the runs the view has made, with a tornado chart per target drawn as SVG by
 * the sensitivity report's chart. An output the same in every run gets zeros; with too few runs for the
 * inputs (`partialRankCorrelation` needs more runs than inputs + 1), every target gets no bars.
 */
export async function viewSensitivity(runs: ViewRuns, language: PageLanguage): Promise<ViewSensitivity> {
  const { experiment, sample, store } = runs;
  const scenario = experiment.scenario;
  const factors = uncertainFactors(scenario);
  const ranked = prccFactors(factors);
  const columnCount = scenario.uncertainty.parameters.length;
  const values = sampleValues(scenario, sample);
  const inputs = ranked.map((factor) => matrixColumn(values, sample.rowCount, columnCount, factor.columns[0]!));
  const words = chartWords[language];
  const targets: ViewSensitivity['targets'] = [];
  for (const [index, target] of scenario.targets.entries()) {
    const output = outputColumn(experiment, store, target.variable, target.year);
    let parameters: SensitivityBar[] = [];
    if (ranked.length > 0 && sample.rowCount > ranked.length + 1) {
      const correlations = isConstant(output)
        ? ranked.map(() => ({ coefficient: 0, pValue: 1 }))
        : partialRankCorrelation(inputs, output);
      parameters = ranked
        .map((factor, factorIndex) => ({
          name: factor.name,
          prcc: correlations[factorIndex]!.coefficient,
          pValue: correlations[factorIndex]!.pValue,
        }))
        .sort((left, right) => Math.abs(right.prcc) - Math.abs(left.prcc));
    }
    const label = variableLabel(scenario.model, target.variable);
    const series = [
      { label: words.rises, colour: '#2171b5' },
      { label: words.falls, colour: '#cb181d' },
    ];
    const spec = tornadoChartSpec({
      title: `${target.id}: ${(language === 'zh' ? label.chinese : undefined) ?? label.english} ${target.year}`,
      subtitle: words.subtitle(sample.rowCount),
      valueTitle: words.value,
      parameters: parameters.map((entry) => entry.name),
      series,
      bars: parameters.map((entry) => ({
        parameter: entry.name,
        series: series[entry.prcc >= 0 ? 0 : 1]!.label,
        value: entry.prcc,
      })),
    });
    const svg = parameters.length === 0 ? '' : await renderChartSvg(spec, `tornado${index}-`);
    targets.push({ id: target.id, variable: target.variable, year: target.year, parameters, svg });
  }
  return {
    runs: sample.rowCount,
    targets,
    leftOut: factors.filter((factor) => factor.joint !== undefined).map((factor) => factor.name),
  };
}
