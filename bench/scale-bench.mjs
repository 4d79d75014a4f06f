// How `kechuang run` scales with worker threads: the "mc100k" workload (bench/reference-mc100k.yaml)
// at 1, 2, 4, ... up to availableParallelism() workers, timed two ways in each round:
//   engine   runScenario() in this process on a pool started once per worker count (as `run` keeps
//            its pool), timed by the engine itself (summary.engine.wallSeconds: sampling, runs,
//            column statistics and target counts)
//   whole    the built CLI as a user runs it, `node dist/cli/main.js run ... --json --quiet`, timed
//            from spawn to exit (start-up, reading and compiling the scenario, the pool, the engine,
//            printing)
// Worker counts run in a rotated order (round r starts at the r-th count), so no count always runs
// first or after the same one; speed-ups are medians of per-round ratios to the round's 1-worker time.
// Before timing, the summaries at every worker count must be identical (sha256 of summary.json
// without its engine block), in this process and from the CLI.
//
//   node bench/scale-bench.mjs [--runs N] [--rounds R] [--workers 1,2,4] [--json]
//
// The table's format is stable (the 16-core measurement in bench/README.md reads it). Below it, the
// model of what more cores would give, from the 1-worker rounds, where everything runs in the main
// thread: `work` is the seconds the tasks took (sample walks, runs, statistics: what the workers share),
// `serial` the rest of the engine's time (planning, handing out tasks, the summary), `process` what the
// whole process adds (start-up, reading and compiling, printing). Then T(w) = process + serial + work / w,
// the speed-up on w cores if the work divides evenly and nothing else is shared (memory bandwidth is not).

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { availableParallelism, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { median } from 'simple-statistics';
import { createFail, loadEngine, loadScenarioFile } from './internal/bench-engine.mjs';

const SCENARIO_FILE = 'bench/reference-mc100k.yaml';
const CLI = 'dist/cli/main.js';
const fail = createFail('scale-bench');

function readOptions() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string' },
      rounds: { type: 'string' },
      workers: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const count = (text, fallback, what) => {
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isSafeInteger(value) || value < 1) fail(`${what} must be a positive integer, got '${text}'`);
    return value;
  };
  const cores = availableParallelism();
  const doubling = [];
  for (let workers = 1; workers < cores; workers *= 2) doubling.push(workers);
  doubling.push(cores);
  const workerCounts =
    values.workers === undefined
      ? doubling
      : values.workers.split(',').map((text) => count(text.trim(), undefined, '--workers'));
  if (workerCounts[0] !== 1) fail('--workers must start with 1 (speed-ups are ratios to one worker)');
  return {
    runCount: count(values.runs, 1_000_000, '--runs'),
    roundCount: count(values.rounds, 3, '--rounds'),
    workerCounts,
    json: values.json === true,
  };
}

/** sha256 of a summary without its engine block (worker count and wall time). */
const digestOf = (summary) => {
  const numbers = { ...summary };
  delete numbers.engine;
  return createHash('sha256').update(JSON.stringify(numbers)).digest('hex');
};

/** An executor that adds up the seconds its tasks took (as the threads running them measured). */
function countingExecutor(executor) {
  const counted = { seconds: 0 };
  return {
    counted,
    executor: {
      workerCount: executor.workerCount,
      execute: (tasks, options = {}) =>
        executor.execute(tasks, {
          ...options,
          onDone: (task, seconds) => {
            counted.seconds += seconds;
            options.onDone?.(task, seconds);
          },
        }),
      close: () => executor.close(),
    },
  };
}

async function engineRun(engine, scenario, executor) {
  const ran = await engine.runScenario(scenario, { executor, engineVersion: 'bench', memoryLimitBytes: 64e9 });
  if (!ran.ok || !ran.value.ok) fail('the scenario did not run cleanly');
  return ran.value.summary;
}

/** The CLI run as a user runs it: its wall time, and its summary. */
function wholeRun(runCount, workers) {
  const args = [
    CLI,
    'run',
    SCENARIO_FILE,
    '--runs',
    String(runCount),
    '--workers',
    String(workers),
    '--json',
    '--quiet',
  ];
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64e6 });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) fail(`\`node ${args.join(' ')}\` exited ${run.status}: ${run.stderr}`);
  return { seconds, summary: JSON.parse(run.stdout) };
}

async function main() {
  const options = readOptions();
  const engine = await loadEngine(fail);
  const scenario = engine.withOverrides(loadScenarioFile(engine, SCENARIO_FILE, fail), { runCount: options.runCount });
  const counting = options.workerCounts.map((workers) => countingExecutor(engine.createShardExecutor(workers)));
  const executors = counting.map(({ executor }) => executor);
  try {
    // Check first: every worker count, in this process and through the CLI, gives the same summary.
    const digests = new Set();
    for (const executor of executors) digests.add(digestOf(await engineRun(engine, scenario, executor)));
    for (const workers of options.workerCounts) digests.add(digestOf(wholeRun(options.runCount, workers).summary));
    if (digests.size !== 1) fail(`summaries differ between worker counts: ${[...digests].join(', ')}`);

    const count = options.workerCounts.length;
    const engineSeconds = options.workerCounts.map(() => []);
    const wholeSeconds = options.workerCounts.map(() => []);
    // One worker: the seconds its tasks took, and the rest of the engine's time (both in the main thread).
    const workSeconds = [];
    for (let round = 0; round < options.roundCount; round++) {
      for (let offset = 0; offset < count; offset++) {
        const index = (round + offset) % count;
        counting[index].counted.seconds = 0;
        engineSeconds[index].push((await engineRun(engine, scenario, executors[index])).engine.wallSeconds);
        if (index === 0) workSeconds.push(counting[0].counted.seconds);
        wholeSeconds[index].push(wholeRun(options.runCount, options.workerCounts[index]).seconds);
      }
    }
    const speedups = (seconds) => seconds.map((times) => median(times.map((time, round) => seconds[0][round] / time)));
    const engineMedians = engineSeconds.map((times) => median(times));
    const work = median(workSeconds);
    const serial = median(engineSeconds[0].map((time, round) => time - workSeconds[round]));
    const processSeconds = median(wholeSeconds[0].map((time, round) => time - engineSeconds[0][round]));
    const model = { work, serial, process: processSeconds };
    const predicted = [1, 2, 4, 8, 12, 16].map((workers) => ({
      workers,
      engine: (serial + work) / (serial + work / workers),
      whole: (processSeconds + serial + work) / (processSeconds + serial + work / workers),
    }));
    const report = {
      scenario: SCENARIO_FILE,
      runCount: options.runCount,
      rounds: options.roundCount,
      node: process.version,
      cores: availableParallelism(),
      cpu: cpus()[0]?.model ?? 'unknown',
      digest: [...digests][0],
      workers: options.workerCounts,
      engineSeconds: engineMedians,
      engineSpeedup: speedups(engineSeconds),
      wholeSeconds: wholeSeconds.map((times) => median(times)),
      wholeSpeedup: speedups(wholeSeconds),
      roundSeconds: { engine: engineSeconds, whole: wholeSeconds },
      model: {
        ...model,
        engineSerialFraction: serial / (serial + work),
        wholeSerialFraction: (processSeconds + serial) / (processSeconds + serial + work),
        predicted,
      },
    };
    if (options.json) {
      console.log(JSON.stringify(report, null, 2));
      return;
    }
    const cell = (value, digits) => value.toFixed(digits);
    const row = (label, values, digits) => `| ${label} | ${values.map((value) => cell(value, digits)).join(' | ')} |`;
    console.log(
      `scale bench: ${SCENARIO_FILE}, ${options.runCount.toLocaleString('en-US')} runs, ${options.roundCount} rounds (order rotated), ${process.version}, ${report.cores} cores (${report.cpu})`,
    );
    console.log(`summary identical at every worker count, in process and CLI: sha256 ${report.digest.slice(0, 16)}`);
    console.log('');
    console.log(`| workers | ${options.workerCounts.join(' | ')} |`);
    console.log(`|---|${options.workerCounts.map(() => '---').join('|')}|`);
    console.log(row('engine wall, s', report.engineSeconds, 2));
    console.log(row('speed-up, engine', report.engineSpeedup, 2));
    console.log(row('whole process, s', report.wholeSeconds, 2));
    console.log(row('speed-up, whole', report.wholeSpeedup, 2));
    console.log('');
    console.log(
      `model from the 1-worker rounds: work ${cell(work, 3)} s, engine serial ${cell(serial, 3)} s, process ${cell(processSeconds, 3)} s; T(w) = process + serial + work / w`,
    );
    console.log(`| predicted at w workers | ${predicted.map(({ workers }) => workers).join(' | ')} |`);
    console.log(`|---|${predicted.map(() => '---').join('|')}|`);
    console.log(
      row(
        'speed-up, engine',
        predicted.map(({ engine: value }) => value),
        1,
      ),
    );
    console.log(
      row(
        'speed-up, whole',
        predicted.map(({ whole }) => whole),
        1,
      ),
    );
  } finally {
    await Promise.all(executors.map((executor) => executor.close()));
  }
}

await main();
