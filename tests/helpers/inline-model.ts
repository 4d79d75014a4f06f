import type { CompileOptions } from '../../src/compile/compile-model.js';
import { renderDiagnostics } from '../../src/diagnostics/render-diagnostic.js';
import type { ModelSpec } from '../../src/model/model-spec.js';
import { readModel } from '../../src/model/read-model.js';
import { simulate } from '../../src/runtime/simulate.js';
import { compileOrThrow } from './model-builders.js';

/** Read a model written as YAML lines; throw with the rendered diagnostics if it is rejected. */
export function readInlineModel(lines: readonly string[], file = 'inline.yaml'): ModelSpec {
  const read = readModel(lines.join('\n'), file);
  if (!read.ok) throw new Error(`readModel() rejected an inline model:\n${renderDiagnostics(read.diagnostics)}`);
  return read.value;
}

/** Each output's saved series, and the saved times, of one run of a model written as YAML lines. */
export interface InlineRun {
  times: number[];
  series: Record<string, number[]>;
}

/** Compile and run a model written as YAML lines once, with its default parameters. */
export function simulateInline(lines: readonly string[], options: CompileOptions = {}): InlineRun {
  const result = simulate(compileOrThrow(readInlineModel(lines), options));
  const outputCount = result.outputNames.length;
  const series: Record<string, number[]> = {};
  result.outputNames.forEach((name, outputIndex) => {
    series[name] = Array.from(result.times, (_, saveIndex) => result.values[saveIndex * outputCount + outputIndex]!);
  });
  return { times: Array.from(result.times), series };
}
