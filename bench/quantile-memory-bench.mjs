// Memory at scale: two ways to summarise runs that do not fit in memory, measured on the "mc100k"
// workload (bench/reference-mc100k.yaml: 126 stored columns, 6 outputs x 21 saved times).
//   passes   what `run` does: the outputs summarised in passes over groups of columns, each pass
//            running every run again and keeping only its group (runDesign with a memory limit);
//            exact, the same numbers as holding every run
//   sketch   one pass feeding each column into a DDSketch (@datadog/sketches-js, relative accuracy
//            --accuracy, default 0.001: every quantile it returns is within that fraction of a value
//            whose rank is the quantile's); measured here on the held runs: the cost of feeding the
//            sketches, their size, and how far their P5/P50/P95 are from the exact ones
// The held summary is computed first; the passes must give it bit for bit.
//
//   node bench/quantile-memory-bench.mjs [--runs N] [--columns-per-pass K] [--accuracy A] [--json]

import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DDSketch } from '@datadog/sketches-js';
import { createFail, loadEngine, loadScenarioFile } from './internal/bench-engine.mjs';

const SCENARIO_FILE = 'bench/reference-mc100k.yaml';
const fail = createFail('quantile-memory-bench');

function readOptions() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string' },
      'columns-per-pass': { type: 'string' },
      accuracy: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const number = (text, fallback, what) => {
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!(value > 0)) fail(`${what} must be a positive number, got '${text}'`);
    return value;
  };
  return {
    runCount: number(values.runs, 1_000_000, '--runs'),
    columnsPerPass: number(values['columns-per-pass'], 16, '--columns-per-pass'),
    accuracy: number(values.accuracy, 0.001, '--accuracy'),
    json: values.json === true,
  };
}

const digestOf = (summary) => {
  const numbers = { ...summary };
  delete numbers.engine;
  return createHash('sha256').update(JSON.stringify(numbers)).digest('hex');
};

const seconds = async (work) => {
  const started = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - started) / 1000 };
};

async function main() {
  const options = readOptions();
  const engine = await loadEngine(fail);
  const scenario = engine.withOverrides(loadScenarioFile(engine, SCENARIO_FILE, fail), { runCount: options.runCount });
  const compiled = engine.compileExperiment(scenario);
  if (!compiled.ok) fail('the scenario does not compile');
  const experiment = compiled.value;
  const sample = engine.scenarioSample(scenario);
  const executor = engine.createShardExecutor(1);
  try {
    const storeBytes = options.runCount * experiment.saveTimes.length * experiment.outputNames.length * 8;
    const held = await seconds(() =>
      engine.runCompiledScenario(experiment, { executor, engineVersion: 'bench', memoryLimitBytes: 64e9 }),
    );
    if (!held.value.ok) fail('the held run failed');
    const perPassBytes =
      engine.designBytes(experiment, options.runCount, sample) -
      storeBytes +
      options.columnsPerPass * options.runCount * 8;
    const passes = await seconds(() =>
      engine.runCompiledScenario(experiment, { executor, engineVersion: 'bench', memoryLimitBytes: perPassBytes }),
    );
    if (!passes.value.ok) fail('the run in passes failed');
    if (digestOf(passes.value.summary) !== digestOf(held.value.summary)) fail('passes and held runs differ');
    const passCount = Math.ceil(
      storeBytes / 8 / options.runCount / engine.columnsPerPass(experiment, sample, perPassBytes),
    );

    // The sketch: every column of the held runs fed into its own DDSketch, as one pass would feed them run by run.
    const store = held.value.store;
    const columnCount = store.values.length / store.runCount;
    const sketches = Array.from({ length: columnCount }, () => new DDSketch({ relativeAccuracy: options.accuracy }));
    const fed = await seconds(() => {
      for (let column = 0; column < columnCount; column++) {
        const values = engine.storeColumn(store, column);
        const sketch = sketches[column];
        for (let run = 0; run < values.length; run++) sketch.accept(values[run]);
      }
    });
    let worstRelative = 0;
    let worstAt = '';
    for (const name of scenario.outputs) {
      const series = held.value.summary.series[name];
      const variableIndex = store.variableNames.indexOf(name);
      for (let saveIndex = 0; saveIndex < store.saveCount; saveIndex++) {
        const sketch = sketches[variableIndex * store.saveCount + saveIndex];
        for (const [key, probability] of [
          ['p5', 0.05],
          ['p50', 0.5],
          ['p95', 0.95],
        ]) {
          const exact = series[key][saveIndex];
          const relative = Math.abs(sketch.getValueAtQuantile(probability) - exact) / Math.max(Math.abs(exact), 1e-300);
          if (relative > worstRelative) {
            worstRelative = relative;
            worstAt = `${name} ${store.saveTimes[saveIndex]} ${key}`;
          }
        }
      }
    }
    const bins = sketches.reduce((sum, sketch) => sum + sketch.store.bins.length + sketch.negativeStore.bins.length, 0);
    const report = {
      runCount: options.runCount,
      columns: columnCount,
      held: { seconds: held.seconds, storeBytes },
      passes: { seconds: passes.seconds, passCount, bytesPerPass: perPassBytes, identical: true },
      sketch: {
        accuracy: options.accuracy,
        feedSeconds: fed.seconds,
        nanosecondsPerValue: (fed.seconds * 1e9) / (columnCount * options.runCount),
        bins,
        approximateBytes: bins * 8,
        worstRelativeError: worstRelative,
        worstAt,
      },
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
    };
    if (options.json) {
      console.log(JSON.stringify(report, null, 2));
      return;
    }
    const mb = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;
    console.log(
      `quantile memory bench: ${SCENARIO_FILE}, ${options.runCount.toLocaleString('en-US')} runs, ${columnCount} columns, 1 worker`,
    );
    console.log(`  held in memory   ${held.seconds.toFixed(2)} s   store ${mb(storeBytes)}`);
    console.log(
      `  passes           ${passes.seconds.toFixed(2)} s   ${passCount} passes of ${mb(perPassBytes)}; summary identical to held`,
    );
    console.log(
      `  DDSketch ${options.accuracy}   feeding ${fed.seconds.toFixed(2)} s (${report.sketch.nanosecondsPerValue.toFixed(0)} ns a value), ${bins.toLocaleString('en-US')} bins (~${mb(bins * 8)}); worst P5/P50/P95 error ${(worstRelative * 100).toFixed(3)}% relative (${worstAt})`,
    );
    console.log(`  peak RSS ${report.peakRssMiB.toFixed(0)} MiB`);
  } finally {
    await executor.close();
  }
}

await main();
