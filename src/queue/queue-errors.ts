/** How long a connection attempt or a command may take before Redis counts as unreachable. */
export const redisTimeoutSeconds = 10;

/** Redis cannot be reached, refused us, or went away during an experiment. */
export class QueueUnavailableError extends Error {
  constructor(
    /** The URL as shown (no password). */
    readonly shown: string,
    readonly reason: string,
    /** `connect`: at the start; `lost`: during an experiment. */
    readonly when: 'connect' | 'lost',
  ) {
    super(`Redis at ${shown}: ${reason}`);
    this.name = 'QueueUnavailableError';
  }
}

/** A worker refused a shard: another Kechuang version, or a generator that disagrees with the source's hash. */
export class ShardRefusedError extends Error {
  constructor(
    readonly shown: string,
    readonly worker: string,
    readonly reason: string,
  ) {
    super(`worker ${worker} refused a shard: ${reason}`);
    this.name = 'ShardRefusedError';
  }
}
