// Bundle the explore page (web/) into dist/web/: one script, one stylesheet (uPlot's with ours), the HTML.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const web = new URL('./', import.meta.url);
const out = new URL('../dist/web/', import.meta.url);
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [new URL('main.ts', web).pathname],
  bundle: true,
  format: 'iife',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  outfile: new URL('explore.js', out).pathname,
  logLevel: 'warning',
});
const uplotStyles = readFileSync(createRequire(import.meta.url).resolve('uplot/dist/uPlot.min.css'), 'utf8');
writeFileSync(new URL('explore.css', out), `${uplotStyles}\n${readFileSync(new URL('explore.css', web), 'utf8')}`);
copyFileSync(new URL('index.html', web), new URL('index.html', out));
