/**
 * Kechuang's library entry point: read a model, check it, compile it to one run function, run it.
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
export { checkModel, compileModel, instantiatePlan, type CompileOptions, type CompiledModel } from './compile/compile-model.js';
export { findNonFinite, simulate, type NonFiniteValue, type SimulationResult } from './runtime/simulate.js';
