import { InputError } from '../diagnostics/input-error.js';
import { messages } from '../diagnostics/messages.js';
import { defaultQueueName, queueNameProblem, readRedisUrl, type QueueAddress } from '../queue/redis-address.js';

/**
 * Read `--redis URL` and `--queue NAME`: the queue's address, or undefined without `--redis`. An input
 * error names the option; a URL that does not read is not repeated when it may hold a password.
 */
export function readQueueOption(redis: string | undefined, queue: string | undefined): QueueAddress | undefined {
  if (redis === undefined) {
    if (queue !== undefined) throw new InputError(`--queue ${queue}`, messages.redisOptionNeeded('--queue'));
    return undefined;
  }
  const url = readRedisUrl(redis);
  if (!url.ok)
    throw new InputError(redis.includes('@') ? '--redis' : `--redis ${redis}`, messages.redisUrlInvalid(url.reason));
  const name = queue ?? defaultQueueName;
  const problem = queueNameProblem(name);
  if (problem !== undefined) throw new InputError(`--queue ${name}`, messages.queueNameInvalid(name, problem));
  return { url: url.url, shown: url.shown, queue: name };
}
