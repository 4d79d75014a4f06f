// Sobol sensitivity analysis of the Beijing model through the whole engine: 20 factors (the baseline's
// thirteen uncertain parameters, the calibration refits as one joint factor, and six judgement
// parameters; scenarios/sensitivity/assumptions.yaml) at N base samples, N (k + 2) runs, on 2 workers
// and, side by side in the same rounds, on 1 (so the ratio is measured under the same machine load).
//
//   npm run build && node bench/sobol-bench.mjs [--samples N] [--rounds R] [--workers 1,2] [--json]
//
// Before timing it checks the estimator on the Ishigami function through the same pipeline
// (tests/fixtures/analysis/ishigami.yaml, N = 16,384: every index within 0.02 of its closed form)
// and checks the Beijing result: every output ranks the 20 factors with finite indices. Each round
// times one whole `sensitivityAnalysis` call (compile, Saltelli design, runs, indices with 200
// bootstrap resamples) on each pool in turn (pools started once before timing, as `kechuang
// sensitivity` keeps its pool); the results must be identical on every pool.

import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { median } from 'simple-statistics';
import { createFail, loadEngine, loadScenarioFile } from './internal/bench-engine.mjs';

const SCENARIO_FILE = 'scenarios/sensitivity/assumptions.yaml';
const ISHIGAMI_FILE = 'tests/fixtures/analysis/ishigami.yaml';
const ISHIGAMI = { x1: [0.3139, 0.5576], x2: [0.4424, 0.4424], x3: [0, 0.2437] };
const FACTOR_COUNT = 20;

const fail = createFail('sobol-bench');

function readOptions() {
  const { values } = parseArgs({
    options: {
      samples: { type: 'string' },
      rounds: { type: 'string' },
      workers: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const count = (text, fallback, minimum) => {
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isSafeInteger(value) || value < minimum)
      fail(`expected an integer of at least ${minimum}, got '${text}'`);
    return value;
  };
  const workerCounts = (values.workers ?? '1,2').split(',').map((text) => count(text, undefined, 1));
  return {
    sampleCount: count(values.samples, 4096, 2),
    roundCount: count(values.rounds, 3, 1),
    workerCounts,
    json: values.json === true,
  };
}

async function sobol(engine, scenario, executor, sampleCount) {
  const ran = await engine.sensitivityAnalysis(scenario, {
    method: 'sobol',
    sampleCount,
    executor,
    memoryLimitBytes: 64e9,
  });
  if (!ran.ok || !ran.value.ok) fail(`${scenario.file} did not run cleanly`);
  return ran.value.result;
}

function checkIshigami(result) {
  let worst = 0;
  for (const entry of result.outputs[0].parameters) {
    const [first, total] = ISHIGAMI[entry.name];
    worst = Math.max(worst, Math.abs(entry.S1 - first), Math.abs(entry.ST - total));
  }
  if (!(worst < 0.02)) fail(`Ishigami indices are ${worst} from their closed form (tolerance 0.02)`);
  return worst;
}

function checkBeijing(result, sampleCount) {
  if (result.factors.length !== FACTOR_COUNT)
    fail(`${SCENARIO_FILE} has ${result.factors.length} factors, expected ${FACTOR_COUNT}`);
  if (result.runs !== sampleCount * (FACTOR_COUNT + 2))
    fail(`expected ${sampleCount * (FACTOR_COUNT + 2)} runs, found ${result.runs}`);
  for (const output of result.outputs) {
    if (output.parameters.length !== FACTOR_COUNT) fail(`${output.variable} ranks ${output.parameters.length} factors`);
    for (const entry of output.parameters) {
      if (![entry.S1, entry.S1_conf, entry.ST, entry.ST_conf].every(Number.isFinite))
        fail(`${output.variable} ${entry.name} has a non-finite index`);
    }
  }
}

const indicesOf = (result) => JSON.stringify(result.outputs);

async function main() {
  const options = readOptions();
  const engine = await loadEngine(fail);
  const beijing = loadScenarioFile(engine, SCENARIO_FILE, fail);
  const executors = options.workerCounts.map((workerCount) => engine.createShardExecutor(workerCount));
  try {
    const ishigamiWorst = checkIshigami(
      await sobol(engine, loadScenarioFile(engine, ISHIGAMI_FILE, fail), executors[0], 16384),
    );
    const seconds = options.workerCounts.map(() => []);
    let result;
    for (let round = 0; round < options.roundCount; round++) {
      for (const [index, executor] of executors.entries()) {
        const started = performance.now();
        const ran = await sobol(engine, beijing, executor, options.sampleCount);
        seconds[index].push((performance.now() - started) / 1000);
        if (result === undefined) checkBeijing(ran, options.sampleCount);
        else if (indicesOf(ran) !== indicesOf(result))
          fail(`${options.workerCounts[index]} workers gave other indices than ${options.workerCounts[0]}`);
        result = ran;
      }
    }
    const pools = options.workerCounts.map((workers, index) => ({
      workers,
      medianSeconds: median(seconds[index]),
      runsPerSecond: result.runs / median(seconds[index]),
      roundSeconds: seconds[index],
    }));
    // Each round's ratio to the first pool, then the median: both pools ran under that round's load.
    const ratios = pools.map((_, index) => median(seconds[0].map((first, round) => first / seconds[index][round])));
    const report = {
      node: process.version,
      cores: availableParallelism(),
      scenario: SCENARIO_FILE,
      factors: FACTOR_COUNT,
      samples: options.sampleCount,
      runs: result.runs,
      rounds: options.roundCount,
      ishigamiMaxError: ishigamiWorst,
      pools: pools.map((pool, index) => ({ ...pool, speedupOverFirst: ratios[index] })),
      top: result.outputs.map((output) => ({
        variable: output.variable,
        year: output.year,
        factor: output.parameters[0].name,
        ST: output.parameters[0].ST,
      })),
    };
    if (options.json) console.log(JSON.stringify(report, null, 2));
    else {
      console.log(
        `\nsobol bench: ${SCENARIO_FILE}, ${FACTOR_COUNT} factors, N = ${options.sampleCount.toLocaleString('en-US')} (${result.runs.toLocaleString('en-US')} runs), ${options.roundCount} rounds, ${process.version}, ${report.cores} cores`,
      );
      console.log(
        `Ishigami indices at N = 16,384 within ${ishigamiWorst.toFixed(4)} of their closed form; the same indices on every pool`,
      );
      for (const [index, pool] of pools.entries()) {
        const ratio =
          index === 0
            ? ''
            : `   ${ratios[index].toFixed(2)}x the ${pools[0].workers}-worker speed (median of per-round ratios)`;
        console.log(
          `  ${pool.workers} worker${pool.workers === 1 ? ' ' : 's'}: wall ${pool.medianSeconds.toFixed(2)} s median (${Math.round(pool.runsPerSecond).toLocaleString('en-US')} runs/s)   rounds ${pool.roundSeconds.map((value) => value.toFixed(2)).join(' ')}${ratio}`,
        );
      }
      for (const top of report.top)
        console.log(`  ${top.variable} ${top.year}: most important ${top.factor} (ST ${top.ST.toFixed(3)})`);
    }
  } finally {
    await Promise.all(executors.map((executor) => executor.close()));
  }
}

await main();
