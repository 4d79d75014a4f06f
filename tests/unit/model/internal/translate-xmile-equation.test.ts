import { describe, expect, it } from 'vitest';
import { messages } from '../../../../src/diagnostics/messages.js';
import { canonicalName, createIdentifierAllocator, displayName } from '../../../../src/model/internal/xmile-names.js';
import {
  translateXmileEquation,
  type XmileNameScope,
} from '../../../../src/model/internal/translate-xmile-equation.js';

const scope: XmileNameScope = {
  canonical: canonicalName,
  variable: (canonical) =>
    new Map([
      ['total population', 'total_population'],
      ['rate', 'rate'],
      ['a b', 'a_b'],
    ]).get(canonical),
  lookup: (canonical) => (canonical === 'effect table' ? 'effect_table' : undefined),
  suggest: () => undefined,
  start: 2000,
  stop: 2030,
};

const translate = (text: string): string => {
  const translated = translateXmileEquation(text, scope);
  if (!translated.ok) throw new Error(translated.message.message);
  return translated.text;
};

describe('translateXmileEquation()', () => {
  it('turns names into identifiers, bare with _ or quoted, in any case', () => {
    expect(translate('Total_Population * RATE + "a b" - "TOTAL population"')).toBe(
      'total_population * rate + a_b - total_population',
    );
  });

  it('turns IF THEN ELSE into a conditional that ends where its ELSE branch ends', () => {
    expect(translate('IF rate > 1 THEN 2 ELSE IF rate = 0 THEN 3 ELSE 4')).toBe(
      '((rate > 1) ? (2) : (((rate == 0) ? (3) : (4))))',
    );
    expect(translate('MAX(IF rate <> 1 THEN 2 ELSE 3, 1) * 2')).toBe('max(((rate != 1) ? (2) : (3)), 1) * 2');
  });

  it('maps XMILE function names, graphical functions, PI, TIME, STARTTIME and STOPTIME', () => {
    expect(
      translate('SMTH1(rate, 2) + Effect_Table(TIME) + pi() + PI + STARTTIME + stoptime + ARCTAN(INT(rate))'),
    ).toBe('smooth(rate, 2) + effect_table(time) + pi + pi + (2000) + (2030) + atan(floor(rate))');
    expect(translate('PULSE(10, 3, 2) + DELAY(rate, 1) + TREND(rate, 4)')).toBe(
      'impulse(10, 3, 2) + delay_fixed(rate, 1) + trend_of(rate, 4)',
    );
  });

  it('keeps signs on their numbers and drops {comments}', () => {
    expect(translate('-2^2 {Vensim: -4} * (-rate)')).toBe('-2 ^ 2 * (-rate)');
    expect(translate('IF NOT -rate THEN -1 ELSE +1')).toBe('((not -rate) ? (-1) : (+1))');
  });

  it('reports what it cannot translate', () => {
    const problem = (text: string): string | undefined => {
      const translated = translateXmileEquation(text, scope);
      return translated.ok ? undefined : translated.message.message;
    };
    expect(problem('rate[1]')).toBe(messages.notAnArray('rate').message);
    expect(problem('sector.rate')).toBe(messages.unknownVariable('sector.rate', undefined).message);
    expect(problem('HISTORY(rate, 1)')).toBe(messages.xmileUnsupportedFunction('HISTORY', []).message);
    expect(problem('rate(1)')).toBe(messages.xmileNotCallable('rate').message);
    expect(problem('effect_table + 1')).toBe(
      messages.invalidValue("the graphical function 'effect_table' must be called: effect_table(x)").message,
    );
    expect(problem('nobody + 1')).toBe(messages.unknownVariable('nobody', undefined).message);
    expect(problem('(rate')).toBe(messages.equationSyntax('a ( is not closed').message);
    expect(problem('rate)')).toBe(messages.equationSyntax('a ) has no matching (').message);
    expect(problem('"rate')).toBe(messages.equationSyntax('a quoted name is not closed').message);
    expect(problem('rate # 2')).toBe(messages.equationSyntax("unexpected character '#'").message);
  });
});

describe('XMILE names', () => {
  it('canonicalName() ignores case, treats _, newlines and \\n as spaces, and collapses spacing', () => {
    expect(canonicalName('  Total_Population\\n of\n\tCHINA  ')).toBe('total population of china');
  });

  it('displayName() keeps the written name on one line', () => {
    expect(displayName('Stock with \\n Newline\r\n  Character')).toBe('Stock with Newline Character');
  });

  it('createIdentifierAllocator() gives distinct identifiers that are valid, unreserved names', () => {
    const allocate = createIdentifierAllocator();
    expect(
      [
        'total population',
        'total-population',
        '2nd stage',
        'time',
        'max',
        '$!',
        'flow w/ division',
        '人口 增长',
        'café',
      ].map(allocate),
    ).toEqual([
      'total_population',
      'total_population_2',
      '_2nd_stage',
      'time_2',
      'max_2',
      '_',
      'flow_w_division',
      'u4eba_u53e3_u589e_u957f',
      'caf_ue9',
    ]);
  });
});
