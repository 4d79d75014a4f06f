// Single-run throughput of the reference model (../shared/bench/reference-model.md) compiled by the
// engine, against the hand-written JavaScript anchors of reference-hand.mjs, side by side in one process.
//
//   npm run bench                      build, then run with the defaults
//   node bench/run-bench.mjs [--runs N] [--rounds R] [--warmup W] [--json] [--print-source]
//
// The same options can come from the environment: BENCH_RUNS, BENCH_ROUNDS, BENCH_WARMUP, BENCH_JSON=1.
// Every variant's output is checked against the C reference before anything is timed; a mismatch exits 1.

import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { median } from 'simple-statistics';
import { OUTPUT_NAMES, PARAMETER_NAMES, SAVE_COUNT, defaultParameters, runPlain, runRecip } from './reference-hand.mjs';

const TOLERANCE = 1e-9;
const MODEL_FILE = 'models/reference.yaml';
const MODEL_URL = new URL('../models/reference.yaml', import.meta.url);
const REFERENCE_CANDIDATES = [
  { file: '../shared/bench/reference-c.csv', url: new URL('../../shared/bench/reference-c.csv', import.meta.url) },
  {
    file: 'tests/golden/fixtures/reference-c.csv',
    url: new URL('../tests/golden/fixtures/reference-c.csv', import.meta.url),
  },
];
const { file: REFERENCE_FILE, url: REFERENCE_URL } =
  REFERENCE_CANDIDATES.find(({ url }) => existsSync(url)) ?? REFERENCE_CANDIDATES[0];
const OUTPUT_COUNT = OUTPUT_NAMES.length;
const INITIAL_YEAR = 2015;
const DEFAULTS = Object.freeze({ runs: 20000, rounds: 7, warmup: 5000 });

const USAGE = `Usage: node bench/run-bench.mjs [--runs N] [--rounds R] [--warmup W] [--json] [--print-source]
  --runs N        runs per variant per round (default ${DEFAULTS.runs}; env BENCH_RUNS)
  --rounds R      timed rounds, every variant once a round, order rotated (default ${DEFAULTS.rounds}; env BENCH_ROUNDS)
  --warmup W      untimed runs per variant before timing, done twice (default ${DEFAULTS.warmup}; env BENCH_WARMUP)
  --json          print one JSON object instead of the tables (env BENCH_JSON=1)
  --print-source  print the engine's generated run functions first (to stderr with --json)`;

/** Stop with a message for a person and exit status 1. */
function fail(message) {
  console.error(`run-bench: ${message}`);
  process.exit(1);
}

function readOptions(argv, env) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        runs: { type: 'string' },
        rounds: { type: 'string' },
        warmup: { type: 'string' },
        json: { type: 'boolean' },
        'print-source': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    fail(`${error.message}\n${USAGE}`);
  }
  if (values.help === true) {
    console.log(USAGE);
    process.exit(0);
  }
  const count = (name, text, fallback, minimum) => {
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!Number.isSafeInteger(value) || value < minimum) {
      fail(`--${name} must be an integer >= ${minimum}, got '${text}'`);
    }
    return value;
  };
  return {
    runCount: count('runs', values.runs ?? env.BENCH_RUNS, DEFAULTS.runs, 1),
    roundCount: count('rounds', values.rounds ?? env.BENCH_ROUNDS, DEFAULTS.rounds, 1),
    warmupCount: count('warmup', values.warmup ?? env.BENCH_WARMUP, DEFAULTS.warmup, 0),
    json: values.json === true || env.BENCH_JSON === '1',
    printSource: values['print-source'] === true,
  };
}

async function loadEngine() {
  try {
    const [{ readModel }, { compileModel }, { renderDiagnostics }] = await Promise.all([
      import('../dist/model/read-model.js'),
      import('../dist/compile/compile-model.js'),
      import('../dist/diagnostics/render-diagnostic.js'),
    ]);
    return { readModel, compileModel, renderDiagnostics };
  } catch (error) {
    if (error?.code === 'ERR_MODULE_NOT_FOUND') {
      fail(`cannot load the engine from dist/ (${error.message}); run \`npm run build\` first`);
    }
    throw error;
  }
}

/** Compile the reference model twice, reciprocals hoisted and not, saving the same outputs as the hand functions. */
function compileReference(engine) {
  const read = engine.readModel(readFileSync(MODEL_URL, 'utf8'), MODEL_FILE);
  if (!read.ok) fail(`${MODEL_FILE} does not read:\n${engine.renderDiagnostics(read.diagnostics)}`);
  const compile = (hoistReciprocals) => {
    const compiled = engine.compileModel(read.value, { outputs: OUTPUT_NAMES, hoistReciprocals });
    if (!compiled.ok) fail(`${MODEL_FILE} does not compile:\n${engine.renderDiagnostics(compiled.diagnostics)}`);
    const model = compiled.value;
    if (model.saveCount !== SAVE_COUNT) fail(`the engine saves ${model.saveCount} points, expected ${SAVE_COUNT}`);
    if (model.outputNames.join() !== OUTPUT_NAMES.join()) {
      fail(`unexpected engine outputs: ${model.outputNames.join(', ')}`);
    }
    return model;
  };
  return { hoisted: compile(true), plain: compile(false) };
}

/**
 * The engine's parameter vector, in the model's own order. Its defaults must equal the hand
 * functions' defaults name by name, or the two would not be doing the same work.
 */
function engineParameters(model) {
  const handValues = defaultParameters();
  const parameters = model.defaultParameters();
  if (model.parameterNames.length !== PARAMETER_NAMES.length) {
    fail(`${MODEL_FILE} has ${model.parameterNames.length} parameters, the hand functions ${PARAMETER_NAMES.length}`);
  }
  PARAMETER_NAMES.forEach((name, handIndex) => {
    const index = model.parameterIndex(name);
    if (index < 0) fail(`${MODEL_FILE} has no parameter ${name}`);
    if (parameters[index] !== handValues[handIndex]) {
      const values = `${parameters[index]} in ${MODEL_FILE}, ${handValues[handIndex]} in reference-hand.mjs`;
      fail(`the default of ${name} differs: ${values}`);
    }
  });
  return parameters;
}

// Each variant gets its own batch loop with its arguments fixed, so all four are timed the same way:
// one call per run, one reused parameter vector, one reused row-major output buffer.
function engineVariant(name, description, model) {
  const run = model.run;
  const parameters = engineParameters(model);
  return {
    name,
    description,
    runOnce: (out) => run(parameters, out, 0, OUTPUT_COUNT, 1),
    batch(out, runCount) {
      for (let runIndex = 0; runIndex < runCount; runIndex++) run(parameters, out, 0, OUTPUT_COUNT, 1);
    },
  };
}

function handVariant(name, description, run) {
  const parameters = defaultParameters();
  return {
    name,
    description,
    runOnce: (out) => run(parameters, out),
    batch(out, runCount) {
      for (let runIndex = 0; runIndex < runCount; runIndex++) run(parameters, out);
    },
  };
}

/** The C reference's saved points, row-major like the hand functions, or undefined when the file is absent. */
function readReference() {
  if (!existsSync(REFERENCE_URL)) return undefined;
  const [header, ...rows] = readFileSync(REFERENCE_URL, 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  const timeColumn = columns.indexOf('time');
  const outputColumns = OUTPUT_NAMES.map((name) => {
    const column = columns.indexOf(name);
    if (column < 0) fail(`${REFERENCE_FILE} has no column ${name}`);
    return column;
  });
  if (rows.length !== SAVE_COUNT) fail(`${REFERENCE_FILE} has ${rows.length} rows, expected ${SAVE_COUNT}`);
  const values = new Float64Array(SAVE_COUNT * OUTPUT_COUNT);
  rows.forEach((row, saveIndex) => {
    const cells = row.split(',').map(Number);
    if (timeColumn >= 0 && cells[timeColumn] !== INITIAL_YEAR + saveIndex) {
      const expected = INITIAL_YEAR + saveIndex;
      fail(`${REFERENCE_FILE} line ${saveIndex + 2} has time ${cells[timeColumn]}, expected ${expected}`);
    }
    outputColumns.forEach((column, outputIndex) => {
      values[saveIndex * OUTPUT_COUNT + outputIndex] = cells[column];
    });
  });
  return values;
}

/** Largest relative difference (NaN counts as infinitely far), where it is, and how many values differ in any bit. */
function compareOutputs(actual, expected) {
  let maxRelative = 0;
  let worstIndex = -1;
  let differingCount = 0;
  for (let index = 0; index < expected.length; index++) {
    if (!Object.is(actual[index], expected[index])) differingCount++;
    const scale = Math.max(Math.abs(expected[index]), Number.MIN_VALUE);
    const relative = Math.abs(actual[index] - expected[index]) / scale;
    const distance = Number.isNaN(relative) ? Infinity : relative;
    if (distance > maxRelative) {
      maxRelative = distance;
      worstIndex = index;
    }
  }
  const worst =
    worstIndex < 0
      ? null
      : `${OUTPUT_NAMES[worstIndex % OUTPUT_COUNT]}@${INITIAL_YEAR + Math.floor(worstIndex / OUTPUT_COUNT)}`;
  return { maxRelative, worst, differingCount, valueCount: expected.length, ok: maxRelative <= TOLERANCE };
}

function checkVariants(variants) {
  const outputOf = (variant) => {
    const out = new Float64Array(SAVE_COUNT * OUTPUT_COUNT).fill(NaN);
    variant.runOnce(out);
    return out;
  };
  const csv = readReference();
  const reference =
    csv === undefined
      ? {
          source: 'runPlain',
          note: `${REFERENCE_FILE} not found: compared against hand-plain (runPlain) instead`,
          values: outputOf(variants.find((variant) => variant.name === 'hand-plain')),
        }
      : { source: REFERENCE_FILE, note: null, values: csv };
  const results = variants.map((variant) => ({
    variant: variant.name,
    ...compareOutputs(outputOf(variant), reference.values),
  }));
  return { reference: reference.source, note: reference.note, tolerance: TOLERANCE, results };
}

/**
 * Warm every variant up, then time `roundCount` rounds. Each round runs every variant's batch once,
 * starting one variant later each round so no variant always follows the same one.
 */
function timeVariants(variants, { runCount, roundCount, warmupCount }) {
  const out = new Float64Array(SAVE_COUNT * OUTPUT_COUNT);
  let sink = 0;
  for (let pass = 0; pass < 2 && warmupCount > 0; pass++) {
    for (const variant of variants) {
      variant.batch(out, warmupCount);
      sink += out[out.length - 1];
    }
  }
  const microseconds = variants.map(() => []);
  for (let round = 0; round < roundCount; round++) {
    for (let offset = 0; offset < variants.length; offset++) {
      const variantIndex = (round + offset) % variants.length;
      const start = process.hrtime.bigint();
      variants[variantIndex].batch(out, runCount);
      const elapsed = Number(process.hrtime.bigint() - start);
      sink += out[out.length - 1];
      microseconds[variantIndex][round] = elapsed / 1e3 / runCount;
    }
  }
  // Reading the outputs keeps the runs observable; a non-finite sum would mean a broken run.
  if (!Number.isFinite(sink)) fail('a timed run produced a non-finite output');
  return microseconds;
}

function summarize(variants, microseconds) {
  const byName = new Map(variants.map((variant, index) => [variant.name, microseconds[index]]));
  const timings = variants.map((variant, index) => {
    const rounds = microseconds[index];
    const medianUs = median(rounds);
    return {
      variant: variant.name,
      description: variant.description,
      medianUs,
      minUs: Math.min(...rounds),
      maxUs: Math.max(...rounds),
      runsPerSecond: 1e6 / medianUs,
      roundUs: rounds,
    };
  });
  const ratios = [];
  for (const numerator of ['engine', 'engine-nohoist']) {
    for (const denominator of ['hand-plain', 'hand-recip']) {
      const top = byName.get(numerator);
      const bottom = byName.get(denominator);
      const roundRatios = top.map((value, round) => value / bottom[round]);
      ratios.push({
        numerator,
        denominator,
        medianOfRoundRatios: median(roundRatios),
        ratioOfMedians: median(top) / median(bottom),
        ratioOfMinimums: Math.min(...top) / Math.min(...bottom),
        roundRatios,
      });
    }
  }
  return { timings, ratios };
}

function machine() {
  const cpus = os.cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform} ${process.arch}`,
    cpu: cpus[0]?.model ?? 'unknown',
    cpuCount: cpus.length,
    loadAverage1m: os.loadavg()[0],
  };
}

function formatTable(header, rows, alignRight) {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column].length)));
  const line = (row) =>
    row
      .map((cell, column) => (alignRight[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

function printCheck(host, check) {
  console.log(
    `Kechuang bench: ${MODEL_FILE}, one run = 320 Euler steps, ${OUTPUT_COUNT} outputs x ${SAVE_COUNT} saved points`,
  );
  console.log(
    `${host.node} (V8 ${host.v8}), ${host.platform}, ${host.cpuCount} x ${host.cpu}, ` +
      `load average ${host.loadAverage1m.toFixed(2)} at start`,
  );
  console.log();
  console.log(`Check against ${check.reference}, ${check.tolerance} relative:`);
  if (check.note !== null) console.log(`  NOTE: ${check.note}`);
  console.log(
    formatTable(
      ['variant', 'max rel diff', 'not bit-identical', 'worst at', 'result'],
      check.results.map((result) => [
        result.variant,
        result.maxRelative.toExponential(2),
        `${result.differingCount}/${result.valueCount}`,
        result.worst ?? '-',
        result.ok ? 'OK' : 'FAIL',
      ]),
      [false, true, true, false, false],
    ),
  );
}

function printTimings({ options, timings, ratios, elapsedSeconds }) {
  const ratioFor = (numerator, denominator) =>
    ratios.find((ratio) => ratio.numerator === numerator && ratio.denominator === denominator);
  console.log();
  console.log(
    `Timing: warm-up 2 x ${options.warmupCount} runs per variant, then ${options.roundCount} rounds x ` +
      `${options.runCount} runs per variant, order rotated each round.`,
  );
  console.log('µs/run is the median over rounds (min and max beside it); x columns are medians of per-round ratios.');
  console.log(
    formatTable(
      ['variant', 'µs/run', 'min', 'max', 'runs/s', 'x hand-plain', 'x hand-recip', 'what'],
      timings.map((timing) => {
        const versus = (denominator) => {
          if (timing.variant === denominator) return '1.000';
          const ratio = ratioFor(timing.variant, denominator);
          return ratio === undefined ? '' : ratio.medianOfRoundRatios.toFixed(3);
        };
        return [
          timing.variant,
          timing.medianUs.toFixed(3),
          timing.minUs.toFixed(3),
          timing.maxUs.toFixed(3),
          Math.round(timing.runsPerSecond).toLocaleString('en-US'),
          versus('hand-plain'),
          versus('hand-recip'),
          timing.description,
        ];
      }),
      [false, true, true, true, true, true, true, false],
    ),
  );
  console.log();
  console.log('Ratios (below 1: the engine is faster). Quote the median of rounds; the other columns show the spread.');
  console.log(
    formatTable(
      ['ratio', 'median of rounds', 'of medians', 'of minimums', 'round range'],
      ratios.map((ratio) => [
        `${ratio.numerator} / ${ratio.denominator}`,
        ratio.medianOfRoundRatios.toFixed(3),
        ratio.ratioOfMedians.toFixed(3),
        ratio.ratioOfMinimums.toFixed(3),
        `${Math.min(...ratio.roundRatios).toFixed(3)}-${Math.max(...ratio.roundRatios).toFixed(3)}`,
      ]),
      [false, true, true, true, true],
    ),
  );
  console.log();
  console.log(`Total ${elapsedSeconds.toFixed(1)} s.`);
}

async function main() {
  const started = process.hrtime.bigint();
  const options = readOptions(process.argv.slice(2), process.env);
  const engine = await loadEngine();
  const compiled = compileReference(engine);
  if (options.printSource) {
    const print = options.json ? console.error : console.log;
    print(`// ---- engine (hoistReciprocals: true) ----\n${compiled.hoisted.source}\n`);
    print(`// ---- engine-nohoist (hoistReciprocals: false) ----\n${compiled.plain.source}\n`);
  }
  const variants = [
    engineVariant('engine', 'compileModel, reciprocals hoisted (default)', compiled.hoisted),
    engineVariant('engine-nohoist', 'compileModel, hoistReciprocals: false (lookup slopes kept)', compiled.plain),
    handVariant('hand-plain', 'reference-hand.mjs runPlain', runPlain),
    handVariant('hand-recip', 'reference-hand.mjs runRecip', runRecip),
  ];

  const host = machine();
  const check = checkVariants(variants);
  if (!options.json) printCheck(host, check);
  if (check.results.some((result) => !result.ok)) {
    if (options.json) {
      console.log(JSON.stringify({ machine: host, options, check, timings: null, ratios: null }, null, 2));
    }
    console.error(`run-bench: output check failed (${TOLERANCE} relative, against ${check.reference}); no timing`);
    process.exitCode = 1;
    return;
  }

  const microseconds = timeVariants(variants, options);
  const { timings, ratios } = summarize(variants, microseconds);
  const elapsedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const report = { machine: host, options, check, timings, ratios, elapsedSeconds };
  if (options.json) console.log(JSON.stringify(report, null, 2));
  else printTimings(report);
}

await main();
