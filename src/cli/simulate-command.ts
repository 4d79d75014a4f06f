import type { Command } from 'commander';
import { Option } from 'commander';
import { compileModel } from '../compile/compile-model.js';
import type { Result } from '../diagnostics/diagnostic.js';
import { messages } from '../diagnostics/messages.js';
import { suggestName } from '../diagnostics/suggest-name.js';
import { kechuangCommand } from '../diagnostics/shell-command.js';
import {
  displayNames,
  findVariableName,
  savedElements,
  type IntegrationMethod,
  type ModelSpec,
} from '../model/model-spec.js';
import { readModelText } from '../model/read-model-text.js';
import { formatSimulationCsv } from '../report/simulation-csv.js';
import { formatSimulationTable } from '../report/simulation-table.js';
import { findNonFinite, simulate } from '../runtime/simulate.js';
import { centralCaseValues } from '../experiment/central-case.js';
import { applyPolicies } from '../scenario/apply-policies.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { looksLikeScenario } from '../scenario/looks-like-scenario.js';
import { withOverrides } from '../scenario/with-overrides.js';
import { exitCodes, ReportedFailure } from './cli-error.js';
import { InputError, renderMessage } from '../diagnostics/input-error.js';
import { printDiagnostics, printModelWarnings, type CommandOutput } from './output.js';
import { readOverrides } from '../scenario/read-overrides.js';
import { addSharedOptions, readSharedOptions, type SharedOptionTexts } from './shared-options.js';
import { writeOutputFile } from './write-output-file.js';
import { formatSimulationJson } from '../report/simulation-json.js';
import { displayUnit, quantityFormat } from '../report/quantity-format.js';
import { join } from 'node:path';
import { readTextFile } from './read-text-file.js';
import { catalogueCommand } from './command-catalogue.js';

interface SimulateOptions extends SharedOptionTexts {
  method?: IntegrationMethod;
  dt?: string;
  csv?: boolean;
  vars?: string;
}

/**
 * What `simulate` runs: a model file as it is, or a scenario's central case: its model with its policies
 * applied, uncertain parameters at their medians, and its fixed values (`set`, then `--set`) over them.
 */
function readRunnable(
  path: string,
  overrides: readonly string[],
): Result<{ model: ModelSpec; fixed: ReadonlyMap<string, number> }> {
  const text = readTextFile(path);
  if (!text.ok) return text;
  if (!looksLikeScenario(text.value)) {
    const model = readModelText(text.value, path);
    return model.ok ? { ok: true, value: { model: model.value, fixed: readOverrides(model.value, overrides) } } : model;
  }
  const loaded = loadScenario(path, { readText: readTextFile });
  if (!loaded.ok) return loaded;
  const scenario = withOverrides(loaded.value, { set: readOverrides(loaded.value.model, overrides) });
  return {
    ok: true,
    value: { model: applyPolicies(scenario.model, scenario.policies), fixed: centralCaseValues(scenario) },
  };
}

/** `kechuang simulate <model>`: one deterministic run, printed as a table or CSV. */
export function registerSimulateCommand(program: Command, output: CommandOutput): void {
  const command = catalogueCommand(program, 'simulate')
    .argument(
      '<file>',
      'model file (YAML, JSON, XMILE or Vensim .mdl), or a scenario: its model with its set values and policies, uncertain inputs at their medians',
    )
    .addOption(new Option('--method <method>', 'integration method').choices(['euler', 'rk4']))
    .option('--dt <step>', 'time step (must divide stop - start)')
    .option('--vars <names>', 'comma-separated names to print (default: every stock, flow and aux)')
    .option('--csv', 'print time,<name>,... rows instead of a table');
  addSharedOptions(command, ['set', 'out', 'json', 'quiet', 'wide', 'unit']);
  command.action((modelPath: string, options: SimulateOptions) => {
    const shared = readSharedOptions(options, output);
    const read = readRunnable(modelPath, shared.set);
    if (!read.ok) {
      printDiagnostics(output, read.diagnostics);
      throw new ReportedFailure(exitCodes.badInput);
    }
    const { model, fixed } = read.value;
    printModelWarnings(output, model);
    let dt: number | undefined;
    if (options.dt !== undefined) {
      dt = Number(options.dt);
      if (!(dt > 0) || !Number.isFinite(dt)) {
        throw new InputError(`--dt ${options.dt}`, messages.notPositive());
      }
    }
    const variableNames = savedElements(model).map((element) => element.name);
    const outputs = options.vars
      ?.split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '')
      .map((name) => {
        const found = findVariableName(model, name);
        if (found === undefined)
          throw new InputError(
            `--vars ${options.vars ?? ''}`,
            messages.unknownOutput(name, suggestName(name, variableNames)),
          );
        return found;
      });
    const compiled = compileModel(model, {
      ...(options.method === undefined ? {} : { method: options.method }),
      ...(dt === undefined ? {} : { dt }),
      ...(outputs === undefined ? {} : { outputs }),
    });
    if (!compiled.ok) {
      printDiagnostics(output, compiled.diagnostics);
      throw new ReportedFailure(exitCodes.badInput);
    }
    const parameters = compiled.value.defaultParameters();
    for (const [name, value] of fixed) parameters[compiled.value.parameterIndex(name)] = value;
    const result = simulate(compiled.value, parameters);
    const names = displayNames(model, result.outputNames);
    const written = { ...result, outputNames: names };
    if (shared.out !== undefined) {
      writeOutputFile(join(shared.out, 'simulation.csv'), formatSimulationCsv(written));
      writeOutputFile(join(shared.out, 'simulation.json'), formatSimulationJson(model, written));
    }
    if (shared.json) output.out(formatSimulationJson(model, written));
    else if (options.csv === true) output.out(formatSimulationCsv(written));
    else if (!shared.quiet) {
      const unitOf = new Map(
        savedElements(model).map((element) => [element.displayName ?? element.name, element.unit]),
      );
      const outputCount = result.outputNames.length;
      const formats = new Map(
        names.map((name, outputIndex) => {
          const unit = unitOf.get(name);
          const values = Array.from(
            result.times,
            (_, saveIndex) => result.values[saveIndex * outputCount + outputIndex]!,
          );
          const format = quantityFormat(name, unit, values, { unit: displayUnit(unit, shared.units) });
          return [name, format] as const;
        }),
      );
      output.out(
        `${formatSimulationTable(written, {
          width: shared.wide ? Number.POSITIVE_INFINITY : output.width,
          units: new Map(
            [...formats].map(([name, format]) => [name, format.unitShort === '' ? undefined : format.unitShort]),
          ),
          formats: new Map([...formats].map(([name, format]) => [name, format.number])),
        })}\n`,
      );
    }
    const bad = findNonFinite(result);
    if (bad !== undefined) {
      const rerun = kechuangCommand([
        'simulate',
        modelPath,
        ...shared.set.flatMap((override) => ['--set', override]),
        ...(options.method === undefined ? [] : ['--method', options.method]),
        ...(options.dt === undefined ? [] : ['--dt', options.dt]),
        '--csv',
      ]);
      output.err(`${renderMessage(messages.nonFinite(bad.variable, bad.value, bad.time, rerun))}\n`);
      throw new ReportedFailure(exitCodes.runFailed);
    }
  });
}
