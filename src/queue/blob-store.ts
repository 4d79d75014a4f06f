import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** How long stored inputs and unread results stay in Redis without use. */
export const keptSeconds = 24 * 60 * 60;
/** Redis strings hold at most 512 MB; inputs are stored in parts of this size. */
const partBytes = 64 * 1024 * 1024;

/** The Redis keys of one queue's Kechuang data (BullMQ keeps its own under `bull:<queue>:`). */
export interface QueueKeys {
  blob(hash: string): string;
  blobPart(hash: string, part: number): string;
  /** What a worker made of a shard job: its outcome record. */
  outcome(jobId: string): string;
  /** A block of a shard job's results, by its name (queue/shard-job.ts `blockName`). */
  block(jobId: string, name: string): string;
}

/** The keys of queue `queue`, all under `kechuang:<queue>:`. */
export function queueKeys(queue: string): QueueKeys {
  const prefix = `kechuang:${queue}:`;
  return {
    blob: (hash) => `${prefix}blob:${hash}`,
    blobPart: (hash, part) => `${prefix}blob:${hash}:${part}`,
    outcome: (jobId) => `${prefix}outcome:${jobId}`,
    block: (jobId, name) => `${prefix}result:${jobId}:${name}`,
  };
}

/** sha256 (hex) of a buffer's bytes. */
export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Inputs stored once by content: what every worker reads of an experiment, whatever shard it runs. */
export interface BlobStore {
  /** Store the bytes under their hash unless already there (its expiry renewed), and return the hash. */
  put(bytes: Uint8Array, hash?: string): Promise<string>;
  /** Bytes `[start, end)` of a stored blob. @throws Error when it is missing or shorter. */
  read(hash: string, start: number, end: number): Promise<Buffer>;
  /** A stored blob's length, or undefined when it is missing. */
  length(hash: string): Promise<number | undefined>;
}

/** The blob store of queue `keys` on `client`. */
export function createBlobStore(client: Redis, keys: QueueKeys): BlobStore {
  const length = async (hash: string): Promise<number | undefined> => {
    const stored = await client.get(keys.blob(hash));
    return stored === null ? undefined : Number(stored);
  };
  return {
    length,
    async put(bytes, hash = hashBytes(bytes)) {
      const partCount = Math.ceil(bytes.byteLength / partBytes);
      const stored = await length(hash);
      const pipeline = client.pipeline();
      if (stored === bytes.byteLength) {
        pipeline.expire(keys.blob(hash), keptSeconds);
        for (let part = 0; part < partCount; part++) pipeline.expire(keys.blobPart(hash, part), keptSeconds);
      } else {
        const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        for (let part = 0; part < partCount; part++)
          pipeline.set(
            keys.blobPart(hash, part),
            view.subarray(part * partBytes, (part + 1) * partBytes),
            'EX',
            keptSeconds,
          );
        // Written last: a blob whose length is there is there whole.
        pipeline.set(keys.blob(hash), String(bytes.byteLength), 'EX', keptSeconds);
      }
      const results = (await pipeline.exec()) ?? [];
      const failed = results.find(([error]) => error !== null);
      if (failed !== undefined) throw failed[0]!;
      return hash;
    },
    async read(hash, start, end) {
      if (end <= start) return Buffer.alloc(0);
      const pipeline = client.pipeline();
      const firstPart = Math.floor(start / partBytes);
      const lastPart = Math.floor((end - 1) / partBytes);
      for (let part = firstPart; part <= lastPart; part++) {
        const partStart = part * partBytes;
        const from = Math.max(start, partStart) - partStart;
        const to = Math.min(end, partStart + partBytes) - partStart - 1;
        pipeline.getrangeBuffer(keys.blobPart(hash, part), from, to);
      }
      const results = (await pipeline.exec()) ?? [];
      const pieces = results.map(([error, value]) => {
        if (error !== null) throw error;
        return value as Buffer;
      });
      const bytes = pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces);
      if (bytes.byteLength !== end - start)
        throw new Error(`input ${hash.slice(0, 12)} is missing from Redis (expired or deleted)`);
      return bytes;
    },
  };
}
