import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, statSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pLimit from 'p-limit';
import { afterAll, describe, expect, it } from 'vitest';
import { readPageContents, tableCells, tableHeaders } from '../helpers/doc-command-blocks.js';
import type { CommandBlock, PageContents } from '../helpers/doc-command-blocks.js';

/*
 * Runs every command block of the README and docs/ (the rules are in docs/README.md), so the pages
 * cannot drift from the code. Each block runs in its own scratch copy of the folders commands read.
 * Starting the CLI costs more than most documented commands, so the commands run in two long-lived
 * Node processes (tests/helpers/doc-command-runner.mjs) that load the built CLI once and call its
 * runCli, as dist/cli/main.js does; the end-to-end tests cover what only a fresh process shows.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const runner = join(root, 'tests/helpers/doc-command-runner.mjs');
const copiedFolders = ['models', 'scenarios', 'bench', 'docs/examples', 'tests/fixtures', 'tests/golden/fixtures'];
const laneCount = 2;

const pages = [
  'README.md',
  ...readdirSync(join(root, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.md'))
    .map((path) => join('docs', path))
    .sort(),
];
const contents = new Map<string, PageContents>(
  pages.map((page) => [page, readPageContents(page, readFileSync(join(root, page), 'utf8'))]),
);
const blocks = [...contents.values()].flatMap((page) => page.blocks);
const runnable = blocks.filter((block) => block.notRunReason === undefined);

const scratch = mkdtempSync(join(tmpdir(), 'kechuang-docs-'));

/** One command as the runner ran it. */
interface CommandRun {
  command: string;
  status: number | null;
  output: string;
  seconds: number;
}

/** A runner process and what it has printed to stderr (shown if it dies). */
interface Lane {
  child: ChildProcess;
  stderr: string;
}

const idleLanes: Lane[] = Array.from({ length: laneCount }, () => {
  const lane: Lane = { child: fork(runner, [], { cwd: root, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] }), stderr: '' };
  lane.child.stderr?.on('data', (chunk: Buffer) => (lane.stderr += chunk.toString()));
  return lane;
});
const allLanes = [...idleLanes];
afterAll(() => {
  for (const lane of allLanes) lane.child.kill();
  rmSync(scratch, { recursive: true, force: true });
});

/** Send a block to a lane and wait for its runs (or for the lane to die, which fails the block). */
function runOnLane(lane: Lane, cwd: string, block: CommandBlock): Promise<CommandRun[]> {
  return new Promise((resolvePromise, reject) => {
    const onExit = (code: number | null): void => reject(new Error(`the runner exited (${code}):\n${lane.stderr}`));
    lane.child.once('exit', onExit);
    lane.child.once('message', (runs: CommandRun[]) => {
      lane.child.off('exit', onExit);
      resolvePromise(runs);
    });
    lane.child.send({ cwd, commands: block.commands.map(({ command }) => command) });
  });
}

/** Run a block's commands in order, in a fresh copy of the folders they read, on an idle lane. */
async function runBlock(block: CommandBlock, blockIndex: number): Promise<CommandRun[]> {
  const cwd = join(scratch, `block-${blockIndex}`);
  for (const folder of copiedFolders) cpSync(join(root, folder), join(cwd, folder), { recursive: true });
  const lane = idleLanes.pop()!;
  try {
    return await runOnLane(lane, cwd, block);
  } finally {
    idleLanes.push(lane);
  }
}

// Started at once, one block per lane at a time; each test below awaits its own block. Blocks showing the
// same commands start from the same files, so they run once.
const limit = pLimit(laneCount);
const runsByCommands = new Map<string, Promise<CommandRun[]>>();
const results = new Map(
  runnable.map((block, index) => {
    const key = block.commands.map(({ command }) => command.replace(/\s+#.*$/, '')).join('\n');
    if (!runsByCommands.has(key))
      runsByCommands.set(
        key,
        limit(() => runBlock(block, index)),
      );
    return [block, runsByCommands.get(key)!];
  }),
);

const where = (block: CommandBlock): string => `${block.page}:${block.line}`;

describe('command blocks of the README and docs/', () => {
  it('every page follows the rules of command blocks', () => {
    const problems = [...contents.values()].flatMap((page) => page.problems);
    expect(problems.map(({ page, line, problem }) => `${page}:${line}: ${problem}`)).toEqual([]);
    expect(runnable.length).toBeGreaterThanOrEqual(15);
  });

  it('lists the blocks not run, each with its reason', () => {
    const notRun = blocks.filter((block) => block.notRunReason !== undefined);
    for (const block of notRun) expect(block.notRunReason, where(block)).not.toBe('');
    console.log(
      `docs: ${runnable.length} command blocks run, ${notRun.length} not run:\n` +
        notRun.map((block) => `  ${where(block)}: ${block.notRunReason}`).join('\n'),
    );
  });

  for (const block of runnable) {
    const shown = block.commands.map(({ command }) => command).join('; ');
    it(`${where(block)} ${shown.length > 100 ? `${shown.slice(0, 97)}...` : shown}`, async () => {
      const runs = await results.get(block)!;
      runs.forEach((run, index) => {
        const context = `${where(block)} $ ${run.command}\n${run.output.slice(-3000)}`;
        expect(run.status, context).toBe(block.expectedExit);
        const printed = run.output.split('\n').map(tableCells);
        for (const header of tableHeaders(block.commands[index]!.shownOutput))
          expect(printed, `${context}\nthe table header shown: ${header.join(' | ')}`).toContainEqual(header);
      });
    });
  }
});

describe('the README and docs/ as pages', () => {
  it('README.md is at most 12 KB: the quickstart, the commands and links; the manual is in docs/', () => {
    expect(statSync(join(root, 'README.md')).size).toBeLessThanOrEqual(12 * 1024);
  });

  it('every link and image points at a file in the repository or at a web address', () => {
    const broken: string[] = [];
    for (const { page, line, target } of [...contents.values()].flatMap((page) => page.links)) {
      if (/^https?:\/\//.test(target)) continue;
      const path = resolve(root, dirname(page), decodeURIComponent(target.replace(/#.*$/, '')));
      if (relative(root, path).startsWith('..') || !existsSync(path)) broken.push(`${page}:${line}: ${target}`);
    }
    expect(broken).toEqual([]);
  });
});
