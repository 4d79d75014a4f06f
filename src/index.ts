/**
 * Kechuang's library entry point: read a model or a scenario, compile it to one run function, run it
 * once or as a Monte Carlo experiment over worker threads, compare scenarios on common random numbers,
 * solve for the lever value that meets targets with a probability.
 * The command line (`kechuang`) is built on the same functions.
 */
export type { Diagnostic, DiagnosticCode, Result, SourceLocation } from './diagnostics/diagnostic.js';
export { renderDiagnostic, renderDiagnostics } from './diagnostics/render-diagnostic.js';
export { messages } from './diagnostics/messages.js';
export type { Expression } from './model/expression.js';
export type {
  AuxiliarySpec,
  Equation,
  FlowSpec,
  IntegrationMethod,
  LookupSpec,
  ModelSpec,
  ParameterSpec,
  StockSpec,
  TimeSpec,
} from './model/model-spec.js';
export { readModel } from './model/read-model.js';
export { readXmile } from './model/read-xmile.js';
export { readModelText } from './model/read-model-text.js';
export { formatModelYaml } from './model/format-model-yaml.js';
export type { EvaluationPlan } from './compile/evaluation-plan.js';
export type { RunFunction } from './compile/run-function.js';
export {
  checkModel,
  compileModel,
  instantiatePlan,
  type CompileOptions,
  type CompiledModel,
} from './compile/compile-model.js';
export { findNonFinite, simulate, type NonFiniteValue, type SimulationResult } from './runtime/simulate.js';
export type { DistributionSpec, SamplingDesign } from './sampling/distribution-spec.js';
export { drawSampleMatrix, type SampleMatrixOptions } from './sampling/draw-sample-matrix.js';
export { createQuantile, distributionSupport } from './sampling/create-quantile.js';
export type {
  PolicySpec,
  ScenarioSpec,
  TargetSpec,
  UncertainParameter,
  UncertaintySpec,
} from './scenario/scenario-spec.js';
export { loadScenario, type ScenarioIo } from './scenario/load-scenario.js';
export { applyPolicies } from './scenario/apply-policies.js';
export { withOverrides, type ScenarioOverrides } from './scenario/with-overrides.js';
export { columnIndex, storeColumn, type RunStore } from './runtime/run-store.js';
export { summarizeColumn, type ColumnSummary } from './stats/summarize-column.js';
export { evaluateTarget, type FirstMet, type TargetOutcome, type TargetQuery } from './stats/evaluate-target.js';
export {
  createShardExecutor,
  startShardExecutor,
  InterruptedError,
  ShardFailedError,
  type ExecuteOptions,
  type ShardExecutor,
  type ShardTaskSource,
} from './parallel/shard-executor.js';
export {
  RunFailedError,
  runExperiment,
  type ExperimentInput,
  type ExperimentOptions,
  type ExperimentResult,
  type RunCheckpoint,
} from './parallel/run-experiment.js';
export {
  CheckpointError,
  openCheckpointStore,
  type CheckpointIdentity,
  type CheckpointStore,
} from './parallel/checkpoint-store.js';
export {
  compileExperiment,
  instantiateExperiment,
  storedVariables,
  withParameterValues,
  type CompiledExperiment,
  type CompileExperimentOptions,
} from './experiment/compile-experiment.js';
export { uncertainFactors, type UncertainFactor } from './experiment/uncertain-factors.js';
export {
  factorSample,
  sampleValues,
  scenarioSample,
  type FactorDesign,
  type SampleMatrix,
} from './experiment/sample-matrix.js';
export {
  columnsPerPass,
  designBytes,
  MemoryLimitError,
  outputColumn,
  sampledInputs,
  RunCrashedError,
  runDesign,
  type DesignOutcome,
  type DesignRuns,
  type RunDesignOptions,
  type ScenarioRunFailure,
  type SummarizedOutcome,
  type SummarizedRuns,
} from './experiment/run-design.js';
export {
  runCompiledScenario,
  runScenario,
  type RunScenarioOptions,
  type ScenarioOutcome,
} from './experiment/run-scenario.js';
export { reproduceRun, type ReproducedRun } from './experiment/reproduce-run.js';
export type { ScenarioSummary, SeriesSummary, TargetSummary } from './experiment/scenario-summary.js';
export {
  alignScenarios,
  compareScenarios,
  type AlignedScenarios,
  type ScenarioComparison,
} from './analysis/compare-scenarios.js';
export { saltelliDesign, type SaltelliDesignOptions } from './analysis/saltelli-design.js';
export { sobolIndices, type SobolIndex, type SobolIndicesOptions } from './analysis/sobol-indices.js';
export { morrisDesign, type MorrisDesign, type MorrisDesignOptions } from './analysis/morris-design.js';
export { elementaryEffects, type ElementaryEffects } from './analysis/elementary-effects.js';
export {
  sensitivityAnalysis,
  sensitivityMethods,
  sensitivityOutputs,
  type MorrisEntry,
  type MorrisResult,
  type PrccEntry,
  type PrccResult,
  type SensitivityMethod,
  type SensitivityOptions,
  type SensitivityOutcome,
  type SensitivityOutput,
  type SensitivityResult,
  type SobolEntry,
  type SobolResult,
} from './analysis/sensitivity-analysis.js';
export { partialRankCorrelation, type PartialCorrelation } from './stats/partial-rank-correlation.js';
export { rankValues } from './stats/rank-values.js';
export {
  defaultPrimOptions,
  primBox,
  type PrimBox,
  type PrimInput,
  type PrimOptions,
  type PrimRestriction,
  type PrimResult,
  type PrimStep,
} from './analysis/prim-box.js';
export {
  discoverScenarios,
  type DiscoverQuery,
  type Discovery,
  type DiscoveryInput,
  type DiscoveryOutcome,
  type DiscoveryTarget,
} from './analysis/discover-scenarios.js';
export { boxLine, formatPrimTable, restrictionText } from './report/prim-table.js';
export { quantityFormat, type QuantityFormat } from './report/quantity-format.js';
export {
  defaultLeverRange,
  leverCandidates,
  parseLever,
  plannedTrialCount,
  scenarioAtLever,
  solveLever,
  type Lever,
  type LeverDirection,
  type LeverSolution,
  type LeverTrial,
  type SolveLeverOptions,
  type SolveLeverSpec,
  type SolveOutcome,
} from './analysis/solve-lever.js';
