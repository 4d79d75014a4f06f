import { createHash } from 'node:crypto';
import { wireIdentity, type WireTask } from './shard-wire.js';

/** The version of what travels through the queue; a worker refuses jobs of another. */
export const wireProtocol = 1;

/** A shard job's data: one run task in wire form, with the versions that must match. */
export interface ShardJobData {
  protocol: number;
  /** The coordinator's Kechuang version: a worker of another version refuses the job. */
  engineVersion: string;
  task: WireTask;
}

/** A shard's results as a worker stored them: for each written buffer, how many blocks, how many bytes in all. */
export interface ShardOutput {
  buffer: number;
  blockCount: number;
  byteCount: number;
}

/**
 * What a worker made of a shard job, kept in Redis under the job's outcome key (so that a coordinator
 * that was away finds it on `--resume`): results stored as blocks; a run that failed on every attempt
 * on that worker (a failure inside the model, reported as the local pool reports it); or a refusal
 * (another version, a generator that disagrees with the source's hash).
 */
export type ShardOutcome =
  | { status: 'done'; worker: string; outputs: ShardOutput[] }
  | { status: 'failed'; worker: string; runIndex: number; attempts: number; reason: string }
  | { status: 'refused'; worker: string; reason: string };

/**
 * The job id: a hash of everything the job computes from (queue/shard-wire.ts `wireIdentity`), so the
 * same shard of the same experiment is the same job, however the coordinator that made it numbered it.
 */
export function shardJobId(data: ShardJobData): string {
  const identity = { ...data, task: wireIdentity(data.task) };
  return `shard-${createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 40)}`;
}

/** The key suffix of block `blockIndex` of output `bufferIndex`. */
export const blockName = (bufferIndex: number, blockIndex: number): string => `${bufferIndex}.${blockIndex}`;

/** Read an outcome record; undefined when it is not one. */
export function readShardOutcome(text: string): ShardOutcome | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const status = (value as { status?: unknown }).status;
  return status === 'done' || status === 'failed' || status === 'refused' ? (value as ShardOutcome) : undefined;
}
