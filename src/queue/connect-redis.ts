import { Redis } from 'ioredis';
import { QueueUnavailableError, redisTimeoutSeconds } from './queue-errors.js';
import type { QueueAddress } from './redis-address.js';

/** What a connection is for: BullMQ's blocking reads need no per-command retry limit; a coordinator never reconnects. */
export interface ConnectionRole {
  blocking: boolean;
  /** Reconnect after a drop (workers outlive a Redis restart); else a drop ends the connection for good. */
  reconnect: boolean;
}

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** A client for `address`, not yet connected (BullMQ connects the ones it is given). */
export function createRedisClient(address: QueueAddress, role: ConnectionRole): Redis {
  return new Redis(address.url, {
    lazyConnect: true,
    connectTimeout: redisTimeoutSeconds * 1000,
    maxRetriesPerRequest: role.blocking ? null : role.reconnect ? 20 : 1,
    ...(role.blocking ? {} : { commandTimeout: redisTimeoutSeconds * 1000 }),
    retryStrategy: role.reconnect ? (times: number) => Math.min(times * 250, 5000) : () => null,
  });
}

/**
 * A connected client for `address`, its first PING answered.
 * @throws QueueUnavailableError (`connect`) when Redis does not answer within `redisTimeoutSeconds`,
 *   refuses the password, or is not there.
 */
export async function connectRedis(address: QueueAddress, role: ConnectionRole): Promise<Redis> {
  // The first attempt decides: a worker reconnects later, not at its start.
  const client = createRedisClient(address, { ...role, reconnect: false });
  const errors: string[] = [];
  client.on('error', (error: unknown) => errors.push(reasonOf(error)));
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${redisTimeoutSeconds} s`)),
        redisTimeoutSeconds * 1000,
      );
    });
    await Promise.race([client.connect().then(() => client.ping()), timeout]);
  } catch (error) {
    client.disconnect();
    throw new QueueUnavailableError(address.shown, errors[0] ?? reasonOf(error), 'connect');
  } finally {
    clearTimeout(timer);
  }
  client.removeAllListeners('error');
  if (role.reconnect) {
    client.disconnect();
    const lasting = createRedisClient(address, role);
    await lasting.connect();
    return lasting;
  }
  return client;
}
