import { createRunFunctionCache } from './run-function-cache.js';
import { runShard } from './run-shard.js';
import type { ShardTask } from './shard-task.js';

// One cache per worker thread: it lives as long as the thread, which is the point of keeping the pool.
const cache = createRunFunctionCache();

/** piscina's entry: run one task; results go into the task's shared buffers, so nothing is posted back. */
export default function shardWorker(task: ShardTask): null {
  runShard(task, cache);
  return null;
}
