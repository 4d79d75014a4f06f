import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandOutput } from '../../src/cli/output.js';
import { runCli } from '../../src/cli/run-cli.js';

/**
 * Malformed Vensim .mdl files, each made from a valid model by one change a hand or a tool makes:
 * `simulate` exits 2 with a message naming the file, line and column of the problem, and no stack.
 */
const valid = [
  '{UTF-8}',
  'Stock = INTEG(inflow - outflow, 100) ~ people ~ |',
  'inflow = Stock * rate ~ people/Month ~ |',
  'outflow = Stock / lifetime ~ people/Month ~ |',
  'rate = 0.05 ~ 1/Month ~ |',
  'lifetime = 20 ~ Month ~ |',
  'INITIAL TIME = 0 ~ Month ~ |',
  'FINAL TIME = 10 ~ Month ~ |',
  'TIME STEP = 1 ~ Month ~ |',
  'SAVEPER = 1 ~ Month ~ |',
];

/** Replace line `line` (from 1) of the valid model, or add lines at its end. */
const edit = (line: number, text: string): string =>
  valid.map((original, index) => (index === line - 1 ? text : original)).join('\n');
const add = (...lines: string[]): string => [...valid, ...lines].join('\n');

/** Each case: the file's text and the line:column the message must name. */
const cases: { name: string; text: string; at: string }[] = [
  { name: 'an equation cut short', text: edit(3, 'inflow = Stock * ~ people/Month ~ |'), at: '3:18' },
  { name: 'a missing | at the end', text: edit(10, 'SAVEPER = 1 ~ Month ~'), at: '10:22' },
  { name: 'an unbalanced parenthesis', text: edit(2, 'Stock = INTEG(inflow - outflow, 100 ~ people ~ |'), at: '2:37' },
  { name: 'an unknown function', text: edit(3, 'inflow = FOO(Stock) ~ people/Month ~ |'), at: '3:10' },
  { name: 'an unknown variable', text: edit(3, 'inflow = Stock * rat ~ people/Month ~ |'), at: '3:18' },
  { name: 'a wrong argument count', text: edit(3, 'inflow = STEP(1) ~ people/Month ~ |'), at: '3:10' },
  { name: 'a subscript with no range', text: add('x[nowhere] = 1 ~~|'), at: '11:3' },
  { name: 'more constants than elements', text: add('d: a, b ~~|', 'x[d] = 1, 2, 3 ~~|'), at: '12:1' },
  {
    name: 'a macro calling itself',
    text: add(':MACRO: twice(a)', 'twice = twice(a) ~~|', ':END OF MACRO:', 'y = twice(1) ~~|'),
    at: '12:9',
  },
  { name: 'SAMPLE IF TRUE', text: add('y = SAMPLE IF TRUE(Time > 2, Stock, 0) ~~|'), at: '11:5' },
  { name: ':EXCEPT:', text: add('d: a, b ~~|', 'x[d] :EXCEPT: [a] = 1 ~~|'), at: '12:1' },
  { name: 'a data variable without equation', text: add('y ~ people ~ |'), at: '11:1' },
  { name: 'INTEG inside an expression', text: add('y = 1 + INTEG(1, 2) ~~|'), at: '11:9' },
  { name: 'FINAL TIME missing', text: valid.filter((line) => !line.startsWith('FINAL')).join('\n'), at: '1:1' },
  { name: 'INITIAL TIME an equation', text: edit(7, 'INITIAL TIME = rate * 2 ~ Month ~ |'), at: '7:1' },
  { name: 'a lookup with no points', text: add('tab( [(0,0)-(1,1)] ) ~~|'), at: '11:1' },
  { name: 'WITH LOOKUP without a table', text: add('y = WITH LOOKUP(Time, 3) ~~|'), at: '11:5' },
  { name: 'a lookup and an equation of one name', text: add('tab( (0,0), (1,1) ) ~~|', 'tab = 3 ~~|'), at: '12:1' },
  { name: 'an unclosed quote', text: add('"y = 1 ~~|'), at: '11:1' },
  { name: 'a malformed number', text: edit(5, 'rate = 1.2.3 ~ 1/Month ~ |'), at: '5:11' },
  { name: 'an operator with no operand', text: edit(5, 'rate = 1 + ~ 1/Month ~ |'), at: '5:12' },
  { name: ':AND: with nothing before it', text: edit(5, 'rate = :AND: 1 ~ 1/Month ~ |'), at: '5:14' },
  { name: 'a reality check', text: add('check :THE CONDITION: Stock > 0 :IMPLIES: rate > 0 ~~|'), at: '11:21' },
  { name: 'a circular definition', text: add('a = b ~~|', 'b = a ~~|'), at: '11:1' },
  {
    name: 'an unknown subscript in a reference',
    text: add('d: p, q ~~|', 'x[d] = 1 ~~|', 'y[d] = x[e] ~~|'),
    at: '13:10',
  },
  { name: 'ranges containing each other', text: add('d: e ~~|', 'e: d ~~|'), at: '11:1' },
  { name: 'an element sequence without numbers', text: add('d: (a1-b3) ~~|'), at: '11:4' },
  { name: 'ACTIVE INITIAL', text: add('y = ACTIVE INITIAL(Stock, 1) ~~|'), at: '11:5' },
  { name: 'a lookup called with two arguments', text: add('tab( (0,0), (1,1) ) ~~|', 'y = tab(1, 2) ~~|'), at: '12:5' },
  { name: 'SAVEPER not a multiple of TIME STEP', text: edit(10, 'SAVEPER = 0.3 ~ Month ~ |'), at: '10:1' },
  { name: 'DELAY N of an order that is a variable', text: add('y = DELAY N(Stock, 2, 0, rate) ~~|'), at: '11:5' },
  { name: 'a lookup read as a value', text: add('tab( (0,0), (1,1) ) ~~|', 'y = tab * 2 ~~|'), at: '12:5' },
];

const scratch = mkdtempSync(join(tmpdir(), 'kechuang-mdl-'));

async function simulate(file: string): Promise<{ status: number; stderr: string }> {
  let stderr = '';
  const output: CommandOutput = { out: () => undefined, err: (text) => void (stderr += text), width: 120 };
  const status = await runCli(['simulate', file], output);
  return { status, stderr };
}

describe('malformed .mdl files exit 2 naming file:line:column', () => {
  it('the valid model runs', async () => {
    const file = join(scratch, 'valid.mdl');
    writeFileSync(file, valid.join('\n'));
    expect((await simulate(file)).status).toBe(0);
  });
  it('has at least 30 cases', () => expect(cases.length).toBeGreaterThanOrEqual(30));
  cases.forEach(({ name, text, at }, index) => {
    it(name, async () => {
      const file = join(scratch, `case-${index}.mdl`);
      writeFileSync(file, text);
      const { status, stderr } = await simulate(file);
      expect(status, stderr).toBe(2);
      expect(stderr.replaceAll(file, 'FILE')).toContain(`FILE:${at}`);
      expect(stderr).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/);
    });
  });
});
