import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { renderMessage } from '../diagnostics/input-error.js';
import { messages } from '../diagnostics/messages.js';
import { createShardExecutor } from '../parallel/shard-executor.js';
import { catalogueCommand } from './command-catalogue.js';
import { integerOption } from './integer-option.js';
import { numberDefault } from './number-default.js';
import type { CommandOutput } from './output.js';
import { packageVersion } from './package-version.js';
import { readModelHistory } from './read-model-history.js';
import { loadScenarioArgument } from './scenario-argument.js';
import { addSharedOptions, readSharedOptions, type SharedOptionTexts } from './shared-options.js';

interface ExploreOptions extends SharedOptionTexts {
  port: string;
  host: string;
  open?: boolean;
  saveDir: string;
}

/** The port `explore` listens on unless told otherwise. */
export const defaultExplorePort = 8750;

/** Resolves at the first SIGINT or SIGTERM: the server's life. */
const untilStopped = (): Promise<void> =>
  new Promise((resolveStop) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolveStop();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

/** `kechuang explore <scenario>`: a local page with a slider per parameter and policy over a live Monte Carlo. */
export function registerExploreCommand(program: Command, output: CommandOutput): void {
  const command = catalogueCommand(program, 'explore').argument('<scenario>', 'scenario file (YAML)');
  addSharedOptions(command, ['runs', 'seed', 'workers', 'set', 'maxMemory'])
    .addOption(numberDefault('--port <port>', 'port to listen on (0: any free port)', defaultExplorePort))
    .addOption(
      new Option(
        '--host <address>',
        'address to listen on; anything but 127.0.0.1 or localhost is reachable from other machines',
      ).default('127.0.0.1', '127.0.0.1'),
    )
    .option('--open', 'open the page in the default browser')
    .addOption(
      new Option('--save-dir <dir>', '"save as scenario" writes its files here (never over an existing file)').default(
        '.',
        'the current folder',
      ),
    )
    .action(async (file: string, options: ExploreOptions) => {
      const shared = readSharedOptions(options, output);
      const port = integerOption('--port', options.port, 0, 65535)!;
      const argument = loadScenarioArgument(file, shared, output);
      const history = readModelHistory(argument.scenario.model, output);
      // The server, the page's libraries and vega load here only, so that other commands do not pay for them.
      const { createExploreWorkbench } = await import('../explore/explore-workbench.js');
      const { isLoopback, startExploreServer } = await import('../explore/explore-server.js');
      if (!isLoopback(options.host))
        output.err(`${renderMessage(messages.exploreExposed(options.host), `--host ${options.host}`, 'warning')}\n`);
      const executor = createShardExecutor(shared.workerCount);
      try {
        const workbench = await createExploreWorkbench({
          scenario: argument.scenario,
          file,
          commandSet: argument.set,
          history,
          executor,
          memoryLimitBytes: shared.memoryLimitBytes,
          saveFolder: resolve(options.saveDir),
          engineVersion: packageVersion,
        });
        const server = await startExploreServer(workbench, { host: options.host, port });
        const stopped = untilStopped();
        output.out(`kechuang explore: ${argument.scenario.name} at ${server.url} (Ctrl-C stops it)\n`);
        if (options.open === true) {
          const { default: open } = await import('open');
          await open(server.url);
        }
        await stopped;
        await server.close();
      } finally {
        await executor.close();
      }
    });
}
