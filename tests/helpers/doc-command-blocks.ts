import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';

/** A command a page shows, with the lines it shows the command printing (none in a `sh` block). */
export interface ShownCommand {
  command: string;
  shownOutput: string[];
}

/** A fenced block of commands (`sh` or `console`) on a documentation page. */
export interface CommandBlock {
  page: string;
  /** 1-based line of the opening fence. */
  line: number;
  language: string;
  commands: ShownCommand[];
  /** The exit code every command must give: 0 unless an `<!-- exit: N -->` comment says otherwise. */
  expectedExit: number;
  /** Why the block is not run, from an `<!-- not run: reason -->` comment just above it; absent when it runs. */
  notRunReason?: string;
}

/** Something on a page that breaks the rules of command blocks (docs/README.md). */
export interface BlockProblem {
  page: string;
  line: number;
  problem: string;
}

/** A link or image target on a page. */
export interface PageLink {
  page: string;
  line: number;
  target: string;
}

/** Everything the docs test needs from one page. */
export interface PageContents {
  blocks: CommandBlock[];
  problems: BlockProblem[];
  links: PageLink[];
}

const commandLanguages = new Set(['sh', 'console']);
const kechuangCommand = /^(npx )?kechuang( |$)/;
const shellOperator = /[|;&<>`]|\$\(/;
const directive = /^<!--\s*(not run|exit)\b(.*?)-->\s*$/s;

const markdown = new MarkdownIt({ html: true });

/** Read the command blocks, rule breaks and links of one Markdown page. */
export function readPageContents(page: string, text: string): PageContents {
  const tokens = markdown.parse(text, {});
  const contents: PageContents = { blocks: [], problems: [], links: [] };
  tokens.forEach((token, index) => {
    const line = (token.map?.[0] ?? 0) + 1;
    if (token.type === 'inline') collectLinks(page, line, token.children ?? [], contents.links);
    if (token.type !== 'fence') return;
    const language = token.info.trim().split(/\s+/)[0] ?? '';
    if (!commandLanguages.has(language)) {
      const stray = token.content.split('\n').find((row) => kechuangCommand.test(row.replace(/^\$ /, '')));
      if (stray !== undefined)
        contents.problems.push({
          page,
          line,
          problem: `a ${language || 'plain'} block runs '${stray}': mark it sh or console`,
        });
      return;
    }
    const previous = tokens[index - 1];
    const comment = previous?.type === 'html_block' ? directive.exec(previous.content.trim()) : null;
    const block: CommandBlock = {
      page,
      line,
      language,
      commands: language === 'console' ? readConsole(token.content) : readScript(token.content),
      expectedExit: 0,
    };
    if (comment?.[1] === 'not run') {
      const reason = (comment[2] ?? '').replace(/^:/, '').trim();
      if (reason === '')
        contents.problems.push({ page, line, problem: '<!-- not run --> needs a reason after a colon' });
      block.notRunReason = reason;
    } else if (comment?.[1] === 'exit') {
      const code = Number((comment[2] ?? '').replace(/^:/, '').trim());
      if (!Number.isInteger(code)) contents.problems.push({ page, line, problem: `'${comment[0]}' needs an integer` });
      block.expectedExit = code;
    }
    if (block.commands.length === 0)
      contents.problems.push({ page, line, problem: `a ${language} block without commands` });
    if (block.notRunReason === undefined)
      for (const { command } of block.commands) {
        if (!kechuangCommand.test(command))
          contents.problems.push({
            page,
            line,
            problem: `'${command}' does not start with kechuang or npx kechuang: mark the block <!-- not run: reason -->`,
          });
        if (shellOperator.test(command.replace(/'[^']*'|"[^"]*"/g, '').replace(/\s#.*$/, '')))
          contents.problems.push({
            page,
            line,
            problem: `'${command}': one command a line, without pipes or redirections`,
          });
      }
    contents.blocks.push(block);
  });
  return contents;
}

/** A `sh` block: every line that is not blank or a comment is a command. */
function readScript(content: string): ShownCommand[] {
  return content
    .split('\n')
    .map((row) => row.trim())
    .filter((row) => row !== '' && !row.startsWith('#'))
    .map((command) => ({ command, shownOutput: [] }));
}

/** A `console` block: commands after `$ `, each followed by the lines it is shown printing. */
function readConsole(content: string): ShownCommand[] {
  const commands: ShownCommand[] = [];
  for (const row of content.replace(/\n$/, '').split('\n')) {
    if (row.startsWith('$ ')) commands.push({ command: row.slice(2).trim(), shownOutput: [] });
    else commands.at(-1)?.shownOutput.push(row);
  }
  return commands;
}

function collectLinks(page: string, line: number, children: Token[], links: PageLink[]): void {
  for (const child of children) {
    const target =
      child.type === 'link_open' ? child.attrGet('href') : child.type === 'image' ? child.attrGet('src') : null;
    if (target !== null) links.push({ page, line, target: String(target) });
  }
}

/** The cells of each table header (the row under a `┌` border) in printed text, spacing ignored. */
export function tableHeaders(lines: readonly string[]): string[][] {
  const headers: string[][] = [];
  lines.forEach((row, index) => {
    const next = lines[index + 1];
    if (row.trimStart().startsWith('┌') && next !== undefined) headers.push(tableCells(next));
  });
  return headers;
}

/** The trimmed cells of one printed table row. */
export function tableCells(row: string): string[] {
  return row
    .split('│')
    .map((cell) => cell.trim())
    .slice(1, -1);
}
