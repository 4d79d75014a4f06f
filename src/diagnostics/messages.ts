import type { DiagnosticCode } from './diagnostic.js';
import { kechuangCommand } from './shell-command.js';

/** The words of a diagnostic, before it is placed in a file. */
export interface Message {
  code: DiagnosticCode;
  message: string;
  hint?: string;
}

/** `an auxiliary`, `a stock`. */
export const withArticle = (noun: string): string => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;

/** The folder part of a path, as written. */
const dirnameOf = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '.');

const list = (names: readonly string[]): string => names.map((name) => `'${name}'`).join(', ');

/** The catalogue of every user-facing problem. Tests assert against these builders, not against copied strings. */
export const messages = {
  fileUnreadable: (reason: string): Message => ({
    code: 'file-unreadable',
    message: `cannot read the file: ${reason}`,
  }),
  fileNotFound: (suggestion: string | undefined): Message => ({
    code: 'file-unreadable',
    message: 'cannot read the file: no such file',
    ...(suggestion === undefined ? {} : { hint: `did you mean '${suggestion}'?` }),
  }),
  syntaxError: (format: string, detail: string): Message => ({
    code: 'syntax-error',
    message: `${format} syntax error: ${detail}`,
  }),
  wrongType: (expected: string, found: string): Message => ({
    code: 'wrong-type',
    message: `expected ${expected}, found ${found}`,
  }),
  missingField: (name: string, expected: string): Message => ({
    code: 'missing-field',
    message: `'${name}' is required: ${expected}`,
  }),
  unknownField: (name: string, allowed: readonly string[], suggestion?: string): Message => ({
    code: 'unknown-field',
    message: `unknown field '${name}'`,
    hint: `${suggestion === undefined ? '' : `did you mean '${suggestion}'? `}allowed here: ${list(allowed)}`,
  }),
  invalidValue: (detail: string, hint?: string): Message => ({
    code: 'invalid-value',
    message: detail,
    ...(hint === undefined ? {} : { hint }),
  }),
  duplicateKey: (name: string): Message => ({
    code: 'duplicate-name',
    message: `'${name}' is written twice in the same section`,
    hint: 'each name may be defined once; the later definition is the one read',
  }),
  duplicateName: (name: string, firstKind: string, firstLine: number): Message => ({
    code: 'duplicate-name',
    message: `'${name}' is already defined as a ${firstKind} on line ${firstLine}`,
    hint: 'names are shared by stocks, flows, auxiliaries, parameters and lookups; rename one of them',
  }),
  invalidName: (name: string): Message => ({
    code: 'invalid-name',
    message: `'${name}' is not a valid name`,
    hint: 'use letters, digits and underscores, starting with a letter (e.g. rd_expenditure)',
  }),
  reservedName: (name: string): Message => ({
    code: 'invalid-name',
    message: `'${name}' is a reserved name`,
    hint: 'time, dt, pi, e and the built-in functions cannot be redefined',
  }),
  unknownVariable: (name: string, suggestion: string | undefined): Message => ({
    code: 'unknown-variable',
    message: `'${name}' is not defined in this model`,
    hint:
      suggestion === undefined ? 'define it as a parameter, stock, flow or auxiliary' : `did you mean '${suggestion}'?`,
  }),
  unknownFunction: (name: string, known: readonly string[]): Message => ({
    code: 'unknown-function',
    message: `'${name}' is not a built-in function or a lookup of this model`,
    hint: `built-ins: ${known.join(', ')}`,
  }),
  wrongArgumentCount: (name: string, expected: string, found: number): Message => ({
    code: 'wrong-argument-count',
    message: `${name}() takes ${expected}, found ${found}`,
  }),
  unsupportedSyntax: (what: string): Message => ({
    code: 'unsupported-syntax',
    message: `${what} is not supported in equations`,
    hint: 'equations use numbers, names, + - * / ^, comparisons, and/or/not, cond ? a : b and built-in functions',
  }),
  equationSyntax: (detail: string): Message => ({
    code: 'equation-syntax',
    message: `the equation does not parse: ${detail}`,
  }),
  equationSyntaxCutAtComma: (detail: string): Message => ({
    code: 'equation-syntax',
    message: `the equation does not parse: ${detail}`,
    hint: 'inside { ... } a comma ends the value: put an equation with commas in quotes, e.g. equation: "step(h, t0)"',
  }),
  emptyEquation: (): Message => ({
    code: 'equation-syntax',
    message: 'the equation is empty',
  }),
  flowNotAttached: (name: string): Message => ({
    code: 'flow-not-attached',
    message: `flow '${name}' is not an inflow or outflow of any stock`,
    hint: `list it under a stock's inflows or outflows, or make it an auxiliary`,
  }),
  flowAttachedTwice: (name: string, stock: string): Message => ({
    code: 'flow-attached-twice',
    message: `flow '${name}' is listed twice on stock '${stock}'`,
  }),
  notAFlow: (name: string, kind: string | undefined): Message => ({
    code: 'not-a-flow',
    message:
      kind === undefined ? `'${name}' is not defined in this model` : `'${name}' is ${withArticle(kind)}, not a flow`,
    hint: 'inflows and outflows name entries of the flows section',
  }),
  missingInitial: (name: string): Message => ({
    code: 'missing-initial',
    message: `stock '${name}' has no initial value`,
    hint: 'add initial: <number or equation>',
  }),
  lookupNotIncreasing: (index: number, previous: number, value: number): Message => ({
    code: 'lookup-not-increasing',
    message: `x values must increase: point ${index} has x = ${value} after x = ${previous}`,
  }),
  lookupTooShort: (): Message => ({
    code: 'lookup-too-short',
    message: 'a lookup needs at least one [x, y] point',
  }),
  circularDependency: (loop: readonly string[]): Message => ({
    code: 'circular-dependency',
    message: `circular dependency among auxiliaries and flows: ${loop.join(' -> ')}`,
    hint: 'a loop must pass through a stock (or a smooth/delay); make one of these a stock',
  }),
  circularInitialization: (loop: readonly string[]): Message => ({
    code: 'circular-initialization',
    message: `initial values depend on each other in a loop: ${loop.join(' -> ')}`,
    hint: 'give a stock in the loop a number or an equation of parameters as its initial value (for smooth and delay calls, their third argument)',
  }),
  unitMismatch: (context: string, expected: string, found: string): Message => ({
    code: 'unit-mismatch',
    message: `units do not agree in ${context}: expected ${expected}, found ${found}`,
    hint: 'declare dimensionless quantities as dmnl; a flow has its stock unit per time unit',
  }),
  unitConflict: (detail: string): Message => ({
    code: 'unit-mismatch',
    message: `units do not agree: ${detail}`,
    hint: 'declare dimensionless quantities as dmnl; a number alone takes the unit of what it is added to',
  }),
  invalidUnit: (unit: string, detail: string): Message => ({
    code: 'invalid-unit',
    message: `'${unit}' is not a valid unit: ${detail}`,
    hint: "write units like 'yi_yuan/year', 'person', '1/year' or 'dmnl'",
  }),
  parameterOutOfRange: (name: string, value: number, min: number | undefined, max: number | undefined): Message => ({
    code: 'parameter-out-of-range',
    message: `parameter '${name}' = ${value} is outside its declared range [${min ?? '-inf'}, ${max ?? 'inf'}]`,
  }),
  invalidTime: (detail: string): Message => ({
    code: 'invalid-time',
    message: detail,
  }),
  stepsNotWhole: (what: string, span: number, step: number, stepName: string): Message => ({
    code: 'invalid-time',
    message: `${what} = ${span} is not a whole multiple of ${stepName} = ${step}`,
    hint:
      stepName === 'dt'
        ? `choose a dt that divides ${what} exactly; powers of two such as 0.25 or 0.0625 also avoid rounding`
        : `choose a save_every that divides ${what} exactly, so that the stop time is saved`,
  }),
  unknownSeries: (series: string, file: string, suggestion: string | undefined): Message => ({
    code: 'unknown-series',
    message: `the data file ${file} has no series '${series}'`,
    hint: suggestion === undefined ? 'name a value of the indicator column' : `did you mean '${suggestion}'?`,
  }),
  dataFileUnreadable: (path: string, reason: string): Message => ({
    code: 'file-unreadable',
    message: `cannot read the data file '${path}': ${reason}`,
    hint: 'data: is relative to the folder of the model file; reports and calibrate read observed values from it',
  }),
  unknownBasis: (found: string, declared: readonly string[], suggestion: string | undefined): Message => ({
    code: 'unknown-basis',
    message:
      declared.length === 0
        ? `unknown statistical basis '${found}': the model declares no bases`
        : `unknown statistical basis '${found}': the model declares ${list(declared)}`,
    hint:
      suggestion === undefined
        ? "declare it under the model's bases: (with the years it is in force), or leave the basis empty"
        : `did you mean '${suggestion}'?`,
  }),
  unknownPriceBasis: (found: string): Message => ({
    code: 'unknown-basis',
    message: `unknown price basis '${found}': expected 'current' (nominal), 'constant' (real) or nothing`,
    hint: 'leave it empty for values that are not money or its growth (shares, counts, persons)',
  }),
  priceBasisMismatch: (
    variable: string,
    prices: string,
    series: string,
    rowPrices: string,
    file: string,
    line: number,
  ): Message => ({
    code: 'price-basis-mismatch',
    message: `'${variable}' is at ${prices} prices but ${file}:${line} gives '${series}' at ${rowPrices} prices: a nominal and a real value are never compared`,
    hint: `model the ${rowPrices}-price value as its own variable, or name a series at ${prices} prices`,
  }),
  dataSyntax: (detail: string): Message => ({
    code: 'syntax-error',
    message: `the data file is not valid CSV: ${detail}`,
  }),
  dataColumnsMissing: (columns: readonly string[]): Message => ({
    code: 'missing-field',
    message: `the data file needs the columns ${columns.join(', ')} in its header`,
    hint: 'the header is indicator,year,value,unit,source_title,source_url,note',
  }),
  dataNotNumber: (column: string, found: string): Message => ({
    code: 'wrong-type',
    message: `expected a number in column '${column}', found '${found}'`,
  }),
  calibrateNeedsBounds: (name: string): Message => ({
    code: 'calibrate-needs-bounds',
    message: `parameter '${name}' is marked calibrate: true but has no min and max`,
    hint: 'give min and max: calibration searches between them (use the published range)',
  }),
  minAboveMax: (name: string, min: number, max: number): Message => ({
    code: 'invalid-value',
    message: `parameter '${name}' has min ${min} above max ${max}`,
  }),
  notRunConstant: (what: string): Message => ({
    code: 'not-run-constant',
    message: `${what} must not change during a run`,
    hint: 'use parameters and numbers only here',
  }),
  unknownParameter: (name: string, suggestion: string | undefined): Message => ({
    code: 'unknown-parameter',
    message: `'${name}' is not a parameter of the model`,
    hint:
      suggestion === undefined ? 'run `kechuang describe <model>` to list parameters' : `did you mean '${suggestion}'?`,
  }),
  noDataFile: (): Message => ({
    code: 'missing-field',
    message: 'the model names no data file, so there is nothing to calibrate against',
    hint: 'give --data <csv>, or add `data: <csv>` to the model file',
  }),
  nothingToFit: (): Message => ({
    code: 'missing-field',
    message: 'no parameter to fit: the model marks none with calibrate: true',
    hint: 'name them with --fit a,b,c (each needs min and max in the model)',
  }),
  fitNeedsBounds: (name: string): Message => ({
    code: 'calibrate-needs-bounds',
    message: `parameter '${name}' has no min and max, so calibrate cannot search for it`,
    hint: 'give it min and max in the model file (the published range, where there is one)',
  }),
  noFitData: (until: number): Message => ({
    code: 'invalid-value',
    message: `no observed value of a model variable falls in a saved year up to ${until}`,
    hint: 'raise --until, or give variables a history: series in the model file',
  }),
  unknownInput: (name: string, suggestion: string | undefined): Message => ({
    code: 'unknown-parameter',
    message: `'${name}' is neither an uncertain parameter of the scenario (not fixed by set or a policy) nor a joint group`,
    hint:
      suggestion === undefined
        ? 'name parameters under uncertainty.parameters, or a joint group'
        : `did you mean '${suggestion}'?`,
  }),
  thresholdNeedsOneTarget: (targetCount: number): Message => ({
    code: 'invalid-value',
    message: `--threshold replaces one target's threshold, but ${targetCount} targets are given`,
    hint: 'give a single --target with --threshold',
  }),
  numberOutOfRange: (expected: string, found: string): Message => ({
    code: 'invalid-value',
    message: `expected ${expected}, found '${found}'`,
  }),
  noUncertainInput: (): Message => ({
    code: 'nothing-to-discover',
    message: 'the scenario has no uncertain input left to vary: every one is fixed by set, --set or a policy',
    hint: 'discover looks for ranges of the uncertain inputs; add some under uncertainty.parameters',
  }),
  nothingToDiscover: (subject: string, outcome: 'met' | 'missed', runCount: number): Message => ({
    code: 'nothing-to-discover',
    message: `${subject} ${outcome} in all ${runCount.toLocaleString('en-US')} runs: nothing to discover`,
    hint:
      outcome === 'met'
        ? 'ask about a harder threshold with --threshold, or about the runs that meet it with --met'
        : 'ask about an easier threshold with --threshold',
  }),
  notPositive: (): Message => ({
    code: 'invalid-value',
    message: 'expected a positive number',
  }),
  workersCapped: (asked: number, cores: number): Message => ({
    code: 'invalid-value',
    message: `${asked} worker threads asked for, but this machine runs ${cores} at a time: using ${cores}`,
    hint: 'more threads than cores only slow a run down; leave --workers out to use every core',
  }),
  notInteger: (expected: string, found: string): Message => ({
    code: 'invalid-value',
    message: `expected ${expected}, found '${found}'`,
  }),
  compareAligned: (scenario: string, declared: string, used: string): Message => ({
    code: 'compare-aligned',
    message: `scenario ${scenario} declares ${declared}; compare runs every scenario with ${used}, so they share common random numbers`,
    hint: 'give --seed and --runs to choose them yourself',
  }),
  memoryLimit: (needed: string, limit: string, shape: string): Message => ({
    code: 'too-large',
    message: `this experiment needs ${needed} of memory (${shape}), more than the ${limit} allowed`,
    hint: "lower --runs, list fewer outputs in the scenario, or raise --max-memory (in GB; the default is half of this machine's memory)",
  }),
  summarizedInPasses: (needed: string, limit: string, passCount: number, columnsPerPass: number): Message => ({
    code: 'too-large',
    message: `the runs need ${needed} of memory, more than the ${limit} allowed: their outputs are summarised in ${passCount} passes of ${columnsPerPass} columns each, every pass running every run again (the numbers are the same, the time ${passCount} times as long)`,
    hint: '--out keeps no runs to resume from in passes; raise --max-memory (in GB) to hold every run at once',
  }),
  runFailed: (
    runIndex: number,
    variable: string,
    value: number,
    time: number,
    failedRunCount: number,
    inputs: string,
    rerun: string,
  ): Message => ({
    code: 'non-finite',
    message: `run ${runIndex} gives ${variable} = ${value} at time ${time}${failedRunCount > 1 ? ` (${failedRunCount} runs have non-finite values)` : ''}; its sampled inputs: ${inputs}`,
    hint: `look for a division by zero or a runaway loop at those inputs; reproduce with: ${rerun}`,
  }),
  modelNotScenario: (file: string): Message => ({
    code: 'wrong-type',
    message: 'expected a scenario file, found a model',
    hint: `\`${kechuangCommand(['simulate', file])}\` runs the model once; for Monte Carlo, write a scenario with \`model: <path to ${file}>\`, \`uncertainty\` and \`targets\` (docs/scenario-format.md)`,
  }),
  onlyRunOutOfRange: (runIndex: number, runCount: number): Message => ({
    code: 'invalid-value',
    message: `run ${runIndex} does not exist: the experiment has runs 0 to ${runCount - 1}`,
  }),
  nonFinite: (variable: string, value: number, time: number, rerun: string): Message => ({
    code: 'non-finite',
    message: `${variable} is ${value} at time ${time}`,
    hint: `look for a division by zero or a runaway loop; reproduce with: ${rerun}`,
  }),
  tooLarge: (detail: string): Message => ({
    code: 'too-large',
    message: detail,
    hint: 'split long equations into auxiliaries, or shorten the run',
  }),
  invalidOverride: (text: string): Message => ({
    code: 'invalid-override',
    message: `'${text}' is not of the form name=number`,
  }),
  referencedFileUnreadable: (field: 'model' | 'extends', path: string, reason: string): Message => ({
    code: 'file-unreadable',
    message: `cannot read the ${field === 'model' ? 'model' : 'extended scenario'} file '${path}': ${reason}`,
    hint: 'the path is relative to the folder of the scenario file that names it',
  }),
  extendsModel: (path: string): Message => ({
    code: 'wrong-type',
    message: `extends names '${path}', which is a model file, not a scenario`,
    hint: 'extends names another scenario file to start from; a scenario names its model in model:',
  }),
  circularExtends: (chain: readonly string[]): Message => ({
    code: 'circular-extends',
    message: `scenarios extend each other in a loop: ${chain.join(' -> ')}`,
    hint: 'remove one of these extends, so that the chain ends at a scenario without extends',
  }),
  setAndPolicy: (name: string): Message => ({
    code: 'duplicate-name',
    message: `'${name}' is in both set and policies of this file`,
    hint: 'a parameter is either fixed (set) or varies over time (policies); keep one of the two',
  }),
  notAParameter: (name: string, kind: string): Message => ({
    code: 'not-a-parameter',
    message: `'${name}' is ${withArticle(kind)}, not a parameter, so a scenario cannot set, vary or sample it`,
    hint: 'only parameters can be changed by a scenario; run `kechuang describe <model>` to list them',
  }),
  distributionOutOfRange: (
    name: string,
    dist: string,
    support: { min: number; max: number },
    min: number | undefined,
    max: number | undefined,
  ): Message => ({
    code: 'parameter-out-of-range',
    message: `the ${dist} distribution of '${name}' takes values in [${support.min}, ${support.max}], outside the parameter's declared range [${min ?? '-inf'}, ${max ?? 'inf'}]`,
    hint: 'narrow the distribution so that every value it can draw lies within the declared range',
  }),
  notOneOf: (field: string, allowed: readonly string[], found: string, suggestion?: string): Message => ({
    code: 'invalid-value',
    message: `${field} must be ${allowed.map((item) => `'${item}'`).join(' or ')}, found ${found}`,
    ...(suggestion === undefined ? {} : { hint: `did you mean '${suggestion}'?` }),
  }),
  invalidRunCount: (found: string): Message => ({
    code: 'invalid-value',
    message: `runs must be a whole number from 1 to 1000000000, found ${found}`,
  }),
  invalidSeed: (found: string): Message => ({
    code: 'invalid-value',
    message: `seed must be a whole number from -(2^53 - 1) to 2^53 - 1, found ${found}`,
  }),
  policyWithoutPoints: (name: string): Message => ({
    code: 'invalid-policy',
    message: `policy '${name}' has no points`,
    hint: 'give at least one <time>: <value> point, e.g. points: { 2025: 0.4 }',
  }),
  policyTimeNotNumber: (key: string): Message => ({
    code: 'invalid-policy',
    message: `the policy point time '${key}' is not a number`,
    hint: 'write each point as <time>: <value>, e.g. 2025: 0.4',
  }),
  policyTimeRepeated: (time: number): Message => ({
    code: 'invalid-policy',
    message: `the policy has more than one point at time ${time}`,
    hint: 'times must be strictly increasing: keep one value per time',
  }),
  annualPathYear: (name: string, time: number): Message => ({
    code: 'invalid-policy',
    message: `the yearly path '${name}' has a point at ${time}, which is not a whole year`,
    hint: 'an annual policy gives one value per year: write each point at a year, e.g. 2026: 0.01',
  }),
  annualPathGap: (name: string, first: number, last: number, before: number, after: number): Message => ({
    code: 'invalid-policy',
    message: `the yearly path '${name}' has no value for ${first === last ? first : `${first}-${last}`} (between its points at ${before} and ${after})`,
    hint: 'an annual policy gives every year from its first point to its last: add the missing years',
  }),
  annualPathRequired: (name: string, found: string): Message => ({
    code: 'invalid-policy',
    message: `'${name}' is a yearly path in the model (annual: true), so its policy must be interpolate: annual, not ${found}`,
    hint: 'write interpolate: annual and one point per year; the value at year Y holds over that year',
  }),
  targetBound: (both: boolean): Message => ({
    code: 'invalid-target',
    message: both ? 'a target has both at_least and at_most' : 'a target needs at_least or at_most',
    hint: 'give each target one bound; write two targets (with different ids) for a range',
  }),
  targetAboutUnreadable: (found: string): Message => ({
    code: 'invalid-target',
    message: `the tolerance of 'about' must be a number of at least 0 in the variable's unit, or a percentage of the stated value such as '5%'; found ${found}`,
    hint: 'e.g. at_least: 0.06 with about: 0.005 reads "about 6%" as the band 5.5% to 6.5%',
  }),
  duplicateTargetId: (id: string, firstLine: number): Message => ({
    code: 'duplicate-name',
    message: `target id '${id}' is already used on line ${firstLine}`,
    hint: 'give each target its own id (a scenario that extends another replaces a target by reusing its id)',
  }),
  notAVariable: (name: string, kind: string): Message => ({
    code: 'unknown-output',
    message: `'${name}' is ${withArticle(kind)}, not a stock, flow or auxiliary`,
    hint: 'targets and outputs name values that a run saves: stocks, flows and auxiliaries',
  }),
  yearNotSaved: (year: number, start: number, saveEvery: number, lastSaved: number): Message => ({
    code: 'year-not-saved',
    message: `${year} is not a saved time of the model`,
    hint:
      lastSaved === start
        ? `the model saves only its start time, ${start}`
        : `the model saves start + k * save_every up to stop: ${start}, ${Number((start + saveEvery).toPrecision(12))}, ..., ${lastSaved}`,
  }),
  targetUnitMismatch: (
    unit: string,
    variable: string,
    variableUnit: string,
    alternatives: readonly string[],
  ): Message => ({
    code: 'unit-mismatch',
    message: `the target is stated in '${unit}', which does not convert to ${variable}'s unit '${variableUnit}'`,
    hint:
      alternatives.length === 0
        ? `leave unit out to state the threshold in '${variableUnit}'`
        : `leave unit out to state the threshold in '${variableUnit}', or use one of ${list(alternatives)}`,
  }),
  implausibleShare: (threshold: number, variable: string, suggestion: number): Message => ({
    code: 'implausible-target',
    message: `${threshold} on ${variable}, a share (${variable} is a fraction: 0.05 is 5%), can never be reached as written`,
    hint: `did you mean ${suggestion}? or state the unit: unit: percent`,
  }),
  implausibleMagnitude: (
    threshold: string,
    variable: string,
    central: string,
    year: number,
    factor: string,
    suggestion: string | undefined,
  ): Message => ({
    code: 'implausible-target',
    message: `${threshold} is ${factor} ${variable}'s value in ${year} in the scenario's central case (${central}): the target is met or missed whatever the inputs`,
    hint:
      suggestion === undefined
        ? 'check the number against the unit of the variable (kechuang describe lists units)'
        : `did you mean ${suggestion}? state the unit on the target (unit: ...) or convert the number`,
  }),
  calibrationExists: (path: string, extenders: readonly string[]): Message => ({
    code: 'file-exists',
    message: `${path} exists${extenders.length === 0 ? '' : ` and ${extenders.length === 1 ? 'a scenario extends it' : `${extenders.length} scenarios extend it`} (${extenders.join(', ')})`}: calibrate does not replace it without --force`,
    hint: 'add --dry-run to see what the new fit would change, --force to replace it, or give another --out folder',
  }),
  needsOut: (option: string): Message => ({
    code: 'invalid-option',
    message: `${option} writes a file, so it needs --out DIR`,
  }),
  outputExists: (path: string): Message => ({
    code: 'file-exists',
    message: `${path} exists; it is not replaced without --force`,
    hint: 'add --force to replace it, or give another --out folder',
  }),
  calibrationKept: (kept: string, written: string, extenders: readonly string[], dryRun: boolean): Message => ({
    code: 'file-exists',
    message: `${kept} exists${extenders.length === 0 ? '' : `, extended by ${extenders.join(', ')}`}: it is left as it was, and the new fit ${dryRun ? 'would go' : 'goes'} to ${written}`,
    hint: `to replace it, give --out ${dirnameOf(kept)} --force (check the change with --dry-run first)`,
  }),
  sensitivitySizeOption: (method: string, option: '--runs' | '--samples'): Message => ({
    code: 'invalid-option',
    message: `${method} takes its design's size from ${option}`,
    hint:
      option === '--runs'
        ? 'partial rank correlation ranks the Monte Carlo runs of the scenario: --runs N, as run takes it'
        : `${method}'s design is --samples base samples, each several runs (printed with the results); --runs counts Monte Carlo runs, which ${method} does not take`,
  }),
  unknownOutput: (name: string, suggestion?: string): Message => ({
    code: 'unknown-output',
    message: `'${name}' is not a stock, flow or auxiliary of the model`,
    ...(suggestion === undefined ? {} : { hint: `did you mean '${suggestion}'?` }),
  }),
  xmileUnsupported: (element: string, what: string): Message => ({
    code: 'unsupported-xmile',
    message: `${element} uses ${what}, which Kechuang does not support yet`,
    hint: 'Kechuang reads XMILE stocks (non-negative ones too), flows, auxes, constants, graphical functions, arrays, modules and macros; conveyors, queues and macros with variables of their own are not supported yet (docs/xmile.md)',
  }),
  xmileUnsupportedFunction: (name: string, supported: readonly string[]): Message => ({
    code: 'unsupported-xmile',
    message: `the function ${name}() is not supported yet (or is not an XMILE function)`,
    hint: `supported: ${supported.join(', ')}, and each graphical function of the model`,
  }),
  xmileNotCallable: (name: string): Message => ({
    code: 'unsupported-xmile',
    message: `'${name}' is called like a function but is not a graphical function`,
  }),
  yamlTooDeep: (flowDepth?: number, indentColumns?: number): Message => ({
    code: 'syntax-error',
    message: `YAML syntax error: lists or mappings are nested too deeply to read${flowDepth === undefined ? '' : ` (at most ${flowDepth} open [ or { and ${indentColumns} columns of indentation)`}`,
  }),
  nestedTooDeep: (what: string): Message => ({
    code: 'too-large',
    message: `${what}, more than Kechuang reads`,
    hint: 'split the equation into auxiliaries, each naming a part of it',
  }),
  fileUnwritable: (reason: string): Message => ({
    code: 'file-unwritable',
    message: `cannot write there: ${reason}`,
    hint: '--out names a folder Kechuang may create and write into',
  }),
  shardRetried: (
    firstRun: number,
    lastRun: number,
    attempt: number,
    attemptCount: number,
    reason: string,
  ): Message => ({
    code: 'worker-failed',
    message: `runs ${firstRun} to ${lastRun} failed on attempt ${attempt} of ${attemptCount} (${reason}); trying them again`,
  }),
  runCrashed: (runIndex: number, attemptCount: number, reason: string, inputs: string, rerun: string): Message => ({
    code: 'worker-failed',
    message: `run ${runIndex} failed on all ${attemptCount} attempts (${reason}); its sampled inputs: ${inputs}`,
    hint: `reproduce it alone with: ${rerun}`,
  }),
  tasksCrashed: (what: string, attemptCount: number, reason: string): Message => ({
    code: 'worker-failed',
    message: `${what} failed on all ${attemptCount} attempts (${reason})`,
    hint: 'this is most likely a bug in Kechuang or a lack of memory; please report it with this text',
  }),
  interrupted: (savedRuns: number, runCount: number, folder: string, resume: string): Message => ({
    code: 'interrupted',
    message: `interrupted: ${savedRuns.toLocaleString('en-US')} of ${runCount.toLocaleString('en-US')} runs are saved in ${folder}`,
    hint: `continue where it stopped with: ${resume}`,
  }),
  runsKept: (savedRuns: number, runCount: number, folder: string, resume: string): Message => ({
    code: 'worker-failed',
    message: `${savedRuns.toLocaleString('en-US')} of ${runCount.toLocaleString('en-US')} runs are saved in ${folder}`,
    hint: `once the cause is fixed (if it was memory or the machine), continue with: ${resume}`,
  }),
  interruptedUnsaved: (): Message => ({
    code: 'interrupted',
    message: 'interrupted; no runs were kept',
    hint: 'with --out DIR, finished runs are saved as they complete, and --resume continues from them',
  }),
  resumeNeedsOut: (): Message => ({
    code: 'invalid-value',
    message: '--resume continues a run saved by --out DIR, so it needs --out DIR',
  }),
  resuming: (restoredRuns: number, runCount: number, folder: string): Message => ({
    code: 'interrupted',
    message: `resuming: ${restoredRuns.toLocaleString('en-US')} of ${runCount.toLocaleString('en-US')} runs restored from ${folder}`,
  }),
  nothingToResume: (folder: string): Message => ({
    code: 'interrupted',
    message: `nothing to resume in ${folder}; starting from the first run`,
  }),
  checkpointExists: (folder: string): Message => ({
    code: 'checkpoint-exists',
    message: `${folder} holds the saved runs of an unfinished run`,
    hint: 'add --resume to continue it, or remove that folder to start again',
  }),
  checkpointMismatch: (folder: string, what: string, was: string, now: string): Message => ({
    code: 'checkpoint-mismatch',
    message: `cannot resume from ${folder}: the ${what} changed since its runs were saved (was ${was}, now ${now})`,
    hint: 'resume with the same scenario and model files, --runs, --seed and --set; or remove that folder to start again',
  }),
  checkpointDamaged: (folder: string, detail: string): Message => ({
    code: 'checkpoint-damaged',
    message: `cannot resume from ${folder}: ${detail}`,
    hint: 'remove that folder to start again',
  }),
  checkpointForeignShard: (
    folder: string,
    file: string,
    what: string,
    was: string | undefined,
    now: string | undefined,
  ): Message => ({
    code: 'checkpoint-mismatch',
    message: `cannot resume from ${folder}: ${file} holds runs of another experiment (its ${what} ${was === undefined ? 'differs' : `is ${was}, this run's ${now}`})`,
    hint: 'another run wrote into this folder; remove that folder to start again',
  }),
  fileWriteFailed: (path: string, reason: string): Message => ({
    code: 'file-unwritable',
    message: `cannot write ${path}: ${reason}`,
    hint: '--out names a folder Kechuang may create and write into',
  }),
  resultsNotWritten: (
    path: string,
    reason: string,
    written: readonly string[],
    kept: string,
    resume: string,
  ): Message => ({
    code: 'file-unwritable',
    message: `cannot write ${path}: ${reason}; no file was left half-written. ${written.length === 0 ? 'No result file was written' : `Written whole: ${written.join(', ')}`}; kept: ${kept === '' ? 'no runs' : kept}`,
    hint: `make room, then write the results from the saved runs (running only those not saved) with: ${resume}`,
  }),
  checkpointNotKept: (path: string, reason: string): Message => ({
    code: 'file-unwritable',
    message: `finished runs could not be saved: cannot write ${path}: ${reason}`,
    hint: 'the run goes on (its runs are in memory); if it stops before its results are written, those runs are done again on --resume',
  }),
  interruptedWhileWriting: (
    written: readonly string[],
    unwritten: readonly string[],
    kept: string,
    resume: string,
  ): Message => ({
    code: 'interrupted',
    message: `interrupted while writing the results: ${written.length === 0 ? 'no file was written' : `written whole: ${written.join(', ')}`}; not written: ${unwritten.join(', ')}; kept: ${kept === '' ? 'no runs' : kept}`,
    hint: `write the rest from the saved runs with: ${resume}`,
  }),
  outFolderLocked: (folder: string, pid: number, host: string, started: string, command: string): Message => ({
    code: 'output-locked',
    message: `${folder} is in use by another Kechuang run (process ${pid} on ${host}, started ${started}: ${command})`,
    hint: 'wait for it to finish, or choose another --out folder; if that run is gone (a crash on another machine), add --force to take the folder over',
  }),
  staleLockTakenOver: (folder: string, pid: number, host: string, started: string): Message => ({
    code: 'output-locked',
    message: `${folder} was locked by process ${pid} on ${host} (started ${started}), which no longer runs; taking the folder over`,
  }),
  lockForced: (folder: string, pid: number, host: string): Message => ({
    code: 'output-locked',
    message: `--force: taking ${folder} over from process ${pid} on ${host}; if it still runs, it will stop before writing its results`,
  }),
  lockLost: (folder: string): Message => ({
    code: 'output-locked',
    message: `another Kechuang run took ${folder} over (--force) while this one ran, so this run writes nothing there`,
    hint: 'run again with another --out folder to keep these results',
  }),
  scenarioFolderRenamed: (name: string, folder: string): Message => ({
    code: 'duplicate-name',
    message: `the results of scenario '${name}' go into ${folder}: its name is not a folder name of its own (empty, a path, a reserved name, or the name of another scenario of this run)`,
  }),
  runFunctionTooLarge: (localCount: number, limit: number, method: string): Message => ({
    code: 'too-large',
    message: `the model needs about ${localCount.toLocaleString('en-US')} values in its run function${method === 'rk4' ? ' with rk4' : ''}, more than the ${limit.toLocaleString('en-US')} one function can hold on the stack`,
    hint:
      method === 'rk4'
        ? 'rk4 keeps about 11 values per stock; method: euler needs 2, or split the model into smaller ones'
        : 'split the model into smaller ones, or merge stocks that share a structure',
  }),
  numberTooLarge: (text: string): Message => ({
    code: 'invalid-value',
    message: `the number ${text} is beyond the largest a double holds (about 1.8e308)`,
  }),
  jointLengths: (group: string, name: string, length: number, firstName: string, firstLength: number): Message => ({
    code: 'invalid-value',
    message: `joint group '${group}': '${name}' lists ${length} values but '${firstName}' lists ${firstLength}`,
    hint: 'the inputs of a joint group are drawn row by row, so each must list one value per row (the same count)',
  }),
  tooFewFitPoints: (found: number, minimum: number, until: number): Message => ({
    code: 'invalid-value',
    message: `only ${found} observed value${found === 1 ? '' : 's'} of the fitted variables fall in saved years up to ${until}; a fit needs at least ${minimum}`,
    hint: 'raise --until, or give the fitted variables more history in the data file',
  }),
  memoryUnavailable: (needed: string | undefined): Message => ({
    code: 'too-large',
    message: `this machine could not give the experiment the ${needed === undefined ? 'memory' : `${needed} of memory`} it needs`,
    hint: 'lower --runs or list fewer outputs; --max-memory (in GB) only sets a limit, it cannot add memory',
  }),
  moreLikeThese: (count: number, severity: string, code: string): Message => ({
    code: 'too-large',
    message: `... and ${count.toLocaleString('en-US')} more ${severity}${count === 1 ? '' : 's'} [${code}] like ${count === 1 ? 'the one' : 'those'} above (the count below includes them)`,
  }),
  collectionKey: (found: string): Message => ({
    code: 'invalid-name',
    message: `a key must be a name, found ${found}`,
    hint: 'write keys as plain names (e.g. rd_expenditure:), not as [lists] or {mappings}',
  }),
  unknownMethod: (found: string, allowed: readonly string[], suggestion: string | undefined): Message => ({
    code: 'invalid-value',
    message: `unknown sensitivity method '${found}'`,
    hint: `${suggestion === undefined ? '' : `did you mean '${suggestion}'? `}choose one of ${list(allowed)}`,
  }),
  nothingToVary: (scenario: string): Message => ({
    code: 'nothing-to-vary',
    message: `scenario ${scenario} has no uncertain parameter that varies, so there is nothing to rank`,
    hint: 'give the scenario uncertainty.parameters with distributions (a parameter fixed by set, --set or a policy does not vary)',
  }),
  noSensitivityTargets: (scenario: string): Message => ({
    code: 'missing-field',
    message: `scenario ${scenario} states no targets, so sensitivity has no output to rank inputs for`,
    hint: 'add a targets: entry; sensitivity ranks the inputs by their effect on each target variable in its year (and in every saved year with --every-year)',
  }),
  prccOnlyJoint: (scenario: string, groups: readonly string[]): Message => ({
    code: 'nothing-to-vary',
    message: `every uncertain input of scenario ${scenario} is in a joint group (${list(groups)}), which partial rank correlation cannot rank`,
    hint: 'use --method sobol or --method morris, which rank a joint group as one factor',
  }),
  prccTooFewRuns: (inputCount: number, found: number): Message => ({
    code: 'invalid-value',
    message: `partial rank correlation of ${inputCount} inputs needs more than ${inputCount + 1} runs, found ${found}`,
    hint: `give --runs ${Math.max(100, 10 * inputCount)} or more`,
  }),
  xmileTimeSpec: (detail: string): Message => ({
    code: 'invalid-time',
    message: detail,
    hint: 'sim_specs needs <start>, <stop> and <dt> (or <dt reciprocal="true">), with stop after start',
  }),
  unknownTarget: (id: string, suggestion: string | undefined, ids: readonly string[]): Message => ({
    code: 'unknown-target',
    message: `'${id}' is not a target id of the scenario`,
    hint: `${suggestion === undefined ? '' : `did you mean '${suggestion}'? `}its targets: ${ids.length === 0 ? 'none (add targets: to the scenario)' : list(ids)}`,
  }),
  targetNeeded: (ids: readonly string[]): Message => ({
    code: 'missing-field',
    message: 'solve needs --target: the target(s) to meet',
    hint: `give --target <id> (repeat it, or a,b, for several); the scenario's targets: ${ids.length === 0 ? 'none (add targets: to the scenario)' : list(ids)}`,
  }),
  unknownLever: (
    name: string,
    suggestion: string | undefined,
    parameters: readonly string[],
    policies: readonly string[],
  ): Message => ({
    code: 'unknown-lever',
    message: `'${name}' is not a parameter of the model or a policy of the scenario`,
    hint: `${suggestion === undefined ? '' : `did you mean '${suggestion}'? `}a lever is a parameter (${list(parameters)})${
      policies.length === 0
        ? '; this scenario has no policies to scale (policy:<name>)'
        : ` or a policy's scale (${list(policies)})`
    }`,
  }),
  leverAlsoSet: (name: string): Message => ({
    code: 'invalid-value',
    message: `--set fixes '${name}', the parameter solve is to choose`,
    hint: 'leave it out of --set: solve tries values of the lever over --range',
  }),
  probabilityOutOfRange: (found: string): Message => ({
    code: 'invalid-value',
    message: `expected a probability strictly between 0 and 1 (e.g. 0.9), found '${found}'`,
    ...(Number(found) >= 2 && Number(found) < 100
      ? { hint: `probabilities are shares: write ${Number(found) / 100} for ${found}%` }
      : {}),
  }),
  invalidRange: (found: string): Message => ({
    code: 'invalid-value',
    message: `expected min,max: two numbers with min below max (e.g. 0,0.2), found '${found}'`,
  }),
  rangeNeeded: (name: string): Message => ({
    code: 'missing-field',
    message: `parameter '${name}' declares no min and max in the model, so there is no range to search by default`,
    hint: `give --range min,max, e.g. --range 0,0.2`,
  }),
  rangeBeyondDeclared: (name: string, min: number | undefined, max: number | undefined): Message => ({
    code: 'parameter-out-of-range',
    message: `the range goes outside the declared range of parameter '${name}', [${min ?? '-inf'}, ${max ?? 'inf'}]`,
    hint: 'search within the declared range (the model is not meant to run outside it), or widen min and max in the model file',
  }),
  invalidTolerance: (found: string, width: number): Message => ({
    code: 'invalid-value',
    message: `expected a positive number for the tolerance, at least the range width x 1e-12 (${width * 1e-12}), found '${found}'`,
  }),
  solveInterrupted: (trialCount: number): Message => ({
    code: 'interrupted',
    message: `interrupted after ${trialCount} finished trial${trialCount === 1 ? '' : 's'}; solve keeps no runs`,
    hint: 'a narrower --range, a larger --tolerance or fewer --runs take fewer runs',
  }),
  nonMonotone: (
    lever: string,
    lower: number,
    lowerProbability: string,
    higher: number,
    higherProbability: string,
    direction: string,
  ): Message => ({
    code: 'non-monotone',
    message: `the probability is not monotone in ${lever}: ${lowerProbability} at ${lower} but ${higherProbability} at ${higher}, against the ${direction} direction the range's ends show`,
    hint: 'the targets are met over more than one interval of the lever; the value found is one crossing, not necessarily the smallest: narrow --range around the part you mean',
  }),
  redisUrlInvalid: (reason: string): Message => ({
    code: 'invalid-value',
    message: `expected a Redis URL such as redis://127.0.0.1:6380, but ${reason}`,
    hint: 'the form is redis://[:password@]host[:port][/db], or rediss:// for TLS',
  }),
  queueNameInvalid: (name: string, reason: string): Message => ({
    code: 'invalid-value',
    message: `'${name}' cannot name a queue: ${reason}`,
  }),
  redisOptionNeeded: (option: string): Message => ({
    code: 'invalid-value',
    message: `${option} names a queue on Redis, so it needs --redis URL`,
  }),
  redisUnreachable: (shown: string, reason: string, timeoutSeconds: number): Message => ({
    code: 'queue-unavailable',
    message: `cannot reach Redis at ${shown} (${reason}; Kechuang waits at most ${timeoutSeconds} s)`,
    hint: 'start it (redis-server --port 6380) or correct --redis; a password goes in the URL: redis://:PASSWORD@host:port',
  }),
  redisLost: (shown: string, reason: string): Message => ({
    code: 'queue-unavailable',
    message: `lost Redis at ${shown} during the experiment (${reason})`,
    hint: 'with --out DIR the runs that finished are kept: once Redis answers again, run the same command with --resume',
  }),
  queueRunsKept: (savedRuns: number, runCount: number, folder: string, resume: string): Message => ({
    code: 'queue-unavailable',
    message: `${savedRuns.toLocaleString('en-US')} of ${runCount.toLocaleString('en-US')} runs are saved in ${folder}`,
    hint: `once Redis answers again, continue with: ${resume}`,
  }),
  shardRefused: (worker: string, reason: string): Message => ({
    code: 'shard-refused',
    message: `worker ${worker} refused a shard rather than compute other numbers: ${reason}`,
    hint: 'run the same Kechuang version, built the same way, on the coordinator and on every worker (kechuang --version)',
  }),
  workerOtherVersion: (workerVersion: string, coordinatorVersion: string): Message => ({
    code: 'shard-refused',
    message: `it runs Kechuang ${workerVersion}, the coordinator ${coordinatorVersion}`,
  }),
  workerOtherProtocol: (found: string, expected: number): Message => ({
    code: 'shard-refused',
    message: `the job is in queue format ${found}, this worker reads format ${expected}`,
  }),
  workerOtherSource: (expected: string, found: string): Message => ({
    code: 'shard-refused',
    message: `its generator turns the model into source ${found.slice(0, 12)}..., the coordinator's into ${expected.slice(0, 12)}...`,
  }),
  workerUnusableJob: (reason: string): Message => ({
    code: 'shard-refused',
    message: `the job cannot be read: ${reason}`,
  }),
  noWorkerListening: (queue: string, shown: string): Message => ({
    code: 'queue-waiting',
    message: `no worker is listening on queue '${queue}' at ${shown}; the shards wait in the queue until one starts`,
    hint: `start one, on this machine or another: kechuang worker --redis ${shown}${queue === 'kechuang' ? '' : ` --queue ${queue}`}`,
  }),
  workerStarted: (
    queue: string,
    shown: string,
    threadCount: number,
    concurrency: number,
    version: string,
  ): Message => ({
    code: 'queue-worker',
    message: `Kechuang ${version} worker on queue '${queue}' at ${shown}: ${threadCount} thread${threadCount === 1 ? '' : 's'}, up to ${concurrency} shard${concurrency === 1 ? '' : 's'} at a time; SIGTERM stops it after the shards in hand`,
  }),
  workerShardDone: (firstRun: number, lastRun: number, model: string, seconds: number, bytes: number): Message => ({
    code: 'queue-worker',
    message: `runs ${firstRun}-${lastRun} of model ${model.slice(0, 12)}: ${(lastRun - firstRun + 1).toLocaleString('en-US')} runs in ${seconds.toFixed(2)} s, ${(bytes / 1e6).toFixed(1)} MB of results sent`,
  }),
  workerShardFailed: (firstRun: number, lastRun: number, runIndex: number, reason: string): Message => ({
    code: 'queue-worker',
    message: `runs ${firstRun}-${lastRun}: run ${runIndex} failed on every attempt (${reason}); the coordinator reports it`,
  }),
  workerRefused: (firstRun: number, lastRun: number, reason: string): Message => ({
    code: 'queue-worker',
    message: `runs ${firstRun}-${lastRun}: refused (${reason})`,
  }),
  workerRedisTrouble: (shown: string, reason: string): Message => ({
    code: 'queue-worker',
    message: `Redis at ${shown}: ${reason}; reconnecting`,
  }),
  workerStopping: (inHand: number): Message => ({
    code: 'queue-worker',
    message:
      inHand === 0
        ? 'stopping: taking no more shards'
        : `stopping: taking no more shards, finishing the ${inHand} in hand (signal again to hand them back at once)`,
  }),
  workerReturning: (inHand: number): Message => ({
    code: 'queue-worker',
    message: `handing ${inHand} shard${inHand === 1 ? '' : 's'} back to the queue`,
  }),
  workerStopped: (shardCount: number): Message => ({
    code: 'queue-worker',
    message: `stopped after ${shardCount.toLocaleString('en-US')} shard${shardCount === 1 ? '' : 's'}`,
  }),
  exploreRequest: (detail: string): Message => ({
    code: 'invalid-request',
    message: `the request is not understood: ${detail}`,
    hint: 'the page sends {"session", "sequence", "values": {name: "number"}, "scales": {policy: "number"}}; reload the page',
  }),
  exploreUnknownSession: (session: string): Message => ({
    code: 'unknown-session',
    message: `no open page has session '${session}' (the server restarted, or the page lost its connection)`,
    hint: 'reload the page',
  }),
  explorePolicyParameter: (name: string): Message => ({
    code: 'not-a-parameter',
    message: `'${name}' follows a policy of this scenario, so it has no single value to fix`,
    hint: `move the policy's scale instead, or run \`kechuang run <scenario> --set ${name}=<value>\` to replace the policy`,
  }),
  exploreUnknownPolicy: (name: string, suggestion: string | undefined, policies: readonly string[]): Message => ({
    code: 'unknown-parameter',
    message: `'${name}' is not a policy of this scenario`,
    hint:
      policies.length === 0
        ? 'this scenario has no policies'
        : `${suggestion === undefined ? '' : `did you mean '${suggestion}'? `}its policies: ${list(policies)}`,
  }),
  explorePolicyScale: (name: string, value: number, min: number, max: number): Message => ({
    code: 'parameter-out-of-range',
    message: `the scale of policy '${name}' = ${value} is outside [${min}, ${max}]`,
    hint: '0 switches the policy off, 1 is the path the scenario gives, 3 triples it',
  }),
  exploreExposed: (host: string): Message => ({
    code: 'exposed-server',
    message: `listening on ${host}, not only on this machine: anyone who can reach it can run experiments here and write scenario files into the save folder`,
    hint: 'leave out --host (127.0.0.1) unless other machines must reach the page',
  }),
  explorePortInUse: (port: number): Message => ({
    code: 'port-in-use',
    message: `port ${port} is already in use`,
    hint: 'stop what listens there, or choose another with --port (--port 0 takes any free port)',
  }),
  xmlUnclosedTag: (tag: string, closedAtLine: number): Message => ({
    code: 'syntax-error',
    message: `<${tag}> has no end tag; read as if it ended at line ${closedAtLine}, where its parent ends`,
    hint: 'lxml (and so PySD) reads the file the same way; add the missing end tag to say where it really ends',
  }),
  xmileLostEquation: (): Message => ({
    code: 'unsupported-xmile',
    message: "the equation is '???': the program that wrote the file could not convert it",
    hint: 'xmutil writes ??? where it cannot convert a Vensim equation (a list of constants for an array, a data variable); read the .mdl file itself with Kechuang, or write the equation in',
  }),
  xmileUndefinedMacro: (call: string): Message => ({
    code: 'unsupported-xmile',
    message: `'${call}(...)' calls a macro that the file does not define`,
    hint: 'xmutil leaves Vensim macros out of the XMILE it writes; read the .mdl file itself with Kechuang, or define the macro in a <macro> element',
  }),
  xmileNoVariables: (): Message => ({
    code: 'missing-field',
    message: 'the model has no stock, flow or aux that Kechuang could read',
    hint: 'XMILE keeps variables in <model><variables>; older Stella files put them straight in <model>, which is read too',
  }),
  mdlUnsupported: (construct: string, alternative: string): Message => ({
    code: 'unsupported-vensim',
    message: `${construct} is not supported in a Vensim .mdl file`,
    hint: `closest supported: ${alternative}`,
  }),
  mdlSyntax: (expected: string, found: string): Message => ({
    code: 'syntax-error',
    message: `Vensim .mdl syntax error: expected ${expected}, found ${found}`,
    hint: 'each equation is: name = expression ~ units ~ comment |',
  }),
  mdlUnknownSubscript: (name: string): Message => ({
    code: 'unknown-variable',
    message: `'${name}' is not a subscript range or element of this model`,
    hint: 'declare it: range: element1, element2 ~~|',
  }),
  mdlUnitNotRead: (unit: string, detail: string): Message => ({
    code: 'invalid-unit',
    message: `the unit '${unit}' is kept as a note only: ${detail}`,
  }),
  xmileSkipped: (element: string, reason: string): Message => ({
    code: 'unsupported-xmile',
    message: `${element} is skipped: ${reason}`,
  }),
  xmileUnknownModule: (name: string): Message => ({
    code: 'unsupported-xmile',
    message: `module '${name}' names a model that the file does not hold`,
    hint: 'each <module name="m"> needs a <model name="m"> in the same file (or model="..." naming one)',
  }),
  xmileRecursiveModule: (name: string): Message => ({
    code: 'circular-dependency',
    message: `module '${name}' contains itself`,
    hint: 'a model cannot hold a module of itself, directly or through other modules',
  }),
  xmileBadConnection: (module: string, to: string, from: string): Message => ({
    code: 'unknown-variable',
    message: `a connection of module '${module}' from '${from}' to '${to}' names no variable of the module`,
    hint: '<connect to="x" from="y"/>: x is a variable of the module\'s model, y one of the model that holds the module',
  }),
  xmileNoMainModel: (): Message => ({
    code: 'missing-field',
    message: 'every <model> of the file has a name, so none is the model to run',
    hint: 'the model a run starts from has no name attribute; the named ones are the models of its modules',
  }),
  macroTooDeep: (name: string, depth: number): Message => ({
    code: 'circular-dependency',
    message: `macro '${name}' calls macros more than ${depth} deep: it calls itself, directly or through others`,
    hint: 'a macro cannot call itself; write the repetition out, or use a stock',
  }),
  notAnArray: (name: string): Message => ({
    code: 'invalid-value',
    message: `'${name}' is not an array, so it takes no subscripts`,
    hint: 'write the name alone, or give it dimensions: name[dimension] in the model file',
  }),
  wrongSubscriptCount: (name: string, expected: number, found: number): Message => ({
    code: 'invalid-value',
    message: `'${name}' has ${expected} dimension${expected === 1 ? '' : 's'}, written with ${found} subscript${found === 1 ? '' : 's'}`,
    hint: 'give one subscript per dimension, in the order of its definition',
  }),
  unknownSubscript: (name: string, subscript: string, dimension: string): Message => ({
    code: 'unknown-variable',
    message: `'${subscript}' is not an element or dimension that '${name}' can take at a position over '${dimension}'`,
    hint: `use an element or subrange of '${dimension}', or '${dimension}' itself`,
  }),
  unboundDimension: (name: string, dimension: string): Message => ({
    code: 'invalid-value',
    message: `the subscript '${dimension}' of '${name}' matches no dimension of the left-hand side`,
    hint: `sum over it with sum(${name}[${dimension}!]), name one element, or map the dimensions onto each other`,
  }),
  subscriptOutsideDimension: (name: string, element: string, dimension: string): Message => ({
    code: 'invalid-value',
    message: `'${name}' has no element '${element}': its dimension '${dimension}' does not hold it`,
    hint: 'the left-hand side ranges over elements that this array does not have; use a subrange on the left',
  }),
  unknownDimension: (name: string): Message => ({
    code: 'unknown-variable',
    message: `'${name}' is not a dimension or an element of one`,
    hint: 'declare it under dimensions: (name: [element, ...]), or correct the spelling',
  }),
  mixedDimensions: (name: string, position: number): Message => ({
    code: 'invalid-value',
    message: `the definitions of '${name}' put elements of different dimensions at subscript ${position}`,
    hint: 'each position of an array ranges over one dimension; its definitions may name that dimension, a subrange of it, or its elements',
  }),
  elementDefinedTwice: (name: string): Message => ({
    code: 'duplicate-name',
    message: `'${name}' is defined by two definitions of its array`,
    hint: 'each element of an array takes its equation from one definition; narrow one of them to a subrange or to single elements',
  }),
  elementsUndefined: (name: string, missing: readonly string[]): Message => ({
    code: 'missing-field',
    message: `array '${name}' has no equation for ${missing.length === 1 ? `'${missing[0]}'` : `${missing.length} elements (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', ...' : ''})`}`,
    hint: 'define every element of the array: over the whole dimension, a subrange, or one element at a time',
  }),
} as const;
