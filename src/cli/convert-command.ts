import { existsSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { InputError } from '../diagnostics/input-error.js';
import { messages } from '../diagnostics/messages.js';
import { addSharedOptions } from './shared-options.js';
import type { Command } from 'commander';
import { Option } from 'commander';
import { checkModel } from '../compile/compile-model.js';
import { formatModelYaml } from '../model/format-model-yaml.js';
import { exitCodes, ReportedFailure } from './cli-error.js';
import { printDiagnostics, printModelWarnings, type CommandOutput } from './output.js';
import { readModelFile } from './read-model-file.js';
import { writeOutputFile } from './write-output-file.js';
import { catalogueCommand } from './command-catalogue.js';

/** `kechuang convert <model> --to yaml [--out DIR]`: write the equivalent Kechuang model file. */
export function registerConvertCommand(program: Command, output: CommandOutput): void {
  const command = catalogueCommand(program, 'convert')
    .argument('<model>', 'model file (XMILE .xmile/.xml/.stmx, Vensim .mdl, YAML or JSON)')
    .addOption(new Option('--to <format>', 'output format').choices(['yaml']).makeOptionMandatory())
    .option('--force', 'replace the file under --out if it exists');
  addSharedOptions(command, ['out']).action(
    (modelPath: string, options: { to: 'yaml'; out?: string; force?: boolean }) => {
      const read = readModelFile(modelPath);
      const checked = read.ok ? checkModel(read.value) : read;
      if (!read.ok || !checked.ok) {
        printDiagnostics(output, checked.ok ? [] : checked.diagnostics);
        throw new ReportedFailure(exitCodes.badInput);
      }
      printModelWarnings(output, read.value);
      const yaml = formatModelYaml(read.value);
      if (options.out === undefined) {
        output.out(yaml);
        return;
      }
      const file = join(options.out, `${basename(modelPath, extname(modelPath))}.yaml`);
      if (existsSync(file) && options.force !== true)
        throw new InputError(`--out ${options.out}`, messages.outputExists(file));
      writeOutputFile(file, yaml);
      output.out(`wrote ${file}\n`);
    },
  );
}
