import type { Command } from 'commander';
import { readModelText } from '../model/read-model-text.js';
import { formatModelDescription } from '../report/model-description.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { looksLikeScenario } from '../scenario/looks-like-scenario.js';
import { valueOrExit, type CommandOutput } from './output.js';
import { createTextReader } from './scenario-argument.js';
import { addSharedOptions, readSharedOptions, type SharedOptionTexts } from './shared-options.js';
import { catalogueCommand } from './command-catalogue.js';

/** `kechuang describe <model-or-scenario>`: stocks, flows, auxes, parameters and lookups with units, docs and ranges. */
export function registerDescribeCommand(program: Command, output: CommandOutput): void {
  const command = catalogueCommand(program, 'describe').argument(
    '<file>',
    'model file (YAML, JSON, XMILE or Vensim .mdl), or a scenario file',
  );
  addSharedOptions(command, ['json', 'wide']);
  command.action((file: string, options: SharedOptionTexts) => {
    const shared = readSharedOptions(options, output);
    const readText = createTextReader();
    const text = readText(file);
    const scenario =
      text.ok && looksLikeScenario(text.value) ? valueOrExit(loadScenario(file, { readText }), output) : undefined;
    const model = scenario?.model ?? valueOrExit(text.ok ? readModelText(text.value, file) : text, output);
    if (shared.json) {
      const internal = new Set(['expression', 'location', 'locations', 'segments']);
      const strip = (key: string, value: unknown): unknown =>
        internal.has(key) ? undefined : value instanceof Map ? Object.fromEntries(value) : value;
      const described =
        scenario === undefined
          ? model
          : {
              scenario: {
                name: scenario.name,
                file: scenario.file,
                chain: scenario.chain,
                description: scenario.description,
                set: scenario.set,
                policies: scenario.policies,
                uncertainty: scenario.uncertainty,
                targets: scenario.targets,
              },
              model,
            };
      output.out(`${JSON.stringify(described, strip, 2)}\n`);
    } else {
      output.out(`${formatModelDescription(model, { width: output.width, wide: shared.wide }, scenario)}\n`);
    }
  });
}
