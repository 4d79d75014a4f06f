import type { Command } from 'commander';
import { formatModelDescription } from '../report/model-description.js';
import { exitCodes, ReportedFailure } from './cli-error.js';
import { printDiagnostics, type CommandOutput } from './output.js';
import { readModelFile } from './read-model-file.js';
import { catalogueCommand } from './command-catalogue.js';

/** `kechuang describe <model>`: stocks, flows, auxes, parameters and lookups with units, docs and ranges. */
export function registerDescribeCommand(program: Command, output: CommandOutput): void {
  catalogueCommand(program, 'describe')
    .argument('<model>', 'model file (YAML, JSON, XMILE or Vensim .mdl)')
    .option('--json', 'print the model as JSON')
    .action((modelPath: string, options: { json?: boolean }) => {
      const read = readModelFile(modelPath);
      if (!read.ok) {
        printDiagnostics(output, read.diagnostics);
        throw new ReportedFailure(exitCodes.badInput);
      }
      const model = read.value;
      if (options.json === true) {
        const internal = new Set(['expression', 'location', 'locations', 'segments']);
        const strip = (key: string, value: unknown): unknown => (internal.has(key) ? undefined : value);
        output.out(`${JSON.stringify(model, strip, 2)}\n`);
      } else {
        output.out(`${formatModelDescription(model, output.width)}\n`);
      }
    });
}
