import { readFileSync } from 'node:fs';

/** Kechuang's version, from its package.json (dist/cli/ and src/cli/ are both two folders below it). */
export const packageVersion = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
