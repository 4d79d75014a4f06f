import { hostname } from 'node:os';
import type { Command } from 'commander';
import { InputError } from '../diagnostics/input-error.js';
import { messages, type Message } from '../diagnostics/messages.js';
import { QueueUnavailableError, redisTimeoutSeconds } from '../queue/queue-errors.js';
import { catalogueCommand } from './command-catalogue.js';
import { numberDefault } from './number-default.js';
import { integerOption } from './integer-option.js';
import type { CommandOutput } from './output.js';
import { packageVersion } from './package-version.js';
import { addSharedOptions, readSharedOptions } from './shared-options.js';

interface WorkerOptions {
  redis: string;
  queue?: string;
  workers?: string;
  concurrency?: string;
  stallTimeout?: string;
}

/** A log line: the time in UTC to the second, then the message. */
const logLine = (detail: Message): string => `${new Date().toISOString().slice(0, 19)}Z ${detail.message}\n`;

/** Resolve on the first SIGTERM or SIGINT, calling `again` on each later one. */
function untilSignalled(again: () => void): Promise<() => void> {
  return new Promise((resolve) => {
    let signalled = false;
    const onSignal = (): void => {
      if (signalled) again();
      signalled = true;
      resolve(() => {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
      });
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

/** `kechuang worker --redis URL`: take shard jobs from a queue on Redis and run them on this machine. */
export function registerWorkerCommand(program: Command, output: CommandOutput): void {
  const command = catalogueCommand(program, 'worker');
  addSharedOptions(command, ['redis', 'queue', 'workers'])
    .option('--concurrency <count>', 'shards taken at a time (default: one more than the worker threads)')
    .addOption(
      numberDefault(
        '--stall-timeout <seconds>',
        'a shard whose worker is silent this long (a dead machine) goes to another worker',
        30,
      ),
    )
    .action(async (options: WorkerOptions) => {
      if (options.redis === undefined)
        throw new InputError('--redis', messages.redisUrlInvalid('none was given (kechuang worker needs --redis URL)'));
      const shared = readSharedOptions(options, output);
      const address = shared.queue!;
      // One shard more than threads: one's results travel while every thread computes.
      const concurrency = integerOption('--concurrency', options.concurrency, 1, 1024) ?? shared.workerCount + 1;
      const stallSeconds = integerOption('--stall-timeout', options.stallTimeout, 1, 86_400)!;
      // Loaded here, so that other commands do not pay for BullMQ's start-up.
      const { startQueueWorker } = await import('../queue/queue-worker.js');
      let worker;
      try {
        worker = await startQueueWorker({
          address,
          engineVersion: packageVersion,
          threadCount: shared.workerCount,
          useThreads: true,
          concurrency,
          stallSeconds,
          name: `${hostname()}/${process.pid}`,
          log: (detail) => output.err(logLine(detail)),
        });
      } catch (error) {
        if (!(error instanceof QueueUnavailableError)) throw error;
        throw new InputError(
          `--redis ${address.shown}`,
          messages.redisUnreachable(address.shown, error.reason, redisTimeoutSeconds),
        );
      }
      const started = worker;
      const stopListening = await untilSignalled(() => void started.stop(true));
      await started.stop();
      stopListening();
    });
}
