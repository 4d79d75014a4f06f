import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import seedrandom from 'seedrandom';
import { mean, median, quantileSorted, sampleStandardDeviation } from 'simple-statistics';
import type { CompiledModel } from '../compile/compile-model.js';
import type { Result } from '../diagnostics/diagnostic.js';
import { failure, success } from '../diagnostics/diagnostic.js';
import type { ModelHistory, ObservedSeries } from '../model/model-history.js';
import { simulate } from '../runtime/simulate.js';
import { compileExperiment, instantiateExperiment } from '../experiment/compile-experiment.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { centralCaseValues } from '../experiment/central-case.js';

/** What to fit and how to measure its uncertainty. */
export interface CalibrationOptions {
  /** Parameters to fit, each with `min` and `max` in the model. */
  fit: readonly string[];
  /** Last year of data used for fitting; later years are the back-test. */
  until: number;
  /** Refits on resampled residuals, for parameter uncertainty and the back-test band. */
  bootstrapCount: number;
  seed: number;
  /** Levenberg-Marquardt iterations for the fit (default 200) and for each refit, which starts from the fit (default 30). */
  maxIterations?: number;
  refitIterations?: number;
}

/** A fitted parameter, its search range, and its spread over the bootstrap refits. */
export interface FittedParameter {
  name: string;
  start: number;
  value: number;
  min: number;
  max: number;
  /** Sample standard deviation over the bootstrap refits. */
  sd: number;
  /** Type-7 percentiles over the bootstrap refits. */
  p5: number;
  p95: number;
  /** True when the fit sits within 0.1% of the range's width of `min` or `max`. */
  atBound: boolean;
  /** The bootstrap refits' values, in refit order. */
  refits: number[];
}

/** How closely the fitted model follows one observed series over the fitted years. */
export interface SeriesFit {
  variable: string;
  series: string;
  years: number[];
  observed: number[];
  fitted: number[];
  /** Root mean squared error, in the variable's unit. */
  rmse: number;
  /** Mean absolute percentage error, as a fraction. */
  mape: number;
  /** True when the model reproduces it exactly before fitting (the data drive it): reported, not fitted. */
  input: boolean;
}

/** One observed value after `until`, against the model's forecast band. */
export interface BacktestPoint {
  variable: string;
  series: string;
  year: number;
  observed: number;
  p5: number;
  p50: number;
  p95: number;
  inside: boolean;
}

/** How the back-test went as a whole: hits, and whether the bands were narrow enough to mean something. */
export interface BacktestSummary {
  /** Observed values after `until`. */
  rows: number;
  /** Of those, inside their P5-P95 band. */
  inside: number;
  /** Median over the rows of (P95 - P5) / |P50|: the band's width relative to its centre. */
  medianRelativeWidth: number;
}

/** The fit, its quality, and (when data go past `until`) the back-test. */
export interface CalibrationResult {
  until: number;
  parameters: FittedParameter[];
  fits: SeriesFit[];
  backtest: BacktestPoint[];
  /** Absent when there are no data after `until`. */
  backtestSummary?: BacktestSummary;
  bootstrapCount: number;
  /** Model runs spent, fitting and bootstrap together. */
  simulationCount: number;
}

interface FitPoint {
  seriesIndex: number;
  outputIndex: number;
  saveIndex: number;
  year: number;
  observed: number;
}

/** A series with fewer fitted points borrows the relative residuals of all series (one or two points say nothing of spread). */
const minimumOwnResiduals = 3;

/** Noise draws per bootstrap refit for the back-test's predictive band. */
const noiseDrawsPerRefit = 20;

function pointsOf(
  history: readonly [string, ObservedSeries][],
  compiled: CompiledModel,
  accept: (year: number) => boolean,
): FitPoint[] {
  const points: FitPoint[] = [];
  history.forEach(([variable, series], seriesIndex) => {
    const outputIndex = compiled.outputNames.indexOf(variable);
    series.years.forEach((year, index) => {
      const saveIndex = compiled.saveTimes.indexOf(year);
      if (saveIndex < 0 || !accept(year)) return;
      points.push({ seriesIndex, outputIndex, saveIndex, year, observed: series.values[index]! });
    });
  });
  return points;
}

/** Hits and the median relative band width of a back-test (median of the rows' (P95 - P5) / |P50|). */
export function summarizeBacktest(backtest: readonly BacktestPoint[]): BacktestSummary {
  const widths = backtest.map((point) => (point.p95 - point.p5) / Math.abs(point.p50)).sort((a, b) => a - b);
  return {
    rows: backtest.length,
    inside: backtest.filter((point) => point.inside).length,
    medianRelativeWidth: widths.length === 0 ? Number.NaN : median(widths),
  };
}

/** The observed-to-model ratio (or difference, for series that touch zero) a residual is resampled as. */
type ResidualForm = 'ratio' | 'difference';

/**
 * Fit a scenario's parameters to the model's observed history by least squares (Levenberg-Marquardt,
 * ml-levenberg-marquardt, within each parameter's min..max), then refit `bootstrapCount` times on
 * residuals resampled within each series to measure the fit's uncertainty and forecast the years after
 * `until`. Each series weighs the same whatever its length: residuals are divided by the series' mean
 * absolute observed value and by the square root of its point count. Residuals are ratios observed/model
 * for positive series and differences otherwise; the back-test band adds resampled residuals to each
 * refit's forecast, so it is a predictive band (parameter and residual uncertainty), not a confidence band.
 * The parameters not fitted stay at the scenario's central case (see `centralCaseValues`); the fitted ones
 * start from the values the model declares, not from a fit the scenario extends, so that the result does
 * not depend on an earlier calibration and a back-test learns nothing from the years it forecasts.
 */
export function calibrateScenario(
  scenario: ScenarioSpec,
  history: ModelHistory,
  options: CalibrationOptions,
): Result<CalibrationResult> {
  const observedSeries = [...history].filter(([variable]) =>
    scenario.model.parameters.every((parameter) => parameter.name !== variable),
  );
  const experiment = compileExperiment(scenario, { variables: observedSeries.map(([variable]) => variable) });
  if (!experiment.ok) return failure(experiment.diagnostics);
  const compiled = instantiateExperiment(experiment.value);
  const parameters = compiled.defaultParameters();
  for (const [name, value] of centralCaseValues(scenario)) {
    const index = compiled.parameterIndex(name);
    if (index >= 0) parameters[index] = value;
  }
  const specs = options.fit.map((name) => {
    const spec = scenario.model.parameters.find((parameter) => parameter.name === name);
    if (spec?.min === undefined || spec.max === undefined)
      throw new RangeError(`calibrateScenario(): ${name} needs min and max`);
    return { name, index: compiled.parameterIndex(name), min: spec.min, max: spec.max, declared: spec.value };
  });
  for (const spec of specs) parameters[spec.index] = spec.declared;
  const outputCount = compiled.outputNames.length;
  const buffer = new Float64Array(compiled.saveCount * outputCount);
  let simulationCount = 1;
  const modelValue = (values: Float64Array, point: FitPoint): number =>
    values[point.saveIndex * outputCount + point.outputIndex]!;
  const startValues = simulate(compiled, parameters, buffer).values.slice();
  // A series the model reproduces exactly before fitting is one the data drive: an input, not fitted.
  const isInput = observedSeries.map(() => true);
  for (const point of pointsOf(observedSeries, compiled, () => true)) {
    if (Math.abs(modelValue(startValues, point) - point.observed) > 1e-9 * Math.abs(point.observed))
      isInput[point.seriesIndex] = false;
  }
  const inputSeries = observedSeries.filter((_, seriesIndex) => isInput[seriesIndex]);
  const targetSeries = observedSeries.filter((_, seriesIndex) => !isInput[seriesIndex]);
  const fitted = pointsOf(targetSeries, compiled, (year) => year <= options.until);
  const later = pointsOf(targetSeries, compiled, (year) => year > options.until);
  const seriesPointCount = targetSeries.map(
    (_, seriesIndex) => fitted.filter((point) => point.seriesIndex === seriesIndex).length,
  );
  const seriesScale = targetSeries.map((_, seriesIndex) => {
    const values = fitted.filter((point) => point.seriesIndex === seriesIndex).map((point) => Math.abs(point.observed));
    return values.length === 0 ? 1 : mean(values);
  });
  const weights = fitted.map(
    (point) => 1 / (seriesScale[point.seriesIndex]! * Math.sqrt(seriesPointCount[point.seriesIndex]!)),
  );

  const toParameters = (unit: ArrayLike<number>): Float64Array => {
    const vector = parameters.slice();
    specs.forEach((spec, index) => {
      vector[spec.index] = spec.min + Math.min(1, Math.max(0, unit[index]!)) * (spec.max - spec.min);
    });
    return vector;
  };
  const run = (unit: ArrayLike<number>): Float64Array => {
    simulationCount++;
    return simulate(compiled, toParameters(unit), buffer).values;
  };

  const fit = (observed: readonly number[], start: readonly number[], maxIterations: number): number[] => {
    const model = (unit: number[]): ((pointIndex: number) => number) => {
      const values = run(unit);
      const residuals = fitted.map((point, index) => {
        const residual = (modelValue(values, point) - observed[index]!) * weights[index]!;
        return Number.isFinite(residual) ? residual : 1e6;
      });
      return (pointIndex) => residuals[pointIndex]!;
    };
    const result = levenbergMarquardt({ x: fitted.map((_, index) => index), y: fitted.map(() => 0) }, model, {
      initialValues: [...start],
      minValues: specs.map(() => 0),
      maxValues: specs.map(() => 1),
      gradientDifference: 1e-4,
      damping: 1e-2,
      maxIterations,
      errorTolerance: 1e-12,
    });
    return result.parameterValues;
  };

  const startUnit = specs.map((spec) =>
    Math.min(1, Math.max(0, (parameters[spec.index]! - spec.min) / (spec.max - spec.min))),
  );
  const observed = fitted.map((point) => point.observed);
  const bestUnit = fit(observed, startUnit, options.maxIterations ?? 200);
  const bestValues = run(bestUnit).slice();
  const fittedModel = fitted.map((point) => modelValue(bestValues, point));

  const residualForm: ResidualForm[] = targetSeries.map((_, seriesIndex) =>
    fitted.every((point, index) => point.seriesIndex !== seriesIndex || (point.observed > 0 && fittedModel[index]! > 0))
      ? 'ratio'
      : 'difference',
  );
  const residualsBySeries = targetSeries.map((_, seriesIndex) =>
    fitted.flatMap((point, index) =>
      point.seriesIndex !== seriesIndex
        ? []
        : [
            residualForm[seriesIndex] === 'ratio'
              ? point.observed / fittedModel[index]!
              : point.observed - fittedModel[index]!,
          ],
    ),
  );
  const pooledRatios = residualsBySeries.filter((_, seriesIndex) => residualForm[seriesIndex] === 'ratio').flat();
  const random = seedrandom.alea(String(options.seed));
  const perturb = (seriesIndex: number, value: number): number => {
    const own = residualsBySeries[seriesIndex]!;
    const residuals = own.length < minimumOwnResiduals && residualForm[seriesIndex] === 'ratio' ? pooledRatios : own;
    if (residuals.length === 0) return value;
    const residual = residuals[Math.floor(random() * residuals.length)]!;
    return residualForm[seriesIndex] === 'ratio' ? value * residual : value + residual;
  };

  const refits: number[][] = [];
  const forecasts: number[][] = later.map(() => []);
  const forecast = (unit: readonly number[], drawCount: number): void => {
    if (later.length === 0) return;
    const values = run(unit);
    later.forEach((point, index) => {
      for (let draw = 0; draw < drawCount; draw++)
        forecasts[index]!.push(perturb(point.seriesIndex, modelValue(values, point)));
    });
  };
  for (let refitIndex = 0; refitIndex < options.bootstrapCount; refitIndex++) {
    const resampled = fitted.map((point, index) => perturb(point.seriesIndex, fittedModel[index]!));
    const unit = fit(resampled, bestUnit, options.refitIterations ?? 30);
    refits.push(unit);
    forecast(unit, noiseDrawsPerRefit);
  }
  // Without refits the band still carries the residuals' spread around the fit's forecast.
  if (options.bootstrapCount === 0) forecast(bestUnit, noiseDrawsPerRefit * 50);

  const fittedParameters = specs.map((spec, index): FittedParameter => {
    const toValue = (unit: number): number => spec.min + Math.min(1, Math.max(0, unit)) * (spec.max - spec.min);
    const values = refits.map((unit) => toValue(unit[index]!));
    const spread = values.slice().sort((a, b) => a - b);
    const value = toValue(bestUnit[index]!);
    return {
      name: spec.name,
      start: parameters[spec.index]!,
      value,
      min: spec.min,
      max: spec.max,
      sd: spread.length > 1 ? sampleStandardDeviation(spread) : 0,
      p5: spread.length > 0 ? quantileSorted(spread, 0.05) : value,
      p95: spread.length > 0 ? quantileSorted(spread, 0.95) : value,
      atBound: Math.min(bestUnit[index]!, 1 - bestUnit[index]!) < 1e-3,
      refits: values,
    };
  });

  const fits = targetSeries.flatMap(([variable, series], seriesIndex): SeriesFit[] => {
    const indices = fitted.flatMap((point, index) => (point.seriesIndex === seriesIndex ? [index] : []));
    if (indices.length === 0) return [];
    const observedValues = indices.map((index) => fitted[index]!.observed);
    const fittedValues = indices.map((index) => fittedModel[index]!);
    const errors = indices.map((index) => fittedModel[index]! - fitted[index]!.observed);
    return [
      {
        variable,
        series: series.series,
        years: indices.map((index) => fitted[index]!.year),
        observed: observedValues,
        fitted: fittedValues,
        rmse: Math.sqrt(mean(errors.map((error) => error * error))),
        mape: mean(errors.map((error, position) => Math.abs(error / observedValues[position]!))),
        input: false,
      },
    ];
  });
  const inputs = inputSeries.map(([variable, series]): SeriesFit => {
    const inRange = series.years.flatMap((year, index) =>
      year <= options.until ? [{ year, value: series.values[index]! }] : [],
    );
    const values = inRange.map((point) => point.value);
    return {
      variable,
      series: series.series,
      years: inRange.map((point) => point.year),
      observed: values,
      fitted: values,
      rmse: 0,
      mape: 0,
      input: true,
    };
  });

  const backtest = later.map((point, index): BacktestPoint => {
    const sorted = forecasts[index]!.slice().sort((a, b) => a - b);
    const band =
      sorted.length === 0
        ? [Number.NaN, Number.NaN, Number.NaN]
        : [0.05, 0.5, 0.95].map((p) => quantileSorted(sorted, p));
    const [p5, p50, p95] = band as [number, number, number];
    const [variable, series] = targetSeries[point.seriesIndex]!;
    return {
      variable,
      series: series.series,
      year: point.year,
      observed: point.observed,
      p5,
      p50,
      p95,
      inside: point.observed >= p5 && point.observed <= p95,
    };
  });

  return success({
    until: options.until,
    parameters: fittedParameters,
    fits: [...fits, ...inputs],
    backtest,
    ...(backtest.length === 0 ? {} : { backtestSummary: summarizeBacktest(backtest) }),
    bootstrapCount: options.bootstrapCount,
    simulationCount,
  });
}
