// The "mc100k" Monte Carlo workload (../shared/bench/reference-model.md) through the whole engine,
// against the hand-written JavaScript loop of reference-hand.mjs, side by side in one process.
//
//   npm run bench                        (runs run-bench.mjs, then this)
//   node bench/mc-bench.mjs [--runs N] [--rounds R] [--million] [--json]
//
// Variants, each timed once a round with the order rotated:
//   engine-1w   runScenario(bench/reference-mc100k.yaml) on 1 worker (the main thread): compile,
//               sample matrix, runs, mean + P5/P50/P95 of 126 columns, target odds and first-met years
//   engine-2w   the same on a 2-worker pool, started once before timing (as `run` keeps its pool)
//   hand-1w     the same sample matrix (drawSampleMatrix, drawn inside the timing), runPlain per run into a
//               column-major store, P5/P50/P95 per column (simple-statistics quantile), the joint fraction
// --million also runs 1,000,000 runs once on 2 workers and reports the time and the peak RSS.

import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { median, quantile } from 'simple-statistics';
import { createCount, createFail, loadEngine, loadScenarioFile } from './internal/bench-engine.mjs';
import { OUTPUT_NAMES, PARAMETER_NAMES, SAVE_COUNT, defaultParameters, runPlain } from './reference-hand.mjs';

const SCENARIO_FILE = 'bench/reference-mc100k.yaml';
const TOLERANCE = 1e-9;
const OUTPUTS = ['intensity', 'Basic_share', 'personnel_per_10k', 'Digital_VA', 'HighTech_VA', 'Tech_contract'];

const fail = createFail('mc-bench');

function readOptions() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string' },
      rounds: { type: 'string' },
      million: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const count = createCount(fail);
  return {
    runCount: count(values.runs, 100_000),
    roundCount: count(values.rounds, 5),
    million: values.million === true,
    json: values.json === true,
  };
}

function loadBenchScenario(engine, runCount) {
  return engine.withOverrides(loadScenarioFile(engine, SCENARIO_FILE, fail), { runCount });
}

/** The hand-written pipeline: same sample matrix, runPlain per run, column-major store, quickselect percentiles. */
function handMonteCarlo(engine, scenario) {
  const { runCount, seed, sampling, parameters } = scenario.uncertainty;
  const samples = engine.drawSampleMatrix({
    distributions: parameters.map((parameter) => parameter.distribution),
    names: parameters.map((parameter) => parameter.name),
    runCount,
    seed,
    design: sampling,
  });
  const columnOf = parameters.map((parameter) => PARAMETER_NAMES.indexOf(parameter.name));
  const outputIndex = OUTPUTS.map((name) => OUTPUT_NAMES.indexOf(name));
  const params = defaultParameters();
  const out = new Float64Array(SAVE_COUNT * OUTPUT_NAMES.length);
  const store = new Float64Array(runCount * SAVE_COUNT * OUTPUTS.length);
  const columnCount = parameters.length;
  for (let run = 0; run < runCount; run++) {
    for (let column = 0; column < columnCount; column++) params[columnOf[column]] = samples[run * columnCount + column];
    runPlain(params, out);
    for (let output = 0; output < OUTPUTS.length; output++) {
      for (let save = 0; save < SAVE_COUNT; save++)
        store[(output * SAVE_COUNT + save) * runCount + run] = out[save * OUTPUT_NAMES.length + outputIndex[output]];
    }
  }
  const bands = [];
  for (let column = 0; column < OUTPUTS.length * SAVE_COUNT; column++)
    bands.push(quantile(store.subarray(column * runCount, (column + 1) * runCount), [0.05, 0.5, 0.95]));
  const at2025 = (name) => store.subarray((OUTPUTS.indexOf(name) * SAVE_COUNT + 10) * runCount).subarray(0, runCount);
  const intensity = at2025('intensity');
  const contract = at2025('Tech_contract');
  let joint = 0;
  for (let run = 0; run < runCount; run++) if (intensity[run] >= 0.034 && contract[run] >= 3500) joint++;
  return { bands, jointFraction: joint / runCount };
}

async function engineMonteCarlo(engine, scenario, executor) {
  const ran = await engine.runScenario(scenario, { executor, engineVersion: 'bench', memoryLimitBytes: 64e9 });
  if (!ran.ok || !ran.value.ok) fail('the scenario did not run cleanly');
  return ran.value.summary;
}

/** The engine's percentiles must match the hand pipeline's before anything is timed. */
function check(summary, hand) {
  let worst = 0;
  OUTPUTS.forEach((name, output) => {
    const series = summary.series[name];
    for (let save = 0; save < SAVE_COUNT; save++) {
      const [p5, p50, p95] = hand.bands[output * SAVE_COUNT + save];
      for (const [engineValue, handValue] of [
        [series.p5[save], p5],
        [series.p50[save], p50],
        [series.p95[save], p95],
      ]) {
        worst = Math.max(worst, Math.abs(engineValue - handValue) / Math.max(Math.abs(handValue), Number.MIN_VALUE));
      }
    }
  });
  if (!(worst <= TOLERANCE)) fail(`engine and hand percentiles differ by ${worst} relative (tolerance ${TOLERANCE})`);
  return worst;
}

async function main() {
  const options = readOptions();
  const engine = await loadEngine(fail);
  const scenario = loadBenchScenario(engine, options.runCount);
  const one = engine.createShardExecutor(1);
  const two = engine.createShardExecutor(2);
  try {
    const hand = handMonteCarlo(engine, scenario);
    const worst = check(await engineMonteCarlo(engine, scenario, one), hand);
    check(await engineMonteCarlo(engine, scenario, two), hand);
    const variants = [
      { name: 'engine-1w', run: () => engineMonteCarlo(engine, scenario, one) },
      { name: 'engine-2w', run: () => engineMonteCarlo(engine, scenario, two) },
      { name: 'hand-1w', run: () => handMonteCarlo(engine, scenario) },
    ];
    const seconds = variants.map(() => []);
    for (let round = 0; round < options.roundCount; round++) {
      for (let offset = 0; offset < variants.length; offset++) {
        const index = (round + offset) % variants.length;
        const started = performance.now();
        await variants[index].run();
        seconds[index].push((performance.now() - started) / 1000);
      }
    }
    const perRound = (numerator, denominator) =>
      median(seconds[numerator].map((value, round) => seconds[denominator][round] / value));
    const report = {
      node: process.version,
      cores: availableParallelism(),
      runCount: options.runCount,
      rounds: options.roundCount,
      maxRelativeDifferenceFromHand: worst,
      timings: variants.map((variant, index) => ({
        variant: variant.name,
        medianSeconds: median(seconds[index]),
        runsPerSecond: options.runCount / median(seconds[index]),
        roundSeconds: seconds[index],
      })),
      speedupTwoWorkers: perRound(1, 0),
      engineOneWorkerVsHand: perRound(0, 2),
      jointFraction: hand.jointFraction,
    };
    if (options.million) {
      const million = engine.withOverrides(scenario, { runCount: 1_000_000 });
      const started = performance.now();
      await engineMonteCarlo(engine, million, two);
      report.million = { workers: 2, seconds: (performance.now() - started) / 1000 };
    }
    report.peakRssMiB = process.resourceUsage().maxRSS / 1024;
    if (options.json) console.log(JSON.stringify(report, null, 2));
    else {
      console.log(
        `\nmc bench: ${SCENARIO_FILE}, ${options.runCount.toLocaleString('en-US')} runs, ${options.roundCount} rounds (order rotated), ${process.version}, ${report.cores} cores`,
      );
      console.log(`engine percentiles agree with the hand pipeline to ${worst.toExponential(2)} relative`);
      for (const timing of report.timings) {
        console.log(
          `  ${timing.variant.padEnd(10)} ${timing.medianSeconds.toFixed(3)} s  ${Math.round(timing.runsPerSecond).toLocaleString('en-US').padStart(9)} runs/s   rounds ${timing.roundSeconds.map((value) => value.toFixed(3)).join(' ')}`,
        );
      }
      console.log(
        `  2 workers / 1 worker speed-up (median of per-round ratios): ${report.speedupTwoWorkers.toFixed(2)}x`,
      );
      console.log(`  engine 1 worker throughput / hand loop throughput: ${report.engineOneWorkerVsHand.toFixed(2)}x`);
      if (report.million) console.log(`  1,000,000 runs on 2 workers: ${report.million.seconds.toFixed(2)} s`);
      console.log(`  peak RSS ${report.peakRssMiB.toFixed(0)} MiB`);
    }
  } finally {
    await Promise.all([one.close(), two.close()]);
  }
}

await main();
