import { afterEach, describe, expect, it, vi } from 'vitest';
import { processOutput } from '../../../src/cli/output.js';

const stdoutIsTty = process.stdout.isTTY;
afterEach(() => {
  vi.restoreAllMocks();
  process.stdout.isTTY = stdoutIsTty;
});

describe('processOutput (issue 21, problem 17)', () => {
  const hostile = 'doc: \u001b[2J\u001b]0;owned\u0007cleared\r\u202eright-to-left\n';

  it('writes no terminal control characters from a file to stderr', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    processOutput.err(hostile);
    expect(write).toHaveBeenCalledWith('doc: [2J]0;ownedclearedright-to-left\n');
  });

  it('writes none to stdout on a terminal, and results piped into a file unchanged', () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    process.stdout.isTTY = true;
    processOutput.out(hostile);
    process.stdout.isTTY = false;
    processOutput.out(hostile);
    expect(write.mock.calls.map(([text]) => text)).toEqual(['doc: [2J]0;ownedclearedright-to-left\n', hostile]);
  });
});
