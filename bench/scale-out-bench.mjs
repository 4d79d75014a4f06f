// The cost of spreading an experiment over worker processes through Redis (BullMQ), against the local
// pool of the same total threads, side by side in one process.
//
//   npm run build && node bench/scale-out-bench.mjs [--runs N] [--rounds R] [--workers 1,2,3] [--json]
//
// Needs redis-server (Debian's redis-server package); the bench starts its own on a free port of
// 127.0.0.1 and stops it. For each worker count W it starts W `kechuang worker` processes of one thread
// each on a queue of their own, kept for every round (as a local pool is kept), then times, with the
// order of the variants rotated each round:
//   local-W   runScenario(bench/reference-mc100k.yaml, N runs) on a W-thread pool here (W = 1: the main thread)
//   queue-W   the same with the runs on the W worker processes through Redis, the statistics on W threads here
// Each round first deletes the results the previous one left in Redis (a rerun would take them instead of
// computing: src/queue/queue-shard-executor.ts). Before timing anything each queue run's numbers are
// checked against the local run's. After the timed rounds, one more queue run per worker count, watched
// through MONITOR, counts the commands clients sent (messages; the calls BullMQ's Lua scripts make inside
// Redis counted apart), and Redis's counters (INFO stats) the bytes in and out.

import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { median } from 'simple-statistics';
import { createCount, createFail, loadEngine, loadScenarioFile } from './internal/bench-engine.mjs';

const SCENARIO_FILE = 'bench/reference-mc100k.yaml';
const CLI = 'dist/cli/main.js';
const fail = createFail('scale-out-bench');

function readOptions() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string' },
      rounds: { type: 'string' },
      workers: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const count = createCount(fail);
  return {
    runCount: count(values.runs, 1_000_000),
    roundCount: count(values.rounds, 3),
    workerCounts: (values.workers ?? '1,2,3').split(',').map((text) => count(text)),
    json: values.json === true,
  };
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** A started process, resolved once a line of its output contains `ready`. */
function startProcess(command, args, ready) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk) => {
      log += chunk.toString();
      if (log.includes(ready)) resolve(child);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${command} exited with ${code}:\n${log}`)));
  });
}

/** Redis's INFO stats counters: bytes in and out. */
async function redisCounters(client) {
  const info = await client.info('stats');
  const read = (name) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)[1]);
  return {
    bytesIn: read('total_net_input_bytes'),
    bytesOut: read('total_net_output_bytes'),
  };
}

/** Delete what a previous run left for `queue` (results and outcomes), so every run computes its shards. */
async function forgetResults(client, queue) {
  for (const pattern of [`kechuang:${queue}:outcome:*`, `kechuang:${queue}:result:*`]) {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  }
}

const numbersOf = (summary) => JSON.stringify({ ...summary, engine: undefined });

async function main() {
  const options = readOptions();
  if (spawnSync('redis-server', ['--version']).status !== 0)
    fail("redis-server not found: install Debian's redis-server package (apt-get install -y redis-server)");
  const engine = await loadEngine(fail);
  const { openQueueExecutor, plannedWorkerSlots } = await import('../dist/queue/queue-shard-executor.js');
  const { planShards } = await import('../dist/parallel/plan-shards.js');
  const { Redis } = await import('ioredis');
  const version = (await import('../dist/cli/package-version.js')).packageVersion;
  const scenario = engine.withOverrides(loadScenarioFile(engine, SCENARIO_FILE, fail), { runCount: options.runCount });

  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const redisFolder = mkdtempSync(join(tmpdir(), 'kechuang-bench-redis-'));
  const redis = await startProcess(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', redisFolder, '--save', '', '--appendonly', 'no'],
    'Ready to accept connections',
  );
  const client = new Redis(url);
  const workers = [];
  try {
    for (const workerCount of options.workerCounts)
      for (let index = 0; index < workerCount; index++)
        workers.push(
          await startProcess(
            process.execPath,
            [
              CLI,
              'worker',
              '--redis',
              url,
              '--queue',
              `bench-${workerCount}`,
              '--workers',
              '1',
              '--stall-timeout',
              '600',
            ],
            ' worker on queue ',
          ),
        );

    const variants = options.workerCounts.flatMap((workerCount) => [
      { name: `local-${workerCount}`, workerCount, queue: undefined },
      { name: `queue-${workerCount}`, workerCount, queue: `bench-${workerCount}` },
    ]);
    const seconds = new Map(variants.map((variant) => [variant.name, []]));
    const traffic = new Map();
    let expected;
    for (let round = 0; round < options.roundCount; round++) {
      for (let step = 0; step < variants.length; step++) {
        const variant = variants[(step + round) % variants.length];
        const local = engine.createShardExecutor(variant.workerCount);
        const executor =
          variant.queue === undefined
            ? local
            : await openQueueExecutor({
                address: { url, shown: url, queue: variant.queue },
                engineVersion: version,
                local,
              });
        if (variant.queue !== undefined) await forgetResults(client, variant.queue);
        const started = performance.now();
        const ran = await engine.runScenario(scenario, {
          executor,
          engineVersion: version,
          memoryLimitBytes: 16e9,
        });
        const elapsed = (performance.now() - started) / 1000;
        await executor.close();
        if (!ran.ok || !ran.value.ok) fail(`${variant.name}: the experiment failed`);
        // The first run (local-W, as the order starts) sets the numbers every other run must give.
        const numbers = numbersOf(ran.value.summary);
        expected ??= numbers;
        if (numbers !== expected) fail(`${variant.name}: numbers differ from the first run's`);
        seconds.get(variant.name).push(elapsed);
        if (!options.json) console.error(`round ${round + 1}: ${variant.name} ${elapsed.toFixed(2)} s`);
      }
    }
    // The traffic of one more queue run per worker count, untimed (MONITOR slows Redis down).
    for (const workerCount of options.workerCounts) {
      const queue = `bench-${workerCount}`;
      const local = engine.createShardExecutor(workerCount);
      const executor = await openQueueExecutor({ address: { url, shown: url, queue }, engineVersion: version, local });
      const run = async () => {
        await forgetResults(client, queue);
        const ran = await engine.runScenario(scenario, { executor, engineVersion: version, memoryLimitBytes: 16e9 });
        if (!ran.ok || !ran.value.ok || numbersOf(ran.value.summary) !== expected)
          fail(`queue-${workerCount}: numbers differ`);
      };
      // Bytes first, then messages: MONITOR's own stream would count as bytes out.
      const before = await redisCounters(client);
      await run();
      const after = await redisCounters(client);
      const monitor = await client.monitor();
      const sent = { client: 0, script: 0 };
      monitor.on('monitor', (_time, _args, source) => (source === 'lua' ? sent.script++ : sent.client++));
      await run();
      await delay(200);
      monitor.disconnect();
      await executor.close();
      traffic.set(`queue-${workerCount}`, {
        ...sent,
        bytesIn: after.bytesIn - before.bytesIn,
        bytesOut: after.bytesOut - before.bytesOut,
      });
    }

    const shardCount = planShards(options.runCount, plannedWorkerSlots).length;
    const rows = options.workerCounts.map((workerCount) => {
      const local = median(seconds.get(`local-${workerCount}`));
      const queue = median(seconds.get(`queue-${workerCount}`));
      const moved = traffic.get(`queue-${workerCount}`);
      return {
        workers: workerCount,
        localSeconds: local,
        queueSeconds: queue,
        overheadPercent: (queue / local - 1) * 100,
        shards: shardCount,
        messagesPerShard: moved.client / shardCount,
        scriptCallsPerShard: moved.script / shardCount,
        megabytesIn: moved.bytesIn / 1e6,
        megabytesOut: moved.bytesOut / 1e6,
        kilobytesPerShard: (moved.bytesIn + moved.bytesOut) / shardCount / 1e3,
      };
    });
    const machine = { cores: availableParallelism(), node: process.version, load: (await import('node:os')).loadavg() };
    if (options.json) {
      console.log(JSON.stringify({ machine, options, seconds: Object.fromEntries(seconds), rows }, null, 2));
    } else {
      console.log(
        `scale-out-bench: ${options.runCount.toLocaleString('en-US')} runs of ${SCENARIO_FILE}, median of ${options.roundCount} rounds, ${machine.cores} cores, Node ${machine.node}, load ${machine.load.map((value) => value.toFixed(1)).join(' ')}`,
      );
      console.log(
        '| workers | local pool, s | through Redis, s | overhead | shards | messages per shard | script calls per shard | MB into Redis | MB out of Redis |',
      );
      console.log('|---|---|---|---|---|---|---|---|---|');
      for (const row of rows)
        console.log(
          `| ${row.workers} | ${row.localSeconds.toFixed(2)} | ${row.queueSeconds.toFixed(2)} | ${row.overheadPercent.toFixed(1)}% | ${row.shards} | ${row.messagesPerShard.toFixed(1)} | ${row.scriptCallsPerShard.toFixed(1)} | ${row.megabytesIn.toFixed(0)} | ${row.megabytesOut.toFixed(0)} |`,
        );
    }
  } finally {
    for (const worker of workers) worker.kill('SIGTERM');
    client.disconnect();
    redis.kill('SIGTERM');
  }
}

await main();
