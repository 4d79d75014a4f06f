import { describe, expect, it } from 'vitest';
import { messages, withArticle } from '../../../src/diagnostics/messages.js';

/** The catalogue's wording choices that depend on their arguments (the fixed texts are asserted where they are shown). */

describe('messages', () => {
  it('withArticle() writes an before a vowel sound written with a vowel, a otherwise', () => {
    expect(withArticle('auxiliary')).toBe('an auxiliary');
    expect(withArticle('Euler step')).toBe('an Euler step');
    expect(withArticle('stock')).toBe('a stock');
  });

  it('unknownField() lists what is allowed, with a did-you-mean only when there is one', () => {
    expect(messages.unknownField('intial', ['initial', 'unit'], 'initial')).toEqual({
      code: 'unknown-field',
      message: "unknown field 'intial'",
      hint: "did you mean 'initial'? allowed here: 'initial', 'unit'",
    });
    expect(messages.unknownField('zzz', ['initial']).hint).toBe("allowed here: 'initial'");
  });

  it('parameterOutOfRange() and rangeBeyondDeclared() write a missing bound as -inf or inf', () => {
    expect(messages.parameterOutOfRange('p', 2, undefined, 1).message).toBe(
      "parameter 'p' = 2 is outside its declared range [-inf, 1]",
    );
    expect(messages.rangeBeyondDeclared('p', 0, undefined).message).toContain('[0, inf]');
  });

  it('stepsNotWhole() hints at dt or at save_every, whichever does not divide', () => {
    expect(messages.stepsNotWhole('stop - start', 10, 0.3, 'dt').hint).toMatch(
      /^choose a dt that divides stop - start/,
    );
    expect(messages.stepsNotWhole('stop - start', 10, 3, 'save_every').hint).toMatch(/so that the stop time is saved$/);
  });

  it('counts runs with thousands separators', () => {
    expect(messages.interrupted(18750, 20000, '/tmp/x', 'kechuang run s.yaml --resume').message).toBe(
      'interrupted: 18,750 of 20,000 runs are saved in /tmp/x',
    );
    expect(messages.nothingToDiscover('target t', 'met', 2000).message).toBe(
      'target t met in all 2,000 runs: nothing to discover',
    );
  });

  it('nothingToDiscover() suggests a harder threshold or --met for a target always met, an easier one for one always missed', () => {
    expect(messages.nothingToDiscover('t', 'met', 5).hint).toContain('--met');
    expect(messages.nothingToDiscover('t', 'missed', 5).hint).toBe('ask about an easier threshold with --threshold');
  });

  it('runFailed() says how many runs failed only when more than one did', () => {
    const one = messages.runFailed(3, 'x', Infinity, 2, 1, 'a=1', 'kechuang run s.yaml --only-run 3');
    const many = messages.runFailed(3, 'x', NaN, 2, 7, 'a=1', 'kechuang run s.yaml --only-run 3');
    expect(one.message).toBe('run 3 gives x = Infinity at time 2; its sampled inputs: a=1');
    expect(many.message).toContain('(7 runs have non-finite values)');
    expect(one.hint).toMatch(/reproduce with: kechuang run s\.yaml --only-run 3$/);
  });

  it('probabilityOutOfRange() reads 2 to 99 as a percentage written by mistake', () => {
    expect(messages.probabilityOutOfRange('90').hint).toBe('probabilities are shares: write 0.9 for 90%');
    expect(messages.probabilityOutOfRange('1.5').hint).toBeUndefined();
    expect(messages.probabilityOutOfRange('150').hint).toBeUndefined();
  });

  it('unknownTarget(), targetNeeded() and unknownLever() list what there is, or say there is none', () => {
    expect(messages.unknownTarget('x', undefined, []).hint).toBe('its targets: none (add targets: to the scenario)');
    expect(messages.targetNeeded(['a', 'b']).hint).toContain("the scenario's targets: 'a', 'b'");
    expect(messages.unknownLever('levr', 'lever', ['lever'], []).hint).toBe(
      "did you mean 'lever'? a lever is a parameter ('lever'); this scenario has no policies to scale (policy:<name>)",
    );
    expect(messages.unknownLever('x', undefined, ['a'], ['rate']).hint).toBe(
      "a lever is a parameter ('a') or a policy's scale ('rate')",
    );
  });

  it('solveInterrupted() agrees in number', () => {
    expect(messages.solveInterrupted(1).message).toBe('interrupted after 1 finished trial; solve keeps no runs');
    expect(messages.solveInterrupted(0).message).toBe('interrupted after 0 finished trials; solve keeps no runs');
  });

  it('yearNotSaved() lists the saved times, or the one saved time', () => {
    expect(messages.yearNotSaved(2050, 2020, 0.1, 2040).hint).toBe(
      'the model saves start + k * save_every up to stop: 2020, 2020.1, ..., 2040',
    );
    expect(messages.yearNotSaved(2050, 2020, 1, 2020).hint).toBe('the model saves only its start time, 2020');
  });

  it('referencedFileUnreadable() names the model or the extended scenario', () => {
    expect(messages.referencedFileUnreadable('model', 'm.yaml', 'no such file').message).toBe(
      "cannot read the model file 'm.yaml': no such file",
    );
    expect(messages.referencedFileUnreadable('extends', 'b.yaml', 'no such file').message).toContain(
      'extended scenario file',
    );
  });

  it('yamlTooDeep() gives the limits when it knows them', () => {
    expect(messages.yamlTooDeep().message).toBe('YAML syntax error: lists or mappings are nested too deeply to read');
    expect(messages.yamlTooDeep(256, 512).message).toContain(
      '(at most 256 open [ or { and 512 columns of indentation)',
    );
  });

  it('every builder gives a kebab-case code and a message that does not end in a full stop', () => {
    const zeroArgument = Object.entries(messages).filter(([, builder]) => builder.length === 0);
    expect(zeroArgument.length).toBeGreaterThan(3);
    for (const [name, builder] of zeroArgument) {
      const message = (builder as () => { code: string; message: string })();
      expect(message.code, name).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(message.message, name).not.toMatch(/\.$/);
    }
  });
});
