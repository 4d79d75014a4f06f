import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import type { ReportLanguage } from '../report/report-text.js';
import { messages } from '../diagnostics/messages.js';
import { InputError, renderMessage } from '../diagnostics/input-error.js';
import { suggestName } from '../diagnostics/suggest-name.js';
import { integerOption } from './integer-option.js';
import type { CommandOutput } from './output.js';
import { memoryLimitOption } from './run-failure.js';
import { readQueueOption } from './queue-option.js';
import type { QueueAddress } from '../queue/redis-address.js';

/** The options several commands share: one name, one argument, one meaning, one description everywhere. */
export type SharedOptionName =
  | 'runs'
  | 'seed'
  | 'workers'
  | 'set'
  | 'out'
  | 'json'
  | 'quiet'
  | 'maxMemory'
  | 'redis'
  | 'queue'
  | 'wide'
  | 'unit'
  | 'lang'
  | 'xlsx';

/** Languages of the HTML reports. */
export const reportLanguages: readonly ReportLanguage[] = ['en', 'zh'];

/** The shared options as commander hands them over. */
export interface SharedOptionTexts {
  runs?: string;
  seed?: string;
  workers?: string;
  set?: string[];
  out?: string;
  json?: boolean;
  quiet?: boolean;
  maxMemory?: string;
  redis?: string;
  queue?: string;
  wide?: boolean;
  unit?: string[];
  lang?: string;
  xlsx?: boolean;
}

/** The shared options read and checked. */
export interface SharedOptions {
  runCount: number | undefined;
  seed: number | undefined;
  /** Worker threads: as asked, at most this machine's parallelism (default all of it). */
  workerCount: number;
  /** `--set name=value` as written, in order (checked against the model where the scenario is read). */
  set: readonly string[];
  out: string | undefined;
  json: boolean;
  quiet: boolean;
  memoryLimitBytes: number;
  /** With `--redis`: the queue whose workers run the shards of runs (queue/); this process keeps the statistics. */
  queue?: QueueAddress | undefined;
  wide: boolean;
  /** `--unit`, in order. */
  units: readonly string[];
  lang: ReportLanguage;
  xlsx: boolean;
}

/** Collect a repeatable option's values. */
export function collectRepeated(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Each shared option's flags and description: the one text every command shows (tests/unit/cli/help-consistency.test.ts checks it). */
export const sharedOptionDefinitions: Record<
  SharedOptionName,
  { flags: string; description: string; repeatable?: true }
> = {
  runs: {
    flags: '--runs <count>',
    description: "number of Monte Carlo runs (default: the scenario's uncertainty.runs)",
  },
  seed: { flags: '--seed <integer>', description: "random seed (default: the scenario's uncertainty.seed)" },
  workers: {
    flags: '--workers <count>',
    description: `worker threads, at most this machine's ${availableParallelism()} cores (default: all of them)`,
  },
  set: {
    flags: '--set <name=value>',
    description: "fix a parameter at a value, over the scenario's set, policies and distributions (repeatable)",
    repeatable: true,
  },
  out: { flags: '--out <dir>', description: 'write the results as files into this folder (made if missing)' },
  json: { flags: '--json', description: 'print the results as JSON instead of tables' },
  quiet: {
    flags: '--quiet',
    description: 'print nothing but errors and warnings (no table, no progress bar); --json still prints its JSON',
  },
  maxMemory: {
    flags: '--max-memory <GB>',
    description:
      "memory for an experiment's runs (default: half of this machine's); run and compare summarise their outputs in passes when the runs do not fit (every pass reruns every run; same numbers), while sensitivity, solve and discover need every run at once and refuse",
  },
  redis: {
    flags: '--redis <url>',
    description:
      'run the runs on the workers of a queue on this Redis (redis://[:password@]host:port; see kechuang worker); --workers threads here compute the statistics',
  },
  queue: { flags: '--queue <name>', description: "with --redis: the queue's name (default: kechuang)" },
  wide: { flags: '--wide', description: 'print every table column at full width, however wide the terminal' },
  unit: {
    flags: '--unit <unit>',
    description:
      "show values in this unit wherever a variable's unit converts to it, e.g. 万亿元 or percent (repeatable; default: each variable's unit as its model file writes it)",
    repeatable: true,
  },
  lang: { flags: '--lang <language>', description: 'language of the HTML report: en or zh (default: en)' },
  xlsx: {
    flags: '--xlsx',
    description: 'with --out: also write the targets and the bands as an Excel workbook (results.xlsx)',
  },
};

/** Add the named shared options to a command, in the order given. */
export function addSharedOptions(command: Command, names: readonly SharedOptionName[]): Command {
  for (const name of names) {
    const { flags, description, repeatable } = sharedOptionDefinitions[name];
    if (repeatable === true) command.option(flags, description, collectRepeated);
    else command.option(flags, description);
  }
  return command;
}

function languageOption(text: string | undefined): ReportLanguage {
  if (text === undefined) return 'en';
  const found = reportLanguages.find((language) => language === text.trim().toLowerCase());
  if (found === undefined)
    throw new InputError(
      `--lang ${text}`,
      messages.notOneOf('--lang', reportLanguages, `'${text}'`, suggestName(text, reportLanguages)),
    );
  return found;
}

/**
 * Read the shared options: `--runs`, `--seed` and `--max-memory` checked (an input error naming the
 * option), `--workers` capped at this machine's parallelism with a warning (more threads than cores
 * only slow a run down).
 */
export function readSharedOptions(texts: SharedOptionTexts, output: CommandOutput): SharedOptions {
  if (texts.xlsx === true && texts.out === undefined) throw new InputError('--xlsx', messages.needsOut('--xlsx'));
  const cores = availableParallelism();
  const asked = integerOption('--workers', texts.workers, 1, 1024);
  if (asked !== undefined && asked > cores) {
    output.err(
      `${renderMessage(messages.workersCapped(asked, cores), `--workers ${texts.workers ?? ''}`, 'warning')}\n`,
    );
  }
  return {
    runCount: integerOption('--runs', texts.runs, 1, 1e9),
    seed: integerOption('--seed', texts.seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
    workerCount: Math.min(asked ?? cores, cores),
    set: texts.set ?? [],
    out: texts.out,
    json: texts.json === true,
    quiet: texts.quiet === true,
    memoryLimitBytes: memoryLimitOption(texts.maxMemory),
    queue: readQueueOption(texts.redis, texts.queue),
    wide: texts.wide === true,
    units: texts.unit ?? [],
    lang: languageOption(texts.lang),
    xlsx: texts.xlsx === true,
  };
}
