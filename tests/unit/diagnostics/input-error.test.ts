import { describe, expect, it } from 'vitest';
import { InputError, renderMessage } from '../../../src/diagnostics/input-error.js';
import { messages } from '../../../src/diagnostics/messages.js';

describe('renderMessage()', () => {
  it('writes severity, code, subject and message on one line, then the hint indented', () => {
    expect(renderMessage(messages.checkpointExists('out/.checkpoint'), '--out out')).toBe(
      'error [checkpoint-exists] --out out: out/.checkpoint holds the saved runs of an unfinished run\n' +
        '  hint: add --resume to continue it, or remove that folder to start again',
    );
  });

  it('leaves out a missing subject or hint, and writes warnings and notes as such', () => {
    expect(renderMessage(messages.notPositive())).toBe('error [invalid-value] expected a positive number');
    expect(renderMessage(messages.nothingToResume('d'), 's.yaml', 'note')).toBe(
      'note [interrupted] s.yaml: nothing to resume in d; starting from the first run',
    );
    expect(renderMessage(messages.notPositive(), '--max-memory 0', 'warning')).toMatch(
      /^warning \[invalid-value\] --max-memory 0: /,
    );
  });
});

describe('InputError', () => {
  it('keeps what was typed and the message, and renders as the command line prints it, without a stack', () => {
    const error = new InputError('--runs 0', messages.notInteger('a whole number from 1 to 10', '0'));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('InputError');
    expect(error.option).toBe('--runs 0');
    expect(error.message).toBe("expected a whole number from 1 to 10, found '0'");
    expect(error.render()).toBe("error [invalid-value] --runs 0: expected a whole number from 1 to 10, found '0'");
    expect(error.render()).not.toMatch(/\n\s+at /);
  });
});
