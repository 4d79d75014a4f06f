import { InputError, renderMessage } from '../diagnostics/input-error.js';
import { messages } from '../diagnostics/messages.js';
import { createShardExecutor, type ShardExecutor } from '../parallel/shard-executor.js';
import { QueueUnavailableError, redisTimeoutSeconds } from '../queue/queue-errors.js';
import type { QueueAddress } from '../queue/redis-address.js';
import type { CommandOutput } from './output.js';
import { packageVersion } from './package-version.js';

/**
 * The executor of a command run with `--redis`: runs go to the queue's workers, statistics to
 * `workerCount` threads here. Redis not answering is an input error naming `--redis` (exit 2).
 */
export async function openCoordinatorExecutor(
  address: QueueAddress,
  workerCount: number,
  output: CommandOutput,
): Promise<ShardExecutor> {
  const local = createShardExecutor(workerCount);
  try {
    // BullMQ and its Redis client take most of a second to load: only commands given --redis load them.
    const { openQueueExecutor } = await import('../queue/queue-shard-executor.js');
    return await openQueueExecutor({
      address,
      engineVersion: packageVersion,
      local,
      onNoWorker: () =>
        output.err(`${renderMessage(messages.noWorkerListening(address.queue, address.shown), undefined, 'note')}\n`),
    });
  } catch (error) {
    await local.close();
    if (!(error instanceof QueueUnavailableError)) throw error;
    throw new InputError(
      `--redis ${address.shown}`,
      messages.redisUnreachable(address.shown, error.reason, redisTimeoutSeconds),
    );
  }
}
