// Generates src/model/internal/mdl-parser.cjs from the grammar mdl.peggy (run by `npm run build`, and
// whenever the grammar changes; tests/unit/model/internal/mdl-parser.test.ts fails when the two differ).
// Generating takes 0.1 to 0.6 s (loaded 2-core machine); loading the generated parser about 3 ms, so the CLI loads the
// generated file, and only when it reads an .mdl file.
import { readFileSync, writeFileSync } from 'node:fs';
import peggy from 'peggy';

const grammar = new URL('../src/model/internal/mdl.peggy', import.meta.url);
const parser = new URL('../src/model/internal/mdl-parser.cjs', import.meta.url);

/** The parser's source for the grammar's text: CommonJS, so that it can be loaded synchronously. */
export function mdlParserSource(text) {
  return `// Generated from mdl.peggy by scripts/build-mdl-parser.mjs: do not edit.\n${peggy.generate(text, {
    output: 'source',
    format: 'commonjs',
    grammarSource: 'mdl.peggy',
  })}`;
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  writeFileSync(parser, mdlParserSource(readFileSync(grammar, 'utf8')));
}
