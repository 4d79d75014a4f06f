import type { Diagnostic, SourceLocation } from '../diagnostics/diagnostic.js';
import { locateInSegments, type TextSegment } from '../diagnostics/yaml-document.js';
import type { Expression } from './expression.js';

/** Integration methods, as Vensim and Stella define them. */
export type IntegrationMethod = 'euler' | 'rk4';

/** The simulation clock. `saveEvery` is in time units and a whole multiple of `dt`. */
export interface TimeSpec {
  start: number;
  stop: number;
  dt: number;
  method: IntegrationMethod;
  saveEvery: number;
  /** False when `save_every` was left out and defaults to `dt`. */
  saveEveryDeclared: boolean;
  unit: string;
}

/** Descriptive fields every named element may carry. */
export interface Documented {
  name: string;
  /** The name as the file writes it, for files whose names are not identifiers (XMILE: `Total Population`); for output headers. */
  displayName?: string;
  /** Declared unit, or undefined when the file gives none (then it is inferred, not checked). */
  unit: string | undefined;
  doc: string | undefined;
  label: string | undefined;
  labelZh: string | undefined;
  source: string | undefined;
  /** Set with the reason when the value is a modelling assumption rather than sourced. */
  assumption: string | boolean | undefined;
  /**
   * The price basis of a money value or its growth: `current` (nominal) or `constant` (real). A variable
   * that declares one is never compared with data rows on the other (see model/model-history.ts).
   */
  prices?: PriceBasis;
  /** The series of the model's data file that records this variable's history, when there is one. */
  history?: HistorySpec;
  /** For one element of an array (`capacity[haidian]`): the array's name and this element's subscripts. */
  array?: ArrayElementOf;
  location: SourceLocation;
}

/** Nominal (current prices) or real (constant prices). */
export type PriceBasis = 'current' | 'constant';

/** The price bases a variable or a data row may declare. */
export const priceBases: readonly PriceBasis[] = ['current', 'constant'];

/**
 * A statistical basis that data rows may be published on (`bases:` in the model file): a census vintage
 * of GDP-based levels, a list a count comes from. `from` and `until` bound the years it is in force, for
 * bases that replace one another (a level published for year Y is on the basis in force in Y).
 */
export interface BasisSpec {
  name: string;
  doc: string | undefined;
  from?: number;
  until?: number;
  location: SourceLocation;
}

/** Which array an element belongs to: `{ name: 'capacity', elements: ['haidian'] }` for `capacity[haidian]`. */
export interface ArrayElementOf {
  name: string;
  elements: readonly string[];
}

/**
 * A dimension (Vensim: subscript range): its elements in order. A subrange names the dimension its
 * elements come from as `parent`; `mappings` let an equation over this dimension read a variable
 * over another, element by element (Vensim `-> target`).
 */
export interface DimensionSpec {
  name: string;
  displayName?: string;
  elements: readonly string[];
  /** The elements as the file writes them, when they are not identifiers (XMILE, Vensim). */
  elementDisplayNames?: readonly string[];
  parent?: string;
  mappings?: readonly DimensionMapping[];
  location: SourceLocation;
}

/** `from -> to`: the k-th element of this dimension stands for the k-th of `to`, or for `elements[k]` when given. */
export interface DimensionMapping {
  to: string;
  elements?: readonly string[];
}

/** One equation of an array as written, over the subscripts it covers (a dimension or an element each). */
export interface ArrayDefinition {
  subscripts: readonly string[];
  kind: ElementSpec['kind'];
  /** The equation, or for a constant the value(s), as Kechuang YAML writes it. */
  text: string;
  location: SourceLocation;
}

/** An arrayed variable as written: its dimensions and definitions; its elements are in the model's sections. */
export interface ArraySpec {
  name: string;
  displayName?: string;
  dimensions: readonly string[];
  definitions: readonly ArrayDefinition[];
}

/** Which data-file series holds a variable's observed values, and the factor from the file's unit to the model's. */
export interface HistorySpec {
  series: string;
  scale: number;
  /** First year used, when earlier rows are on another basis (a census break, a changed definition). */
  from?: number;
  /**
   * The bases the variable is on. Only rows with no basis, or on one of these in a year it is in force,
   * are compared with the variable; absent, every row is.
   */
  basis?: readonly string[];
}

/** A constant the user may set or sample. */
export interface ParameterSpec extends Documented {
  kind: 'parameter';
  value: number;
  /** True when runs save it beside the variables: an XMILE constant is an aux in its file, so `simulate --csv` prints it. */
  saved?: boolean;
  min: number | undefined;
  max: number | undefined;
  /** True when `kechuang calibrate` fits it by default (within `min`..`max`). */
  calibrate?: boolean;
  /**
   * True for a yearly path (a deflator, a growth rate of each year): a scenario's policy on it must be
   * `interpolate: annual`, one value for every year from its first point to its last.
   */
  annual?: boolean;
}

/** A table function: piecewise linear between points, clamped at the ends. */
export interface LookupSpec extends Documented {
  kind: 'lookup';
  xs: readonly number[];
  ys: readonly number[];
}

/** An equation with the text it came from and where each part of that text is in the file. */
export interface Equation {
  text: string;
  expression: Expression;
  /** Location of the first character of `text`. */
  location: SourceLocation;
  /** Maps character offsets in `text` to file positions (YAML may fold lines and resolve escapes). */
  segments: readonly TextSegment[];
}

/** The file location of a character offset inside an equation's text. */
export function locateInEquation(equation: Equation, offset: number): SourceLocation {
  return equation.segments.length === 0 ? equation.location : locateInSegments(equation.segments, offset);
}

export interface StockSpec extends Documented {
  kind: 'stock';
  initial: Equation;
  inflows: readonly string[];
  outflows: readonly string[];
  /** Stella's non-negative stock: outflows are limited, in the listed order, to what the stock holds. */
  nonNegative?: boolean;
}

export interface FlowSpec extends Documented {
  kind: 'flow';
  equation: Equation;
}

export interface AuxiliarySpec extends Documented {
  kind: 'aux';
  equation: Equation;
}

/** Any named element of a model. */
export type ElementSpec = ParameterSpec | LookupSpec | StockSpec | FlowSpec | AuxiliarySpec;

/** A model as read from its file: typed, with every element's source location. */
export interface ModelSpec {
  name: string;
  file: string;
  doc: string | undefined;
  /** Absolute path of the CSV file of observed values (`data:` in the model file, relative to it). */
  dataFile?: string | undefined;
  /** The statistical bases the data file's `basis` column may name. */
  bases?: readonly BasisSpec[];
  time: TimeSpec;
  parameters: readonly ParameterSpec[];
  lookups: readonly LookupSpec[];
  stocks: readonly StockSpec[];
  flows: readonly FlowSpec[];
  auxiliaries: readonly AuxiliarySpec[];
  /** Where each field was written, by field path (`stocks.gdp.inflows[0]`, `time.dt`). */
  locations: ReadonlyMap<string, SourceLocation>;
  /** False when declared units are informative only and not checked (XMILE: vendor tools do not check them). Default true. */
  unitsChecked?: boolean;
  /** What the reader skipped or repaired: the model runs, but the user should know. */
  warnings?: readonly Diagnostic[];
  /** Dimensions of the model's arrays, in file order. */
  dimensions?: readonly DimensionSpec[];
  /** The model's arrays as written; each element is also an element of its section (`capacity[haidian]`). */
  arrays?: readonly ArraySpec[];
}

/** Where a field was written; falls back to the nearest enclosing field, then to the file's start. */
export function locateField(model: ModelSpec, field: string): SourceLocation {
  let path = field;
  for (;;) {
    const found = model.locations.get(path);
    if (found !== undefined) return found;
    const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    if (cut <= 0) return { file: model.file, line: 1, column: 1 };
    path = path.slice(0, cut);
  }
}

/** Human word for an element kind, as used in messages and `describe`. */
export const kindWord: Record<ElementSpec['kind'], string> = {
  parameter: 'parameter',
  lookup: 'lookup',
  stock: 'stock',
  flow: 'flow',
  aux: 'auxiliary',
};

/** Every named element of a model, in file order by section. */
export function modelElements(model: ModelSpec): ElementSpec[] {
  return [...model.parameters, ...model.lookups, ...model.stocks, ...model.flows, ...model.auxiliaries];
}

/** The stocks, flows and auxiliaries in file order by section: what a run can save. */
export function modelVariables(model: ModelSpec): (StockSpec | FlowSpec | AuxiliarySpec)[] {
  return [...model.stocks, ...model.flows, ...model.auxiliaries];
}

/** What a run saves by default: the stocks, flows and auxiliaries, then the parameters marked `saved`. */
export function savedElements(model: ModelSpec): (StockSpec | FlowSpec | AuxiliarySpec | ParameterSpec)[] {
  return [...modelVariables(model), ...model.parameters.filter((parameter) => parameter.saved === true)];
}

/** The field path of an element: `stocks.gdp`. */
export function elementPath(element: ElementSpec): string {
  const section: Record<ElementSpec['kind'], string> = {
    parameter: 'parameters',
    lookup: 'lookups',
    stock: 'stocks',
    flow: 'flows',
    aux: 'auxiliaries',
  };
  return `${section[element.kind]}.${element.name}`;
}

/** A written name in the form names match in: case ignored, `_` and line breaks as spaces, spacing collapsed. */
const looseName = (name: string): string =>
  name
    .replace(/[_\s]+/g, ' ')
    .trim()
    .toLowerCase();

/**
 * The stock, flow, aux or saved parameter a user names on the command line: by its identifier, or by its
 * written name where the file has one (XMILE: `Total Population`, `total_population`), case and `_` ignored.
 */
export function findVariableName(model: ModelSpec, written: string): string | undefined {
  const variables = savedElements(model);
  if (variables.some((element) => element.name === written)) return written;
  const wanted = looseName(written);
  return variables.find((element) => element.displayName !== undefined && looseName(element.displayName) === wanted)
    ?.name;
}

/** Output headers: each variable's name as the file writes it (`displayName`), else its identifier. */
export function displayNames(model: ModelSpec, names: readonly string[]): string[] {
  const written = new Map(savedElements(model).map((element) => [element.name, element.displayName ?? element.name]));
  return names.map((name) => written.get(name) ?? name);
}

/** The elements of the array `name` in the model's order (`capacity[haidian]`, ...), or none when `name` is not an array. */
export function arrayElements(model: ModelSpec, name: string): ElementSpec[] {
  if (model.arrays === undefined || !model.arrays.some((array) => array.name === name)) return [];
  return modelElements(model).filter((element) => element.array?.name === name);
}
