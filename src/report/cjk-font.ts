import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import subsetFont from 'subset-font';
import { embeddedCjkFamily } from './internal/chart-parts.js';

/** The font package whose glyphs a report embeds (an optional dependency), and the font a report names without it. */
const fontPackage = '@fontsource/noto-sans-sc';
export const neededCjkFont = 'Noto Sans SC (or Noto Sans CJK SC)';

/** Han characters, CJK punctuation and full-width forms: what a Latin font lacks. */
const cjkCharacter = /[\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/gu;

/** The CSS that embeds a font, or the font the page needs when it cannot embed one. */
export type CjkFont = { css: string; characters: string } | { needed: string };

/** `U+4e2d-4e2f,U+6587` as code point ranges. */
function parseUnicodeRange(text: string): [number, number][] {
  return text.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    const start = Number.parseInt(from!, 16);
    return [start, to === undefined ? start : Number.parseInt(to, 16)];
  });
}

/**
 * `@font-face` rules embedding, as base64 WOFF2, the glyphs of Noto Sans SC (regular) that `text` uses
 * outside Latin: the font package's files each cover a slice of Unicode, and each slice holding one of
 * the characters is cut down to just those (hb-subset, through subset-font), so the page stays
 * self-contained and small. Undefined CSS (empty) when the text has no such character; the font the
 * page needs when the font package is not installed.
 */
export async function cjkFontCss(text: string): Promise<CjkFont> {
  const characters = [...new Set(text.match(cjkCharacter) ?? [])].sort();
  if (characters.length === 0) return { css: '', characters: '' };
  let folder: string;
  try {
    folder = dirname(createRequire(import.meta.url).resolve(`${fontPackage}/unicode.json`));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return { needed: neededCjkFont };
    throw error;
  }
  const slices = Object.entries(
    JSON.parse(readFileSync(join(folder, 'unicode.json'), 'utf8')) as Record<string, string>,
  );
  const rules: string[] = [];
  const left = new Set(characters);
  for (const [key, range] of slices) {
    const ranges = parseUnicodeRange(range);
    const inSlice = [...left].filter((character) => {
      const point = character.codePointAt(0)!;
      return ranges.some(([start, end]) => point >= start && point <= end);
    });
    if (inSlice.length === 0) continue;
    const index = key.replace(/[[\]]/g, '');
    const font = readFileSync(join(folder, 'files', `noto-sans-sc-${index}-400-normal.woff2`));
    const subset = await subsetFont(font, inSlice.join(''), { targetFormat: 'woff2' });
    const points = inSlice.map((character) => `U+${character.codePointAt(0)!.toString(16)}`).join(',');
    rules.push(
      `@font-face { font-family: '${embeddedCjkFamily}'; font-style: normal; font-weight: 400; src: url(data:font/woff2;base64,${Buffer.from(subset).toString('base64')}) format('woff2'); unicode-range: ${points}; }`,
    );
    for (const character of inSlice) left.delete(character);
  }
  return { css: `${rules.join('\n')}\n`, characters: characters.join('') };
}
