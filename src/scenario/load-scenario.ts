import { basename, extname } from 'node:path';
import type { Diagnostic, Result, SourceLocation } from '../diagnostics/diagnostic.js';
import { failure, hasErrors, success } from '../diagnostics/diagnostic.js';
import { messages } from '../diagnostics/messages.js';
import { parseDataRows } from '../model/model-history.js';
import { modelElements, type ModelSpec } from '../model/model-spec.js';
import type { SamplingDesign } from '../sampling/distribution-spec.js';
import { readModelText } from '../model/read-model-text.js';
import { expandArrayNames } from './expand-array-names.js';
import { checkScenario, targetUnitFactor } from './check-scenario.js';
import { hashScenarioChain, hashText } from './hash-scenario.js';
import { diagnosticAt } from './internal/diagnostic-at.js';
import { mergeScenarioFiles, type MergedScenario } from './merge-scenario-files.js';
import { readScenarioChain, unreadableReason } from './read-scenario-chain.js';
import type { Placed, ScenarioFile } from './scenario-file.js';
import type { ScenarioIo } from './scenario-io.js';
import type { ScenarioSpec, TargetSpec } from './scenario-spec.js';

export type { ScenarioIo } from './scenario-io.js';

/** Monte Carlo runs when no file of the chain gives `uncertainty.runs`. */
export const defaultRunCount = 1000;
/** Seed when no file of the chain gives `uncertainty.seed`. */
export const defaultSeed = 1;
/** Sampling design when no file of the chain gives `uncertainty.sampling`: Latin hypercube. */
export const defaultSampling: SamplingDesign = 'lhs';

/** The outputs when no file gives `outputs`: the targets' variables in target order, else every stock. */
function defaultOutputs(scenario: MergedScenario, model: ModelSpec): string[] {
  const variables = [...scenario.targets.values()].map((target) => target.spec.variable);
  return variables.length > 0 ? variables : model.stocks.map((stock) => stock.name);
}

/** Where each field of the merged scenario was written, by field path (`targets.rd_2025.year`). */
function mergedLocations(
  top: ScenarioFile,
  scenario: MergedScenario,
  outputs: readonly string[],
): Map<string, SourceLocation> {
  const locations = new Map<string, SourceLocation>();
  const remember = (field: string, location: SourceLocation | undefined): void => {
    if (location !== undefined) locations.set(field, location);
  };
  remember('name', top.name?.place.location);
  remember('extends', top.extends?.place.location);
  remember('model', scenario.model?.place.location);
  for (const [name, setting] of scenario.set) remember(`set.${name}`, setting.key.location);
  for (const [name, policy] of scenario.policies) remember(`policies.${name}`, policy.key.location);
  remember('uncertainty.runs', scenario.runCount?.place.location);
  remember('uncertainty.seed', scenario.seed?.place.location);
  remember('uncertainty.sampling', scenario.sampling?.place.location);
  for (const [name, parameter] of scenario.parameters)
    remember(`uncertainty.parameters.${name}`, parameter.key.location);
  for (const [id, target] of scenario.targets) {
    remember(`targets.${id}`, target.item.location);
    remember(`targets.${id}.variable`, target.variable.location);
    remember(`targets.${id}.year`, target.year.location);
    remember(`targets.${id}.${target.spec.op === '>=' ? 'at_least' : 'at_most'}`, target.threshold.location);
  }
  if (scenario.outputs !== undefined) {
    remember('outputs', scenario.outputs.place.location);
    const firstPlaces = new Map<string, SourceLocation>();
    for (const name of scenario.outputs.names)
      if (!firstPlaces.has(name.value)) firstPlaces.set(name.value, name.place.location);
    outputs.forEach((name, index) => remember(`outputs[${index}]`, firstPlaces.get(name)));
  }
  return locations;
}

/**
 * Load a scenario file: read it and the chain of files it `extends`, merge the chain (child over
 * parent, see `mergeScenarioFiles`), read its model with `readModelText` and check the scenario
 * against it (see `checkScenario`). Returns every problem found in any file of the chain, each at the
 * field that caused it; model diagnostics pass through unchanged. The model is read, not checked:
 * `checkModel` (or compiling it) finds its reference, unit and loop problems.
 *
 * Rules where the files are silent:
 * - `name`: the scenario's own `name`, else its file name without extension (never the parent's);
 * - `uncertainty.runs` 1000 ({@link defaultRunCount}), `seed` 1, `sampling` `lhs`;
 * - `outputs`: the targets' variables in target order without repeats, or every stock of the model
 *   when there are no targets; a given `outputs` list also loses its repeats;
 * - a policy's `interpolate`: `linear`.
 * `locations` maps field paths of the merged scenario to where they were written: `name`, `model`,
 * `extends`, `set.<name>`, `policies.<name>` and `uncertainty.parameters.<name>` (at the name's key),
 * `uncertainty.runs|seed|sampling`, `targets.<id>` (the item) and `targets.<id>.variable|year|at_least|at_most`,
 * `outputs` and `outputs[<index>]` (only when written).
 *
 * @throws TypeError when `file` is not a non-empty path or `io` has no `readText`: those are
 *   programming mistakes, not the user's.
 */
/** The model with its clock starting at the scenario's `time.start`; the span must still be whole steps and saves. */
function startModelAt(model: ModelSpec, start: Placed<number>): Result<ModelSpec> {
  const { stop, dt, saveEvery } = model.time;
  const span = stop - start.value;
  const whole = (step: number): boolean => Math.abs(span / step - Math.round(span / step)) < 1e-9;
  if (span <= 0)
    return failure([
      diagnosticAt(
        start.place,
        messages.invalidTime(`start (${start.value}) must be before the model's stop (${stop})`),
      ),
    ]);
  if (!whole(dt)) return failure([diagnosticAt(start.place, messages.stepsNotWhole('stop - start', span, dt, 'dt'))]);
  if (!whole(saveEvery))
    return failure([diagnosticAt(start.place, messages.stepsNotWhole('stop - start', span, saveEvery, 'save_every'))]);
  return success({ ...model, time: { ...model.time, start: start.value } });
}

/** A target with its threshold in its variable's unit (the stated unit, if any, kept for reports). */
function statedInVariableUnit(target: TargetSpec, model: ModelSpec): TargetSpec {
  if (target.unit === undefined) return target;
  const variable = modelElements(model).find((element) => element.name === target.variable);
  const factor = targetUnitFactor(target.unit, variable?.unit) ?? 1;
  const { about } = target;
  return {
    ...target,
    threshold: target.threshold * factor,
    ...(about === undefined
      ? {}
      : {
          about: {
            ...about,
            stated: about.stated * factor,
            tolerance: about.tolerance * factor,
            lower: about.lower * factor,
            upper: about.upper * factor,
          },
        }),
  };
}

/**
 * The last year of the observed series the model's variables name (`history:` in its data file), or
 * undefined when it has none or its data file cannot be read (the commands that use the data report that).
 */
function modelLastDataYear(model: ModelSpec, io: ScenarioIo): number | undefined {
  if (model.dataFile === undefined) return undefined;
  const series = new Map(
    modelElements(model).flatMap((element) =>
      element.history === undefined ? [] : [[element.history.series, element.history.from ?? -Infinity] as const],
    ),
  );
  if (series.size === 0) return undefined;
  const text = io.readText(model.dataFile);
  const rows = text.ok ? parseDataRows(text.value, model.dataFile) : text;
  if (!rows.ok) return undefined;
  const years = rows.value.filter((row) => row.year >= (series.get(row.indicator) ?? Infinity)).map((row) => row.year);
  return years.length === 0 ? undefined : Math.max(...years);
}

export function loadScenario(file: string, io: ScenarioIo): Result<ScenarioSpec> {
  if (typeof file !== 'string' || file === '') throw new TypeError('loadScenario: file must be a non-empty path');
  if (typeof io?.readText !== 'function') throw new TypeError('loadScenario: io.readText must be a function');
  const chain = readScenarioChain(file, io);
  const diagnostics: Diagnostic[] = [...chain.diagnostics];
  const top = chain.files[0];
  if (top === undefined) return failure(diagnostics);
  const scenario = mergeScenarioFiles(chain.files);

  let model: ModelSpec | undefined;
  let modelHash = '';
  let modelText: string | undefined;
  if (scenario.model === undefined) {
    if (chain.complete) {
      const expected = 'the path of the model file, relative to this scenario file';
      const start = { location: { file: top.file, line: 1, column: 1 }, field: 'model' };
      diagnostics.push(diagnosticAt(start, messages.missingField('model', expected)));
    }
  } else {
    const modelFile = scenario.model.value;
    const text = io.readText(modelFile);
    if (!text.ok) {
      const reason = unreadableReason(text.diagnostics);
      diagnostics.push(
        diagnosticAt(scenario.model.place, messages.referencedFileUnreadable('model', modelFile, reason)),
      );
    } else {
      const read = readModelText(text.value, modelFile);
      if (read.ok) model = read.value;
      else diagnostics.push(...read.diagnostics);
      modelHash = hashText(text.value);
      modelText = text.value;
    }
  }
  if (model !== undefined && scenario.start !== undefined) {
    const started = startModelAt(model, scenario.start);
    if (started.ok) model = started.value;
    else diagnostics.push(...started.diagnostics);
  }
  if (model !== undefined) diagnostics.push(...checkScenario(scenario, model));
  if (model === undefined || hasErrors(diagnostics)) return failure(diagnostics);

  const outputs = [...new Set(scenario.outputs?.names.map((name) => name.value) ?? defaultOutputs(scenario, model))];
  const spec: ScenarioSpec = {
    name: top.name?.value ?? basename(file, extname(file)),
    ...(top.description === undefined ? {} : { description: top.description }),
    file,
    chain: chain.files.map((member) => member.file),
    model,
    modelFile: model.file,
    modelHash,
    ...(modelText === undefined ? {} : { modelText }),
    scenarioHash: hashScenarioChain(chain.texts),
    set: new Map([...scenario.set].map(([name, setting]) => [name, setting.value])),
    policies: [...scenario.policies.values()].map((policy) => policy.spec),
    uncertainty: {
      runCount: scenario.runCount?.value ?? defaultRunCount,
      seed: scenario.seed?.value ?? defaultSeed,
      sampling: scenario.sampling?.value ?? defaultSampling,
      parameters: [...scenario.parameters.values()].map((parameter) => parameter.spec),
    },
    targets: [...scenario.targets.values()].map((target) => statedInVariableUnit(target.spec, model)),
    outputs,
    locations: mergedLocations(top, scenario, outputs),
  };
  const calibrated = chain.files.find((member) => member.calibration !== undefined);
  if (calibrated?.calibration !== undefined) spec.calibration = { file: calibrated.file, ...calibrated.calibration };
  const lastDataYear = modelLastDataYear(model, io);
  if (lastDataYear !== undefined) spec.lastDataYear = lastDataYear;
  return success(expandArrayNames(spec));
}
