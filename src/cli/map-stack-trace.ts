import { existsSync, readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { fileURLToPath } from 'node:url';

/** A stack frame's place: `file:///…/chunk-X.js:12:34` (in parentheses or after `at `). */
const framePlace = /(file:\/\/[^\s()]+\.js):(\d+):(\d+)/g;

/**
 * A stack trace with each place in a bundled file (dist/cli/) replaced by the TypeScript file, line
 * and column its source map gives. The maps are read only here, when an internal error is printed:
 * turning source maps on for every run (`--enable-source-maps`) would cost every start-up the time to
 * read and index them. Places without a map, or outside it, are left as they were.
 */
export function mapStackTrace(stack: string): string {
  const maps = new Map<string, SourceMap | undefined>();
  const mapOf = (url: string): SourceMap | undefined => {
    if (!maps.has(url)) {
      const file = `${fileURLToPath(url)}.map`;
      maps.set(
        url,
        existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, 'utf8')) as SourceMapPayload) : undefined,
      );
    }
    return maps.get(url);
  };
  return stack.replace(framePlace, (place: string, url: string, line: string, column: string) => {
    const origin = mapOf(url)?.findOrigin(Number(line), Number(column));
    if (origin === undefined || !('fileName' in origin)) return place;
    const source = new URL(origin.fileName, url);
    return `${source.protocol === 'file:' ? fileURLToPath(source) : origin.fileName}:${origin.lineNumber}:${origin.columnNumber}`;
  });
}
