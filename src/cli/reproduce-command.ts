import { readRedisUrl } from '../queue/redis-address.js';
import { kechuangCommand } from '../diagnostics/shell-command.js';

export { kechuangCommand, shellWord } from '../diagnostics/shell-command.js';

/** What names one run of a scenario's experiment: the file, the design, and the command line's fixed values. */
export interface RunAddress {
  file: string;
  runCount: number;
  seed: number;
  /** `--set name=value` as given on the command line, then any the command adds (a lever's trial value). */
  set: readonly string[];
}

/** The `kechuang run` command that redoes one run alone, printing its inputs and every variable. */
export function rerunCommand(address: RunAddress, runIndex: number): string {
  return kechuangCommand([
    'run',
    address.file,
    '--runs',
    String(address.runCount),
    '--seed',
    String(address.seed),
    ...address.set.flatMap((override) => ['--set', override]),
    '--only-run',
    String(runIndex),
  ]);
}

/** The `kechuang simulate` command that runs a scenario once with these inputs fixed (a design row). */
export function simulateCommand(file: string, set: readonly string[], inputs: Record<string, number>): string {
  const fixed = [...set, ...Object.entries(inputs).map(([name, value]) => `${name}=${value}`)];
  return kechuangCommand(['simulate', file, ...fixed.flatMap((override) => ['--set', override])]);
}

/** A `--redis` URL as a printed command may show it: any password as `***` (never printed). */
function shownRedisUrl(text: string): string {
  const url = readRedisUrl(text);
  return url.ok ? url.shown : text;
}

/** The command that continues an interrupted `run`: the same files and options, with `--resume`. */
export function resumeCommand(
  files: readonly string[],
  options: {
    runs?: string | undefined;
    seed?: string | undefined;
    workers?: string | undefined;
    set?: readonly string[] | undefined;
    out: string;
    redis?: string | undefined;
    queue?: string | undefined;
  },
): string {
  return kechuangCommand([
    'run',
    ...files,
    ...(options.runs === undefined ? [] : ['--runs', options.runs]),
    ...(options.seed === undefined ? [] : ['--seed', options.seed]),
    ...(options.set ?? []).flatMap((override) => ['--set', override]),
    ...(options.workers === undefined ? [] : ['--workers', options.workers]),
    ...(options.redis === undefined ? [] : ['--redis', shownRedisUrl(options.redis)]),
    ...(options.queue === undefined ? [] : ['--queue', options.queue]),
    '--out',
    options.out,
    '--resume',
  ]);
}
