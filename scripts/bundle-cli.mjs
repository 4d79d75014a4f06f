// Bundle the command line (`npm run build` runs this after tsc, so `npm ci`'s prepare step does too).
//
// Node resolves and compiles each ES module file on its own: the CLI's own 150 files and the 1,250
// of mathjs took most of a second before `kechuang --version` printed. esbuild puts the CLI into
// dist/cli/main.js and the worker thread into dist/cli/shard-worker.js, each command and the engine
// behind it into chunks beside them that load only when a command runs (see
// src/cli/command-catalogue.ts), with source maps, so a stack trace still names the TypeScript line.
// piscina stays in node_modules (it starts its threads from its own files), and so do vega and
// vega-lite (loaded by the HTML reports only). dist/cli/bundle-meta.json says which source files
// each output file holds (tests/e2e/startup.test.ts reads it).
import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const outdir = 'dist/cli';
// Chunks of an earlier build have other hashes: remove them so none is left behind.
for (const name of readdirSync(outdir, { withFileTypes: true }))
  if (name.isFile() && /^chunk-[A-Z0-9]+\.js(\.map)?$/.test(name.name)) rmSync(join(outdir, name.name));

// The Vensim parser generated from mdl.peggy stays a file of its own, required the first time an .mdl
// is read (src/model/internal/load-mdl-parser.ts), relative to the chunk that asks for it.
copyFileSync('src/model/internal/mdl-parser.cjs', join(outdir, 'mdl-parser.cjs'));

await build({
  entryPoints: { main: 'src/cli/main.ts', 'shard-worker': 'src/parallel/shard-worker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Chunks beside the entries: package-version.ts reads ../../package.json and shard-executor.ts
  // starts ./shard-worker.js, both relative to the file their code ends up in.
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  sourcemap: 'linked',
  external: ['piscina', 'vega', 'vega-lite'],
  // CommonJS packages inside an ES module bundle still call require() for Node's own modules, and read
  // __filename (write-file-atomic names its temporary files from it).
  banner: {
    js: [
      "import { createRequire as createRequireForBundle } from 'node:module';",
      "import { fileURLToPath as fileURLToPathForBundle } from 'node:url';",
      "import { dirname as dirnameForBundle } from 'node:path';",
      'const require = createRequireForBundle(import.meta.url);',
      'const __filename = fileURLToPathForBundle(import.meta.url);',
      'const __dirname = dirnameForBundle(__filename);',
    ].join(' '),
  },
  minifyWhitespace: true,
  minifySyntax: true,
  metafile: true,
  logLevel: 'warning',
}).then(async ({ metafile }) => {
  const { writeFile } = await import('node:fs/promises');
  const outputs = Object.fromEntries(
    Object.entries(metafile.outputs)
      .filter(([file]) => file.endsWith('.js'))
      .map(([file, output]) => [file, Object.keys(output.inputs)]),
  );
  await writeFile(join(outdir, 'bundle-meta.json'), `${JSON.stringify(outputs, null, 1)}\n`);
});
