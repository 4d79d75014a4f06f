// How soon does the explore server answer a slider move? The Beijing baseline (10,000 runs) opened as
// `kechuang explore` opens it, on a warm pool of 2 workers; 20 moves of gdp_growth_base, each waiting for
// its first update (the first 200 runs) and then its refinement to all the runs. Prints the medians.
// Usage: npm run build && node bench/explore-latency-bench.mjs [--moves 20]
import { readFileSync } from 'node:fs';
import { createExploreWorkbench } from '../dist/explore/explore-workbench.js';
import { createShardExecutor } from '../dist/parallel/shard-executor.js';
import { loadScenario } from '../dist/scenario/load-scenario.js';

const movesArgument = process.argv.indexOf('--moves');
const moveCount = movesArgument < 0 ? 20 : Number(process.argv[movesArgument + 1]);
const loaded = loadScenario('scenarios/baseline.yaml', {
  readText: (path) => ({ ok: true, value: readFileSync(path, 'utf8') }),
});
if (!loaded.ok) throw new Error('scenarios/baseline.yaml did not load');
const executor = createShardExecutor(2);
const started = performance.now();
const workbench = await createExploreWorkbench({
  scenario: loaded.value,
  file: 'scenarios/baseline.yaml',
  commandSet: new Map(),
  history: undefined,
  executor,
  memoryLimitBytes: 4e9,
  saveFolder: '.',
  engineVersion: 'bench',
});
const openSeconds = (performance.now() - started) / 1000;
let waiting;
const session = workbench.openSession((event) => waiting?.(event));
const first = [];
const complete = [];
for (let move = 1; move <= moveCount; move++) {
  const sent = performance.now();
  const done = new Promise((resolve) => {
    let firstSeen = false;
    waiting = (event) => {
      if (event.event !== 'update' || event.data.sequence !== move) return;
      if (!firstSeen) first.push(performance.now() - sent);
      firstSeen = true;
      if (event.data.complete) resolve(complete.push(performance.now() - sent));
    };
  });
  workbench.view({ session, sequence: move, values: { gdp_growth_base: String(0.04 + move * 0.001) }, scales: {} });
  await done;
}
await executor.close();
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`opened in ${openSeconds.toFixed(2)} s (compile, sample, the scenario's own 10,000 runs)`);
console.log(
  `first update (200 runs): median ${median(first).toFixed(0)} ms over ${moveCount} moves (min ${Math.min(...first).toFixed(0)}, max ${Math.max(...first).toFixed(0)})`,
);
console.log(`refined to 10,000 runs: median ${median(complete).toFixed(0)} ms`);
