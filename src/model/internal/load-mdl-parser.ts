import { createRequire } from 'node:module';
import type { MdlFile } from './mdl-syntax.js';

interface MdlParser {
  parse(text: string): MdlFile;
}

let parser: MdlParser | undefined;

/**
 * The .mdl parser generated from mdl.peggy (see scripts/build-mdl-parser.mjs), loaded the first time an
 * .mdl file is read so that nothing else pays for it.
 */
export function loadMdlParser(): MdlParser {
  parser ??= createRequire(import.meta.url)('./mdl-parser.cjs') as MdlParser;
  return parser;
}
